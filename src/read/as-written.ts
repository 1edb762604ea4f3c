import type { WorkshopView } from '../../projections/workshops.js';
import type { WorkshopState } from '../domain/workshops/decider.js';
import { localDateOf } from '../domain/shared/time.js';

/**
 * A workshop's own fields as the state its command left (`handle`'s newState): what a mutation
 * answers without reading the stream again or waiting for the views. The views' document holds
 * the same fields; its number (for the attendance rows) is not an own field of any answer, so it
 * is not here, and it names its attendees by id (the state's), where the document has their numbers.
 */
export type WorkshopAsWritten = Omit<WorkshopView, 'ordinal' | 'attendees'> & { readonly attendeeIds: readonly string[] };

/** What the API's Workshop is made from: the views' document, or a mutation's answer as written. */
export type WorkshopAnswer = WorkshopView | WorkshopAsWritten;

export function workshopAsWritten(workshopId: string, state: WorkshopState, timeZone: string): WorkshopAsWritten | undefined {
  if (state.status === 'NONE') return undefined;
  const attendeeIds = [...state.attendees];
  return {
    id: workshopId,
    centreId: state.centreId,
    ...state.details,
    startsAt: state.startsAt,
    localDate: localDateOf(state.startsAt, timeZone),
    // As the views count it: a workshop with someone attending was held, unless cancelled.
    status: state.status === 'CANCELLED' ? 'CANCELLED' : attendeeIds.length > 0 ? 'HELD' : 'SCHEDULED',
    attendeeIds,
  };
}
