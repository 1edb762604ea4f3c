import type { Lookup } from './projection.js';
import type { ParticipantView } from './participants.js';
import type { WorkshopView } from './workshops.js';

/**
 * Who attended at a centre in a span of time (a day, a month), as participant numbers with the
 * sessions each attended in it, sorted by number: the form readers unpack a set into (views store
 * it packed, packed-sessions.ts). A participant leaves the set when their last session in it is removed.
 */
export interface AttendeeSet {
  readonly ordinals: readonly number[];
  readonly sessions: readonly number[];
}

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
  const after = lookup<WorkshopView>('workshops', event.data.workshopId)?.attendees.length ?? 0;
  if (event.type === 'AttendanceRecorded') {
    const added = event.data.participantIds.length;
    return { pairs: added, workshopsHeld: after === added ? 1 : 0, ordinals: ordinalsOf(event.data.participantIds, lookup), delta: 1 };
  }
  return { pairs: -1, workshopsHeld: after === 0 ? -1 : 0, ordinals: ordinalsOf([event.data.participantId], lookup), delta: -1 };
}

/**
 * A month's participants, stored as whichever is smaller: a sorted list of numbers (4 bytes each;
 * a centre's month is usually a few hundred children among many thousands) or a bitset by number
 * (n/8 bytes, for a month that holds most of them). The first byte says which. Adding children
 * costs one copy of that, not of a list with sessions; a period's union reads either. Whether a
 * removed child is still in the month is asked of its days, which keep the sessions.
 */
export const MEMBERS_LIST = 0;
export const MEMBERS_BITSET = 1;

export function withMembers(encoded: string, ordinals: readonly number[], on: boolean): string {
  if (ordinals.length === 0) return encoded;
  const current = encoded ? Buffer.from(encoded, 'base64') : Buffer.from([MEMBERS_LIST]);
  if (current[0] === MEMBERS_BITSET) {
    const needed = 1 + Math.ceil((Math.max(...ordinals) + 1) / 8);
    const next = Buffer.alloc(Math.max(current.length, on ? needed : 0));
    current.copy(next);
    let changed = false;
    for (const ordinal of ordinals) {
      const byte = 1 + (ordinal >> 3);
      if (byte >= next.length) continue;
      const before = next[byte]!;
      if (on) next[byte] = before | (1 << (ordinal & 7));
      else next[byte] = before & ~(1 << (ordinal & 7));
      changed ||= next[byte] !== before;
    }
    // Everyone already in (or already out): the same encoding, not a copy of it.
    return changed ? next.toString('base64') : encoded;
  }
  // A list: find where each number goes, then copy the runs between them (no per-member work).
  const count = (current.length - 1) / 4;
  const at = (i: number) => current.readUInt32LE(1 + i * 4);
  const lowerBound = (ordinal: number) => {
    let low = 0;
    let high = count;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (at(middle) < ordinal) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const present = (ordinal: number, i: number) => i < count && at(i) === ordinal;
  const changes = [...new Set(ordinals)]
    .sort((a, b) => a - b)
    .map((ordinal) => ({ ordinal, i: lowerBound(ordinal) }))
    .filter(({ ordinal, i }) => present(ordinal, i) !== on);
  if (changes.length === 0) return encoded;
  const size = count + (on ? changes.length : -changes.length);
  const largest = Math.max(count > 0 ? at(count - 1) : 0, on ? changes[changes.length - 1]!.ordinal : 0);
  if (on && size * 4 > Math.ceil((largest + 1) / 8)) {
    const bits = Buffer.alloc(1 + Math.ceil((largest + 1) / 8));
    bits[0] = MEMBERS_BITSET;
    for (let i = 0; i < count; i++) bits[1 + (at(i) >> 3)]! |= 1 << (at(i) & 7);
    for (const { ordinal } of changes) bits[1 + (ordinal >> 3)]! |= 1 << (ordinal & 7);
    return bits.toString('base64');
  }
  const list = Buffer.alloc(1 + size * 4);
  list[0] = MEMBERS_LIST;
  let from = 0;
  let to = 1;
  for (const { ordinal, i } of changes) {
    to += current.copy(list, to, 1 + from * 4, 1 + i * 4);
    if (on) {
      list.writeUInt32LE(ordinal, to);
      to += 4;
      from = i;
    } else from = i + 1;
  }
  current.copy(list, to, 1 + from * 4);
  return list.toString('base64');
}

/** Whether a month's members (withMembers' encoding, base64, or held by a bulk replay) include this number. */
export function hasMember(encoded: Members, ordinal: number): boolean {
  if (typeof encoded !== 'string') {
    const held = encoded;
    if (!held.started) return false;
    if (!held.bitset) return held.list[lowerBound(held.list, ordinal)] === ordinal;
    const byte = 1 + (ordinal >> 3);
    return byte < held.length && (held.bits[byte]! & (1 << (ordinal & 7))) !== 0;
  }
  if (!encoded) return false;
  const members = Buffer.from(encoded, 'base64');
  if (members[0] === MEMBERS_BITSET) {
    const byte = 1 + (ordinal >> 3);
    return byte < members.length && (members[byte]! & (1 << (ordinal & 7))) !== 0;
  }
  let low = 0;
  let high = (members.length - 1) / 4 - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const value = members.readUInt32LE(1 + middle * 4);
    if (value === ordinal) return true;
    if (value < ordinal) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

/** The first index of a sorted list whose value is not below `value`. */
export function lowerBound(list: readonly number[], value: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (list[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A sorted list of numbers with these put in (on) or taken out, in place: the list withNumbers answers. */
export function changeNumbersInPlace(list: number[], ordinals: readonly number[], on: boolean): void {
  for (const ordinal of ordinals) {
    const i = lowerBound(list, ordinal);
    const present = list[i] === ordinal;
    if (on && !present) list.splice(i, 0, ordinal);
    else if (!on && present) list.splice(i, 1);
  }
}

/**
 * A month's members as a bulk replay holds them (see Projection.evolveInPlace): changed in place
 * and encoded as withMembers' base64 only when the document is written (JSON.stringify calls
 * toJSON). It goes through the same list and bitset forms as withMembers, at the same changes, so
 * the written bytes are those that evolve gives.
 */
export interface HeldMembers {
  /** False while withMembers would still answer '' (no change yet). */
  started: boolean;
  bitset: boolean;
  /** The list form's numbers, sorted. */
  list: number[];
  /** The bitset form: byte 0 is MEMBERS_BITSET, `length` bytes are in use, the rest is room to grow. */
  bits: Uint8Array;
  length: number;
  toJSON(): string;
}

/** Month members stored (base64) or held by a bulk replay. */
export type Members = string | HeldMembers;

const heldBytes = (held: HeldMembers): Buffer => {
  if (!held.started) return Buffer.alloc(0);
  if (held.bitset) return Buffer.from(held.bits.subarray(0, held.length));
  const bytes = Buffer.alloc(1 + held.list.length * 4);
  bytes[0] = MEMBERS_LIST;
  for (let i = 0; i < held.list.length; i++) bytes.writeUInt32LE(held.list[i]!, 1 + i * 4);
  return bytes;
};

/** Members as withMembers encodes them (base64). */
export const encodedMembers = (members: Members): string => (typeof members === 'string' ? members : heldBytes(members).toString('base64'));

/** Members as the bytes of their encoding: the column the summaries read. */
export const membersBytes = (members: Members): Buffer => (typeof members === 'string' ? Buffer.from(members, 'base64') : heldBytes(members));

/** Stored members, decoded once to be changed in place. */
export function heldMembers(members: Members): HeldMembers {
  if (typeof members !== 'string') return members;
  const held: HeldMembers = { started: members !== '', bitset: false, list: [], bits: new Uint8Array(0), length: 0, toJSON: () => encodedMembers(held) };
  if (!held.started) return held;
  const bytes = Buffer.from(members, 'base64');
  if (bytes[0] === MEMBERS_BITSET) {
    held.bitset = true;
    held.bits = new Uint8Array(bytes);
    held.length = bytes.length;
  } else {
    for (let i = 1; i < bytes.length; i += 4) held.list.push(bytes.readUInt32LE(i));
  }
  return held;
}

/** withMembers, in place. */
export function changeMembersInPlace(held: HeldMembers, ordinals: readonly number[], on: boolean): void {
  if (ordinals.length === 0) return;
  if (held.bitset) {
    if (on) {
      let largest = 0;
      for (const ordinal of ordinals) largest = Math.max(largest, ordinal);
      growBits(held, 1 + Math.ceil((largest + 1) / 8));
    }
    for (const ordinal of ordinals) {
      const byte = 1 + (ordinal >> 3);
      if (byte >= held.length) continue;
      if (on) held.bits[byte]! |= 1 << (ordinal & 7);
      else held.bits[byte]! &= ~(1 << (ordinal & 7));
    }
    return;
  }
  const { list } = held;
  const changes = [...new Set(ordinals)].filter((ordinal) => (list[lowerBound(list, ordinal)] === ordinal) !== on);
  if (changes.length === 0) return;
  held.started = true;
  if (!on) {
    changeNumbersInPlace(list, changes, false);
    return;
  }
  let largest = list.length > 0 ? list[list.length - 1]! : 0;
  for (const ordinal of changes) largest = Math.max(largest, ordinal);
  if ((list.length + changes.length) * 4 > Math.ceil((largest + 1) / 8)) {
    // As withMembers does: a list that would be larger than the bitset of its range becomes one.
    held.bitset = true;
    held.length = 0;
    growBits(held, 1 + Math.ceil((largest + 1) / 8));
    held.bits[0] = MEMBERS_BITSET;
    for (const ordinal of [...list, ...changes]) held.bits[1 + (ordinal >> 3)]! |= 1 << (ordinal & 7);
    held.list = [];
    return;
  }
  changeNumbersInPlace(list, changes, true);
}

/** Makes `length` bytes of the bitset usable (new bytes zero), with room to grow again. */
function growBits(held: HeldMembers, length: number) {
  if (length <= held.length) return;
  if (length > held.bits.length) {
    const bits = new Uint8Array(Math.max(length, held.bits.length * 2));
    bits.set(held.bits.subarray(0, held.length));
    held.bits = bits;
  }
  held.length = length;
}
