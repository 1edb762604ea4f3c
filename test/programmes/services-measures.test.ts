import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driver, openTestLedger, startHttp, type Driver, type TestLedger } from '../reporting/support.js';

/*
 * A donor's indicators over the services beyond workshops (individual sessions, referrals,
 * assistance), with people counted once across merged records, and the closed periods that
 * guard those records as they guard attendance.
 */
const Q1 = { from: '2025-01-01', to: '2025-03-31' };

describe('programme indicators over individual sessions, referrals and assistance', () => {
  let test: TestLedger;
  let http: Awaited<ReturnType<typeof startHttp>>;
  let d: Driver;
  let A: string;
  let people: string[];
  let programmeId: string;

  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(`${http.origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer test' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  };
  const mutate = async (name: string, input: Record<string, unknown>, answer = 'position') => {
    const result = await gql(`mutation ($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { ${answer} } }`, { input });
    return result;
  };
  const figures = async () => {
    const answer = await gql(
      `query ($id: ID!, $from: Date!, $to: Date!) { programme(id: $id) { indicators(from: $from, to: $to) { indicator { code } value } } }`,
      { id: programmeId, ...Q1 },
    );
    expect(answer.errors).toBeUndefined();
    return Object.fromEntries((answer.data.programme.indicators as { indicator: { code: string }; value: number }[]).map((row) => [row.indicator.code, row.value]));
  };

  beforeAll(async () => {
    test = await openTestLedger();
    d = driver(test.ledger);
    http = await startHttp(test);
    A = await d.openCentre('Sjenica', 'Zlatibor');
    people = [];
    for (let i = 0; i < 4; i++) people.push(await d.registerParticipant(A, { sex: 'FEMALE', birthYear: 1985 }));
    const workshop = await d.scheduleWorkshop(A, '2025-01-10', 'PSYCHOSOCIAL');
    await d.recordAttendance(workshop, [people[0]!]);
    for (const date of ['2025-01-14', '2025-02-11']) {
      expect((await mutate('recordIndividualSession', { centreId: A, participantId: people[0]!, kind: 'COUNSELLING', date, durationMinutes: 60 })).errors).toBeUndefined();
    }
    const made = await mutate('makeReferral', { centreId: A, participantId: people[1]!, service: 'HEALTH', organisation: 'Dom zdravlja Sjenica', date: '2025-01-20' }, 'referral { id }');
    expect(made.errors).toBeUndefined();
    expect((await mutate('closeReferral', { referralId: made.data.makeReferral.referral.id, date: '2025-02-03', outcome: 'SERVICE_RECEIVED' })).errors).toBeUndefined();
    expect((await mutate('recordAssistance', { centreId: A, participantId: people[2]!, kind: 'HYGIENE_KIT', date: '2025-03-01' })).errors).toBeUndefined();
    const programme = await mutate('defineProgramme', { name: 'Counselling centre', donor: 'BMZ', from: '2025-01-01', to: '2025-12-31', centreIds: [A] }, 'programme { id }');
    programmeId = programme.data.defineProgramme.programme.id;
    const define = (code: string, measure: string) => mutate('defineIndicator', { programmeId, code, name: measure, measure }, 'indicator { id }');
    for (const [code, measure] of [
      ['1', 'UNIQUE_BENEFICIARIES'],
      ['2', 'INDIVIDUAL_SESSIONS'],
      ['3', 'REFERRALS_COMPLETED'],
      ['4', 'ASSISTANCE_RECIPIENTS'],
    ]) {
      expect((await define(code!, measure!)).errors).toBeUndefined();
    }
  });
  afterAll(async () => {
    await http?.close();
    await test?.close();
  });

  it('given a workshop, two sessions, a completed referral and assistance, then each measure counts its own records and beneficiaries count each person once', async () => {
    expect(await figures()).toEqual({ '1': 3, '2': 2, '3': 1, '4': 1 });
  });

  it('given the person with assistance merged into the one with a referral, then beneficiaries and recipients count them once', async () => {
    expect((await mutate('mergeParticipants', { keepId: people[1]!, duplicateId: people[2]!, reason: 'the same woman, registered twice' })).errors).toBeUndefined();
    expect(await figures()).toEqual({ '1': 2, '2': 2, '3': 1, '4': 1 });
    // One person, one history: the kept record lists the duplicate's assistance beside its own referral.
    const history = await gql(`query ($id: ID!) { participant(id: $id) { services { date type } } }`, { id: people[1]! });
    expect(history.data.participant.services).toEqual([
      { date: '2025-01-20', type: 'REFERRAL_MADE' },
      { date: '2025-02-03', type: 'REFERRAL_CLOSED' },
      { date: '2025-03-01', type: 'ASSISTANCE' },
    ]);
  });

  it('given the quarter closed, when a session dated in it is recorded without a reason, then it is refused as PERIOD_CLOSED and nothing changes; with a reason it counts', async () => {
    expect((await mutate('closeReportingPeriod', { programmeId, ...Q1 }, 'report { id }')).errors).toBeUndefined();
    const late = { centreId: A, participantId: people[3]!, kind: 'COUNSELLING', date: '2025-03-20', durationMinutes: 45 };
    const refused = await mutate('recordIndividualSession', late);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'PERIOD_CLOSED' });
    expect((await figures())['2']).toBe(2);
    expect((await mutate('recordIndividualSession', { ...late, lateEntryReason: 'the paper sheet came in late' })).errors).toBeUndefined();
    expect(await figures()).toMatchObject({ '1': 3, '2': 3 });
  });
});
