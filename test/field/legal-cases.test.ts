import { describe, expect, it } from 'vitest';
import { expectRefused, fieldOp, futureDate, ok, openCentre, recordConsultation, refusal, registerParticipant, useServer } from './helpers.js';

describe('legal cases over HTTP', () => {
  const server = useServer();

  async function openCase(input: { centreId: string; participantId: string; problem?: string; openedOn?: string }) {
    return ok(await server().gql(fieldOp('OpenLegalCase'), { input: { problem: 'PERSONAL_DOCUMENTS', openedOn: '2025-03-03', ...input } })).openLegalCase;
  }
  const closeCase = (caseId: string, closedOn = '2025-03-20', outcome = 'RESOLVED') =>
    server().gql(fieldOp('CloseLegalCase'), { input: { caseId, closedOn, outcome } });
  const readCase = async (id: string) => ok(await server().gql(fieldOp('LegalCase'), { id })).legalCase;

  it('OpenLegalCase, consultations on the case, LegalCase and CloseLegalCase', async () => {
    const centreId = await openCentre(server());
    const p = await registerParticipant(server(), centreId, { birthYear: 1980 });
    const opened = await openCase({ centreId, participantId: p.id });
    expect(opened).toEqual({ legalCase: { id: expect.any(String), status: 'OPEN', problem: 'PERSONAL_DOCUMENTS' }, position: expect.stringMatching(/^\d+$/) });
    const caseId = opened.legalCase.id as string;

    const first = ok(await recordConsultation(server(), { centreId, participantId: p.id, date: '2025-03-05', caseId, serviceLevel: 'ADVICE' }));
    const second = ok(await recordConsultation(server(), { centreId, participantId: p.id, date: '2025-03-04', caseId, serviceLevel: 'DRAFTING' }));
    const third = ok(await recordConsultation(server(), { centreId, participantId: p.id, date: '2025-03-10', caseId }));
    // Not on the case: not listed.
    ok(await recordConsultation(server(), { centreId, participantId: p.id, date: '2025-03-11', serviceLevel: 'INFORMATION' }));

    expect(await readCase(caseId)).toEqual({
      id: caseId,
      status: 'OPEN',
      problem: 'PERSONAL_DOCUMENTS',
      outcome: null,
      consultations: [
        { id: second.recordLegalConsultation.consultation.id, serviceLevel: 'DRAFTING', date: '2025-03-04' },
        { id: first.recordLegalConsultation.consultation.id, serviceLevel: 'ADVICE', date: '2025-03-05' },
        { id: third.recordLegalConsultation.consultation.id, serviceLevel: null, date: '2025-03-10' },
      ],
    });

    const closed = ok(await closeCase(caseId));
    expect(closed.closeLegalCase).toEqual({ legalCase: { id: caseId, status: 'CLOSED', outcome: 'RESOLVED' }, position: expect.stringMatching(/^\d+$/) });
    expect(await readCase(caseId)).toMatchObject({ status: 'CLOSED', outcome: 'RESOLVED' });
  });

  it('refuses: closing a closed case and a consultation on a closed case (CONFLICT), closedOn before openedOn, future dates (BAD_USER_INPUT), unknown ids (NOT_FOUND)', async () => {
    const centreId = await openCentre(server());
    const p = await registerParticipant(server(), centreId, { birthYear: 1980 });
    const caseId = (await openCase({ centreId, participantId: p.id })).legalCase.id as string;
    await expectRefused(server(), () => closeCase(caseId, '2025-03-02'), 'BAD_USER_INPUT', 'closedOn');
    await expectRefused(server(), () => closeCase(caseId, futureDate()), 'BAD_USER_INPUT', 'closedOn');
    await expectRefused(server(), () => closeCase(caseId, '2025-03-20', 'WON'), 'BAD_USER_INPUT', 'outcome');
    await expectRefused(server(), () => closeCase('no-such-case'), 'NOT_FOUND', 'caseId');
    ok(await closeCase(caseId, '2025-03-03', 'REFERRED'));
    await expectRefused(server(), () => closeCase(caseId, '2025-03-21', 'RESOLVED'), 'CONFLICT', 'caseId');
    await expectRefused(server(), () => recordConsultation(server(), { centreId, participantId: p.id, date: '2025-03-22', caseId }), 'CONFLICT', 'caseId');
    await expectRefused(server(), () => recordConsultation(server(), { centreId, participantId: p.id, date: '2025-03-22', caseId: 'no-such-case' }), 'NOT_FOUND', 'caseId');
    await expectRefused(
      server(),
      () => server().gql(fieldOp('OpenLegalCase'), { input: { centreId, participantId: p.id, problem: 'PERSONAL_DOCUMENTS', openedOn: futureDate() } }),
      'BAD_USER_INPUT',
      'openedOn',
    );
    await expectRefused(
      server(),
      () => server().gql(fieldOp('OpenLegalCase'), { input: { centreId, participantId: 'nobody', problem: 'PERSONAL_DOCUMENTS', openedOn: '2025-03-03' } }),
      'NOT_FOUND',
      'participantId',
    );
    const missing = await server().gql(fieldOp('LegalCase'), { id: 'no-such-case' });
    expect(refusal(missing)).toEqual({ code: 'NOT_FOUND', field: 'id' });
  });

  it('refuses a consultation on another participant’s case or at another centre: BAD_USER_INPUT on caseId', async () => {
    const centreId = await openCentre(server());
    const otherCentreId = await openCentre(server());
    const p = await registerParticipant(server(), centreId, { birthYear: 1980 });
    const other = await registerParticipant(server(), centreId, { birthYear: 1982 });
    const caseId = (await openCase({ centreId, participantId: p.id })).legalCase.id as string;
    await expectRefused(server(), () => recordConsultation(server(), { centreId, participantId: other.id, date: '2025-03-05', caseId }), 'BAD_USER_INPUT', 'caseId');
    await expectRefused(server(), () => recordConsultation(server(), { centreId: otherCentreId, participantId: p.id, date: '2025-03-05', caseId }), 'BAD_USER_INPUT', 'caseId');
    await expectRefused(
      server(),
      () => recordConsultation(server(), { centreId, participantId: p.id, date: '2025-03-05', caseId, serviceLevel: 'LITIGATION' }),
      'BAD_USER_INPUT',
      'serviceLevel',
    );
  });

  it('counts cases closed as RESOLVED in a period, and breaks the period’s cases down by problem and outcome', async () => {
    const centreId = await openCentre(server());
    const p = await registerParticipant(server(), centreId, { birthYear: 1980 });
    const open = async (problem: string, openedOn: string) => (await openCase({ centreId, participantId: p.id, problem, openedOn })).legalCase.id as string;
    const a = await open('PERSONAL_DOCUMENTS', '2025-03-01');
    const b = await open('PERSONAL_DOCUMENTS', '2025-03-02');
    const c = await open('CITIZENSHIP', '2025-03-03');
    await open('PERSONAL_DOCUMENTS', '2025-03-04'); // stays open
    const e = await open('HEALTH_INSURANCE', '2025-02-10'); // opened before the period
    ok(await closeCase(a, '2025-03-10', 'RESOLVED'));
    ok(await closeCase(b, '2025-04-02', 'RESOLVED'));
    ok(await closeCase(c, '2025-03-11', 'REFERRED'));
    ok(await closeCase(e, '2025-03-12', 'RESOLVED'));

    const resolved = async (from: string, to: string) =>
      ok(await server().gql(`query($from: Date, $to: Date, $centreId: ID) { legalCasesResolved(from: $from, to: $to, centreId: $centreId) }`, { from, to, centreId }))
        .legalCasesResolved;
    expect(await resolved('2025-03-01', '2025-03-31')).toBe(2); // a and e; b was resolved in April, c referred
    expect(await resolved('2025-04-01', '2025-04-30')).toBe(1);

    const breakdown = ok(
      await server().gql(`query($centreId: ID) { legalCaseBreakdown(from: "2025-03-01", to: "2025-03-31", centreId: $centreId) { problem outcome cases } }`, {
        centreId,
      }),
    ).legalCaseBreakdown;
    expect(breakdown).toEqual([
      { problem: 'CITIZENSHIP', outcome: 'REFERRED', cases: 1 },
      { problem: 'PERSONAL_DOCUMENTS', outcome: null, cases: 1 },
      { problem: 'PERSONAL_DOCUMENTS', outcome: 'RESOLVED', cases: 2 },
    ]);
  });

  it('follows the access rules of consultations: a legal adviser of the centre may open and read cases, staff may not', async () => {
    const centreId = await openCentre(server());
    const p = await registerParticipant(server(), centreId, { birthYear: 1980 });
    const legal = await server().tokenFor({ role: 'legal', centreIds: [centreId] });
    const staff = await server().tokenFor({ role: 'staff', centreIds: [centreId] });
    const input = { centreId, participantId: p.id, problem: 'EMPLOYMENT', openedOn: '2025-03-03' };
    const opened = ok(await server().gql(fieldOp('OpenLegalCase'), { input }, { token: legal }));
    const caseId = opened.openLegalCase.legalCase.id as string;
    await expectRefused(server(), () => server().gql(fieldOp('OpenLegalCase'), { input }, { token: staff }), 'FORBIDDEN', undefined);
    await expectRefused(server(), () => server().gql(fieldOp('CloseLegalCase'), { input: { caseId, closedOn: '2025-03-05', outcome: 'RESOLVED' } }, { token: staff }), 'FORBIDDEN', undefined);
    expect(ok(await server().gql(fieldOp('LegalCase'), { id: caseId }, { token: legal })).legalCase.status).toBe('OPEN');
    const forbidden = await server().gql(fieldOp('LegalCase'), { id: caseId }, { token: staff });
    expect(refusal(forbidden).code).toBe('FORBIDDEN');
  });
});
