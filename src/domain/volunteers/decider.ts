import { z } from 'zod';
import type { CentreState } from '../centres/decider.js';
import type { Clock, Decider } from '../shared/decider.js';
import { badInput, conflict, notFound } from '../shared/errors.js';
import { id, isoDate, text } from '../shared/input.js';
import type { VolunteerEvent } from './events.js';

export const streamOf = (volunteerId: string) => `volunteer-${volunteerId}`;

export const MAX_HOURS_PER_DAY = 24;

export const RegisterVolunteer = z.object({ volunteerId: id, centreId: id, name: text(120) });
export type RegisterVolunteer = z.infer<typeof RegisterVolunteer>;

export const LogVolunteerHours = z.object({
  entryId: id,
  volunteerId: id,
  centreId: id,
  date: isoDate,
  hours: z
    .number()
    .finite()
    .gt(0, 'must be more than 0')
    .max(MAX_HOURS_PER_DAY, `must be at most ${MAX_HOURS_PER_DAY}`)
    // Hundredths are what the daily limit sums; finer fractions would slip past it.
    .refine((hours) => Math.abs(hours * 100 - Math.round(hours * 100)) < 1e-6, 'must have at most two decimals'),
  activity: text(200),
});
export type LogVolunteerHours = z.infer<typeof LogVolunteerHours>;

export const RetractVolunteerHours = z.object({ volunteerId: id, entryId: id, reason: text(500) });
export type RetractVolunteerHours = z.infer<typeof RetractVolunteerHours>;

export const RecordVolunteerAgreement = z.object({ agreementId: id, volunteerId: id, signedOn: isoDate, validUntil: isoDate });
export type RecordVolunteerAgreement = z.infer<typeof RecordVolunteerAgreement>;

export type VolunteerCommand =
  | { type: 'RegisterVolunteer'; data: RegisterVolunteer }
  | { type: 'LogVolunteerHours'; data: LogVolunteerHours }
  | { type: 'RetractVolunteerHours'; data: RetractVolunteerHours }
  | { type: 'RecordVolunteerAgreement'; data: RecordVolunteerAgreement };

export interface HoursEntry {
  readonly date: string;
  readonly hours: number;
  readonly retracted: boolean;
}

export type VolunteerState =
  | { readonly registered: false }
  | {
      readonly registered: true;
      readonly centreId: string;
      readonly entries: ReadonlyMap<string, HoursEntry>;
      /** Written agreements by id: valid from signedOn to validUntil, both included. */
      readonly agreements: ReadonlyMap<string, { readonly signedOn: string; readonly validUntil: string }>;
    };

export const initialState: VolunteerState = { registered: false };

export function evolve(state: VolunteerState, event: VolunteerEvent): VolunteerState {
  switch (event.type) {
    case 'VolunteerRegistered':
      return { registered: true, centreId: event.data.centreId, entries: new Map(), agreements: new Map() };
    case 'VolunteerHoursLogged': {
      if (!state.registered) return state;
      const entries = new Map(state.entries);
      entries.set(event.data.entryId, { date: event.data.date, hours: event.data.hours, retracted: false });
      return { ...state, entries };
    }
    case 'VolunteerHoursRetracted': {
      const entry = state.registered ? state.entries.get(event.data.entryId) : undefined;
      if (!state.registered || !entry) return state;
      const entries = new Map(state.entries);
      entries.set(event.data.entryId, { ...entry, retracted: true });
      return { ...state, entries };
    }
    case 'VolunteerAgreementRecorded': {
      if (!state.registered) return state;
      const { agreementId, signedOn, validUntil } = event.data;
      return { ...state, agreements: new Map([...state.agreements, [agreementId, { signedOn, validUntil }]]) };
    }
  }
}

/** Hours already logged on a date, in hundredths so that 0.1 + 0.2 sums exactly. */
function hundredthsOn(entries: ReadonlyMap<string, HoursEntry>, date: string): number {
  let total = 0;
  for (const entry of entries.values()) if (!entry.retracted && entry.date === date) total += Math.round(entry.hours * 100);
  return total;
}

export interface VolunteerContext {
  readonly clock: Clock;
  /** The centre named by the command (home centre, or where the hours were given). */
  readonly centre?: CentreState;
}

export function decide(command: VolunteerCommand, state: VolunteerState, context: VolunteerContext): VolunteerEvent[] {
  if (command.type === 'RegisterVolunteer') {
    if (state.registered) throw conflict('this volunteer is already registered', 'volunteerId');
    if (!context.centre?.opened) throw notFound('centreId', 'no centre has this id');
    const { volunteerId, centreId, name } = command.data;
    return [{ type: 'VolunteerRegistered', data: { volunteerId, centreId, personal: { name } } }];
  }

  if (!state.registered) throw notFound('volunteerId', 'no volunteer has this id');

  switch (command.type) {
    case 'LogVolunteerHours': {
      const { entryId, date, hours } = command.data;
      if (state.entries.has(entryId)) throw conflict('this entry is already logged', 'entryId');
      if (!context.centre?.opened) throw notFound('centreId', 'no centre has this id');
      if (date > context.clock.today) throw badInput('date', 'hours cannot be logged for a future date');
      const already = hundredthsOn(state.entries, date);
      if (already + Math.round(hours * 100) > MAX_HOURS_PER_DAY * 100) {
        throw badInput('hours', `this volunteer already has ${already / 100} hours on ${date}; a day has at most ${MAX_HOURS_PER_DAY}`);
      }
      return [{ type: 'VolunteerHoursLogged', data: command.data }];
    }
    case 'RetractVolunteerHours': {
      const { entryId, volunteerId, reason } = command.data;
      const entry = state.entries.get(entryId);
      if (!entry) throw notFound('entryId', 'this volunteer has no entry with this id');
      if (entry.retracted) throw conflict('this entry is already retracted', 'entryId');
      return [{ type: 'VolunteerHoursRetracted', data: { entryId, volunteerId, reason } }];
    }
    case 'RecordVolunteerAgreement': {
      const { agreementId, signedOn, validUntil } = command.data;
      if (state.agreements.has(agreementId)) throw conflict('this agreement is already recorded', 'agreementId');
      if (signedOn > context.clock.today) throw badInput('signedOn', 'an agreement cannot be recorded as signed on a future date');
      if (validUntil < signedOn) throw badInput('validUntil', 'an agreement cannot end before it is signed');
      return [{ type: 'VolunteerAgreementRecorded', data: command.data }];
    }
  }
}

/** The area's decider: what src/commands hands to the ledger. */
export const decider: Decider<VolunteerCommand, VolunteerState, VolunteerEvent, VolunteerContext> = { initialState, evolve, decide, streamOf, centreOf: (state) => (state.registered ? state.centreId : undefined) };
