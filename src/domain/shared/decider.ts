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
