/**
 * A centre's contacts by month and day keep their participant numbers with their sessions packed
 * (projections/packed-sessions.ts). Whatever the changes, the packed set must say what the list
 * form (withSessions) says, and readers must get the same numbers and sessions back.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AttendeeSet } from '../../projections/attendee-set.js';
import { contactsBlob } from '../../projections/centre-contacts.js';
import { emptyPackedSessions, packSessions, sessionsBlobOfPacked, unpackSessions, withPackedSessions } from '../../projections/packed-sessions.js';

// Numbers near 0 and far apart (gaps of one byte and of several), sessions past one byte.
const ordinal = fc.oneof(fc.nat(300), fc.integer({ min: 2 ** 20, max: 2 ** 32 - 1 }));
const change = fc.record({ ordinals: fc.array(ordinal, { maxLength: 30 }), delta: fc.constantFrom(1 as const, -1 as const), times: fc.integer({ min: 1, max: 150 }) });

/** The model: a map of number to sessions, a number leaving when its sessions reach 0. */
function withSessions(set: AttendeeSet, ordinals: readonly number[], delta: 1 | -1): AttendeeSet {
  const sessions = new Map(set.ordinals.map((ordinal, i) => [ordinal, set.sessions[i]!]));
  for (const ordinal of ordinals) {
    const now = (sessions.get(ordinal) ?? 0) + delta;
    if (now > 0) sessions.set(ordinal, now);
    // A number not in the set stays out, whatever is taken from it.
    else sessions.delete(ordinal);
  }
  const ordered = [...sessions].sort(([a], [b]) => a - b);
  return { ordinals: ordered.map(([ordinal]) => ordinal), sessions: ordered.map(([, count]) => count) };
}

describe('packed attendee sets', () => {
  it('given any run of additions and removals, then the packed set holds what the list form holds', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 25 }), (changes) => {
        let list: AttendeeSet = { ordinals: [], sessions: [] };
        let packed = emptyPackedSessions;
        for (const { ordinals, delta, times } of changes) {
          // A change repeated: sessions grow past what one byte of a varint holds.
          const repeated = times > 100 ? Array.from({ length: times }, () => ordinals).flat() : ordinals;
          list = withSessions(list, repeated, delta);
          packed = withPackedSessions(packed, repeated, delta);
          expect(unpackSessions(packed)).toStrictEqual(list);
        }
        expect(packed).toBe(packSessions(list));
        expect(sessionsBlobOfPacked(packed).equals(contactsBlob(list))).toBe(true);
      }),
    );
  });

  it('given a month of 2,500 children, then its packed form takes less than half the bytes of the JSON lists', () => {
    const month: AttendeeSet = { ordinals: Array.from({ length: 2_500 }, (_, i) => i * 2), sessions: Array.from({ length: 2_500 }, (_, i) => 1 + (i % 9)) };
    expect(packSessions(month).length).toBeLessThan(JSON.stringify(month).length / 2);
  });
});
