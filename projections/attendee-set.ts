import type { Lookup } from './projection.js';
import type { ParticipantView } from './participants.js';
import type { WorkshopView } from './workshops.js';

/**
 * Who attended at a centre in a span of time (a day, a month), as participant numbers with the
 * sessions each attended in it. Sorted by number, so that unions for a period are merges of
 * small integer lists and never a scan of attendance pairs. A participant leaves the set when
 * their last session in it is removed.
 */
export interface AttendeeSet {
  readonly ordinals: readonly number[];
  readonly sessions: readonly number[];
}

export const emptyAttendeeSet: AttendeeSet = { ordinals: [], sessions: [] };

/**
 * Adds `delta` sessions (±1) for each participant number; numbers whose sessions reach 0 leave.
 * One merge of two sorted lists: an event changes a handful of numbers in a set of hundreds.
 */
export function withSessions(set: AttendeeSet, ordinals: readonly number[], delta: 1 | -1): AttendeeSet {
  const changes = [...ordinals].sort((a, b) => a - b);
  const resultOrdinals: number[] = [];
  const resultSessions: number[] = [];
  let i = 0;
  let j = 0;
  while (i < set.ordinals.length || j < changes.length) {
    const current = set.ordinals[i];
    const change = changes[j];
    if (change === undefined || (current !== undefined && current < change)) {
      resultOrdinals.push(current!);
      resultSessions.push(set.sessions[i]!);
      i++;
      continue;
    }
    // Every change to this number (a list may name it twice only in a malformed log).
    let sessions = current === change ? set.sessions[i++]! : 0;
    while (changes[j] === change) {
      sessions += delta;
      j++;
    }
    if (sessions > 0) {
      resultOrdinals.push(change);
      resultSessions.push(sessions);
    }
  }
  return { ordinals: resultOrdinals, sessions: resultSessions };
}

/** The set's numbers as little-endian 32-bit integers: the column the summaries read. */
export const ordinalsBlob = (set: AttendeeSet): Buffer => {
  const bytes = Buffer.alloc(set.ordinals.length * 4);
  set.ordinals.forEach((ordinal, i) => bytes.writeUInt32LE(ordinal, i * 4));
  return bytes;
};

/** The participant numbers an attendance event adds or removes; unknown participants have none. */
export function ordinalsOf(participantIds: readonly string[], lookup: Lookup): number[] {
  const ordinals: number[] = [];
  for (const id of participantIds) {
    const ordinal = lookup<ParticipantView>('participants', id)?.ordinal;
    if (ordinal !== undefined) ordinals.push(ordinal);
  }
  return ordinals;
}

/** An attendance event's effect on a centre's figures for a day or month that holds its workshop. */
export interface AttendanceChange {
  readonly pairs: number;
  readonly workshopsHeld: number;
  readonly ordinals: readonly number[];
  readonly delta: 1 | -1;
}

type AttendanceEvent =
  | { readonly type: 'AttendanceRecorded'; readonly data: { readonly workshopId: string; readonly participantIds: readonly string[] } }
  | { readonly type: 'AttendanceRemoved'; readonly data: { readonly workshopId: string; readonly participantId: string } };

export function attendanceChange(event: AttendanceEvent, lookup: Lookup): AttendanceChange {
  // The workshops view has already applied this event: its attendees are the ones after it.
  const after = lookup<WorkshopView>('workshops', event.data.workshopId)?.attendeeIds.length ?? 0;
  if (event.type === 'AttendanceRecorded') {
    const added = event.data.participantIds.length;
    return { pairs: added, workshopsHeld: after === added ? 1 : 0, ordinals: ordinalsOf(event.data.participantIds, lookup), delta: 1 };
  }
  return { pairs: -1, workshopsHeld: after === 0 ? -1 : 0, ordinals: ordinalsOf([event.data.participantId], lookup), delta: -1 };
}

/**
 * A month's participants as a bitset by participant number (base64 in the document, raw bytes in
 * the column): adding a child costs a copy of n/8 bytes, however many are already in it, and a
 * period's union is an OR of a few hundred of them. Whether a removed child is still in the month
 * is asked of its days, which keep the sessions.
 */
export function withBits(bits: string, ordinals: readonly number[], on: boolean): string {
  if (ordinals.length === 0) return bits;
  const current = Buffer.from(bits, 'base64');
  const needed = Math.ceil((Math.max(...ordinals) + 1) / 8);
  // Grown in steps of 64 bytes, so that most additions do not resize it.
  const next = Buffer.alloc(Math.max(current.length, on ? Math.ceil(needed / 64) * 64 : 0));
  current.copy(next);
  for (const ordinal of ordinals) {
    const byte = ordinal >> 3;
    if (byte >= next.length) continue;
    if (on) next[byte]! |= 1 << (ordinal & 7);
    else next[byte]! &= ~(1 << (ordinal & 7));
  }
  return next.toString('base64');
}

export const hasOrdinal = (set: AttendeeSet, ordinal: number): boolean => {
  let low = 0;
  let high = set.ordinals.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const value = set.ordinals[middle]!;
    if (value === ordinal) return true;
    if (value < ordinal) low = middle + 1;
    else high = middle - 1;
  }
  return false;
};
