import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Indicator } from '../../src/domain/targets/events.js';
import type { IndicatorRow } from '../../src/read/reporting.js';
import { MARCH, recordScenario, type Scenario } from './scenario.js';
import { driver, openTestLedger, type TestLedger } from './support.js';

const byIndicator = (rows: IndicatorRow[]) => Object.fromEntries(rows.map((row) => [row.indicator, row]));

describe('indicators', () => {
  let test: TestLedger;
  let s: Scenario;
  beforeAll(async () => {
    test = await openTestLedger();
    s = await recordScenario(driver(test.ledger));
  });
  afterAll(() => test.close());

  const indicators = (scope: 'all' | string[], period: { from: string; to: string }, owner: { centreId: string | null } | 'none' = 'none') =>
    byIndicator(test.ledger.read.reporting.indicators({ scope, period }, owner));

  it('given the scenario, then there is one row per indicator, in the order of the enum, the contract’s among them', () => {
    const rows = test.ledger.read.reporting.indicators({ scope: 'all', period: MARCH }, 'none').map((row) => row.indicator);
    expect(rows).toEqual(Indicator.options);
    expect(rows).toEqual(
      expect.arrayContaining([
        'PARTICIPANTS_REACHED',
        'WORKSHOPS_HELD',
        'WOMEN_AND_GIRLS_SHARE',
        'RETURNEES_REACHED',
        'LEGAL_AID_BENEFICIARIES',
        'VOLUNTEER_HOURS',
        'CULTURAL_EVENT_AUDIENCE',
      ]),
    );
  });

  it('given centre A in March, then each indicator is measured as worked out by hand', () => {
    const rows = indicators([s.A], MARCH);
    expect(rows['PARTICIPANTS_REACHED']!.value).toBe(2); // p1 p2 at wA1; p2's removed pair at wA5 does not count
    expect(rows['WORKSHOPS_HELD']!.value).toBe(1); // wA1; not the empty, cancelled or emptied ones
    expect(rows['WOMEN_AND_GIRLS_SHARE']!.value).toBe(0.5); // p1 of p1 p2
    expect(rows['RETURNEES_REACHED']!.value).toBe(1); // p1
    expect(rows['LEGAL_AID_BENEFICIARIES']!.value).toBe(1); // p1 twice counts once; p2's was retracted
    expect(rows['VOLUNTEER_HOURS']!.value).toBe(2.5); // the retracted 3 do not count, B's 1.25 are B's
    expect(rows['CULTURAL_EVENT_AUDIENCE']!.value).toBe(30); // the corrected count
  });

  it('given the whole programme in March, then participants seen at two centres count once and every centre counts', () => {
    const rows = indicators('all', MARCH);
    expect(rows['PARTICIPANTS_REACHED']!.value).toBe(4);
    expect(rows['WORKSHOPS_HELD']!.value).toBe(2);
    expect(rows['WOMEN_AND_GIRLS_SHARE']!.value).toBe(0.5); // p1 p3 of four
    expect(rows['RETURNEES_REACHED']!.value).toBe(2); // p1 p4
    expect(rows['LEGAL_AID_BENEFICIARIES']!.value).toBe(2); // p1 p3
    expect(rows['VOLUNTEER_HOURS']!.value).toBe(3.75);
    expect(rows['CULTURAL_EVENT_AUDIENCE']!.value).toBe(30);
  });

  it('given March and April, then a participant at two workshops in the period counts once', () => {
    const rows = indicators('all', { from: '2025-03-01', to: '2025-04-30' });
    expect(rows['PARTICIPANTS_REACHED']!.value).toBe(4);
    expect(rows['WORKSHOPS_HELD']!.value).toBe(3);
    expect(rows['CULTURAL_EVENT_AUDIENCE']!.value).toBe(55);
  });

  it('given a period with no activity, then counts are 0 and the share is null, not 0', () => {
    const rows = indicators('all', { from: '2024-01-01', to: '2024-01-31' });
    expect(rows['PARTICIPANTS_REACHED']!.value).toBe(0);
    expect(rows['WOMEN_AND_GIRLS_SHARE']!.value).toBeNull();
    expect(rows['WOMEN_AND_GIRLS_SHARE']!.progress).toBeNull();
  });

  it('given targets, then each row has the target of exactly its indicator, period and owner, and progress = value / target', async () => {
    const d = driver(test.ledger);
    await d.setTarget({ indicator: 'PARTICIPANTS_REACHED', value: 4, ...MARCH, centreId: s.A });
    await d.setTarget({ indicator: 'WORKSHOPS_HELD', value: 0, ...MARCH, centreId: s.A });
    await d.setTarget({ indicator: 'VOLUNTEER_HOURS', value: 10, ...MARCH, centreId: null });
    await d.setTarget({ indicator: 'RETURNEES_REACHED', value: 3, from: '2025-03-01', to: '2025-03-30', centreId: s.A });

    const atA = indicators([s.A], MARCH, { centreId: s.A });
    expect(atA['PARTICIPANTS_REACHED']).toEqual({ indicator: 'PARTICIPANTS_REACHED', value: 2, target: 4, progress: 0.5 });
    expect(atA['WORKSHOPS_HELD']).toMatchObject({ value: 1, target: 0, progress: null }); // a target of 0 has no progress
    expect(atA['VOLUNTEER_HOURS']).toMatchObject({ target: null, progress: null }); // that one is the programme's
    expect(atA['RETURNEES_REACHED']).toMatchObject({ target: null, progress: null }); // another period

    const programme = indicators('all', MARCH, { centreId: null });
    expect(programme['VOLUNTEER_HOURS']).toEqual({ indicator: 'VOLUNTEER_HOURS', value: 3.75, target: 10, progress: 0.375 });
    expect(programme['PARTICIPANTS_REACHED']!.target).toBeNull();
  });
});
