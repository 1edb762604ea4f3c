import type { CentreState } from '../centres/decider.js';
import type { ParticipantState } from '../participants/decider.js';
import type { Clock } from '../shared/decider.js';
import { badInput, conflict, notFound } from '../shared/errors.js';

/** The earliest date a service may carry: older dates are typing slips (2205 for 2025 has its own rule). */
export const EARLIEST_SERVICE_DATE = '2000-01-01';

/** What every service needs beyond its own stream: the clock, the centre and the person it is for. */
export interface ServiceContext {
  readonly clock: Clock;
  readonly centre?: CentreState;
  readonly participant?: ParticipantState;
}

/** A date of something that happened: not in the future, not before {@link EARLIEST_SERVICE_DATE}. */
export function checkServiceDate(field: string, date: string, clock: Clock, what: string): void {
  if (date > clock.today) throw badInput(field, `${field}: ${what} cannot be recorded for a future date`);
  if (date < EARLIEST_SERVICE_DATE) throw badInput(field, `${field}: must not be before ${EARLIEST_SERVICE_DATE}`);
}

/**
 * The centre exists and the participant is registered (at any centre) and not erased; the date
 * happened. Throws NOT_FOUND, CONFLICT or BAD_USER_INPUT on the field concerned.
 */
export function checkNewService(context: ServiceContext, date: string, what: string): void {
  if (!context.centre?.opened) throw notFound('centreId', 'no centre has this id');
  if (!context.participant?.registered) throw notFound('participantId', 'no participant has this id');
  if (context.participant.erased) throw conflict('an erased participant cannot be recorded again', 'participantId');
  checkServiceDate('date', date, context.clock, what);
}
