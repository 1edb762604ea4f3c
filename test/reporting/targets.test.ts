import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { targets, targetValueAsOf, type TargetView } from '../../projections/targets.js';
import type { EventOfType } from '../../projections/projection.js';
import { parseInput } from '../../src/commands/input.js';
import { decide, SetTarget, targetIdOf } from '../../src/domain/targets/decider.js';
import { driver, openTestLedger, type Driver, type TestLedger } from './support.js';

const opened = { opened: true as const, name: 'Novi Pazar', district: 'Raška' };
const input = { indicator: 'PARTICIPANTS_REACHED', value: 200, from: '2025-01-01', to: '2025-03-31', centreId: 'c1' };

function rejection(run: () => unknown) {
  try {
    run();
  } catch (error) {
    return { code: (error as { code?: string }).code, field: (error as { field?: string }).field };
  }
  throw new Error('expected a rejection');
}

describe('SetTarget input and decision', () => {
  it('given from after to, when the target is parsed, then it is BAD_USER_INPUT on to', () => {
    expect(rejection(() => parseInput(SetTarget, { ...input, from: '2025-04-01' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'to' });
  });

  it('given a negative, infinite or non-numeric value, when parsed, then it is BAD_USER_INPUT on value', () => {
    for (const value of [-1, Number.POSITIVE_INFINITY, Number.NaN, '12']) {
      expect(rejection(() => parseInput(SetTarget, { ...input, value }))).toEqual({ code: 'BAD_USER_INPUT', field: 'value' });
    }
  });

  it('given a share above 1, when parsed, then it is BAD_USER_INPUT on value; 0 and 1 are fine', () => {
    expect(rejection(() => parseInput(SetTarget, { ...input, indicator: 'WOMEN_AND_GIRLS_SHARE', value: 1.2 }))).toEqual({ code: 'BAD_USER_INPUT', field: 'value' });
    expect(parseInput(SetTarget, { ...input, indicator: 'WOMEN_AND_GIRLS_SHARE', value: 1 }).value).toBe(1);
    expect(parseInput(SetTarget, { ...input, value: 0 }).value).toBe(0);
  });

  it('given a date that does not exist or an unknown indicator, when parsed, then it is BAD_USER_INPUT on that field', () => {
    expect(rejection(() => parseInput(SetTarget, { ...input, from: '2025-02-30' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'from' });
    expect(rejection(() => parseInput(SetTarget, { ...input, indicator: 'HAPPINESS' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'indicator' });
  });

  it('given a centre that is not open, when the target is decided, then it is NOT_FOUND on centreId', () => {
    const data = parseInput(SetTarget, input);
    expect(rejection(() => decide({ type: 'SetTarget', data }, { set: false }, { centre: { opened: false } }))).toEqual({ code: 'NOT_FOUND', field: 'centreId' });
  });

  it('given no centre, when the target is decided, then it is the programme target (centreId null)', () => {
    const data = parseInput(SetTarget, { ...input, centreId: undefined });
    const [event] = decide({ type: 'SetTarget', data }, { set: false }, {});
    expect(event?.data).toMatchObject({ centreId: null, indicator: 'PARTICIPANTS_REACHED', value: 200 });
  });

  it('given an open centre and a target already set, when set again, then TargetSet is decided again for the same key', () => {
    const data = parseInput(SetTarget, input);
    const [event] = decide({ type: 'SetTarget', data }, { set: true, value: 150 }, { centre: opened });
    expect(event).toEqual({ type: 'TargetSet', data: { targetId: targetIdOf(data), indicator: 'PARTICIPANTS_REACHED', value: 200, from: '2025-01-01', to: '2025-03-31', centreId: 'c1' } });
  });

  it('given two keys differing in one part, then their ids differ; the same key gives the same id', () => {
    const key = { indicator: 'WORKSHOPS_HELD' as const, from: '2025-01-01', to: '2025-03-31', centreId: 'c1' };
    expect(targetIdOf(key)).toBe(targetIdOf({ ...key }));
    for (const other of [{ ...key, centreId: null }, { ...key, to: '2025-03-30' }, { ...key, indicator: 'VOLUNTEER_HOURS' as const }]) {
      expect(targetIdOf(other)).not.toBe(targetIdOf(key));
    }
  });
});

describe('targets projection', () => {
  const set = (value: number, at: string): EventOfType<'TargetSet'> =>
    ({
      type: 'TargetSet',
      data: { targetId: 't1', indicator: 'VOLUNTEER_HOURS', value, from: '2025-01-01', to: '2025-12-31', centreId: null },
      metadata: { actor: { userId: 'u', role: 'coordinator' }, correlationId: 'x', recordedAt: at },
      position: 1n,
      streamId: 'target-t1',
    }) as EventOfType<'TargetSet'>;
  const fold = (...events: EventOfType<'TargetSet'>[]) =>
    events.reduce<TargetView | undefined>((doc, event) => targets.evolve(doc, event, 't1', () => undefined), undefined)!;

  it('given a target set twice, then the later value is the value and both stay in the history', () => {
    const doc = fold(set(100, '2025-01-02T10:00:00.000Z'), set(120, '2025-02-02T10:00:00.000Z'));
    expect(doc.value).toBe(120);
    expect(doc.history).toEqual([
      { value: 100, setAt: '2025-01-02T10:00:00.000Z' },
      { value: 120, setAt: '2025-02-02T10:00:00.000Z' },
    ]);
    expect(targets.columns['centre_id']!.value(doc)).toBeNull();
    expect(targets.columns['value']!.value(doc)).toBe(120);
  });

  it('given a history, then the value as of an instant is the one set last by then, null before the first', () => {
    const doc = fold(set(100, '2025-01-02T10:00:00.000Z'), set(120, '2025-02-02T10:00:00.000Z'));
    expect(targetValueAsOf(doc, '2025-01-01T00:00:00.000Z')).toBeNull();
    expect(targetValueAsOf(doc, '2025-01-02T10:00:00.000Z')).toBe(100);
    expect(targetValueAsOf(doc, '2025-02-01T00:00:00.000Z')).toBe(100);
    expect(targetValueAsOf(doc, null)).toBe(120);
  });
});

describe('setting targets through the command path', () => {
  let test: TestLedger;
  let d: Driver;
  beforeEach(async () => {
    test = await openTestLedger();
    d = driver(test.ledger);
  });
  afterEach(() => test.close());

  it('given a target set, when one is set again for the same indicator, period and centre, then the later replaces it', async () => {
    const centreId = await d.openCentre('Tutin');
    const first = await d.setTarget({ indicator: 'WORKSHOPS_HELD', value: 10, from: '2025-01-01', to: '2025-03-31', centreId });
    const second = await d.setTarget({ indicator: 'WORKSHOPS_HELD', value: 12, from: '2025-01-01', to: '2025-03-31', centreId });

    expect(second.targetId).toBe(first.targetId);
    const events = await test.ledger.store.readStream(`target-${first.targetId}`);
    expect(events.map((e) => (e.data as { value: number }).value)).toEqual([10, 12]);
    expect(test.ledger.read.reporting.targets([centreId], centreId)).toHaveLength(1);
    expect(test.ledger.read.reporting.target('WORKSHOPS_HELD', '2025-01-01', '2025-03-31', centreId)).toBe(12);
  });

  it('given targets for other periods, centres and the programme, then a lookup finds exactly its own', async () => {
    const centreId = await d.openCentre('Tutin');
    await d.setTarget({ indicator: 'WORKSHOPS_HELD', value: 10, from: '2025-01-01', to: '2025-03-31', centreId });
    await d.setTarget({ indicator: 'WORKSHOPS_HELD', value: 30, from: '2025-01-01', to: '2025-03-31', centreId: null });
    await d.setTarget({ indicator: 'WORKSHOPS_HELD', value: 40, from: '2025-01-01', to: '2025-12-31', centreId });

    const target = test.ledger.read.reporting.target;
    expect(target('WORKSHOPS_HELD', '2025-01-01', '2025-03-31', centreId)).toBe(10);
    expect(target('WORKSHOPS_HELD', '2025-01-01', '2025-03-31', null)).toBe(30);
    expect(target('WORKSHOPS_HELD', '2025-01-01', '2025-12-31', centreId)).toBe(40);
    expect(target('WORKSHOPS_HELD', '2025-01-02', '2025-03-31', centreId)).toBeNull();
    expect(target('VOLUNTEER_HOURS', '2025-01-01', '2025-03-31', centreId)).toBeNull();
  });

  it('given a centre id that names nothing, when a target is set for it, then it is NOT_FOUND on centreId and nothing is stored', async () => {
    const before = await test.ledger.store.headPosition();
    await expect(d.setTarget({ indicator: 'WORKSHOPS_HELD', value: 1, from: '2025-01-01', to: '2025-01-31', centreId: 'nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      field: 'centreId',
    });
    expect(await test.ledger.store.headPosition()).toBe(before);
  });

  it('given a staff member, when they set a target, then it is FORBIDDEN; a coordinator may', async () => {
    const centreId = await d.openCentre('Sjenica');
    const target = { indicator: 'WORKSHOPS_HELD', value: 5, from: '2025-01-01', to: '2025-01-31', centreId };
    await expect(d.setTarget(target, { userId: 's', role: 'staff', centreIds: [centreId] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(d.setTarget(target, { userId: 'k', role: 'coordinator', centreIds: [] })).resolves.toHaveProperty('targetId');
  });
});
