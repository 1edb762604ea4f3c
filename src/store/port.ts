/**
 * The event store port. Every adapter (SQLite, KurrentDB) passes the same contract suite
 * in test/store/contract.ts. Revisions count events in one stream from 0; positions order
 * the whole log and only grow, but need not be contiguous (KurrentDB's are byte offsets).
 */

/** Who recorded an event, for whom, and why. The domain date (when it happened) is in the data. */
export interface EventMetadata {
  readonly actor: { readonly userId: string; readonly role: string };
  readonly centreId?: string;
  readonly commandId?: string;
  readonly correlationId: string;
  /** ISO instant at which the ledger recorded the event. */
  readonly recordedAt: string;
  /** An entry dated inside a closed reporting period: why it came late, and the reports it changes. */
  readonly lateEntry?: { readonly reason: string; readonly reportIds: readonly string[] };
}

export interface NewEvent {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent extends NewEvent {
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: bigint;
}

/**
 * What the writer believes about the stream: that it does not exist yet, that its last
 * event has this revision, or nothing at all.
 */
export type ExpectedRevision = 'no_stream' | 'any' | bigint;

/** A command id stored with the events it produced, so a retried request stores nothing twice. */
export interface CommandRecord {
  readonly commandId: string;
  /** A hash of the command's name and input: the same id with other input is a conflict. */
  readonly fingerprint: string;
  /** What the handler answered (ids), as JSON-safe data. */
  readonly result: unknown;
  /** Position of the last event the command stored, or of the stream's last event if it stored none. */
  readonly position: bigint;
}

export interface AppendOptions {
  readonly command?: Omit<CommandRecord, 'position'>;
}

export interface AppendResult {
  /** Revision of the stream's last event after the append (-1n for a stream that is still empty). */
  readonly nextRevision: bigint;
  /** Position of the last event appended (or the stream's last event when nothing was appended). */
  readonly position: bigint;
}

/** One stream of a `readStreams` call: its events after the revision `after` (all of them without it). */
export interface StreamRead {
  readonly streamId: string;
  readonly after?: bigint;
}

export interface EventStore {
  readonly name: string;
  /**
   * True when only this ledger's command path appends to the log, so that every stored event was
   * decided from validated input and has its catalogue shape: readers (the views) may skip
   * validating it again. Unset for a log that other writers share.
   */
  readonly appendsOnlyFromLedger?: boolean;
  /**
   * Appends atomically. Throws a WrongExpectedRevision error when the stream is not as expected,
   * and a DuplicateCommand error when the command id is already stored with other events.
   * Appending events whose ids are already stored in that stream, in that order, is a no-op that
   * answers as the first append did.
   */
  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision, options?: AppendOptions): Promise<AppendResult>;
  /** The stream's events in order; empty when the stream does not exist. */
  readStream(streamId: string): Promise<RecordedEvent[]>;
  /**
   * Several streams at once, in one read where the adapter can: for each read (answers in the same
   * order), its stream's events after revision `after` (exclusive; all of them without it), in
   * order; empty when there are none or the stream does not exist.
   */
  readStreams(reads: readonly StreamRead[]): Promise<RecordedEvent[][]>;
  /** Up to `limit` events after `after` (exclusive) in log order. */
  readAll(after: bigint, limit: number): Promise<RecordedEvent[]>;
  /**
   * Batches of events after `after`, as they are read and then as they are appended, until the
   * signal aborts. The batches are what a projection runner commits in one transaction.
   */
  subscribe(after: bigint, signal: AbortSignal): AsyncIterable<readonly RecordedEvent[]>;
  /** The command stored under this id; answered once what it stored is durable. */
  findCommand(commandId: string): Promise<CommandRecord | undefined>;
  /** Position of the last event in the log that readers may see (durable), 0n when it is empty. */
  headPosition(): Promise<bigint>;
  /**
   * For an adapter that acknowledges an append only after syncing it on its own (SQLite with
   * FULL): the position up to which the log is on disk. The commit comes first, so the command path
   * sees events a little before they are durable; readers of the log (subscribe, readAll,
   * headPosition, the views' thread) never go beyond this position.
   */
  durablePosition?(): bigint;
  /** Told each new durable position. Returns a function that removes the listener. */
  onDurable?(listener: (position: bigint) => void): () => void;
  /**
   * Resolves once everything the command path may have read so far is durable: an answer that
   * stores nothing (a refusal, a no-op) waits for it, so that it never rests on a write a power cut
   * could take back.
   */
  settled?(): Promise<void>;
  close(): Promise<void>;
}

export type WrongExpectedRevision = Error & {
  readonly wrongExpectedRevision: true;
  readonly streamId: string;
  readonly expected: ExpectedRevision;
  readonly actual: bigint | 'no_stream';
};

export function wrongExpectedRevision(streamId: string, expected: ExpectedRevision, actual: bigint | 'no_stream'): WrongExpectedRevision {
  return Object.assign(new Error(`stream ${streamId} expected at ${String(expected)} but is at ${String(actual)}`), {
    wrongExpectedRevision: true as const,
    streamId,
    expected,
    actual,
  });
}

export function isWrongExpectedRevision(error: unknown): error is WrongExpectedRevision {
  return error instanceof Error && (error as Partial<WrongExpectedRevision>).wrongExpectedRevision === true;
}

/**
 * Another append stored this command id first (two requests with one commandId racing): the
 * caller reads the record that won (`findCommand`) and answers as it did.
 */
export type DuplicateCommand = Error & { readonly duplicateCommand: true; readonly commandId: string };

export function duplicateCommand(commandId: string, cause?: unknown): DuplicateCommand {
  return Object.assign(new Error(`command ${commandId} is already stored`, { cause }), { duplicateCommand: true as const, commandId });
}

export function isDuplicateCommand(error: unknown): error is DuplicateCommand {
  return error instanceof Error && (error as Partial<DuplicateCommand>).duplicateCommand === true;
}

/** The store cannot be reached right now; the client may retry the same request (with its commandId). */
export type StoreUnavailable = Error & { readonly storeUnavailable: true };

export function storeUnavailable(message: string, cause?: unknown): StoreUnavailable {
  return Object.assign(new Error(message, { cause }), { storeUnavailable: true as const });
}

export function isStoreUnavailable(error: unknown): error is StoreUnavailable {
  return error instanceof Error && (error as Partial<StoreUnavailable>).storeUnavailable === true;
}
