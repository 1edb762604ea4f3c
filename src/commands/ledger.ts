import { createHmac, randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import type { Actor } from '../auth/actor.js';
import { authorize, type Action, type Scope } from '../auth/policy.js';
import type { Clock, DomainEvent } from '../domain/shared/decider.js';
import { badInput, conflict } from '../domain/shared/errors.js';
import { localDateOf } from '../domain/shared/time.js';
import { isWrongExpectedRevision, type EventStore, type NewEvent } from '../store/port.js';
import { createKeyedLock } from './keyed-lock.js';
import { lateEntryCheck, lateEntryReasonOf } from './late-entries.js';

/** Who sent a command and under which ids; the actor always comes from the verified token. */
export interface CommandContext {
  readonly actor: Actor;
  readonly correlationId: string;
  readonly commandId?: string;
}

/** Turns a domain event's personal data into what may be stored (sealed per person). */
export type ProtectPersonal = (event: DomainEvent) => DomainEvent;

export interface LedgerDeps {
  readonly store: EventStore;
  readonly timeZone: string;
  readonly now?: () => Date;
  readonly protect?: ProtectPersonal;
  /** Attempts on an expected-revision conflict before answering CONFLICT. */
  readonly attempts?: number;
  /**
   * Keys the fingerprints of command input, which includes names: a plain hash of a name is
   * guessable, an HMAC without the key is not.
   */
  readonly fingerprintKey: Uint8Array | string;
}

/** What a command handler decides for one stream. */
export interface StreamDecision<S, E extends DomainEvent> {
  readonly streamId: string;
  readonly initialState: S;
  readonly evolve: (state: S, event: E) => S;
  readonly decide: (state: S) => E[];
  /** The centre the events concern, for the metadata: given, or read from the stream's state. */
  readonly centreId?: string | ((state: S) => string | undefined);
  /**
   * What the actor must be allowed to do, checked after the stream is read (the centre may come
   * from its state) and before anything is decided, answered or stored.
   */
  readonly access: {
    readonly action: Action;
    readonly scope?: (state: S, centreId: string | undefined) => Scope;
    /** The other entities the input names, each checked where it is (see touched): nothing is stored unless all pass. */
    readonly touches?: readonly Touch[];
  };
  /**
   * What the events record happened on: a centre (default: the decision's) and a local date. Dated
   * inside a closed reporting period of a programme covering that centre, the input must carry a
   * `lateEntryReason` (see ./late-entries.ts). A recording command opts in with this one line.
   */
  readonly dated?: (state: S) => { readonly centreId?: string | undefined; readonly date: string } | undefined;
}

/** An entity a command names besides its own stream (a household, a case, a cycle, a participant) and what the actor needs where it is. */
export interface Touch {
  readonly action: Action;
  /** The entity's centre; undefined when it does not exist, which the decider answers with NOT_FOUND. */
  readonly centreId: string | undefined;
}

/** A touched entity from its loaded state: any state with a centre has one; one not (yet) recorded has none. */
export const touched = (action: Action, state: object | undefined): Touch => ({
  action,
  centreId: state !== undefined && 'centreId' in state && typeof state.centreId === 'string' ? state.centreId : undefined,
});

export interface Handled<R> {
  readonly result: R;
  /** Position of the last event stored (or of the stream's last event when nothing new was stored). */
  readonly position: bigint;
  /** Whether this call stored events (false for a repeated commandId, a no-op, or a dry run). */
  readonly stored?: boolean;
}

/** How a command runs: `dryRun` decides everything (access, rules) and stores nothing (the imports' preview). */
export interface HandleOptions {
  readonly dryRun?: boolean;
}

const EVENT_ID_NAMESPACE = '7d0a5a4e-3c1f-4f7e-9d52-2b8f0c6e1a93';

/**
 * A client's command id: any well-formed text up to 200 characters. Ids are derived from it, and
 * a string with a lone surrogate has no UTF-8 form to derive them from.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function checkCommandId(commandId: string): string {
  if (commandId.trim() === '' || commandId.length > 200 || LONE_SURROGATE.test(commandId)) {
    throw badInput('commandId', 'commandId: must be well-formed text of 1 to 200 characters');
  }
  return commandId;
}

/** Ids derived from a command id are the same on every retry, so a retry stores nothing twice. */
export const derivedId = (commandId: string, purpose: string) => uuidv5(`${commandId}/${purpose}`, EVENT_ID_NAMESPACE);

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([key, v]) => key !== 'commandId' && v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, v]) => `${JSON.stringify(key)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export const fingerprintOf = (key: Uint8Array | string, name: string, input: unknown) =>
  createHmac('sha256', key).update(`${name}\n${canonical(input)}`).digest('hex');

export type Ledger = ReturnType<typeof createLedger>;

/** How many folded streams the ledger remembers per fold (a programme's participants, workshops, centres). */
const FOLDED_STREAMS = 20_000;

interface Folded<S> {
  readonly initialState: S;
  readonly state: S;
  /** Revision of the last event folded into `state`, -1n for a stream that had none. */
  readonly revision: bigint;
}

/**
 * Streams already folded, per evolve function, by stream id, oldest update first. A state
 * is brought up to date by folding only the events after its revision, which the store reads with
 * a seek: the log is append-only, so the events before it never change. States are shared between
 * requests, which deciders allow: `evolve` returns a new state and never changes the one it is given.
 */
function createFoldCache(capacity: number) {
  // Weak: a fold written inline in a command is a new function per request, and is let go with it.
  const folds = new WeakMap<object, Map<string, Folded<unknown>>>();
  return {
    get<S>(evolve: object, streamId: string, initialState: S): Folded<S> | undefined {
      const entries = folds.get(evolve);
      const entry = entries?.get(streamId);
      return entry && entry.initialState === initialState ? (entry as Folded<S>) : undefined;
    },
    set<S>(evolve: object, streamId: string, folded: Folded<S>) {
      let entries = folds.get(evolve);
      if (!entries) folds.set(evolve, (entries = new Map()));
      const current = entries.get(streamId);
      // Two requests may fold the same stream at once: keep the later state.
      if (current && current.initialState === folded.initialState && current.revision > folded.revision) return;
      entries.delete(streamId);
      entries.set(streamId, folded);
      if (entries.size > capacity) entries.delete(entries.keys().next().value!);
    },
  };
}

export function createLedger(deps: LedgerDeps) {
  const { store, timeZone } = deps;
  const now = deps.now ?? (() => new Date());
  const protect = deps.protect ?? ((event) => event);
  const attempts = deps.attempts ?? 5;
  const streamLock = createKeyedLock();

  function clock(): Clock {
    return { today: localDateOf(now(), timeZone), timeZone };
  }

  const folded = createFoldCache(FOLDED_STREAMS);
  const lateEntries = lateEntryCheck((streamId, initialState, evolve) => load(streamId, initialState, evolve));

  /**
   * Streams folded up to their latest event, in one read of the store: each from the state already
   * folded (only its newer events are read), or from the start.
   */
  async function foldStreams<S, E>(streamIds: readonly string[], initialState: S, evolve: (state: S, event: E) => S): Promise<Folded<S>[]> {
    const known = streamIds.map((streamId) => folded.get(evolve, streamId, initialState));
    const newer = await store.readStreams(streamIds.map((streamId, index) => ({ streamId, ...(known[index] ? { after: known[index].revision } : {}) })));
    return streamIds.map((streamId, index) => {
      const before = known[index];
      const events = newer[index]!;
      if (before && events.length === 0) return before;
      const state = events.reduce((s, event) => evolve(s, { type: event.type, data: event.data } as E), before ? before.state : initialState);
      const after: Folded<S> = { initialState, state, revision: events.length > 0 ? events[events.length - 1]!.revision : -1n };
      folded.set(evolve, streamId, after);
      return after;
    });
  }

  /** Reads a stream and folds it: the state another stream's decision depends on. */
  async function load<S, E>(streamId: string, initialState: S, evolve: (state: S, event: E) => S): Promise<S> {
    const [stream] = await foldStreams([streamId], initialState, evolve);
    return stream!.state;
  }

  /** `load` for several streams of one kind, read together (the participants of an attendance list). */
  async function loadMany<S, E>(streamIds: readonly string[], initialState: S, evolve: (state: S, event: E) => S): Promise<S[]> {
    return (await foldStreams(streamIds, initialState, evolve)).map((stream) => stream.state);
  }

  /** A fresh entity id: derived from the command id when there is one. */
  function newId(context: CommandContext): string {
    return context.commandId ? derivedId(context.commandId, 'entity') : randomUUID();
  }

  /**
   * Runs a command: plans (loading what the decision depends on), reads and folds the stream,
   * checks access, answers a repeated command id from its record, otherwise decides and appends
   * with the expected revision. A conflict re-plans from fresh state, a few times, then is reported.
   */
  async function handle<R, S, E extends DomainEvent>(
    name: string,
    input: unknown,
    context: CommandContext,
    plan: () => Promise<{ decision: StreamDecision<S, E>; result: R }>,
    options: HandleOptions = {},
  ): Promise<Handled<R>> {
    const fingerprint = fingerprintOf(deps.fingerprintKey, name, input);
    const { commandId } = context;
    const lateEntryReason = lateEntryReasonOf(input);

    async function earlier(): Promise<Handled<R> | undefined> {
      if (!commandId) return undefined;
      const record = await store.findCommand(commandId);
      if (!record) return undefined;
      if (record.fingerprint !== fingerprint) throw conflict('this commandId was already used for a different command', 'commandId');
      return { result: record.result as R, position: record.position };
    }

    for (let attempt = 1; ; attempt++) {
      const { decision, result } = await plan();
      const outcome = await streamLock(decision.streamId, async () => {
        const [stream] = await foldStreams([decision.streamId], decision.initialState, decision.evolve);
        const { state, revision } = stream!;
        const centreId = typeof decision.centreId === 'function' ? decision.centreId(state) : decision.centreId;
        authorize(context.actor, decision.access.action, decision.access.scope?.(state, centreId) ?? (centreId ? { centreId } : {}));
        for (const touch of decision.access.touches ?? []) {
          if (touch.centreId !== undefined) authorize(context.actor, touch.action, { centreId: touch.centreId });
        }
        const answered = await earlier();
        if (answered) return answered;
        const events = decision.decide(state);
        const dated = decision.dated?.(state);
        const lateEntry = dated ? await lateEntries({ centreId: dated.centreId ?? centreId, date: dated.date }, lateEntryReason) : undefined;
        if (options.dryRun) return { result, position: revision, stored: false };
        const recordedAt = now().toISOString();
        const envelopes: NewEvent[] = events.map((event, index) => {
          const stored = protect(event);
          return {
            id: commandId ? derivedId(commandId, `event/${index}`) : randomUUID(),
            type: stored.type,
            data: stored.data,
            metadata: {
              actor: { userId: context.actor.userId, role: context.actor.role },
              ...(centreId ? { centreId } : {}),
              ...(commandId ? { commandId } : {}),
              correlationId: context.correlationId,
              recordedAt,
              ...(lateEntry ? { lateEntry } : {}),
            },
          };
        });
        try {
          const appended = await store.append(decision.streamId, envelopes, revision >= 0n ? revision : 'no_stream', {
            ...(commandId ? { command: { commandId, fingerprint, result } } : {}),
          });
          return { result, position: appended.position, stored: envelopes.length > 0 };
        } catch (error) {
          if (isWrongExpectedRevision(error) || isDuplicateCommand(error)) return undefined;
          throw error;
        }
      });
      if (outcome) return outcome;
      // Another request changed the stream (or stored this command id) first.
      const raced = await earlier();
      if (raced) return raced;
      if (attempt >= attempts) throw conflict('the record was changed by someone else at the same time; try again');
    }
  }

  return { store, clock, load, loadMany, newId, handle, timeZone };
}

/** SQLite's answer when two requests with one command id race to store it. */
function isDuplicateCommand(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed: commands\.command_id/.test(error.message);
}
