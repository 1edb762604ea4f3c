import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivitySummary } from '../../src/read/summary.js';
import { MARCH } from './scenario.js';
import { driver, openTestLedger, startHttp, tick, type TestLedger } from './support.js';

const contract = (file: string) => readFileSync(new URL(`../../../shared/contract/${file}`, import.meta.url), 'utf8');
/** The fields of the contract's Summary fragment (the summary may carry more). */
const contractFields = (summary: ActivitySummary) => {
  const { workshopsHeld, attendances, uniqueParticipants, uniqueParticipantsBySex, uniqueReturnees, volunteerHours, legalConsultations, culturalEvents, culturalEventAudience } = summary;
  return { workshopsHeld, attendances, uniqueParticipants, uniqueParticipantsBySex, uniqueReturnees, volunteerHours, legalConsultations, culturalEvents, culturalEventAudience };
};
const zero = {
  workshopsHeld: 0,
  attendances: 0,
  uniqueParticipants: 0,
  uniqueParticipantsBySex: { female: 0, male: 0, other: 0 },
  uniqueReturnees: 0,
  volunteerHours: 0,
  legalConsultations: 0,
  culturalEvents: 0,
  culturalEventAudience: 0,
};

describe('figures as of an instant', () => {
  let test: TestLedger;
  let centre: string;
  let beforeAnything: string;
  let instant: string;
  /** What every report said at the instant. */
  let then: {
    centre: ActivitySummary;
    programme: ActivitySummary;
    indicators: unknown;
    breakdown: unknown;
  };

  beforeAll(async () => {
    test = await openTestLedger();
    const d = driver(test.ledger);
    const read = test.ledger.read;
    beforeAnything = new Date().toISOString();
    await tick();

    // What was known at the instant.
    centre = await d.openCentre('Čačak centar', 'Moravica');
    const other = await d.openCentre('Kraljevo', 'Raška');
    const [p1, p2, p3] = [
      await d.registerParticipant(centre, { sex: 'FEMALE', group: 'RETURNEE' }),
      await d.registerParticipant(centre, { sex: 'MALE', birthYear: 1990 }),
      await d.registerParticipant(centre, { sex: 'OTHER', birthYear: 1955 }),
    ];
    const w1 = await d.scheduleWorkshop(centre, '2025-03-10');
    await d.recordAttendance(w1, [p1, p2]);
    await d.recordAttendance(w1, [p3]);
    await d.removeAttendance(w1, p3); // recorded and removed before the instant: never counts then
    const w3 = await d.scheduleWorkshop(centre, '2025-03-11', 'PARENTING');
    await d.recordAttendance(w3, [p1]);
    const wOther = await d.scheduleWorkshop(other, '2025-03-12');
    await d.recordAttendance(wOther, [p2]);
    const v = await d.registerVolunteer(centre);
    const h1 = await d.logHours(v, centre, '2025-03-03', 2);
    await d.logHours(v, centre, '2025-03-04', 3.5);
    const c1 = await d.recordConsultation(centre, p1, '2025-03-05');
    const e1 = await d.recordCulturalEvent(centre, '2025-03-06', { women: 10, men: 5, girls: 7, boys: 3 });
    await d.setTarget({ indicator: 'PARTICIPANTS_REACHED', value: 5, ...MARCH, centreId: centre });

    then = {
      centre: read.summary([centre], MARCH),
      programme: read.summary('all', MARCH),
      indicators: read.reporting.indicators({ scope: [centre], period: MARCH }, { centreId: centre }),
      breakdown: read.reporting.breakdown({ scope: 'all', period: MARCH }, ['SEX', 'KIND', 'CENTRE']),
    };
    await tick();
    instant = new Date().toISOString();
    await tick();

    // Corrections after the instant.
    await d.removeAttendance(w1, p2);
    await d.removeAttendance(w3, p1);
    await d.cancelWorkshop(w3); // held at the instant, cancelled only once emptied
    await d.retractHours(h1);
    await d.retractConsultation(c1);
    await d.correctAudience(e1, { women: 20, men: 10, girls: 10, boys: 10 });
    await d.correctAudience(e1, { women: 1, men: 1, girls: 1, boys: 1 });
    await d.setTarget({ indicator: 'PARTICIPANTS_REACHED', value: 8, ...MARCH, centreId: centre });
    // Late entries, dated in the period.
    await d.recordAttendance(w1, [p3, p2]); // p3 back, p2 again
    await d.recordAttendance(await d.scheduleWorkshop(centre, '2025-03-20', 'INCLUSIVE'), [p2]);
    await d.logHours(v, centre, '2025-03-09', 4);
    await d.recordConsultation(centre, p2, '2025-03-02');
    await d.recordCulturalEvent(centre, '2025-03-15');
    await d.recordAttendance(wOther, [p1]);
  });
  afterAll(() => test.close());

  it('given corrections and late entries after the instant, then today the figures differ (the test has teeth)', () => {
    const now = test.ledger.read.summary([centre], MARCH);
    expect(now).not.toEqual(then.centre);
    expect(now).toMatchObject({ workshopsHeld: 2, volunteerHours: 7.5, legalConsultations: 1, culturalEvents: 2, culturalEventAudience: 29 });
  });

  it('given the instant, then the centre and programme summaries as of it equal those seen at it', () => {
    expect(test.ledger.read.summary([centre], MARCH, instant)).toEqual(then.centre);
    expect(test.ledger.read.summary('all', MARCH, instant)).toEqual(then.programme);
    expect(then.centre).toMatchObject({ workshopsHeld: 2, attendances: 3, uniqueParticipants: 2, volunteerHours: 5.5, culturalEventAudience: 25 });
  });

  it('given the instant, then indicators (with the target of then) and breakdowns as of it equal those seen at it', () => {
    const read = test.ledger.read.reporting;
    expect(read.indicators({ scope: [centre], period: MARCH, asOf: instant }, { centreId: centre })).toEqual(then.indicators);
    expect(read.breakdown({ scope: 'all', period: MARCH, asOf: instant }, ['SEX', 'KIND', 'CENTRE'])).toEqual(then.breakdown);
  });

  it('given an instant before anything was recorded, then everything is zero; an instant in the future counts everything', () => {
    expect(test.ledger.read.summary('all', {}, beforeAnything)).toMatchObject(zero);
    expect(test.ledger.read.summary('all', {}, '2999-01-01T00:00:00Z')).toEqual(test.ledger.read.summary('all', {}));
  });

  it('given the instant written with an offset, then it is the same instant', () => {
    const plusOne = new Date(Date.parse(instant) + 3_600_000).toISOString().replace('Z', '+01:00');
    expect(test.ledger.read.summary([centre], MARCH, plusOne)).toEqual(then.centre);
  });

  it("given the contract's CentreDashboardAsOf over HTTP, then it answers the figures of then; without asOf those of now", async () => {
    const http = await startHttp(test);
    try {
      const document = `${contract('reporting.graphql')}\n${contract('core.graphql')}`;
      const send = (operationName: string, variables: Record<string, unknown>) =>
        fetch(`${http.origin}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer test' },
          body: JSON.stringify({ query: document, operationName, variables }),
        }).then((r) => r.json() as Promise<{ data: { centre: { summary: ActivitySummary } }; errors?: unknown }>);
      const asOf = await send('CentreDashboardAsOf', { id: centre, ...MARCH, asOf: instant });
      expect(asOf.errors).toBeUndefined();
      expect(asOf.data.centre.summary).toEqual(contractFields(then.centre));
      const now = await send('CentreDashboard', { id: centre, ...MARCH });
      expect(now.data.centre.summary).toEqual(contractFields(test.ledger.read.summary([centre], MARCH)));

      const programme = await http.gql<{ summary: ActivitySummary }>(
        `query ($asOf: DateTime) { summary(from: "2025-03-01", to: "2025-03-31", asOf: $asOf) { workshopsHeld attendances volunteerHours culturalEventAudience } }`,
        { asOf: instant },
      );
      expect(programme.data?.summary).toEqual({
        workshopsHeld: then.programme.workshopsHeld,
        attendances: then.programme.attendances,
        volunteerHours: then.programme.volunteerHours,
        culturalEventAudience: then.programme.culturalEventAudience,
      });
    } finally {
      await http.close();
    }
  });
});
