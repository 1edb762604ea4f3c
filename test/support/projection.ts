import { isRowView, type AnyRowView, type AnyView, type Column, type ColumnValue, type EventOfType, type Lookup, type Projection, type ProjectedEvent } from '../../projections/projection.js';
import type { LedgerEvent, LedgerEventType } from '../../src/domain/catalogue.js';
import type { EventMetadata, RecordedEvent } from '../../src/store/port.js';

/** The data of one event type, as the catalogue parses it. */
export type DataOf<T extends LedgerEventType> = Extract<LedgerEvent, { type: T }>['data'];

/** An event as the store hands it to the views: at `position`, in a stream of its own unless one is named. */
export function storedEvent<T extends LedgerEventType>(
  position: number,
  type: T,
  data: DataOf<T>,
  { recordedAt, correlationId, streamId = `s-${position}` }: { recordedAt: string; correlationId: string; streamId?: string },
): RecordedEvent {
  return { id: `event-${position}`, streamId, revision: 0n, position: BigInt(position), type, data, metadata: { actor: { userId: 'system', role: 'admin' }, correlationId, recordedAt } };
}

export interface Envelope {
  /** When the ledger recorded the event (ISO instant); projections read it from the metadata. */
  readonly at?: string;
  readonly position?: bigint;
  readonly streamId?: string;
  readonly centreId?: string;
}

export const DEFAULT_RECORDED_AT = '2025-03-14T10:00:00.000Z';

/**
 * An event as the runner hands it to a projection: the domain event plus its envelope.
 * Defaults: recorded at DEFAULT_RECORDED_AT, at position 1, by the system actor.
 */
export function recorded<T extends LedgerEventType>(type: T, data: DataOf<T>, envelope: Envelope = {}): EventOfType<T> {
  const metadata: EventMetadata = {
    actor: { userId: 'system', role: 'admin' },
    ...(envelope.centreId ? { centreId: envelope.centreId } : {}),
    correlationId: 'projection-test',
    recordedAt: envelope.at ?? DEFAULT_RECORDED_AT,
  };
  return {
    type,
    data,
    metadata,
    position: envelope.position ?? 1n,
    streamId: envelope.streamId ?? `test-${type}`,
  } as unknown as EventOfType<T>;
}

/** Children registered at a centre, in the order given: the participants and numbers views give them 0, 1, 2… */
export const registeredChildren = (centreId: string, ...participantIds: string[]) =>
  participantIds.map((participantId) =>
    recorded('ParticipantRegistered', { participantId, code: `C-${participantId}`, centreId, sex: 'FEMALE', birthYear: 2014, group: 'LOCAL', personal: null as never }),
  );

/** Numbers the events 1, 2, 3… in the order given, as the log would. */
export function inLogOrder(events: readonly ProjectedEvent[]): ProjectedEvent[] {
  return events.map((event, index) => ({ ...event, position: BigInt(index + 1) }));
}

export interface ProjectOptions<Doc> {
  /** Documents that exist before the events (as if read back from the view). */
  readonly initial?: ReadonlyMap<string, Doc>;
  /**
   * Other views' documents the projection may look up, by view name: fixed, or as they stand at
   * each event (for a view that the same events change).
   */
  readonly views?: Readonly<Record<string, ReadonlyMap<string, unknown> | ((event: ProjectedEvent) => ReadonlyMap<string, unknown>)>>;
}

/**
 * Folds events through a projection the way the runner does, without SQLite: events of types the
 * projection does not handle are skipped; for each document the event names, the next state
 * replaces the current one, and undefined removes it. Each document is stored as JSON, as the
 * view table holds it, so tests see what queries see.
 */
export function project<Doc, T extends LedgerEventType>(
  projection: Projection<Doc, T>,
  events: readonly ProjectedEvent[],
  options: ProjectOptions<Doc> = {},
): Map<string, Doc> {
  const docs = new Map<string, Doc>(options.initial ?? []);
  const handles = new Set<string>(projection.handles);
  for (const event of events) {
    if (!handles.has(event.type)) continue;
    const typed = event as unknown as EventOfType<T>;
    const lookup: Lookup = <D>(view: string, id: string) => {
      const other = options.views?.[view];
      if (!other) throw new Error(`the test gave no documents of the view ${view}`);
      return (typeof other === 'function' ? other(event) : other).get(id) as D | undefined;
    };
    for (const id of projection.documentIds(typed, lookup)) {
      const next = projection.evolve(docs.get(id), typed, id, lookup);
      if (next === undefined) docs.delete(id);
      else docs.set(id, JSON.parse(JSON.stringify(next)) as Doc);
    }
  }
  return docs;
}

/** The column values the view table stores for a document, by column name. */
export function columnsOf<Doc>(projection: { readonly columns: Readonly<Record<string, Column<Doc>>> }, doc: Doc): Record<string, ColumnValue> {
  return Object.fromEntries(Object.entries(projection.columns).map(([name, column]) => [name, column.value(doc)]));
}

/** The one document with this id, failing loudly when the projection left it absent. */
export function docOf<Doc>(docs: ReadonlyMap<string, Doc>, id: string): Doc {
  const doc = docs.get(id);
  if (doc === undefined) throw new Error(`expected a document ${id}; the view holds ${JSON.stringify([...docs.keys()])}`);
  return doc;
}

/**
 * A row view's rows after these changes, in the order they were appended: each row as its column
 * values by name. The plain fold the view's table must equal (read in rowid order).
 */
export function applyRowChanges(view: AnyRowView, rows: Record<string, ColumnValue>[], changes: ReturnType<AnyRowView['changes']>): void {
  const names = Object.keys(view.columns);
  for (const change of changes) {
    if ('append' in change) {
      rows.push(Object.fromEntries(names.map((name, i) => [name, change.append[i] ?? null])));
      continue;
    }
    for (const row of rows) {
      if (Object.entries(change.where).every(([column, value]) => row[column] === value)) Object.assign(row, change.update);
    }
  }
}

/**
 * Folds events through several projections at once, in the runner's order, each able to look up
 * the others' documents as they stand: the plain fold of the whole log that the views must equal.
 * A row view's entry holds its rows by the order they were appended ("0", "1", …).
 */
export function projectAll(projections: readonly AnyView[], events: readonly ProjectedEvent[]): Map<string, Map<string, unknown>> {
  const views = new Map(projections.map((projection) => [projection.name, new Map<string, unknown>()]));
  const rows = new Map(projections.filter(isRowView).map((view) => [view.name, [] as Record<string, ColumnValue>[]]));
  const lookup: Lookup = <D>(view: string, id: string) => {
    const docs = views.get(view);
    if (!docs || rows.has(view)) throw new Error(`no view of documents is called ${view}`);
    return docs.get(id) as D | undefined;
  };
  for (const event of events) {
    for (const projection of projections) {
      if (!(projection.handles as readonly string[]).includes(event.type)) continue;
      if (isRowView(projection)) {
        applyRowChanges(projection, rows.get(projection.name)!, projection.changes(event as never, lookup));
        continue;
      }
      const docs = views.get(projection.name)!;
      for (const id of projection.documentIds(event as never, lookup)) {
        const next = projection.evolve(docs.get(id), event as never, id, lookup);
        if (next === undefined) docs.delete(id);
        else docs.set(id, JSON.parse(JSON.stringify(next)));
      }
    }
  }
  for (const [name, list] of rows) views.set(name, new Map(list.map((row, i) => [String(i), row])));
  return views;
}
