import { v5 as uuidv5 } from 'uuid';
import { z } from 'zod';
import type { CentreState } from '../centres/decider.js';
import { notFound } from '../shared/errors.js';
import { id, isoDate } from '../shared/input.js';
import { Indicator, type TargetEvent } from './events.js';
import type { Decider } from '../shared/decider.js';

const TARGET_KEY_NAMESPACE = '3b8f1d52-6a0e-4c55-9f4a-0d7c2e9b8a61';

/**
 * The id of the target for (indicator, from, to, centre): the same four always name the same
 * stream, so setting a target again appends to it and the later value replaces the earlier one.
 */
export const targetIdOf = (key: { indicator: Indicator; from: string; to: string; centreId: string | null }) =>
  uuidv5(JSON.stringify([key.indicator, key.from, key.to, key.centreId]), TARGET_KEY_NAMESPACE);

export const streamOf = (targetId: string) => `target-${targetId}`;

/** Shares are fractions of 1; every other indicator is a count or a sum of hours. */
const SHARE_INDICATORS: ReadonlySet<Indicator> = new Set(['WOMEN_AND_GIRLS_SHARE', 'CYCLE_COMPLETION']);

export const SetTarget = z
  .object({
    indicator: Indicator,
    value: z.number().finite('must be a finite number').min(0, 'must be at least 0'),
    from: isoDate,
    to: isoDate,
    centreId: id.nullish().transform((value) => value ?? null),
  })
  .superRefine((target, issues) => {
    if (target.from > target.to) issues.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    if (SHARE_INDICATORS.has(target.indicator) && target.value > 1) {
      issues.addIssue({ code: 'custom', path: ['value'], message: 'a share is a fraction from 0 to 1' });
    }
  });
export type SetTarget = z.infer<typeof SetTarget>;

export type TargetCommand = { type: 'SetTarget'; data: SetTarget };

export type TargetState = { readonly set: false } | { readonly set: true; readonly value: number };

export const initialState: TargetState = { set: false };

export function evolve(_state: TargetState, event: TargetEvent): TargetState {
  switch (event.type) {
    case 'TargetSet':
      return { set: true, value: event.data.value };
  }
}

export interface TargetContext {
  /** The centre named by the command, when it names one. */
  readonly centre?: CentreState;
}

export function decide(command: TargetCommand, _state: TargetState, context: TargetContext): TargetEvent[] {
  switch (command.type) {
    case 'SetTarget': {
      const { indicator, value, from, to, centreId } = command.data;
      if (centreId !== null && !context.centre?.opened) throw notFound('centreId', 'no centre has this id');
      // Setting it again, even to the same value, is recorded: who confirmed the target, and when.
      return [{ type: 'TargetSet', data: { targetId: targetIdOf({ indicator, from, to, centreId }), indicator, value, from, to, centreId } }];
    }
  }
}

/** The area's decider: what src/commands hands to the ledger. */
export const decider: Decider<TargetCommand, TargetState, TargetEvent, TargetContext> = { initialState, evolve, decide, streamOf };
