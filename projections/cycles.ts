import type { WorkshopKind } from '../src/domain/workshops/events.js';
import { defineProjection } from './projection.js';

/** A cycle as scheduled. Its sessions are the workshops whose cycle_id names it (see workshops.ts). */
export interface CycleView {
  readonly id: string;
  readonly centreId: string;
  readonly kind: WorkshopKind;
  readonly title: string;
  readonly plannedSessions: number;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly scheduledAt: string;
}

export const cycles = defineProjection<CycleView, 'CycleScheduled'>({
  name: 'cycles',
  version: 1,
  handles: ['CycleScheduled'],
  documentIds: (event) => [event.data.cycleId],
  evolve: (_doc, { data, metadata }) => ({
    id: data.cycleId,
    centreId: data.centreId,
    kind: data.kind,
    title: data.title,
    plannedSessions: data.plannedSessions,
    startsOn: data.startsOn,
    endsOn: data.endsOn,
    scheduledAt: metadata.recordedAt,
  }),
  columns: {
    centre_id: { type: 'TEXT', value: (doc) => doc.centreId },
    starts_on: { type: 'TEXT', value: (doc) => doc.startsOn },
    ends_on: { type: 'TEXT', value: (doc) => doc.endsOn },
  },
  indexes: [['centre_id', 'ends_on'], ['ends_on']],
});

/**
 * Which cycle a workshop is a session of: one document per session, none for other workshops.
 * Kept apart from the workshops view so that view keeps its shape; queries join on workshop id.
 */
export interface CycleSessionView {
  readonly workshopId: string;
  readonly cycleId: string;
}

export const cycleSessions = defineProjection<CycleSessionView, 'WorkshopScheduled'>({
  name: 'cycle_sessions',
  version: 1,
  handles: ['WorkshopScheduled'],
  documentIds: (event) => (event.data.cycleId === undefined ? [] : [event.data.workshopId]),
  evolve: (_doc, { data }) => (data.cycleId === undefined ? undefined : { workshopId: data.workshopId, cycleId: data.cycleId }),
  columns: { cycle_id: { type: 'TEXT', value: (doc) => doc.cycleId } },
  indexes: [['cycle_id']],
});
