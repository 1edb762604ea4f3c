import { describe, expect, it } from 'vitest';
import { targets, targetValueAsOf, type TargetView } from '../../projections/targets.js';
import { columnsOf, docOf, project, recorded } from '../support/projection.js';

const set = (targetId: string, value: number, at: string, centreId: string | null = 'c1') =>
  recorded('TargetSet', { targetId, indicator: 'PARTICIPANTS_REACHED', value, from: '2025-01-01', to: '2025-12-31', centreId }, { at });

describe('targets view', () => {
  it('given a target set, then the view holds its value, period, centre and one history entry', () => {
    const view = project(targets, [set('t1', 120, '2025-01-05T09:00:00.000Z')]);

    expect(docOf(view, 't1')).toStrictEqual<TargetView>({
      id: 't1',
      indicator: 'PARTICIPANTS_REACHED',
      from: '2025-01-01',
      to: '2025-12-31',
      centreId: 'c1',
      value: 120,
      setAt: '2025-01-05T09:00:00.000Z',
      history: [{ value: 120, setAt: '2025-01-05T09:00:00.000Z' }],
    });
    expect(columnsOf(targets, docOf(view, 't1'))).toStrictEqual({
      indicator: 'PARTICIPANTS_REACHED',
      from_date: '2025-01-01',
      to_date: '2025-12-31',
      centre_id: 'c1',
      value: 120,
    });
  });

  it('given a programme target (no centre), then its centre column is null', () => {
    const view = project(targets, [set('t1', 500, '2025-01-05T09:00:00.000Z', null)]);

    expect(targets.columns['centre_id']!.value(docOf(view, 't1'))).toBeNull();
  });

  it('given a target set, when it is set again, then the later value replaces it and both stay in the history', () => {
    const view = project(targets, [set('t1', 120, '2025-01-05T09:00:00.000Z'), set('t1', 150, '2025-02-05T09:00:00.000Z')]);
    const doc = docOf(view, 't1');

    expect(doc).toMatchObject({ value: 150, setAt: '2025-02-05T09:00:00.000Z' });
    expect(doc.history).toStrictEqual([
      { value: 120, setAt: '2025-01-05T09:00:00.000Z' },
      { value: 150, setAt: '2025-02-05T09:00:00.000Z' },
    ]);
    expect(targets.columns['value']!.value(doc)).toBe(150);
  });

  it('given two values set, then the value as of an instant is the one set last by then, and null before the first', () => {
    const doc = docOf(project(targets, [set('t1', 120, '2025-01-05T09:00:00.000Z'), set('t1', 150, '2025-02-05T09:00:00.000Z')]), 't1');

    expect(targetValueAsOf(doc, '2025-01-01T00:00:00.000Z')).toBeNull();
    expect(targetValueAsOf(doc, '2025-01-05T09:00:00.000Z')).toBe(120);
    expect(targetValueAsOf(doc, '2025-02-01T00:00:00.000Z')).toBe(120);
    expect(targetValueAsOf(doc, '2025-03-01T00:00:00.000Z')).toBe(150);
    expect(targetValueAsOf(doc, null)).toBe(150);
  });
});
