import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { op } from '../support/operations.js';
import { attend, expectRefused, ok, openCentre, refusal, scheduleWorkshop, useServer } from '../field/helpers.js';
import type { TestServer } from '../support/server.js';
import { peopleOp } from './support.js';

const register = (server: TestServer, input: Record<string, unknown>, token?: string) =>
  server.gql(op('RegisterParticipant'), { input: { sex: 'FEMALE', birthYear: 2015, group: 'RETURNEE', ...input } }, token ? { token } : {});

const summaryQuery = `query($asOf: DateTime) {
  summary(asOf: $asOf) { attendances uniqueParticipants uniqueParticipantsBySex { female male other } uniqueReturnees }
  bySex: breakdown(by: [SEX], asOf: $asOf) { uniqueParticipants attendances }
  byKind: breakdown(by: [KIND], asOf: $asOf) { uniqueParticipants attendances }
}`;

describe('finding the same person', () => {
  const server = useServer();

  it('lists a child written in Cyrillic under Latin names at another centre, with code, centre and birth year but not the names', async () => {
    const [a, b] = [await openCentre(server()), await openCentre(server())];
    const amela = ok(await register(server(), { centreId: a, givenName: 'Amela', familyName: 'Hodžić' })).registerParticipant.participant;
    const staffB = await server().tokenFor({ role: 'staff', centreIds: [b] });

    const found = await server().gql(peopleOp('SimilarParticipants'), { givenName: 'Амела', familyName: 'Хоџић', birthYear: 2016, centreId: b }, { token: staffB });
    expect(found.body.errors).toBeUndefined();
    expect(found.body.data.similarParticipants).toEqual([{ participant: { id: amela.id, code: amela.code, centre: { id: a, name: expect.any(String) }, birthYear: 2015 }, score: 0.95 }]);
    const names = await server().gql(`query { similarParticipants(givenName: "Amela", familyName: "Hodzic", centreId: "${b}") { participant { givenName } } }`, {}, { token: staffB });
    expect(names.body.data.similarParticipants[0].participant.givenName).toBeNull();
    expect(names.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    expect(refusal(await server().gql(peopleOp('SimilarParticipants'), { givenName: 'Amela', familyName: 'Hodžić', centreId: a }, { token: staffB })).code).toBe('FORBIDDEN');
    const coordinator = await server().tokenFor({ role: 'coordinator' });
    expect(refusal(await server().gql(peopleOp('SimilarParticipants'), { givenName: 'Amela', familyName: 'Hodžić' }, { token: coordinator })).code).toBe('FORBIDDEN');
    const otherFamily = await server().gql(peopleOp('SimilarParticipants'), { givenName: 'Amela', familyName: 'Hadžiomerović', birthYear: 2015, centreId: b }, { token: staffB });
    expect(otherFamily.body.data.similarParticipants).toEqual([]);
    const threeYearsOff = await server().gql(peopleOp('SimilarParticipants'), { givenName: 'Amela', familyName: 'Hodžić', birthYear: 2018 });
    expect(threeYearsOff.body.data.similarParticipants).toEqual([]);
  });

  it('refuses a second registration of the same child until the match is acknowledged', async () => {
    const centreId = await openCentre(server());
    const first = ok(await register(server(), { centreId, givenName: 'Đorđe', familyName: 'Đorđević', sex: 'MALE', birthYear: 2014 })).registerParticipant.participant;

    const before = server().eventCount();
    const again = await register(server(), { centreId, givenName: 'Djordje', familyName: 'Djordjevic', sex: 'MALE', birthYear: 2014 });
    expect(again.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', duplicates: [first.id] });
    expect(server().eventCount()).toBe(before);

    const acknowledged = await register(server(), { centreId, givenName: 'Djordje', familyName: 'Djordjevic', sex: 'MALE', birthYear: 2014, acknowledgedDuplicates: [first.id] });
    expect(acknowledged.body.errors).toBeUndefined();
  });
});

describe('merging two records of one person', () => {
  const server = useServer();

  it('counts the pair as one person from the merge on, keeps the figures of before as of then, and unmerging restores them, also after a rebuild', async () => {
    const s = server();
    const centreId = await openCentre(s);
    const kept = ok(await register(s, { centreId, givenName: 'Amela', familyName: 'Hodžić' })).registerParticipant.participant;
    const duplicate = ok(await register(s, { centreId, givenName: 'Amela', familyName: 'Hodzic', acknowledgedDuplicates: [kept.id] })).registerParticipant.participant;
    const boy = ok(await register(s, { centreId, givenName: 'Nikola', familyName: 'Petrović', sex: 'MALE' })).registerParticipant.participant;
    const w1 = await scheduleWorkshop(s, { centreId, startsAt: '2025-03-10T16:00:00+01:00' });
    const w2 = await scheduleWorkshop(s, { centreId, startsAt: '2025-03-12T16:00:00+01:00', kind: 'SCHOOL_SUPPORT' });
    await attend(s, w1, [kept.id, boy.id]);
    await attend(s, w2, [duplicate.id]);

    const before = ok(await s.gql(summaryQuery, {}));
    expect(before.summary.uniqueParticipants).toBe(3);
    const listed = ok(await s.gql(`query($c: ID) { possibleDuplicates(centreId: $c) { participant { id } other { id } score } }`, { c: centreId }));
    expect(listed.possibleDuplicates).toEqual([{ participant: { id: expect.any(String) }, other: { id: expect.any(String) }, score: 1 }]);
    expect([listed.possibleDuplicates[0].participant.id, listed.possibleDuplicates[0].other.id].sort()).toEqual([kept.id, duplicate.id].sort());
    const beforeMerge = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));

    const merged = ok(await s.gql(peopleOp('MergeParticipants'), { input: { keepId: kept.id, duplicateId: duplicate.id, reason: 'same child, registered twice' } }));
    expect(merged.mergeParticipants.participant).toEqual({ id: kept.id, code: kept.code, mergedCodes: [duplicate.code] });

    const after = ok(await s.gql(summaryQuery, {}));
    expect(after.summary).toMatchObject({ attendances: 3, uniqueParticipants: 2, uniqueParticipantsBySex: { female: 1, male: 1, other: 0 }, uniqueReturnees: 2 });
    for (const cells of [after.bySex, after.byKind]) {
      expect(cells.reduce((sum: number, c: { attendances: number }) => sum + c.attendances, 0)).toBe(3);
    }
    expect(after.bySex.reduce((sum: number, c: { uniqueParticipants: number }) => sum + c.uniqueParticipants, 0)).toBe(2);
    expect(ok(await s.gql(summaryQuery, { asOf: beforeMerge }))).toEqual(before);
    expect(ok(await s.gql(summaryQuery, { asOf: new Date().toISOString() })).summary).toEqual(after.summary);

    const asDuplicate = ok(await s.gql(peopleOp('ParticipantAfterMerge'), { id: duplicate.id }));
    expect(asDuplicate.participant).toEqual({ id: duplicate.id, code: duplicate.code, mergedInto: { id: kept.id, code: kept.code }, participation: { sessionsAttended: 2 } });
    const asKept = ok(await s.gql(peopleOp('ParticipantAfterMerge'), { id: kept.id }));
    expect(asKept.participant.participation.sessionsAttended).toBe(2);

    const csv = await (await fetch(`${s.origin}/exports/attendance.csv`, { headers: { authorization: `Bearer ${s.token}` } })).text();
    expect(csv.split(kept.code).length - 1).toBe(2);
    expect(csv).not.toContain(duplicate.code);
    const pairs = ok(await s.gql(`query($c: ID) { possibleDuplicates(centreId: $c) { participant { id } other { id } score } }`, { c: centreId }));
    expect(pairs.possibleDuplicates).toEqual([]);

    await s.restart({ whileStopped: () => ['views.db', 'views.db-wal', 'views.db-shm'].forEach((file) => rmSync(join(s.dataDir, file), { force: true })) });
    expect(ok(await s.gql(summaryQuery, {}))).toEqual(after);
    expect(ok(await s.gql(summaryQuery, { asOf: beforeMerge }))).toEqual(before);

    const unmerged = ok(await s.gql(peopleOp('UnmergeParticipant'), { input: { participantId: duplicate.id, reason: 'twins, not one child' } }));
    expect(unmerged.unmergeParticipant.participant).toEqual({ id: duplicate.id, code: duplicate.code, mergedCodes: [] });
    expect(ok(await s.gql(summaryQuery, {}))).toEqual(before);
    expect(ok(await s.gql(peopleOp('ParticipantAfterMerge'), { id: duplicate.id })).participant.mergedInto).toBeNull();
  });

  it('lets staff merge two of their own centre, not one of another centre, and never a merge into a merged one', async () => {
    const s = server();
    const [a, b] = [await openCentre(s), await openCentre(s)];
    const one = ok(await register(s, { centreId: a, givenName: 'Lejla', familyName: 'Mujić' })).registerParticipant.participant;
    const two = ok(await register(s, { centreId: a, givenName: 'Lejla', familyName: 'Mujic', acknowledgedDuplicates: [one.id] })).registerParticipant.participant;
    const elsewhere = ok(await register(s, { centreId: b, givenName: 'Lejla', familyName: 'Mujić', acknowledgedDuplicates: [one.id, two.id] })).registerParticipant.participant;
    const staffA = await s.tokenFor({ role: 'staff', centreIds: [a] });
    const merge = (keepId: string, duplicateId: string, token?: string) =>
      s.gql(peopleOp('MergeParticipants'), { input: { keepId, duplicateId, reason: 'same girl' } }, token ? { token } : {});

    await expectRefused(s, () => merge(one.id, elsewhere.id, staffA), 'FORBIDDEN');
    await expectRefused(s, () => merge(elsewhere.id, one.id, staffA), 'FORBIDDEN');
    await expectRefused(s, () => merge(one.id, one.id, staffA), 'BAD_USER_INPUT', 'duplicateId');
    await expectRefused(s, () => s.gql(peopleOp('MergeParticipants'), { input: { keepId: one.id, duplicateId: two.id, reason: ' ' } }), 'BAD_USER_INPUT', 'reason');
    ok(await merge(one.id, two.id, staffA));
    await expectRefused(s, () => merge(two.id, elsewhere.id), 'CONFLICT', 'keepId');
    await expectRefused(s, () => merge(elsewhere.id, one.id), 'CONFLICT', 'duplicateId');
  });
});

describe('moving a participant to another centre', () => {
  const server = useServer();

  it('lets staff of the current centre move them; staff of the new centre then read the names, and attendance stays where it happened', async () => {
    const s = server();
    const [a, b] = [await openCentre(s), await openCentre(s)];
    const child = ok(await register(s, { centreId: a, givenName: 'Emina', familyName: 'Kurtović' })).registerParticipant.participant;
    const w = await scheduleWorkshop(s, { centreId: a, startsAt: '2025-03-10T16:00:00+01:00' });
    await attend(s, w, [child.id]);
    const [staffA, staffB] = [await s.tokenFor({ role: 'staff', centreIds: [a] }), await s.tokenFor({ role: 'staff', centreIds: [b] })];
    const transfer = (token: string) => s.gql(peopleOp('TransferParticipant'), { input: { participantId: child.id, toCentreId: b, reason: 'the family moved' } }, { token });

    await expectRefused(s, () => transfer(staffB), 'FORBIDDEN');
    const moved = ok(await transfer(staffA));
    expect(moved.transferParticipant.participant).toEqual({ id: child.id, centre: { id: b } });
    const names = await s.gql(`query($id: ID!) { participant(id: $id) { givenName } }`, { id: child.id }, { token: staffB });
    expect(names.body.data.participant.givenName).toBe('Emina');
    const dashboards = ok(await s.gql(op('ProgrammeDashboard'), {}));
    const byId = Object.fromEntries(dashboards.centres.map((c: { id: string; summary: { attendances: number } }) => [c.id, c.summary.attendances]));
    expect(byId[a]).toBe(1);
    expect(byId[b]).toBe(0);
  });
});
