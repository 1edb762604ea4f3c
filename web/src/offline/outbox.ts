import { ApiError, NetworkError, newCommandId, request, SignedOutError, type Operation } from '../api/client.js';
import { RecordAttendance, RegisterParticipant, type RegisterParticipantInput } from '../api/operations.js';
import { errorText } from '../api/errors.js';
import { database } from './db.js';

/**
 * The outbox: every form and every save of ticks is first written to IndexedDB with its own
 * commandId, then sent. With no connection it waits and is sent when the connection returns; a
 * send that was cut off is simply sent again with the same commandId, and the API stores nothing
 * twice. Attendance only ever adds (the API merges ticks from several phones), so two staff
 * ticking one workshop both end up recorded.
 */

interface Base {
  /** The commandId of the (first) mutation: the item's key. */
  readonly id: string;
  readonly createdAt: number;
  /** The account that made it: only that account sends it. */
  readonly owner: string;
  /** What the page lists while it waits (already translated when queued). */
  readonly label: string;
  readonly workshopId?: string;
  state: 'waiting' | 'failed';
  error?: string;
  /** Refused as dated in a closed reporting period: sent again once the user gives a reason. */
  needsReason?: boolean;
  lateEntryReason?: string;
}

export type OutboxItem =
  | (Base & { readonly kind: 'mutation'; readonly operation: string; readonly variables: { input: Record<string, unknown> } })
  | (Base & { readonly kind: 'attendance'; readonly workshopId: string; readonly participantIds: string[] })
  | (Base & {
      readonly kind: 'walkIn';
      readonly workshopId: string;
      readonly register: RegisterParticipantInput;
      /** The commandId of the attendance that follows the registration. */
      readonly attendanceCommandId: string;
      /** Known once the registration has been answered. */
      participantId?: string;
    });

type Listener = () => void;
const listeners = new Set<Listener>();
let items: OutboxItem[] = [];
let owner = '';
let sending = false;
let blockedBySignIn = false;

export const outboxItems = () => items;
export const subscribeOutbox = (listener: Listener) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const notify = () => listeners.forEach((listener) => listener());

async function reload() {
  const db = await database();
  items = (await db.getAllFromIndex('outbox', 'byCreated')).filter((item) => item.owner === owner);
  notify();
}

/** Starts sending for this account (after sign-in); the outbox of another account on this device waits for them. */
export async function startOutbox(account: string) {
  owner = account;
  blockedBySignIn = false;
  await reload();
  void flush();
}

export function stopOutbox() {
  owner = '';
  items = [];
  notify();
}

const mutations: Record<string, Operation<unknown, { input: Record<string, unknown> }>> = {};
/** Registers the mutations the outbox may send by name (the queue holds names, not code). */
export function registerMutations(...operations: Operation<unknown, any>[]) {
  for (const operation of operations) mutations[operation.name] = operation as Operation<unknown, { input: Record<string, unknown> }>;
}

export type NewItem =
  | { kind: 'mutation'; operation: Operation<unknown, any>; input: Record<string, unknown>; label: string; workshopId?: string }
  | { kind: 'attendance'; workshopId: string; participantIds: string[]; label: string }
  | { kind: 'walkIn'; workshopId: string; register: Omit<RegisterParticipantInput, 'commandId'>; label: string };

/** Keeps a command on the device, then tries to send it. Resolves once it is stored, not sent. */
export async function enqueue(item: NewItem, id = newCommandId()): Promise<OutboxItem> {
  const base = { id, createdAt: Date.now(), owner, label: item.label, state: 'waiting' as const };
  let stored: OutboxItem;
  switch (item.kind) {
    case 'mutation':
      registerMutations(item.operation);
      stored = {
        ...base,
        kind: 'mutation',
        operation: item.operation.name,
        variables: { input: { ...item.input, commandId: id } },
        ...(item.workshopId ? { workshopId: item.workshopId } : {}),
      };
      break;
    case 'attendance':
      stored = { ...base, kind: 'attendance', workshopId: item.workshopId, participantIds: item.participantIds };
      break;
    case 'walkIn':
      stored = { ...base, kind: 'walkIn', workshopId: item.workshopId, register: { ...item.register, commandId: id }, attendanceCommandId: newCommandId() };
      break;
  }
  const db = await database();
  await db.put('outbox', stored);
  await reload();
  void flush();
  return stored;
}

/** What became of a saved item: sent (the API accepted it), still waiting (no connection), or refused. */
export type Settled = { state: 'sent'; data?: unknown } | { state: 'waiting' } | { state: 'failed'; error: ApiError };
const settling = new Map<string, (settled: Settled) => void>();
const settle = (id: string, settled: Settled) => {
  settling.get(id)?.(settled);
  settling.delete(id);
};

/**
 * Saves on the device and tries to send at once; resolves with what happened, so a form says
 * "sent" only once the API has the record. A refusal is taken off the device again (the form
 * shows it), since nothing was stored.
 */
export async function submit(item: NewItem): Promise<Settled> {
  const id = newCommandId();
  const settled = new Promise<Settled>((resolve) => settling.set(id, resolve));
  await enqueue(item, id);
  if (!owner) settle(id, { state: 'waiting' });
  const result = await settled;
  // A late entry stays on the device until the person gives its reason (the outbox bar asks).
  if (result.state === 'failed' && !needsLateEntryReason(result.error)) await discard(id);
  return result;
}

export async function discard(id: string) {
  const db = await database();
  await db.delete('outbox', id);
  await reload();
}

/** A refusal that a reason answers: the record falls in a closed reporting period. */
export const needsLateEntryReason = (error: unknown) => error instanceof ApiError && error.errors[0]?.reason === 'PERIOD_CLOSED';

const late = (item: OutboxItem) => (item.lateEntryReason ? { lateEntryReason: item.lateEntryReason } : {});

/** Sends it again with the reason the user gave for entering it after its period was closed. */
export async function sendWithReason(id: string, reason: string) {
  const db = await database();
  const item = await db.get('outbox', id);
  if (!item) return;
  item.lateEntryReason = reason;
  item.needsReason = false;
  item.state = 'waiting';
  delete item.error;
  await db.put('outbox', item);
  await reload();
  void flush();
}

/** Sends one item; throws NetworkError or SignedOutError to stop, ApiError when the API refused it. */
async function send(item: OutboxItem, save: (item: OutboxItem) => Promise<void>): Promise<unknown> {
  switch (item.kind) {
    case 'mutation': {
      const operation = mutations[item.operation];
      if (!operation) throw new ApiError([{ message: `unknown operation ${item.operation}` }]);
      return (await request(operation, { ...item.variables, input: { ...item.variables.input, ...late(item) } })).data;
    }
    case 'attendance':
      await request(RecordAttendance, { input: { workshopId: item.workshopId, participantIds: item.participantIds, commandId: item.id, ...late(item) } });
      return;
    case 'walkIn': {
      if (!item.participantId) {
        // Sent again after a cut-off, the same commandId answers with the same participant.
        const { data } = await request(RegisterParticipant, { input: item.register });
        item.participantId = data.registerParticipant.participant.id;
        await save(item);
      }
      await request(RecordAttendance, { input: { workshopId: item.workshopId, participantIds: [item.participantId], commandId: item.attendanceCommandId, ...late(item) } });
      return;
    }
  }
}

const sentListeners = new Set<(item: OutboxItem) => void>();
/** Called after each item the API has accepted (screens refresh their data). */
export const onSent = (listener: (item: OutboxItem) => void) => {
  sentListeners.add(listener);
  return () => sentListeners.delete(listener);
};

export const isBlockedBySignIn = () => blockedBySignIn;

/** Sends what waits, oldest first, one at a time. Stops at the first network failure and tries again later. */
let again = false;
export async function flush(): Promise<void> {
  if (!owner) return;
  if (sending) {
    again = true;
    return;
  }
  sending = true;
  again = false;
  try {
    const db = await database();
    for (const item of (await db.getAllFromIndex('outbox', 'byCreated')).filter((one) => one.owner === owner && one.state === 'waiting')) {
      try {
        const data = await send(item, (changed) => db.put('outbox', changed).then(() => undefined));
        await db.delete('outbox', item.id);
        settle(item.id, { state: 'sent', data });
        sentListeners.forEach((listener) => listener(item));
      } catch (error) {
        if (error instanceof NetworkError) break;
        if (error instanceof SignedOutError) {
          blockedBySignIn = true;
          break;
        }
        item.state = 'failed';
        item.error = errorText(error);
        item.needsReason = needsLateEntryReason(error);
        await db.put('outbox', item);
        settle(item.id, { state: 'failed', error: error instanceof ApiError ? error : new ApiError([{ message: String(error) }]) });
      }
      await reload();
    }
  } finally {
    sending = false;
    await reload();
    // What was not sent this round waits for the connection.
    if (!again || blockedBySignIn) for (const id of [...settling.keys()]) if (items.some((item) => item.id === id && item.state === 'waiting')) settle(id, { state: 'waiting' });
  }
  if (again && !blockedBySignIn) await flush();
}

/** Tries again when the connection returns, and every 20 s while anything waits. */
export function watchConnection() {
  window.addEventListener('online', () => void flush());
  setInterval(() => {
    if (items.some((item) => item.state === 'waiting') && navigator.onLine) void flush();
  }, 20_000);
}
