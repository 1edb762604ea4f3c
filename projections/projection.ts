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
  /**
   * Optional, for a bulk replay only (src/projection/views.ts beginBulk with a disposable file):
   * evolve's next state reached by changing `doc` in place, for the documents a replay keeps in
   * memory and rewrites thousands of times (a centre's month: a member set re-encoded per event
   * by evolve). The runner calls it only on its own copies, which nothing else holds; what it
   * answers is written as evolve's answer would be (test/projections/in-place.property.test.ts).
   */
  readonly evolveInPlace?: (doc: Doc | undefined, event: EventOfType<T>, id: string, lookup: Lookup) => Doc | undefined;
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

/**
 * A change to a row view: a row appended (its values in the order of the view's columns), or new
 * values for the rows whose `where` columns equal the given values (null matches a null column).
 */
export type RowChange =
  | { readonly append: readonly ColumnValue[] }
  | { readonly update: Readonly<Record<string, ColumnValue>>; readonly where: Readonly<Record<string, ColumnValue>> };

/**
 * A read model kept as plain rows of columns, appended to and seldom updated, with no document and
 * no id: for facts that are many and small (a child at a session), where a JSON document per fact,
 * or a growing document rewritten per fact, would cost more bytes than the fact. Pure like a
 * projection: `changes` says what an event does to the rows, the runner writes it.
 *
 * Its lookups see the other views as they stand once the views listed before this one have
 * applied the same event, so a row view listed before a document view sees that document as it
 * was before the event. Nothing looks a row view up; queries read it in SQL.
 */
export interface RowView<T extends LedgerEvent['type'] = LedgerEvent['type']> {
  readonly name: string;
  /** Bump when changes or the columns change meaning: the view is then rebuilt from the log. */
  readonly version: number;
  readonly handles: readonly T[];
  /** The views this one looks up, as for a projection. */
  readonly reads?: readonly string[];
  readonly columns: Readonly<Record<string, { readonly type: Column<unknown>['type'] }>>;
  readonly changes: (event: EventOfType<T>, lookup: Lookup) => readonly RowChange[];
  readonly indexes?: readonly (readonly string[])[];
  /**
   * The index (one of `indexes`) through which updates find their rows: kept while a bulk replay
   * drops the others, since an update without it would scan the whole table.
   */
  readonly updatedThrough?: readonly string[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRowView = RowView<any>;

/** Any view the runner keeps: documents (a projection) or rows. */
export type AnyView = AnyProjection | AnyRowView;

export const isRowView = (view: AnyView): view is AnyRowView => 'changes' in view;

export const defineRowView = <T extends LedgerEvent['type']>(view: RowView<T>): RowView<T> => view;
