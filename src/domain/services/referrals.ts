import { z } from 'zod';
import { badInput, conflict, notFound } from '../shared/errors.js';
import { id, isoDate, optionalText, text } from '../shared/input.js';
import { ReferralOutcome, ReferralService, type ReferralEvent } from './events.js';
import { checkNewService, checkServiceDate, type ServiceContext } from './rules.js';
import type { Decider } from '../shared/decider.js';

export const streamOf = (referralId: string) => `referral-${referralId}`;

export const MakeReferral = z.object({
  referralId: id,
  centreId: id,
  participantId: id,
  service: ReferralService,
  organisation: text(200),
  date: isoDate,
  reason: optionalText(2000),
});
export type MakeReferral = z.infer<typeof MakeReferral>;

export const CloseReferral = z.object({ referralId: id, date: isoDate, outcome: ReferralOutcome });
export type CloseReferral = z.infer<typeof CloseReferral>;

export type ReferralCommand = { type: 'MakeReferral'; data: MakeReferral } | { type: 'CloseReferral'; data: CloseReferral };

export type ReferralState =
  | { readonly status: 'NONE' }
  | { readonly status: 'OPEN' | 'CLOSED'; readonly centreId: string; readonly participantId: string; readonly date: string };

export const initialState: ReferralState = { status: 'NONE' };

export function evolve(state: ReferralState, event: ReferralEvent): ReferralState {
  switch (event.type) {
    case 'ReferralMade': {
      const { centreId, participantId, date } = event.data;
      return { status: 'OPEN', centreId, participantId, date };
    }
    case 'ReferralClosed':
      return state.status === 'NONE' ? state : { ...state, status: 'CLOSED' };
  }
}

export function decide(command: ReferralCommand, state: ReferralState, context: ServiceContext): ReferralEvent[] {
  switch (command.type) {
    case 'MakeReferral': {
      const { reason, ...data } = command.data;
      if (state.status !== 'NONE') throw conflict('this referral is already made', 'referralId');
      checkNewService(context, data.date, 'a referral');
      return [{ type: 'ReferralMade', data: { ...data, personal: reason ? { reason } : {} } }];
    }
    case 'CloseReferral': {
      const { date } = command.data;
      if (state.status === 'NONE') throw notFound('referralId', 'no referral has this id');
      if (state.status === 'CLOSED') throw conflict('this referral is already closed', 'referralId');
      checkServiceDate('date', date, context.clock, 'a referral');
      if (date < state.date) throw badInput('date', `date: a referral cannot be closed before it was made (${state.date})`);
      return [{ type: 'ReferralClosed', data: command.data }];
    }
  }
}

/** The area's decider: what src/commands hands to the ledger. */
export const decider: Decider<ReferralCommand, ReferralState, ReferralEvent, ServiceContext> = { initialState, evolve, decide, streamOf, centreOf: (state) => (state.status === 'NONE' ? undefined : state.centreId) };
