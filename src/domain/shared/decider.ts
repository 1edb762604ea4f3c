import type { IsoDate } from './time.js';

/** A domain event as the domain sees it: a type and its data. The store adds the envelope. */
export interface DomainEvent<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
}

/** What a decision may depend on beyond the stream's own state: the clock, read by the shell. */
export interface Clock {
  /** Today's local date in the deployment's time zone. */
  readonly today: IsoDate;
  readonly timeZone: string;
}

/** Folds a stream's events into the state that decisions need. */
export const fold = <S, E>(evolve: (state: S, event: E) => S, initial: S, events: readonly E[]): S =>
  events.reduce(evolve, initial);

/**
 * An area's decisions over one kind of stream: the state a decision needs, how each event changes
 * it, what a command decides from it, and which stream holds an entity's events. Pure: the shell
 * (src/commands/ledger.ts) reads the stream, folds it with `evolve`, calls `decide` and appends.
 * `context` is what the decision needs beyond its own stream (the clock, other streams' states).
 */
export interface Decider<C, S, E, X = undefined> {
  readonly initialState: S;
  readonly evolve: (state: S, event: E) => S;
  readonly decide: (command: C, state: S, context: X) => readonly E[];
  /** The stream of the entity with this id. */
  readonly streamOf: (id: string) => string;
  /** The centre the entity belongs to, once its stream says so (for access and the events' metadata). */
  readonly centreOf?: (state: S) => string | undefined;
}
