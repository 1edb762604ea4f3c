import { expect } from 'vitest';
import type { z } from 'zod';
import type { Decider as AreaDecider } from '../../src/domain/shared/decider.js';
import { isDomainError, type ErrorCode } from '../../src/domain/shared/errors.js';

/** What a test needs of an area's decider (src/domain/shared/decider.ts): `workshops.decider` fits, and so does the module. */
export type Decider<C, S, E, X> = Pick<AreaDecider<C, S, E, X>, 'initialState' | 'evolve' | 'decide'>;

/** The context argument is optional only for deciders that take none (centres). */
type ContextArg<X> = undefined extends X ? [context?: X] : [context: X];

export interface Outcome<E> {
  /** The events decided. Named `then` for readability; never `await` or return a `when(...)`. */
  then(expected: readonly E[]): void;
  thenNothing(): void;
  thenRejects(code: ErrorCode, field: string): void;
}

export interface Given<C, S, E, X> {
  /** The state folded from the given events, for assertions about evolve itself. */
  readonly state: S;
  when(command: C, ...context: ContextArg<X>): Outcome<E>;
}

export function given<C, S, E, X>(decider: Decider<C, S, E, X>, history: readonly E[] = []): Given<C, S, E, X> {
  const state = history.reduce(decider.evolve, decider.initialState);
  return {
    state,
    when(command, ...[context]) {
      let decided: { events: readonly E[] } | { error: unknown };
      try {
        decided = { events: decider.decide(command, state, context as X) };
      } catch (error) {
        decided = { error };
      }
      const events = (): readonly E[] => {
        if (!('error' in decided)) return decided.events;
        const { error } = decided;
        if (!isDomainError(error)) throw error;
        return expect.fail(`expected events, but it was refused: ${error.code} on ${error.field}: ${error.message}`);
      };
      return {
        then(expected) {
          if (typeof expected === 'function') throw new Error('a when(...) outcome is not a promise: do not await or return it');
          expect(events()).toStrictEqual(expected);
        },
        thenNothing() {
          expect(events()).toStrictEqual([]);
        },
        thenRejects(code, field) {
          if (!('error' in decided)) {
            expect.fail(`expected ${code} on ${field}, but it decided ${JSON.stringify(decided.events)}`);
          }
          const { error } = decided;
          if (!isDomainError(error)) throw error;
          expect({ code: error.code, field: error.field }).toEqual({ code, field });
        },
      };
    },
  };
}

/**
 * Asserts that a command schema refuses the input on the named field (dotted path) and on no
 * other, so a test cannot pass because some other part of its input happened to be wrong.
 */
export function expectInputError(schema: z.ZodType, input: unknown, field: string): void {
  const result = schema.safeParse(input);
  expect(result.success, `expected ${field} to be refused`).toBe(false);
  const paths = new Set(result.error?.issues.map((issue) => issue.path.join('.')));
  expect([...paths]).toEqual([field]);
}

/** Asserts that a command schema accepts the input and returns what it parsed to. */
export function expectInputOk<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  expect(result.error?.issues ?? []).toEqual([]);
  return result.data as T;
}
