import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typeDefs } from '../../src/api/schema.js';
import { Indicator } from '../../src/domain/targets/events.js';
import { MARCH, recordScenario, type Scenario } from './scenario.js';
import { driver, openTestLedger, startHttp, type TestLedger } from './support.js';

const contract = (file: string) => readFileSync(new URL(`../../../shared/contract/${file}`, import.meta.url), 'utf8');
const reportingDocument = () => `${contract('reporting.graphql')}\n${contract('core.graphql')}`;

describe('the contract’s reporting operations', () => {
  it('given schema/, then every operation of reporting.graphql (with core.graphql) validates', () => {
    const schema = buildSchema(typeDefs.join('\n'));
    expect(validate(schema, parse(reportingDocument())).map((error) => error.message)).toEqual([]);
  });
});

describe('reporting over GraphQL', () => {
  let test: TestLedger;
  let http: Awaited<ReturnType<typeof startHttp>>;
  let s: Scenario;
  beforeAll(async () => {
    test = await openTestLedger();
    s = await recordScenario(driver(test.ledger));
    http = await startHttp(test);
  });
  afterAll(async () => {
    await http.close();
    await test.close();
  });

  /** A named operation of the contract's reporting document. */
  const op = async (operationName: string, variables: Record<string, unknown>) => {
    const response = await fetch(`${http.origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer test' },
      body: JSON.stringify({ query: reportingDocument(), operationName, variables }),
    });
    return (await response.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string; field?: string } }[] };
  };

  it('given SetTarget twice for one key, then the second answers the replaced target and a position', async () => {
    const input = { indicator: 'PARTICIPANTS_REACHED', value: 4, ...MARCH, centreId: s.A };
    const first = await op('SetTarget', { input });
    expect(first.errors).toBeUndefined();
    expect(first.data.setTarget.target).toEqual({ indicator: 'PARTICIPANTS_REACHED', value: 4, from: '2025-03-01', to: '2025-03-31', centreId: s.A });
    const second = await op('SetTarget', { input: { ...input, value: 8 } });
    expect(second.data.setTarget.target.value).toBe(8);
    expect(BigInt(second.data.setTarget.position)).toBeGreaterThan(BigInt(first.data.setTarget.position));

    const indicators = await op('Indicators', { ...MARCH, centreId: s.A });
    expect(indicators.data.indicators).toContainEqual({ indicator: 'PARTICIPANTS_REACHED', value: 2, target: 8, progress: 0.25 });
    expect(indicators.data.indicators.map((row: { indicator: string }) => row.indicator)).toEqual(Indicator.options);
  });

  it('given a programme target, then the programme indicators (no centreId) compare with it', async () => {
    await op('SetTarget', { input: { indicator: 'LEGAL_AID_BENEFICIARIES', value: 4, ...MARCH } });
    const indicators = await op('Indicators', MARCH);
    expect(indicators.data.indicators).toContainEqual({ indicator: 'LEGAL_AID_BENEFICIARIES', value: 2, target: 4, progress: 0.5 });
  });

  it('given bad target input, then BAD_USER_INPUT with the field, or NOT_FOUND on centreId', async () => {
    const base = { indicator: 'WORKSHOPS_HELD', value: 3, ...MARCH };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...base, from: '2025-04-01' }, 'BAD_USER_INPUT', 'to'],
      [{ ...base, value: -1 }, 'BAD_USER_INPUT', 'value'],
      [{ ...base, indicator: 'WOMEN_AND_GIRLS_SHARE', value: 2 }, 'BAD_USER_INPUT', 'value'],
      [{ ...base, centreId: 'no-such-centre' }, 'NOT_FOUND', 'centreId'],
    ];
    for (const [input, code, field] of cases) {
      const answer = await op('SetTarget', { input });
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code, field });
    }
  });

  it('given Breakdown by SEX and MONTH, then the cells come with null keys for the rest and add up', async () => {
    const answer = await op('Breakdown', { ...MARCH, by: ['SEX', 'MONTH'] });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.breakdown).toEqual([
      { key: { sex: 'FEMALE', ageGroup: null, group: null, kind: null, centreId: null, district: null, month: '2025-03' }, uniqueParticipants: 2, attendances: 2 },
      { key: { sex: 'MALE', ageGroup: null, group: null, kind: null, centreId: null, district: null, month: '2025-03' }, uniqueParticipants: 1, attendances: 1 },
      { key: { sex: 'OTHER', ageGroup: null, group: null, kind: null, centreId: null, district: null, month: '2025-03' }, uniqueParticipants: 1, attendances: 1 },
    ]);
  });

  it('given a period that ends before it starts, then indicators and breakdown are BAD_USER_INPUT on to', async () => {
    const indicators = await op('Indicators', { from: '2025-03-31', to: '2025-03-01' });
    expect(indicators.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    const breakdown = await op('Breakdown', { from: '2025-03-31', to: '2025-03-01', by: [] });
    expect(breakdown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });

  it('given two centres of one district and a participant at both, then the district counts them once', async () => {
    const d = driver(test.ledger);
    const c1 = await d.openCentre('Prijepolje', 'Zlatiborski okrug');
    const c2 = await d.openCentre('Priboj', 'Zlatiborski okrug');
    const p = await d.registerParticipant(c1, { sex: 'MALE' });
    const q = await d.registerParticipant(c2, { sex: 'FEMALE' });
    await d.recordAttendance(await d.scheduleWorkshop(c1, '2025-05-05'), [p]);
    await d.recordAttendance(await d.scheduleWorkshop(c2, '2025-05-06'), [p, q]);

    const answer = await http.gql(
      `query { districts(from: "2025-05-01", to: "2025-05-31") { name centres { name } summary { workshopsHeld attendances uniqueParticipants } } }`,
    );
    const okrug = answer.data.districts.find((district: { name: string }) => district.name === 'Zlatiborski okrug');
    expect(okrug).toEqual({
      name: 'Zlatiborski okrug',
      centres: [{ name: 'Priboj' }, { name: 'Prijepolje' }],
      summary: { workshopsHeld: 2, attendances: 3, uniqueParticipants: 2 },
    });
    const one = await http.gql(`query { district(name: "Zlatiborski okrug", from: "2025-05-01", to: "2025-05-31") { summary { uniqueParticipants } } }`);
    expect(one.data.district.summary.uniqueParticipants).toBe(2);
    const none = await http.gql(`query { district(name: "Atlantis") { name } }`);
    expect(none.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'name' });
  });

  it('given follow-up arguments out of range, then BAD_USER_INPUT names the argument', async () => {
    const ask = (args: string) => http.gql(`query ($id: ID!) { centre(id: $id) { followUp(on: "2025-06-30", ${args}) { sessions } } }`, { id: s.A });
    for (const [args, field] of [
      ['minSessions: 0', 'minSessions'],
      ['regularWeeks: 0', 'regularWeeks'],
      ['absentWeeks: 0', 'absentWeeks'],
      ['regularWeeks: 3, absentWeeks: 3', 'absentWeeks'],
      ['regularWeeks: 1000', 'regularWeeks'],
    ] as const) {
      const answer = await ask(args);
      expect(answer.errors?.[0]?.extensions, args).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const fine = await http.gql(`query ($id: ID!) { centre(id: $id) { followUp(on: "2025-06-30") { participant { id code } sessions lastAttendedOn } } }`, { id: s.A });
    expect(fine.errors).toBeUndefined();
    expect(fine.data.centre.followUp).toEqual([]);
  });
});
