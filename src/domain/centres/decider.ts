import { z } from 'zod';
import { conflict, notFound } from '../shared/errors.js';
import { id, text } from '../shared/input.js';
import type { CentreEvent } from './events.js';
import type { Decider } from '../shared/decider.js';

export const streamOf = (centreId: string) => `centre-${centreId}`;

export const OpenCentre = z.object({
  centreId: id,
  name: text(120),
  municipality: text(120),
  district: text(120),
});
export type OpenCentre = z.infer<typeof OpenCentre>;

export const CorrectCentreDetails = z.object({
  centreId: id,
  name: text(120),
  municipality: text(120),
  district: text(120),
  reason: text(500),
});
export type CorrectCentreDetails = z.infer<typeof CorrectCentreDetails>;

export type CentreCommand = { type: 'OpenCentre'; data: OpenCentre } | { type: 'CorrectCentreDetails'; data: CorrectCentreDetails };

export type CentreState =
  | { readonly opened: false }
  | { readonly opened: true; readonly name: string; readonly district: string };

export const initialState: CentreState = { opened: false };

export function evolve(_state: CentreState, event: CentreEvent): CentreState {
  switch (event.type) {
    case 'CentreOpened':
    case 'CentreDetailsCorrected':
      return { opened: true, name: event.data.name, district: event.data.district };
  }
}

export function decide(command: CentreCommand, state: CentreState): CentreEvent[] {
  switch (command.type) {
    case 'OpenCentre':
      if (state.opened) throw conflict('this centre is already open', 'centreId');
      return [{ type: 'CentreOpened', data: command.data }];
    case 'CorrectCentreDetails':
      if (!state.opened) throw notFound('centreId', 'no centre has this id');
      return [{ type: 'CentreDetailsCorrected', data: command.data }];
  }
}

/** The area's decider: what src/commands hands to the ledger. */
export const decider: Decider<CentreCommand, CentreState, CentreEvent, undefined> = { initialState, evolve, decide, streamOf };
