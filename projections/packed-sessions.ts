import { changeNumbersInPlace, lowerBound, type AttendeeSet } from './attendee-set.js';

/**
 * An attendee set (participant numbers with their sessions) packed for a document that every
 * attendance rewrites: for each number in ascending order, the gap since the previous one and
 * its sessions, as unsigned LEB128 varints, in base64: under half the bytes of the JSON lists for
 * a centre's month of 2,500 children (test/projections/packed-sessions.property.test.ts), and a
 * change is one pass over the bytes with no array per member.
 */
export type PackedSessions = string;

export const emptyPackedSessions: PackedSessions = '';

/** The largest a varint of a 32-bit number takes. */
const VARINT_MAX = 5;

function writeVarint(bytes: Buffer, at: number, value: number): number {
  let rest = value;
  while (rest >= 0x80) {
    bytes[at++] = (rest & 0x7f) | 0x80;
    rest = Math.floor(rest / 128);
  }
  bytes[at++] = rest;
  return at;
}

/** Where the last varint readVarint read ends (module state: no object per number read). */
let varintEnd = 0;

function readVarint(bytes: Buffer, from: number): number {
  let at = from;
  let value = 0;
  let scale = 1;
  for (;;) {
    const byte = bytes[at++];
    if (byte === undefined) throw new Error('a packed attendee set ends inside a number');
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) break;
    scale *= 128;
  }
  varintEnd = at;
  return value;
}

/** Reads a packed set one member at a time. */
function reader(bytes: Buffer) {
  let at = 0;
  let ordinal = -1;
  return {
    /** The next member as [ordinal, sessions], or undefined at the end. */
    next: (): [number, number] | undefined => {
      if (at >= bytes.length) return undefined;
      ordinal += readVarint(bytes, at) + 1;
      const sessions = readVarint(bytes, varintEnd);
      at = varintEnd;
      return [ordinal, sessions];
    },
  };
}

export function packSessions(set: AttendeeSet): PackedSessions {
  const bytes = Buffer.allocUnsafe(set.ordinals.length * 2 * VARINT_MAX);
  let at = 0;
  let previous = -1;
  for (let i = 0; i < set.ordinals.length; i++) {
    at = writeVarint(bytes, at, set.ordinals[i]! - previous - 1);
    at = writeVarint(bytes, at, set.sessions[i]!);
    previous = set.ordinals[i]!;
  }
  return bytes.toString('base64', 0, at);
}

export function unpackSessions(set: PackedSessions | HeldSessions): AttendeeSet {
  if (typeof set !== 'string') return { ordinals: [...set.ordinals], sessions: [...set.sessions] };
  const ordinals: number[] = [];
  const sessions: number[] = [];
  const members = reader(Buffer.from(set, 'base64'));
  for (let member = members.next(); member; member = members.next()) {
    ordinals.push(member[0]);
    sessions.push(member[1]);
  }
  return { ordinals, sessions };
}


/**
 * withSessions (attendee-set.ts) on the packed form: `delta` sessions (±1) for each number, a
 * number named twice counts twice, and a number whose sessions reach 0 leaves. The members between
 * changes keep their bytes (a gap is to the previous member), so they are copied in runs and only
 * a changed member and the one after it are encoded anew.
 */
export function withPackedSessions(packed: PackedSessions, ordinals: readonly number[], delta: 1 | -1): PackedSessions {
  if (ordinals.length === 0) return packed;
  const changes = Float64Array.from(ordinals).sort();
  const input = Buffer.from(packed, 'base64');
  const output = Buffer.allocUnsafe(input.length + changes.length * 2 * VARINT_MAX);
  let read = 0;
  let written = 0;
  /** The last number read from the input, and the last written to the output. */
  let readLast = -1;
  let writtenLast = -1;
  /** Input bytes from here to `read` are members to copy as they are: their gaps still hold. */
  let copyFrom = 0;
  const put = (ordinal: number, sessions: number) => {
    written = writeVarint(output, written, ordinal - writtenLast - 1);
    written = writeVarint(output, written, sessions);
    writtenLast = ordinal;
  };
  const flush = () => {
    written += input.copy(output, written, copyFrom, read);
    if (read > copyFrom) writtenLast = readLast;
  };
  // The member at `read`: its number, sessions and end (valid while `read` has not moved).
  let nextOrdinal = -1;
  let nextSessions = 0;
  let nextEnd = 0;
  const peek = () => {
    if (read >= input.length) return false;
    nextOrdinal = readLast + readVarint(input, read) + 1;
    nextSessions = readVarint(input, varintEnd);
    nextEnd = varintEnd;
    return true;
  };
  const consume = () => {
    read = nextEnd;
    readLast = nextOrdinal;
  };
  for (let j = 0; j < changes.length; ) {
    const change = changes[j]!;
    let times = 0;
    while (changes[j] === change) {
      times += 1;
      j += 1;
    }
    let more = peek();
    while (more && nextOrdinal < change) {
      if (writtenLast === readLast || read > copyFrom) consume();
      else {
        // The first member after a change: its gap is to a member that was added or removed.
        put(nextOrdinal, nextSessions);
        consume();
        copyFrom = read;
      }
      more = peek();
    }
    flush();
    let sessions = 0;
    if (more && nextOrdinal === change) {
      sessions = nextSessions;
      consume();
    }
    sessions += delta * times;
    if (sessions > 0) put(change, sessions);
    copyFrom = read;
  }
  if (peek() && writtenLast !== readLast) {
    put(nextOrdinal, nextSessions);
    consume();
    copyFrom = read;
  }
  read = input.length;
  written += input.copy(output, written, copyFrom, read);
  return output.toString('base64', 0, written);
}

/** Participant numbers and their sessions, interleaved as little-endian 32-bit integers: what readers pack a set into. */
export function sessionsBlobOfPacked(packed: PackedSessions): Buffer {
  const members = reader(Buffer.from(packed, 'base64'));
  const pairs: number[] = [];
  for (let member = members.next(); member; member = members.next()) pairs.push(member[0], member[1]);
  const blob = Buffer.alloc(pairs.length * 4);
  for (let i = 0; i < pairs.length; i++) blob.writeUInt32LE(pairs[i]!, i * 4);
  return blob;
}

/**
 * A set of participant numbers packed the same way without sessions: the gaps only. A programme's
 * day (every centre's children that day) is rewritten whenever a child is new to it.
 */
export type PackedNumbers = string;

export const emptyPackedNumbers: PackedNumbers = '';

export function unpackNumbers(packed: PackedNumbers): number[] {
  const bytes = Buffer.from(packed, 'base64');
  const numbers: number[] = [];
  let last = -1;
  for (let at = 0; at < bytes.length; at = varintEnd) {
    last += readVarint(bytes, at) + 1;
    numbers.push(last);
  }
  return numbers;
}

export function packNumbers(sorted: readonly number[]): PackedNumbers {
  const bytes = Buffer.allocUnsafe(sorted.length * VARINT_MAX);
  let at = 0;
  let previous = -1;
  for (const ordinal of sorted) {
    at = writeVarint(bytes, at, ordinal - previous - 1);
    previous = ordinal;
  }
  return bytes.toString('base64', 0, at);
}

/**
 * The set with these numbers put in (on) or taken out; the same string when nothing changes. As
 * withPackedSessions: one pass, the members between changes copied in runs.
 */
export function withPackedNumbers(packed: PackedNumbers, ordinals: readonly number[], on: boolean): PackedNumbers {
  if (ordinals.length === 0) return packed;
  const changes = Float64Array.from(ordinals).sort();
  const input = Buffer.from(packed, 'base64');
  const output = Buffer.allocUnsafe(input.length + changes.length * VARINT_MAX);
  let read = 0;
  let written = 0;
  let readLast = -1;
  let writtenLast = -1;
  let copyFrom = 0;
  let changed = false;
  const put = (ordinal: number) => {
    written = writeVarint(output, written, ordinal - writtenLast - 1);
    writtenLast = ordinal;
  };
  let next = -1;
  let nextEnd = 0;
  const peek = () => {
    if (read >= input.length) return false;
    next = readLast + readVarint(input, read) + 1;
    nextEnd = varintEnd;
    return true;
  };
  const consume = () => {
    read = nextEnd;
    readLast = next;
  };
  for (let j = 0; j < changes.length; ) {
    const change = changes[j]!;
    while (changes[j] === change) j += 1;
    let more = peek();
    while (more && next < change) {
      if (writtenLast === readLast || read > copyFrom) consume();
      else {
        put(next);
        consume();
        copyFrom = read;
      }
      more = peek();
    }
    written += input.copy(output, written, copyFrom, read);
    if (read > copyFrom) writtenLast = readLast;
    const present = more && next === change;
    if (present) consume();
    if (on) put(change);
    changed ||= present !== on;
    copyFrom = read;
  }
  if (!changed) return packed;
  if (peek() && writtenLast !== readLast) {
    put(next);
    consume();
    copyFrom = read;
  }
  written += input.copy(output, written, copyFrom, input.length);
  return output.toString('base64', 0, written);
}

/** Numbers as little-endian 32-bit integers: the columns the summaries read. */
function blobOf(numbers: readonly number[]): Buffer {
  const blob = Buffer.allocUnsafe(numbers.length * 4);
  numbers.forEach((ordinal, i) => blob.writeUInt32LE(ordinal, i * 4));
  return blob;
}

/** The numbers of a packed set (each followed by its sessions when `sessions`), as blobOf gives them. */
function blobOfPacked(packed: string, sessions: boolean): Buffer {
  const bytes = Buffer.from(packed, 'base64');
  // Each number takes at least one byte: room enough for all of them.
  const blob = Buffer.allocUnsafe(bytes.length * 4);
  let count = 0;
  let last = -1;
  for (let at = 0; at < bytes.length; at = varintEnd) {
    last += readVarint(bytes, at) + 1;
    if (sessions) readVarint(bytes, varintEnd);
    blob.writeUInt32LE(last, count * 4);
    count += 1;
  }
  return blob.subarray(0, count * 4);
}

/** A programme day's numbers as the summaries read them. */
export const packedNumbersBlob = (set: PackedNumbers | HeldNumbers): Buffer => (typeof set === 'string' ? blobOfPacked(set, false) : blobOf(set.list));

/** Whether the packed set holds this number (a pass over it: asked only when a child is removed). */
export function hasPackedMember(set: Sessions, ordinal: number): boolean {
  if (typeof set !== 'string') return set.ordinals[lowerBound(set.ordinals, ordinal)] === ordinal;
  const bytes = Buffer.from(set, 'base64');
  let last = -1;
  for (let at = 0; at < bytes.length; ) {
    last += readVarint(bytes, at) + 1;
    if (last >= ordinal) return last === ordinal;
    // Past the member's sessions.
    readVarint(bytes, varintEnd);
    at = varintEnd;
  }
  return false;
}

/** A packed set's numbers alone (its sessions left out) as the summaries read them. */
export const packedOrdinalsBlob = (set: Sessions): Buffer => (typeof set === 'string' ? blobOfPacked(set, true) : blobOf(set.ordinals));

/**
 * A packed set as a bulk replay holds it (see Projection.evolveInPlace): decoded once, changed in
 * place, and packed again only when the document is written (JSON.stringify calls toJSON), so a
 * replay does not decode and encode a day's set at every event. It packs to what evolve stores.
 */
export interface HeldSessions {
  readonly held: true;
  readonly ordinals: number[];
  readonly sessions: number[];
  toJSON(): PackedSessions;
}

/** A set stored (packed) or held by a bulk replay. */
export type Sessions = PackedSessions | HeldSessions;

export function heldSessions(set: Sessions): HeldSessions {
  if (typeof set !== 'string') return set;
  const { ordinals, sessions } = unpackSessions(set);
  const held: HeldSessions = { held: true, ordinals: [...ordinals], sessions: [...sessions], toJSON: () => packSessions(held) };
  return held;
}

/** The packed form of a set, held or not. */
export const packedOf = (set: Sessions): PackedSessions => (typeof set === 'string' ? set : set.toJSON());

/** withPackedSessions in place: each number found by binary search (an event names a handful of a day's hundreds). */
export function addSessionsInPlace(held: HeldSessions, ordinals: readonly number[], delta: 1 | -1): void {
  for (let k = 0; k < ordinals.length; k++) {
    const ordinal = ordinals[k]!;
    // A number named twice counts twice, as in withPackedSessions: its first mention takes all of them.
    if (ordinals.indexOf(ordinal) !== k) continue;
    let times = 0;
    for (let j = k; j < ordinals.length; j++) if (ordinals[j] === ordinal) times += 1;
    const i = lowerBound(held.ordinals, ordinal);
    const present = held.ordinals[i] === ordinal;
    const sessions = (present ? held.sessions[i]! : 0) + delta * times;
    if (present && sessions > 0) held.sessions[i] = sessions;
    else if (present) {
      held.ordinals.splice(i, 1);
      held.sessions.splice(i, 1);
    } else if (sessions > 0) {
      held.ordinals.splice(i, 0, ordinal);
      held.sessions.splice(i, 0, sessions);
    }
  }
}

/** Packed numbers held by a bulk replay, as HeldSessions are. */
export interface HeldNumbers {
  readonly held: true;
  readonly list: number[];
  toJSON(): PackedNumbers;
}

export function heldNumbers(set: PackedNumbers | HeldNumbers): HeldNumbers {
  if (typeof set !== 'string') return set;
  const held: HeldNumbers = { held: true, list: unpackNumbers(set), toJSON: () => packNumbers(held.list) };
  return held;
}

/** withPackedNumbers in place. */
export const changeHeldNumbers = (held: HeldNumbers, ordinals: readonly number[], on: boolean): void => changeNumbersInPlace(held.list, [...new Set(ordinals)], on);
