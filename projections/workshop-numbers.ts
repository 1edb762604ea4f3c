import { defineProjection } from './projection.js';

/** How many workshops have been scheduled: the next one's number is this count. */
export interface WorkshopNumbersView {
  readonly issued: number;
}

export const WORKSHOP_NUMBERS_ID = 'issued';

/**
 * Gives each workshop a small dense number in scheduling order, as participant-numbers.ts does for
 * participants: an attendance row (./attendance.ts) names its workshop in 3 bytes, not a 36-byte id.
 */
export const workshopNumbers = defineProjection<WorkshopNumbersView, 'WorkshopScheduled'>({
  name: 'workshop_numbers',
  version: 1,
  handles: ['WorkshopScheduled'],
  documentIds: () => [WORKSHOP_NUMBERS_ID],
  evolve: (doc) => ({ issued: (doc?.issued ?? 0) + 1 }),
  columns: {},
});
