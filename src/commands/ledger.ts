import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { Actor } from '../auth/actor.js';
import { authorize, type Action, type Scope } from '../auth/policy.js';
import type { Clock, Decider, DomainEvent } from '../domain/shared/decider.js';
import { badInput, conflict } from '../domain/shared/errors.js';
import { localDateOf } from '../domain/shared/time.js';
import { isDuplicateCommand, isWrongExpectedRevision, type EventStore, type NewEvent } from '../store/port.js';
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

/** What the actor must be allowed to do, checked after the stream is read and before anything is decided, answered or stored. */
export interface Access<S> {
  readonly action: Action;
  /** Where the action is checked (default: the decision's centre). */
  readonly scope?: (state: S, centreId: string | undefined) => Scope;
}

/**
 * How one command runs over its decider's stream, besides the command itself: who sent it, what
 * it answers, what it reads elsewhere and what the actor must be allowed there.
 */
export interface Handling<S, X, R> {
  /** The command's name in the API, with its raw input: a repeated commandId must carry the same. */
  readonly name: string;
  readonly input: unknown;
  readonly context: CommandContext;
  /** The entity whose stream the command decides over (the decider's streamOf). */
  readonly id: string;
  /** What the command answers (ids), the same on every retry. */
  readonly result: R;
  /**
   * The other streams the decision depends on (centres, participants…), read again after a
   * conflict. The ledger adds the clock.
   */
  readonly load?: () => Promise<Omit<X, 'clock'>>;
  readonly access: Access<S>;
  /** The other entities the input names, each checked where it is (see touched): nothing is stored unless all pass. */
  readonly touches?: (loaded: Omit<X, 'clock'>) => readonly Touch[];
  /** The centre the events concern: given for a new entity, else the decider's centreOf its state. */
  readonly centreId?: string;
  /**
   * What the events record happened on: a centre (default: the decision's) and a local date. Dated
   * inside a closed reporting period of a programme covering that centre, the input must carry a
   * `lateEntryReason` (see ./late-entries.ts). A recording command opts in with this one line.
   */
  readonly dated?: (state: S) => { readonly centreId?: string | undefined; readonly date: string } | undefined;
  /** Decides everything (access, rules) and stores nothing (the imports' preview). */
  readonly dryRun?: boolean;
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

/** What `handle` answers, in the shape of Emmett's command handler. */
export interface Handled<R, S = unknown, E = unknown> {
  readonly result: R;
  /**
   * The stream's state after the command, as a load would fold it from the log (personal data
   * sealed): for a repeated commandId or a dry run, the stream's state as it is.
   */
  readonly newState: S;
  /** The events this call appended, as stored (empty for a repeated commandId, a no-op, or a dry run). */
  readonly newEvents: readonly E[];
  /** Position of the last event stored (or of the stream's last event when nothing new was stored). */
  readonly position: bigint;
  /** Whether this call stored events (false for a repeated commandId, a no-op, or a dry run). */
  readonly stored: boolean;
}

/** How a command runs: `dryRun` decides everything (access, rules) and stores nothing (the imports' preview). */
export interface HandleOptions {
  readonly dryRun?: boolean;
}

export const EVENT_ID_NAMESPACE = '7d0a5a4e-3c1f-4f7e-9d52-2b8f0c6e1a93';

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

const NAMESPACE_BYTES = Buffer.from(EVENT_ID_NAMESPACE.replaceAll('-', ''), 'hex');

/**
 * Ids derived from a command id are the same on every retry, so a retry stores nothing twice: the
 * name-based (SHA-1, version 5) UUID of `commandId/purpose` in the ledger's namespace, as uuid's
 * v5 derives it, with the namespace parsed once rather than at each of a command's ids.
 */
export function derivedId(commandId: string, purpose: string): string {
  const hash = createHash('sha1').update(NAMESPACE_BYTES).update(`${commandId}/${purpose}`, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.toString('hex', 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

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
  readonly state: S;
  /** Revision of the last event folded into `state`, -1n for a stream that had none. */
  readonly revision: bigint;
}

// Any area's decider, as the fold cache keeps them side by side.
type AnyDecider = Decider<any, any, any, any>;

/**
 * Streams already folded, per decider, by stream id, oldest update first. A state is brought up
 * to date by folding only the events after its revision, which the store reads with a seek: the
 * log is append-only, so the events before it never change. States are shared between requests,
 * which deciders allow: `evolve` returns a new state and never changes the one it is given.
 */
function createFoldCache(capacity: number) {
  const folds = new Map<AnyDecider, Map<string, Folded<unknown>>>();
  return {
    get<S>(decider: Decider<any, S, any, any>, streamId: string): Folded<S> | undefined {
      return folds.get(decider)?.get(streamId) as Folded<S> | undefined;
    },
    set<S>(decider: Decider<any, S, any, any>, streamId: string, folded: Folded<S>) {
      let entries = folds.get(decider);
      if (!entries) folds.set(decider, (entries = new Map()));
      const current = entries.get(streamId);
      // Two requests may fold the same stream at once: keep the later state.
      if (current && current.revision > folded.revision) return;
      entries.delete(streamId);
      entries.set(streamId, folded);
      if (entries.size > capacity) entries.delete(entries.keys().next().value!);
    },
  };
}

/** An event as the log gives it back: its data through JSON, as the store keeps it. */
const asStored = <E>(event: NewEvent): E => ({ type: event.type, data: JSON.parse(JSON.stringify(event.data)) as unknown }) as E;

export function createLedger(deps: LedgerDeps) {
  const { store, timeZone } = deps;
  const now = deps.now ?? (() => new Date());
  const protect = deps.protect ?? ((event) => event);
  const attempts = deps.attempts ?? 5;
  const streamLock = createKeyedLock();

  // The local date changes with the minute at most (offsets are whole minutes): formatted once a minute, not per command.
  let today: { readonly minute: number; readonly date: string } | undefined;
  function clock(): Clock {
    const instant = now();
    const minute = Math.floor(instant.getTime() / 60_000);
    if (today?.minute !== minute) today = { minute, date: localDateOf(instant, timeZone) };
    return { today: today.date, timeZone };
  }

  const folded = createFoldCache(FOLDED_STREAMS);
  const lateEntries = lateEntryCheck((decider) => load(decider, ''));

  /**
   * Streams folded up to their latest event, in one read of the store: each from the state already
   * folded (only its newer events are read), or from the start.
   */
  async function foldStreams<S, E>(decider: Decider<any, S, E, any>, streamIds: readonly string[]): Promise<Folded<S>[]> {
    const known = streamIds.map((streamId) => folded.get(decider, streamId));
    const newer = await store.readStreams(streamIds.map((streamId, index) => ({ streamId, ...(known[index] ? { after: known[index].revision } : {}) })));
    return streamIds.map((streamId, index) => {
      const before = known[index];
      const events = newer[index]!;
      if (before && events.length === 0) return before;
      const state = events.reduce((s, event) => decider.evolve(s, { type: event.type, data: event.data } as E), before ? before.state : decider.initialState);
      const after: Folded<S> = { state, revision: events.length > 0 ? events[events.length - 1]!.revision : -1n };
      folded.set(decider, streamId, after);
      return after;
    });
  }

  /** Reads an entity's stream and folds it: the state another stream's decision depends on. */
  async function load<S>(decider: Decider<any, S, any, any>, id: string): Promise<S> {
    const [stream] = await foldStreams(decider, [decider.streamOf(id)]);
    return stream!.state;
  }

  /** `load` for several entities of one kind, read together (the participants of an attendance list). */
  async function loadMany<S>(decider: Decider<any, S, any, any>, ids: readonly string[]): Promise<S[]> {
    return (await foldStreams(decider, ids.map(decider.streamOf))).map((stream) => stream.state);
  }

  /** A fresh entity id: derived from the command id when there is one. */
  function newId(context: CommandContext): string {
    return context.commandId ? derivedId(context.commandId, 'entity') : randomUUID();
  }

  /**
   * Runs a command over its decider's stream: loads what the decision depends on, reads and folds
   * the stream, checks access, answers a repeated command id from its record, otherwise decides
   * and appends with the expected revision. A conflict loads again from fresh state, a few times,
   * then is reported.
   */
  async function handle<C, S, E extends DomainEvent, X, R>(
    decider: Decider<C, S, E, X>,
    command: NoInfer<C>,
    handling: Handling<NoInfer<S>, NoInfer<X>, R>,
  ): Promise<Handled<R, S, E>> {
    let handled: Handled<R, S, E>;
    try {
      handled = await decideAndAppend(decider, command, handling);
    } catch (error) {
      // A refusal may rest on events committed but not yet on disk: it is answered once they are.
      await store.settled?.().catch(() => undefined);
      throw error;
    }
    // Stored: the append was acknowledged on disk with everything before it. Otherwise the same wait as a refusal.
    if (!handled.stored) await store.settled?.();
    return handled;
  }

  async function decideAndAppend<C, S, E extends DomainEvent, X, R>(
    decider: Decider<C, S, E, X>,
    command: C,
    handling: Handling<S, X, R>,
  ): Promise<Handled<R, S, E>> {
    const { context, result } = handling;
    const streamId = decider.streamOf(handling.id);
    const fingerprint = fingerprintOf(deps.fingerprintKey, handling.name, handling.input);
    const { commandId } = context;
    const lateEntryReason = lateEntryReasonOf(handling.input);

    /** The answer to a command id already stored, with the stream as it is now. */
    async function earlier(state?: S): Promise<Handled<R, S, E> | undefined> {
      if (!commandId) return undefined;
      const record = await store.findCommand(commandId);
      if (!record) return undefined;
      if (record.fingerprint !== fingerprint) throw conflict('this commandId was already used for a different command', 'commandId');
      const newState = state ?? (await foldStreams(decider, [streamId]))[0]!.state;
      return { result: record.result as R, newState, newEvents: [], position: record.position, stored: false };
    }

    for (let attempt = 1; ; attempt++) {
      const loaded = handling.load ? await handling.load() : ({} as Omit<X, 'clock'>);
      const outcome = await streamLock(streamId, async (): Promise<Handled<R, S, E> | undefined> => {
        const [stream] = await foldStreams(decider, [streamId]);
        const { state, revision } = stream!;
        const centreId = handling.centreId ?? decider.centreOf?.(state);
        authorize(context.actor, handling.access.action, handling.access.scope?.(state, centreId) ?? (centreId ? { centreId } : {}));
        for (const touch of handling.touches?.(loaded) ?? []) {
          if (touch.centreId !== undefined) authorize(context.actor, touch.action, { centreId: touch.centreId });
        }
        const answered = await earlier(state);
        if (answered) return answered;
        const events = decider.decide(command, state, { ...loaded, clock: clock() } as X);
        const dated = handling.dated?.(state);
        const lateEntry = dated ? await lateEntries({ centreId: dated.centreId ?? centreId, date: dated.date }, lateEntryReason) : undefined;
        if (handling.dryRun) return { result, newState: state, newEvents: [], position: revision, stored: false };
        const recordedAt = now().toISOString();
        const envelopes: NewEvent[] = events.map((event, index) => {
          const sealed = protect(event);
          return {
            id: commandId ? derivedId(commandId, `event/${index}`) : randomUUID(),
            type: sealed.type,
            data: sealed.data,
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
        let appended;
        try {
          appended = await store.append(streamId, envelopes, revision >= 0n ? revision : 'no_stream', {
            ...(commandId ? { command: { commandId, fingerprint, result } } : {}),
          });
        } catch (error) {
          if (isWrongExpectedRevision(error) || isDuplicateCommand(error)) return undefined;
          throw error;
        }
        const newEvents = envelopes.map((envelope) => asStored<E>(envelope));
        const newState = newEvents.reduce(decider.evolve, state);
        // The events followed the folded state directly: the next command on the stream reads nothing of them again.
        if (newEvents.length > 0 && appended.nextRevision === revision + BigInt(newEvents.length)) {
          folded.set(decider, streamId, { state: newState, revision: appended.nextRevision });
        }
        return { result, newState, newEvents, position: appended.position, stored: envelopes.length > 0 };
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
