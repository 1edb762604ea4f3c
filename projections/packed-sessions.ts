import type { AttendeeSet } from './attendee-set.js';

/**
 * An attendee set (participant numbers with their sessions) packed for a document that every
 * attendance rewrites: for each number in ascending order, the gap since the previous one and
 * its sessions, as unsigned LEB128 varints, in base64. A centre's month of 2,500 children is
 * about 5 KB of bytes (7 KB of base64) instead of 28 KB of JSON arrays, and a change is one pass
 * over the bytes with no array per member, so the views' thread writes and collects far less.
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

/** Reads the varints of a packed set one member at a time. */
function reader(bytes: Buffer) {
  let at = 0;
  let ordinal = -1;
  const varint = () => {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = bytes[at++];
      if (byte === undefined) throw new Error('a packed attendee set ends inside a number');
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  };
  return {
    /** The next member as [ordinal, sessions], or undefined at the end. */
    next: (): [number, number] | undefined => {
      if (at >= bytes.length) return undefined;
      ordinal += varint() + 1;
      return [ordinal, varint()];
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

export function unpackSessions(packed: PackedSessions): AttendeeSet {
  const ordinals: number[] = [];
  const sessions: number[] = [];
  const members = reader(Buffer.from(packed, 'base64'));
  for (let member = members.next(); member; member = members.next()) {
    ordinals.push(member[0]);
    sessions.push(member[1]);
  }
  return { ordinals, sessions };
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

/** The numbers as little-endian 32-bit integers: the column the summaries read. */
export function packedNumbersBlob(packed: PackedNumbers): Buffer {
  const bytes = Buffer.from(packed, 'base64');
  // Each number takes at least one byte: room enough for all of them.
  const blob = Buffer.allocUnsafe(bytes.length * 4);
  let count = 0;
  let last = -1;
  for (let at = 0; at < bytes.length; at = varintEnd) {
    last += readVarint(bytes, at) + 1;
    blob.writeUInt32LE(last, count * 4);
    count += 1;
  }
  return blob.subarray(0, count * 4);
}

/** Whether the packed set holds this number (a pass over it: asked only when a child is removed). */
export function hasPackedMember(packed: PackedSessions, ordinal: number): boolean {
  const bytes = Buffer.from(packed, 'base64');
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

/** A packed set's numbers alone as little-endian 32-bit integers: the column the summaries read. */
export function packedOrdinalsBlob(packed: PackedSessions): Buffer {
  const bytes = Buffer.from(packed, 'base64');
  // Each member takes at least two bytes.
  const blob = Buffer.allocUnsafe(bytes.length * 2);
  let count = 0;
  let last = -1;
  for (let at = 0; at < bytes.length; ) {
    last += readVarint(bytes, at) + 1;
    blob.writeUInt32LE(last, count * 4);
    count += 1;
    readVarint(bytes, varintEnd);
    at = varintEnd;
  }
  return blob.subarray(0, count * 4);
}
