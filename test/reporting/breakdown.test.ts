import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageGroupOf, type BreakdownCell, type Dimension } from '../../src/read/reporting.js';
import { MARCH, recordScenario, type Scenario } from './scenario.js';
import { driver, openTestLedger, type TestLedger } from './support.js';

const nullKey = { sex: null, ageGroup: null, group: null, kind: null, centreId: null, district: null, month: null };
const sum = (cells: BreakdownCell[], field: 'attendances' | 'uniqueParticipants') => cells.reduce((total, cell) => total + cell[field], 0);

describe('breakdown of the attendance pairs', () => {
  let test: TestLedger;
  let s: Scenario;
  beforeAll(async () => {
    test = await openTestLedger();
    s = await recordScenario(driver(test.ledger));
  });
  afterAll(() => test.close());

  const breakdown = (by: Dimension[], period: { from?: string; to?: string } = MARCH, scope: 'all' | string[] = 'all') =>
    test.ledger.read.reporting.breakdown({ scope, period }, by);

  it('given no dimension, then there is one cell with the totals and an all-null key', () => {
    expect(breakdown([])).toEqual([{ key: nullKey, attendances: 4, uniqueParticipants: 4 }]);
  });

  it('given a period without attendance, then there are no cells at all', () => {
    expect(breakdown([], { from: '2024-01-01', to: '2024-12-31' })).toEqual([]);
    expect(breakdown(['SEX'], { from: '2024-01-01', to: '2024-12-31' })).toEqual([]);
  });

  it('given SEX, then a cell per sex present, other key fields null', () => {
    expect(breakdown(['SEX'])).toEqual([
      { key: { ...nullKey, sex: 'FEMALE' }, attendances: 2, uniqueParticipants: 2 },
      { key: { ...nullKey, sex: 'MALE' }, attendances: 1, uniqueParticipants: 1 },
      { key: { ...nullKey, sex: 'OTHER' }, attendances: 1, uniqueParticipants: 1 },
    ]);
  });

  it('given GROUP, KIND, CENTRE and DISTRICT one at a time, then each splits the pairs by it', () => {
    expect(breakdown(['GROUP']).map((c) => [c.key.group, c.attendances])).toEqual([
      ['LOCAL', 2],
      ['RETURNEE', 2],
    ]);
    expect(breakdown(['KIND']).map((c) => [c.key.kind, c.attendances])).toEqual([
      ['PARENTING', 2],
      ['PSYCHOSOCIAL', 2],
    ]);
    expect(breakdown(['CENTRE']).map((c) => [c.key.centreId, c.attendances]).sort()).toEqual([[s.A, 2], [s.B, 2]].sort());
    expect(breakdown(['DISTRICT']).map((c) => [c.key.district, c.attendances])).toEqual([
      ['Raška', 2],
      ['Zlatibor', 2],
    ]);
  });

  it('given MONTH over two months, then each month is YYYY-MM of the local date and unique counts are per cell', () => {
    expect(breakdown(['MONTH'], { from: '2025-03-01', to: '2025-04-30' })).toEqual([
      { key: { ...nullKey, month: '2025-03' }, attendances: 4, uniqueParticipants: 4 },
      { key: { ...nullKey, month: '2025-04' }, attendances: 2, uniqueParticipants: 2 },
    ]);
    // p1 and p3 appear in both months: the cells' unique counts (6) exceed the period's (4).
    expect(breakdown([], { from: '2025-03-01', to: '2025-04-30' })[0]).toMatchObject({ attendances: 6, uniqueParticipants: 4 });
  });

  it('given AGE_GROUP, then ages are the workshop year minus the birth year', () => {
    expect(breakdown(['AGE_GROUP']).map((c) => [c.key.ageGroup, c.attendances])).toEqual([
      ['AGE_12_17', 1], // p2, 2025 - 2010 = 15
      ['AGE_18_59', 1], // p3, 45
      ['AGE_5_11', 1], // p1, 10
      ['AGE_60_PLUS', 1], // p4, 75
    ]);
  });

  it('given several dimensions, then a cell per combination present, ordered by the keys', () => {
    const cells = breakdown(['SEX', 'CENTRE', 'SEX']);
    expect(cells).toHaveLength(4);
    expect(cells.filter((c) => c.key.centreId === s.A).map((c) => c.key.sex)).toEqual(['FEMALE', 'MALE']);
    expect(cells.every((c) => c.key.kind === null && c.key.month === null)).toBe(true);
    expect(sum(cells, 'attendances')).toBe(4);
  });

  it('given a centre scope, then only its workshops count, wherever the participants are registered', () => {
    expect(breakdown(['CENTRE'], { from: '2025-03-01', to: '2025-04-30' }, [s.A])).toEqual([
      { key: { ...nullKey, centreId: s.A }, attendances: 4, uniqueParticipants: 3 }, // p3 of B attended at A in April
    ]);
  });

  it('given every dimension and any period, then the cells add up to the summary', () => {
    for (const period of [MARCH, { from: '2025-03-01', to: '2025-04-30' }, {}]) {
      const summary = test.ledger.read.summary('all', period);
      expect(sum(breakdown(['SEX', 'AGE_GROUP', 'GROUP', 'KIND', 'CENTRE', 'DISTRICT', 'MONTH'], period), 'attendances')).toBe(summary.attendances);
      expect(sum(breakdown(['SEX'], period), 'uniqueParticipants')).toBe(summary.uniqueParticipants);
    }
  });
});

describe('age groups at their boundaries', () => {
  let test: TestLedger;
  beforeAll(async () => {
    test = await openTestLedger();
  });
  afterAll(() => test.close());

  it('given ageGroupOf, then each group starts where the previous ends', () => {
    expect([0, 4, 5, 11, 12, 17, 18, 59, 60, 99].map(ageGroupOf)).toEqual([
      'AGE_0_4', 'AGE_0_4', 'AGE_5_11', 'AGE_5_11', 'AGE_12_17', 'AGE_12_17', 'AGE_18_59', 'AGE_18_59', 'AGE_60_PLUS', 'AGE_60_PLUS',
    ]);
  });

  it('given participants of each boundary age at one workshop, then the SQL puts them where ageGroupOf does', async () => {
    const d = driver(test.ledger);
    const centre = await d.openCentre('Sjenica');
    const ages = [4, 5, 11, 12, 17, 18, 59, 60];
    const ids = [];
    for (const age of ages) ids.push(await d.registerParticipant(centre, { birthYear: 2025 - age }));
    await d.recordAttendance(await d.scheduleWorkshop(centre, '2025-06-10'), ids);

    const cells = test.ledger.read.reporting.breakdown({ scope: [centre], period: { from: '2025-06-10', to: '2025-06-10' } }, ['AGE_GROUP']);
    const expected = new Map<string, number>();
    for (const age of ages) expected.set(ageGroupOf(age), (expected.get(ageGroupOf(age)) ?? 0) + 1);
    expect(new Map(cells.map((c) => [c.key.ageGroup!, c.attendances]))).toEqual(expected);
  });

  it("given a workshop just after midnight on New Year's Day in Belgrade (still the old year in UTC), then the age uses the local year", async () => {
    const d = driver(test.ledger);
    const centre = await d.openCentre('Tutin');
    const p = await d.registerParticipant(centre, { birthYear: 2007 });
    await d.recordAttendance(await d.scheduleWorkshop(centre, '2025-01-01', 'OTHER', 'Doček', '2024-12-31T23:30:00Z'), [p]);

    const cells = test.ledger.read.reporting.breakdown({ scope: [centre], period: {} }, ['AGE_GROUP', 'MONTH']);
    expect(cells.map((c) => [c.key.ageGroup, c.key.month])).toEqual([['AGE_18_59', '2025-01']]);
  });
});
