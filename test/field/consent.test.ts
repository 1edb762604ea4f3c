import { describe, expect, it } from 'vitest';
import { expectRefused, fieldOp, futureDate, ok, openCentre, registerParticipant, useServer } from './helpers.js';

describe('consent over HTTP', () => {
  const server = useServer();

  const recordConsent = (input: Record<string, unknown>) =>
    server().gql(fieldOp('RecordConsent'), { input: { purpose: 'PARTICIPATION', legalBasis: 'CONSENT', givenBy: 'PARENT', date: '2025-03-01', ...input } });
  const withdrawConsent = (input: Record<string, unknown>) =>
    server().gql(fieldOp('WithdrawConsent'), { input: { purpose: 'PARTICIPATION', date: '2025-03-10', ...input } });
  const statusOf = async (participantId: string, purpose = 'PARTICIPATION') =>
    ok(await server().gql(`query { participant(id: "${participantId}") { consent(purpose: ${purpose}) } }`)).participant.consent;

  it('RecordConsent and WithdrawConsent answer the participant with consent(purpose: PARTICIPATION)', async () => {
    const centreId = await openCentre(server());
    const child = await registerParticipant(server(), centreId, { birthYear: 2016 });
    expect(await statusOf(child.id)).toBe('MISSING');
    const given = ok(await recordConsent({ participantId: child.id }));
    expect(given.recordConsent).toEqual({ participant: { id: child.id, consent: 'GIVEN' }, position: expect.stringMatching(/^\d+$/) });
    expect(await statusOf(child.id, 'PHOTOS')).toBe('MISSING');
    const withdrawn = ok(await withdrawConsent({ participantId: child.id }));
    expect(withdrawn.withdrawConsent).toEqual({ participant: { id: child.id, consent: 'WITHDRAWN' }, position: expect.stringMatching(/^\d+$/) });
    // Given again later: the latest record wins.
    ok(await recordConsent({ participantId: child.id, date: '2025-03-12', givenBy: 'GUARDIAN' }));
    expect(await statusOf(child.id)).toBe('GIVEN');
  });

  it('refuses CONSENT given by a child under 15 alone (BAD_USER_INPUT on givenBy); at exactly 15 it is recorded', async () => {
    const centreId = await openCentre(server());
    const teen = await registerParticipant(server(), centreId, { birthYear: 2010 });
    await expectRefused(server(), () => recordConsent({ participantId: teen.id, givenBy: 'SELF', date: '2024-12-31' }), 'BAD_USER_INPUT', 'givenBy');
    const at15 = ok(await recordConsent({ participantId: teen.id, givenBy: 'SELF', date: '2025-01-01' }));
    expect(at15.recordConsent.participant.consent).toBe('GIVEN');
    // Another basis than consent may be recorded for a younger child.
    const young = await registerParticipant(server(), centreId, { birthYear: 2018 });
    ok(await recordConsent({ participantId: young.id, givenBy: 'SELF', legalBasis: 'VITAL_INTERESTS' }));
  });

  it('refuses a future date, an unknown participant, and withdrawing what was never given', async () => {
    const centreId = await openCentre(server());
    const p = await registerParticipant(server(), centreId, { birthYear: 1990 });
    await expectRefused(server(), () => recordConsent({ participantId: p.id, date: futureDate() }), 'BAD_USER_INPUT', 'date');
    await expectRefused(server(), () => recordConsent({ participantId: 'nobody' }), 'NOT_FOUND', 'participantId');
    await expectRefused(server(), () => recordConsent({ participantId: p.id, purpose: 'MARKETING' }), 'BAD_USER_INPUT', 'purpose');
    await expectRefused(server(), () => withdrawConsent({ participantId: p.id }), 'CONFLICT', 'purpose');
    ok(await recordConsent({ participantId: p.id, givenBy: 'SELF' }));
    await expectRefused(server(), () => withdrawConsent({ participantId: p.id, date: '2025-02-01' }), 'BAD_USER_INPUT', 'date');
  });

  it('lists the centre’s participants without a current legal basis for PARTICIPATION', async () => {
    const centreId = await openCentre(server());
    const withConsent = await registerParticipant(server(), centreId, { birthYear: 2014 });
    const never = await registerParticipant(server(), centreId, { birthYear: 2014 });
    const withdrew = await registerParticipant(server(), centreId, { birthYear: 2014 });
    const photosOnly = await registerParticipant(server(), centreId, { birthYear: 2014 });
    ok(await recordConsent({ participantId: withConsent.id }));
    ok(await recordConsent({ participantId: withdrew.id }));
    ok(await withdrawConsent({ participantId: withdrew.id }));
    ok(await recordConsent({ participantId: photosOnly.id, purpose: 'PHOTOS' }));
    const list = ok(await server().gql(`query { centre(id: "${centreId}") { participantsWithoutLegalBasis { id code } } }`)).centre.participantsWithoutLegalBasis;
    const expected = [never, withdrew, photosOnly].map(({ id, code }) => ({ id, code })).sort((a, b) => (a.code < b.code ? -1 : 1));
    expect(list).toEqual(expected);
  });

  it('is recorded by staff of the participant’s centre, not by staff of another centre', async () => {
    const centreId = await openCentre(server());
    const otherCentreId = await openCentre(server());
    const p = await registerParticipant(server(), centreId, { birthYear: 2014 });
    const staffHere = await server().tokenFor({ role: 'staff', centreIds: [centreId] });
    const staffThere = await server().tokenFor({ role: 'staff', centreIds: [otherCentreId] });
    const input = { participantId: p.id, purpose: 'PARTICIPATION', legalBasis: 'CONSENT', givenBy: 'PARENT', date: '2025-03-01' };
    await expectRefused(server(), () => server().gql(fieldOp('RecordConsent'), { input }, { token: staffThere }), 'FORBIDDEN', undefined);
    expect(ok(await server().gql(fieldOp('RecordConsent'), { input }, { token: staffHere })).recordConsent.participant.consent).toBe('GIVEN');
  });
});
