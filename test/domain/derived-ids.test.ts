/**
 * A retried command derives the same ids as its first attempt, also across versions of the
 * ledger: events stored by a version that derived them with uuid's v5 must get the same ids again.
 */
import fc from 'fast-check';
import { v5 as uuidv5 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { derivedId, EVENT_ID_NAMESPACE } from '../../src/commands/ledger.js';

describe('ids derived from a command id', () => {
  it('given any command id and purpose, then the id is the version 5 UUID uuid derives for them', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.constantFrom('entity', 'event-0', 'event-1', 'record'), (commandId, purpose) => {
        expect(derivedId(commandId, purpose)).toBe(uuidv5(`${commandId}/${purpose}`, EVENT_ID_NAMESPACE));
      }),
      { numRuns: 500 },
    );
  });

  it('given one command id, then each purpose has its own id and a retry the same one', () => {
    expect(derivedId('c-1', 'entity')).toBe(derivedId('c-1', 'entity'));
    expect(derivedId('c-1', 'entity')).not.toBe(derivedId('c-1', 'event-0'));
    expect(derivedId('c-1', 'entity')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
