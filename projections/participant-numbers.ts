import { defineProjection } from './projection.js';

/** How many participants have been registered: the next one's number is this count. */
export interface ParticipantNumbersView {
  readonly issued: number;
}

export const PARTICIPANT_NUMBERS_ID = 'issued';

/**
 * Gives each participant a small dense number in registration order, so that sets of participants
 * (who attended at a centre on a day, in a month) can be stored and unioned as integer lists
 * rather than as ids. Deterministic: a rebuild numbers them the same way.
 */
export const participantNumbers = defineProjection<ParticipantNumbersView, 'ParticipantRegistered'>({
  name: 'participant_numbers',
  version: 1,
  handles: ['ParticipantRegistered'],
  documentIds: () => [PARTICIPANT_NUMBERS_ID],
  evolve: (doc) => ({ issued: (doc?.issued ?? 0) + 1 }),
  columns: {},
});
