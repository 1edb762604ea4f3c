/**
 * The contract's "Services" section over HTTP: individual sessions, referrals and assistance,
 * their figures in the summaries, a person's history and who may read its notes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { addDays, attend, expectRefused, ok, openCentre, refusal, registerParticipant, scheduleWorkshop, useServer } from '../field/helpers.js';
import { op, repoRoot } from '../support/operations.js';
import { localToday, makeReferral, recordSession, referralId, servicesOp } from './helpers.js';

const today = localToday();
const yesterday = addDays(today, -1);
const tomorrow = addDays(today, 1);
/** A workshop's start yesterday at 10:00 local time (Belgrade is UTC+1 or +2, so 08:00Z is that day). */
const yesterdayMorning = `${yesterday}T08:00:00Z`;

describe('services.graphql', () => {
  it('given schema/*.graphql, when services.graphql is validated with core.graphql, then there are no errors', () => {
    const schemaDir = join(repoRoot, 'schema');
    const sdl = readdirSync(schemaDir)
      .filter((file) => file.endsWith('.graphql'))
      .map((file) => readFileSync(join(schemaDir, file), 'utf8'))
      .join('\n');
    const errors = validate(buildSchema(sdl), parse(servicesOp('Services').document));
    expect(errors.map((e) => e.message)).toEqual([]);
  });
});

describe('recording services', () => {
  const server = useServer();

  it('given a participant, when staff record an individual session, then it answers with its kind, date and duration', async () => {
    const centreId = await openCentre(server());
    const { id: participantId } = await registerParticipant(server(), centreId);
    const data = ok(await recordSession(server(), { centreId, participantId, date: yesterday, durationMinutes: 60, notes: 'talked about school' }));
    expect(data.recordIndividualSession.session).toMatchObject({ kind: 'COUNSELLING', date: yesterday, durationMinutes: 60 });
    expect(data.recordIndividualSession.position).toMatch(/^\d+$/);
  });

  it('refuses a session in the future, too short or too long, storing nothing', async () => {
    const centreId = await openCentre(server());
    const { id: participantId } = await registerParticipant(server(), centreId);
    await expectRefused(server(), () => recordSession(server(), { centreId, participantId, date: tomorrow }), 'BAD_USER_INPUT', 'date');
    await expectRefused(server(), () => recordSession(server(), { centreId, participantId, date: yesterday, durationMinutes: 4 }), 'BAD_USER_INPUT', 'durationMinutes');
    await expectRefused(server(), () => recordSession(server(), { centreId, participantId, date: yesterday, durationMinutes: 481 }), 'BAD_USER_INPUT', 'durationMinutes');
    await expectRefused(server(), () => recordSession(server(), { centreId, participantId, date: '1899-12-31' }), 'BAD_USER_INPUT', 'date');
  });

  it('names what does not exist: NOT_FOUND on centreId and participantId', async () => {
    const centreId = await openCentre(server());
    const { id: participantId } = await registerParticipant(server(), centreId);
    await expectRefused(server(), () => recordSession(server(), { centreId: 'nope', participantId, date: yesterday }), 'NOT_FOUND', 'centreId');
    await expectRefused(server(), () => recordSession(server(), { centreId, participantId: 'nope', date: yesterday }), 'NOT_FOUND', 'participantId');
  });

  it('given a referral, when it is closed, then it is CLOSED with its outcome; closing it again is a CONFLICT', async () => {
    const centreId = await openCentre(server());
    const { id: participantId } = await registerParticipant(server(), centreId);
    const made = ok(await makeReferral(server(), { centreId, participantId, date: addDays(today, -10), reason: 'needs a health card' }));
    expect(made.makeReferral.referral).toMatchObject({ service: 'SOCIAL_WORK_CENTRE', status: 'OPEN' });
    const id = made.makeReferral.referral.id as string;
    const closed = ok(await server().gql(servicesOp('CloseReferral'), { input: { referralId: id, date: yesterday, outcome: 'SERVICE_RECEIVED' } }));
    expect(closed.closeReferral.referral).toEqual({ id, status: 'CLOSED', outcome: 'SERVICE_RECEIVED' });
    await expectRefused(
      server(),
      () => server().gql(servicesOp('CloseReferral'), { input: { referralId: id, date: today, outcome: 'DECLINED' } }),
      'CONFLICT',
      'referralId',
    );
  });

  it('refuses to close a referral before it was made, or in the future', async () => {
    const centreId = await openCentre(server());
    const { id: participantId } = await registerParticipant(server(), centreId);
    const id = await referralId(server(), { centreId, participantId, date: yesterday });
    const close = (date: string) => () => server().gql(servicesOp('CloseReferral'), { input: { referralId: id, date, outcome: 'NOT_REACHED' } });
    await expectRefused(server(), close(addDays(yesterday, -1)), 'BAD_USER_INPUT', 'date');
    await expectRefused(server(), close(tomorrow), 'BAD_USER_INPUT', 'date');
    await expectRefused(server(), () => server().gql(servicesOp('CloseReferral'), { input: { referralId: 'nope', date: today, outcome: 'DECLINED' } }), 'NOT_FOUND', 'referralId');
  });

  it('records assistance with its value and currency; a negative value or a value without currency stores nothing', async () => {
    const centreId = await openCentre(server());
    const { id: participantId } = await registerParticipant(server(), centreId);
    const data = ok(
      await server().gql(servicesOp('RecordAssistance'), {
        input: { centreId, participantId, kind: 'SCHOOL_KIT', value: 4500, currency: 'RSD', date: yesterday, description: 'backpack and books' },
      }),
    );
    expect(data.recordAssistance.assistance).toMatchObject({ kind: 'SCHOOL_KIT', value: 4500, currency: 'RSD' });
    const assist = (input: Record<string, unknown>) => () =>
      server().gql(servicesOp('RecordAssistance'), { input: { centreId, participantId, kind: 'CASH', date: yesterday, ...input } });
    await expectRefused(server(), assist({ value: -1, currency: 'EUR' }), 'BAD_USER_INPUT', 'value');
    await expectRefused(server(), assist({ value: 10 }), 'BAD_USER_INPUT', 'currency');
  });

  it('a repeated commandId stores nothing new and answers the same session', async () => {
    const centreId = await openCentre(server());
    const { id: participantId } = await registerParticipant(server(), centreId);
    const input = { centreId, participantId, date: yesterday, commandId: 'session-retry-1' };
    const first = ok(await recordSession(server(), input));
    const before = server().eventCount();
    const again = ok(await recordSession(server(), input));
    expect(again.recordIndividualSession.session.id).toBe(first.recordIndividualSession.session.id);
    expect(server().eventCount()).toBe(before);
  });
});

describe('who may record services', () => {
  const server = useServer();

  it('staff and legal advisers of C record at C; of another centre, coordinators and volunteers may not', async () => {
    const [c, d] = [await openCentre(server()), await openCentre(server())];
    const { id: participantId } = await registerParticipant(server(), d);
    const staff = await server().tokenFor({ role: 'staff', centreIds: [c] });
    const legal = await server().tokenFor({ role: 'legal', centreIds: [c] });
    // A participant registered at another centre may be served at C.
    ok(await recordSession(server(), { centreId: c, participantId, date: yesterday }, staff));
    ok(await makeReferral(server(), { centreId: c, participantId, date: yesterday }, legal));
    for (const token of [await server().tokenFor({ role: 'staff', centreIds: [d] }), await server().tokenFor({ role: 'coordinator' }), await server().tokenFor({ role: 'legal', centreIds: [d] })]) {
      await expectRefused(server(), () => recordSession(server(), { centreId: c, participantId, date: yesterday }, token), 'FORBIDDEN', undefined);
    }
  });

  it('staff of another centre may not close C’s referral', async () => {
    const [c, d] = [await openCentre(server()), await openCentre(server())];
    const { id: participantId } = await registerParticipant(server(), c);
    const id = await referralId(server(), { centreId: c, participantId, date: yesterday });
    const other = await server().tokenFor({ role: 'staff', centreIds: [d] });
    await expectRefused(
      server(),
      () => server().gql(servicesOp('CloseReferral'), { input: { referralId: id, date: today, outcome: 'DECLINED' } }, { token: other }),
      'FORBIDDEN',
      undefined,
    );
  });

  it('a legal adviser of C registers a client at C, not at another centre', async () => {
    const [c, d] = [await openCentre(server()), await openCentre(server())];
    const legal = await server().tokenFor({ role: 'legal', centreIds: [c] });
    const input = { givenName: 'Edin', familyName: 'Mujović', sex: 'MALE', birthYear: 1980, group: 'RETURNEE' };
    const data = ok(await server().gql(op('RegisterParticipant'), { input: { ...input, centreId: c } }, { token: legal }));
    expect(data.registerParticipant.participant.id).toEqual(expect.any(String));
    await expectRefused(server(), () => server().gql(op('RegisterParticipant'), { input: { ...input, centreId: d } }, { token: legal }), 'FORBIDDEN', undefined);
  });
});

describe('summaries count services', () => {
  const server = useServer();

  it('a person with a workshop and a referral counts once among unique beneficiaries; an individual session leaves workshopsHeld unchanged', async () => {
    const centreId = await openCentre(server());
    const [a, b, c] = [await registerParticipant(server(), centreId), await registerParticipant(server(), centreId), await registerParticipant(server(), centreId)];
    const workshopId = await scheduleWorkshop(server(), { centreId, startsAt: yesterdayMorning });
    await attend(server(), workshopId, [a.id]);
    const dashboard = async () =>
      ok(await server().gql(op('CentreDashboard'), { id: centreId, from: yesterday, to: today })).centre.summary as { workshopsHeld: number; attendances: number };
    const before = await dashboard();
    ok(await makeReferral(server(), { centreId, participantId: a.id, date: yesterday }));
    ok(await recordSession(server(), { centreId, participantId: b.id, date: yesterday }));
    ok(await server().gql(servicesOp('RecordAssistance'), { input: { centreId, participantId: c.id, kind: 'HYGIENE_KIT', date: today } }));
    ok(await server().gql(servicesOp('RecordAssistance'), { input: { centreId, participantId: c.id, kind: 'IN_KIND', date: today } }));
    const after = await dashboard();
    expect({ workshopsHeld: after.workshopsHeld, attendances: after.attendances }).toEqual({ workshopsHeld: before.workshopsHeld, attendances: before.attendances });

    const figures = ok(await server().gql(servicesOp('Services'), { from: yesterday, to: today })).summary;
    expect(figures).toEqual({ uniqueBeneficiaries: 3, individualSessions: 1, referralsMade: 1, referralsCompleted: 0, assistanceRecipients: 1 });
  });

  it('counts a referral completed on its closing date, and only with SERVICE_RECEIVED; BENEFICIARIES_REACHED is uniqueBeneficiaries', async () => {
    const centreId = await openCentre(server());
    const { id: participantId } = await registerParticipant(server(), centreId);
    const made = addDays(today, -40);
    const [received, declined] = [await referralId(server(), { centreId, participantId, date: made }), await referralId(server(), { centreId, participantId, date: made })];
    ok(await server().gql(servicesOp('CloseReferral'), { input: { referralId: received, date: yesterday, outcome: 'SERVICE_RECEIVED' } }));
    ok(await server().gql(servicesOp('CloseReferral'), { input: { referralId: declined, date: yesterday, outcome: 'DECLINED' } }));
    const centreFigures = async (from: string, to: string) =>
      ok(await server().gql(`query($id: ID!, $from: Date, $to: Date) { centre(id: $id) { summary(from: $from, to: $to) { referralsMade referralsCompleted uniqueBeneficiaries } } }`, { id: centreId, from, to })).centre.summary;
    expect(await centreFigures(yesterday, today)).toEqual({ referralsMade: 0, referralsCompleted: 1, uniqueBeneficiaries: 0 });
    expect(await centreFigures(made, made)).toEqual({ referralsMade: 2, referralsCompleted: 0, uniqueBeneficiaries: 1 });
    const rows = ok(await server().gql(`query($from: Date!, $to: Date!, $c: ID) { indicators(from: $from, to: $to, centreId: $c) { indicator value } }`, { from: made, to: today, c: centreId })).indicators;
    expect(rows).toContainEqual({ indicator: 'BENEFICIARIES_REACHED', value: 1 });
  });

  it('as of an instant before a session was recorded, the session does not count; after its retraction it stops counting', async () => {
    const centreId = await openCentre(server());
    const { id: participantId } = await registerParticipant(server(), centreId);
    const session = ok(await recordSession(server(), { centreId, participantId, date: yesterday })).recordIndividualSession.session.id as string;
    const recorded = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    ok(await server().gql(`mutation($input: RetractIndividualSessionInput!) { retractIndividualSession(input: $input) { session { id retracted } } }`, { input: { sessionId: session, reason: 'wrong child' } }));
    const figures = async (asOf?: string) =>
      ok(await server().gql(`query($id: ID!, $d: Date, $asOf: DateTime) { centre(id: $id) { summary(from: $d, to: $d, asOf: $asOf) { individualSessions uniqueBeneficiaries } } }`, { id: centreId, d: yesterday, asOf })).centre.summary;
    expect(await figures()).toEqual({ individualSessions: 0, uniqueBeneficiaries: 0 });
    expect(await figures(recorded)).toEqual({ individualSessions: 1, uniqueBeneficiaries: 1 });
    expect(await figures('2000-01-01T00:00:00Z')).toEqual({ individualSessions: 0, uniqueBeneficiaries: 0 });
  });

  it('a breakdown by SERVICE adds up to the summary, each service once', async () => {
    const centreId = await openCentre(server());
    const [a, b] = [await registerParticipant(server(), centreId, { sex: 'MALE' }), await registerParticipant(server(), centreId)];
    const workshopId = await scheduleWorkshop(server(), { centreId, startsAt: yesterdayMorning });
    await attend(server(), workshopId, [a.id, b.id]);
    ok(await recordSession(server(), { centreId, participantId: a.id, date: yesterday }));
    ok(await recordSession(server(), { centreId, participantId: a.id, date: today }));
    ok(await makeReferral(server(), { centreId, participantId: b.id, date: today }));
    const cells = ok(
      await server().gql(
        `query($c: ID, $from: Date, $to: Date) { breakdown(centreId: $c, from: $from, to: $to, by: [SERVICE, SEX]) { key { service sex } services attendances uniqueParticipants } }`,
        { c: centreId, from: yesterday, to: today },
      ),
    ).breakdown as { key: { service: string; sex: string }; services: number; attendances: number; uniqueParticipants: number }[];
    const summary = ok(
      await server().gql(`query($id: ID!, $from: Date, $to: Date) { centre(id: $id) { summary(from: $from, to: $to) { attendances individualSessions referralsMade legalConsultations } } }`, { id: centreId, from: yesterday, to: today }),
    ).centre.summary;
    const total = (service: string) => cells.filter((cell) => cell.key.service === service).reduce((sum, cell) => sum + cell.services, 0);
    expect(total('WORKSHOP')).toBe(summary.attendances);
    expect(total('INDIVIDUAL_SESSION')).toBe(summary.individualSessions);
    expect(total('REFERRAL_MADE')).toBe(summary.referralsMade);
    expect(cells.find((cell) => cell.key.service === 'INDIVIDUAL_SESSION')).toEqual({ key: { service: 'INDIVIDUAL_SESSION', sex: 'MALE' }, services: 2, attendances: 0, uniqueParticipants: 1 });
  });
});

describe("a person's history", () => {
  const server = useServer();

  it('lists every service oldest first, from every centre, with its type and centre', async () => {
    const [c, d] = [await openCentre(server()), await openCentre(server())];
    const { id: participantId } = await registerParticipant(server(), c);
    const workshopId = await scheduleWorkshop(server(), { centreId: c, startsAt: yesterdayMorning });
    await attend(server(), workshopId, [participantId]);
    const referral = await referralId(server(), { centreId: d, participantId, date: addDays(today, -3) });
    ok(await server().gql(servicesOp('CloseReferral'), { input: { referralId: referral, date: today, outcome: 'SERVICE_RECEIVED' } }));
    ok(await recordSession(server(), { centreId: c, participantId, date: addDays(today, -2) }));
    ok(await server().gql(servicesOp('RecordAssistance'), { input: { centreId: d, participantId, kind: 'GRANT', value: 100, currency: 'EUR', date: today } }));
    ok(await server().gql(op('RecordLegalConsultation'), { input: { centreId: d, participantId, date: yesterday, topic: 'CITIZENSHIP' } }));

    const history = ok(await server().gql(servicesOp('ServiceHistory'), { id: participantId })).participant.services;
    expect(history).toEqual([
      { date: addDays(today, -3), type: 'REFERRAL_MADE', centre: { id: d } },
      { date: addDays(today, -2), type: 'INDIVIDUAL_SESSION', centre: { id: c } },
      { date: yesterday, type: 'WORKSHOP', centre: { id: c } },
      { date: yesterday, type: 'LEGAL_CONSULTATION', centre: { id: d } },
      // Two of one date in the order they were recorded: the closing first.
      { date: today, type: 'REFERRAL_CLOSED', centre: { id: d } },
      { date: today, type: 'ASSISTANCE', centre: { id: d } },
    ]);
  });

  it('notes are for staff of the centre and admins: null for a coordinator with FORBIDDEN on their path', async () => {
    const centreId = await openCentre(server());
    const { id: participantId } = await registerParticipant(server(), centreId);
    ok(await recordSession(server(), { centreId, participantId, date: yesterday, notes: 'Worried about the move' }));
    const staff = await server().tokenFor({ role: 'staff', centreIds: [centreId] });
    const asStaff = ok(await server().gql(servicesOp('ServiceNotes'), { id: participantId }, { token: staff }));
    expect(asStaff.participant.services).toEqual([{ date: yesterday, type: 'INDIVIDUAL_SESSION', notes: 'Worried about the move' }]);

    const coordinator = await server().tokenFor({ role: 'coordinator' });
    const response = await server().gql(servicesOp('ServiceNotes'), { id: participantId }, { token: coordinator });
    expect(response.body.data.participant.services).toEqual([{ date: yesterday, type: 'INDIVIDUAL_SESSION', notes: null }]);
    expect(response.body.errors).toEqual([expect.objectContaining({ path: ['participant', 'services', 0, 'notes'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
  });

  it('no note, reason, description or name is readable anywhere under DATA_DIR', async () => {
    const centreId = await openCentre(server());
    const { id: participantId } = await registerParticipant(server(), centreId);
    ok(await recordSession(server(), { centreId, participantId, date: yesterday, notes: 'Zlostavljanje-NOTESMARK' }));
    ok(await makeReferral(server(), { centreId, participantId, date: yesterday, reason: 'Dijabetes-REASONMARK' }));
    ok(await server().gql(servicesOp('RecordAssistance'), { input: { centreId, participantId, kind: 'IN_KIND', date: yesterday, description: 'Ogrev-DESCMARK' } }));
    await server().restart();
    const files = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
    for (const file of files(server().dataDir)) {
      const content = readFileSync(file);
      for (const secret of ['NOTESMARK', 'REASONMARK', 'DESCMARK', 'Hodžić']) expect(content.includes(Buffer.from(secret, 'utf8')), `${secret} in ${file}`).toBe(false);
    }
  });
});

describe('open referrals', () => {
  const server = useServer();

  it("lists a centre's referrals open for more than the days asked, oldest first, with the participant's code", async () => {
    const centreId = await openCentre(server());
    const p = await registerParticipant(server(), centreId);
    const old = await referralId(server(), { centreId, participantId: p.id, date: addDays(today, -30) });
    const older = await referralId(server(), { centreId, participantId: p.id, date: addDays(today, -60) });
    await referralId(server(), { centreId, participantId: p.id, date: addDays(today, -3) });
    const closed = await referralId(server(), { centreId, participantId: p.id, date: addDays(today, -90) });
    ok(await server().gql(servicesOp('CloseReferral'), { input: { referralId: closed, date: yesterday, outcome: 'WITHDRAWN' } }));
    const staff = await server().tokenFor({ role: 'staff', centreIds: [centreId] });
    const listed = ok(await server().gql(servicesOp('OpenReferrals'), { centreId, olderThanDays: 14 }, { token: staff })).centre.openReferrals;
    expect(listed).toEqual([
      { id: older, service: 'SOCIAL_WORK_CENTRE', date: addDays(today, -60), participant: { id: p.id, code: p.code } },
      { id: old, service: 'SOCIAL_WORK_CENTRE', date: addDays(today, -30), participant: { id: p.id, code: p.code } },
    ]);
    const other = await server().tokenFor({ role: 'staff', centreIds: [await openCentre(server())] });
    expect(refusal(await server().gql(servicesOp('OpenReferrals'), { centreId, olderThanDays: 14 }, { token: other })).code).toBe('FORBIDDEN');
    expect(refusal(await server().gql(servicesOp('OpenReferrals'), { centreId, olderThanDays: -1 })).code).toBe('BAD_USER_INPUT');
  });
});

describe('GET /exports/services.csv', () => {
  const server = useServer();

  it('lists the period’s services with codes, never names or notes; 401 without a token', async () => {
    const centreId = await openCentre(server());
    const p = await registerParticipant(server(), centreId);
    ok(await recordSession(server(), { centreId, participantId: p.id, date: yesterday, notes: 'private-NOTE' }));
    const id = await referralId(server(), { centreId, participantId: p.id, date: yesterday, reason: 'private-REASON' });
    ok(await server().gql(servicesOp('CloseReferral'), { input: { referralId: id, date: today, outcome: 'SERVICE_RECEIVED' } }));
    const url = `${server().origin}/exports/services.csv?from=${yesterday}&to=${today}&centreId=${centreId}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${server().token}` } });
    expect(response.status).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trim().split('\r\n');
    expect(lines[0]).toBe('date,centre,district,service,kind,outcome,participant_code,sex,age_group,group');
    expect(lines.slice(1).map((line) => line.split(',').slice(3, 7))).toEqual([
      ['INDIVIDUAL_SESSION', 'COUNSELLING', '', p.code],
      ['REFERRAL_MADE', 'SOCIAL_WORK_CENTRE', 'SERVICE_RECEIVED', p.code],
    ]);
    const text = new TextDecoder().decode(bytes);
    for (const secret of ['private-NOTE', 'private-REASON', 'Hodžić', 'Amra']) expect(text).not.toContain(secret);
    expect((await fetch(url)).status).toBe(401);
  });
});

describe('reading one record, erasure and corrections', () => {
  const server = useServer();
  const referralQuery = `query($id: ID!) { referral(id: $id) { id status reason participant { id } } }`;

  it("staff of another centre may not read a referral; a legal adviser of its centre reads its reason", async () => {
    const [c, d] = [await openCentre(server()), await openCentre(server())];
    const { id: participantId } = await registerParticipant(server(), c);
    const id = await referralId(server(), { centreId: c, participantId, date: yesterday, reason: 'needs housing' });
    const other = await server().tokenFor({ role: 'staff', centreIds: [d] });
    const refused = await server().gql(referralQuery, { id }, { token: other });
    expect(refused.body.data.referral).toBeNull();
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const legal = await server().tokenFor({ role: 'legal', centreIds: [c] });
    expect(ok(await server().gql(referralQuery, { id }, { token: legal })).referral).toEqual({ id, status: 'OPEN', reason: 'needs housing', participant: { id: participantId } });
    expect(refusal(await server().gql(referralQuery, { id: 'nope' })).code).toBe('NOT_FOUND');
  });

  it('after erasure the notes are null for everyone and the session still counts', async () => {
    const centreId = await openCentre(server());
    const { id: participantId } = await registerParticipant(server(), centreId);
    ok(await recordSession(server(), { centreId, participantId, date: yesterday, notes: 'to be forgotten' }));
    ok(await server().gql(`mutation($input: EraseParticipantInput!) { eraseParticipant(input: $input) { position } }`, { input: { participantId, reason: 'asked' } }));
    expect(ok(await server().gql(servicesOp('ServiceNotes'), { id: participantId })).participant.services).toEqual([{ date: yesterday, type: 'INDIVIDUAL_SESSION', notes: null }]);
    const summary = ok(await server().gql(`query($id: ID!, $d: Date) { centre(id: $id) { summary(from: $d, to: $d) { individualSessions uniqueBeneficiaries } } }`, { id: centreId, d: yesterday })).centre.summary;
    expect(summary).toEqual({ individualSessions: 1, uniqueBeneficiaries: 1 });
  });

  it('retracted assistance stops counting and leaves the history; retracting it twice is a CONFLICT', async () => {
    const centreId = await openCentre(server());
    const { id: participantId } = await registerParticipant(server(), centreId);
    const assistanceId = ok(await server().gql(servicesOp('RecordAssistance'), { input: { centreId, participantId, kind: 'CASH', value: 20, currency: 'EUR', date: yesterday } }))
      .recordAssistance.assistance.id as string;
    const retract = () =>
      server().gql(`mutation($input: RetractAssistanceInput!) { retractAssistance(input: $input) { assistance { id retracted } } }`, { input: { assistanceId, reason: 'entered twice' } });
    expect(ok(await retract()).retractAssistance.assistance).toEqual({ id: assistanceId, retracted: true });
    await expectRefused(server(), retract, 'CONFLICT', 'assistanceId');
    const summary = ok(await server().gql(`query($id: ID!, $d: Date) { centre(id: $id) { summary(from: $d, to: $d) { assistanceRecipients uniqueBeneficiaries } } }`, { id: centreId, d: yesterday })).centre.summary;
    expect(summary).toEqual({ assistanceRecipients: 0, uniqueBeneficiaries: 0 });
    expect(ok(await server().gql(servicesOp('ServiceHistory'), { id: participantId })).participant.services).toEqual([]);
  });
});
