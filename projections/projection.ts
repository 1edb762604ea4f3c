import type { LedgerEvent } from '../src/domain/catalogue.js';
import type { EventMetadata } from '../src/store/port.js';

/** An event as projections see it: the parsed domain event plus where and when it was recorded. */
export type ProjectedEvent<E extends LedgerEvent = LedgerEvent> = E & {
  readonly metadata: EventMetadata;
  readonly position: bigint;
  readonly streamId: string;
};

export type EventOfType<T extends LedgerEvent['type']> = ProjectedEvent<Extract<LedgerEvent, { type: T }>>;

export type ColumnValue = string | number | Uint8Array | null;

/**
 * Reads another view's document as it stands once the projections listed before this one have
 * applied the same event. Read-only and deterministic, so a rebuild gives the views live gave.
 */
export type Lookup = <D = unknown>(view: string, id: string) => D | undefined;

export interface Column<Doc> {
  readonly type: 'TEXT' | 'INTEGER' | 'REAL' | 'BLOB';
  readonly value: (doc: Doc) => ColumnValue;
}

/**
 * A read model: a collection of documents, each changed only by `evolve(doc, event)`.
 * Pure: the runner in src/projection does all reading and writing, and stores the documents
 * with the columns below so that queries can filter and aggregate them in SQL.
 */
export interface Projection<Doc, T extends LedgerEvent['type'] = LedgerEvent['type']> {
  readonly name: string;
  /** Bump when evolve or the columns change meaning: the views are then rebuilt from the log. */
  readonly version: number;
  readonly handles: readonly T[];
  /**
   * The views this one looks up (`lookup(view, id)`): their versions are part of this view's
   * fingerprint, so a change to one of them rebuilds this view too. A lookup of a view not listed
   * here fails.
   */
  readonly reads?: readonly string[];
  /** The documents an event changes. */
  readonly documentIds: (event: EventOfType<T>, lookup: Lookup) => readonly string[];
  /** The next state of one document (named by `id`, one of documentIds); undefined leaves it absent. */
  readonly evolve: (doc: Doc | undefined, event: EventOfType<T>, id: string, lookup: Lookup) => Doc | undefined;
  readonly columns: Readonly<Record<string, Column<Doc>>>;
  /** Column lists to index, for the queries that read this view. */
  readonly indexes?: readonly (readonly string[])[];
}

/** Erases the document type, for lists of projections that the runner treats alike. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyProjection = Projection<any, any>;

export const defineProjection = <Doc, T extends LedgerEvent['type']>(projection: Projection<Doc, T>): Projection<Doc, T> =>
  projection;

/** Settings a projection's meaning depends on; changing them rebuilds the views. */
export interface ProjectionSettings {
  readonly timeZone: string;
}
