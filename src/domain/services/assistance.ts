import { z } from 'zod';
import { badInput, conflict, notFound } from '../shared/errors.js';
import { id, isoDate, optionalText, text } from '../shared/input.js';
import { AssistanceKind, Currency, type AssistanceEvent } from './events.js';
import { checkNewService, type ServiceContext } from './rules.js';
import type { Decider } from '../shared/decider.js';

export const streamOf = (assistanceId: string) => `assistance-${assistanceId}`;

const nullable = <T extends z.ZodTypeAny>(schema: T) =>
  schema
    .nullish()
    .transform((value) => value ?? undefined)
    .optional();

export const RecordAssistance = z.object({
  assistanceId: id,
  centreId: id,
  participantId: id,
  kind: AssistanceKind,
  // Money is kept to the cent (or para): finer fractions are typing slips.
  value: nullable(
    z
      .number()
      .finite()
      .min(0, 'must be 0 or more')
      .max(100_000_000, 'must be at most 100000000')
      .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6, 'must have at most two decimals'),
  ),
  currency: nullable(Currency),
  date: isoDate,
  description: optionalText(2000),
});
export type RecordAssistance = z.infer<typeof RecordAssistance>;

export const RetractAssistance = z.object({ assistanceId: id, reason: text(500) });
export type RetractAssistance = z.infer<typeof RetractAssistance>;

export type AssistanceCommand = { type: 'RecordAssistance'; data: RecordAssistance } | { type: 'RetractAssistance'; data: RetractAssistance };

export type AssistanceState =
  | { readonly status: 'NONE' }
  | { readonly status: 'RECORDED' | 'RETRACTED'; readonly centreId: string; readonly participantId: string; readonly date: string };

export const initialState: AssistanceState = { status: 'NONE' };

export function evolve(state: AssistanceState, event: AssistanceEvent): AssistanceState {
  switch (event.type) {
    case 'AssistanceRecorded':
      return { status: 'RECORDED', centreId: event.data.centreId, participantId: event.data.participantId, date: event.data.date };
    case 'AssistanceRetracted':
      return state.status === 'NONE' ? state : { ...state, status: 'RETRACTED' };
  }
}

export function decide(command: AssistanceCommand, state: AssistanceState, context: ServiceContext): AssistanceEvent[] {
  switch (command.type) {
    case 'RecordAssistance': {
      const { description, value, currency, ...data } = command.data;
      if (state.status !== 'NONE') throw conflict('this assistance is already recorded', 'assistanceId');
      // A value means nothing without its currency; a currency without a value says nothing.
      if (value !== undefined && currency === undefined) throw badInput('currency', 'currency: is needed with a value');
      if (value === undefined && currency !== undefined) throw badInput('value', 'value: is needed with a currency');
      checkNewService(context, data.date, 'assistance');
      return [
        {
          type: 'AssistanceRecorded',
          data: { ...data, ...(value !== undefined ? { value, currency } : {}), personal: description ? { description } : {} },
        },
      ];
    }
    case 'RetractAssistance': {
      if (state.status === 'NONE') throw notFound('assistanceId', 'no assistance has this id');
      if (state.status === 'RETRACTED') throw conflict('this assistance is already retracted', 'assistanceId');
      return [{ type: 'AssistanceRetracted', data: command.data }];
    }
  }
}

/** The area's decider: what src/commands hands to the ledger. */
export const decider: Decider<AssistanceCommand, AssistanceState, AssistanceEvent, ServiceContext> = { initialState, evolve, decide, streamOf, centreOf: (state) => (state.status === 'NONE' ? undefined : state.centreId) };
