import { describe, expect, it } from 'vitest';
import { cycleSessions, cycles, type CycleView } from '../../projections/cycles.js';
import { columnsOf, docOf, project, recorded } from '../support/projection.js';

const cycle = recorded(
  'CycleScheduled',
  { cycleId: 'cy1', centreId: 'c1', kind: 'PARENTING', title: 'Parenting circle', plannedSessions: 8, startsOn: '2025-03-01', endsOn: '2025-04-30' },
  { at: '2025-02-20T09:00:00.000Z' },
);
const session = (workshopId: string, cycleId?: string) =>
  recorded('WorkshopScheduled', {
    workshopId,
    centreId: 'c1',
    kind: 'PARENTING',
    title: 'Session',
    startsAt: '2025-03-10T17:00:00+01:00',
    durationMinutes: 90,
    ...(cycleId ? { cycleId } : {}),
  });

describe('cycles view', () => {
  it('given a cycle scheduled, then the view holds it with the dates the queries filter on', () => {
    const view = project(cycles, [cycle]);

    expect(docOf(view, 'cy1')).toStrictEqual<CycleView>({
      id: 'cy1',
      centreId: 'c1',
      kind: 'PARENTING',
      title: 'Parenting circle',
      plannedSessions: 8,
      startsOn: '2025-03-01',
      endsOn: '2025-04-30',
      scheduledAt: '2025-02-20T09:00:00.000Z',
    });
    expect(columnsOf(cycles, docOf(view, 'cy1'))).toStrictEqual({ centre_id: 'c1', starts_on: '2025-03-01', ends_on: '2025-04-30' });
  });
});

describe('cycle sessions view', () => {
  it('given workshops scheduled with and without a cycle, then only the sessions of a cycle have a document', () => {
    const view = project(cycleSessions, [cycle, session('w1', 'cy1'), session('w2'), session('w3', 'cy1')]);

    expect([...view.keys()].sort()).toEqual(['w1', 'w3']);
    expect(docOf(view, 'w1')).toStrictEqual({ workshopId: 'w1', cycleId: 'cy1' });
    expect(columnsOf(cycleSessions, docOf(view, 'w3'))).toStrictEqual({ cycle_id: 'cy1' });
  });
});
