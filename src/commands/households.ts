import { randomInt } from 'node:crypto';
import * as households from '../domain/households/decider.js';
import { loadCentre } from './centres.js';
import { parseInput } from './input.js';
import type { CommandContext, Ledger } from './ledger.js';

// The participants' alphabet (Crockford's base32 without I, L, O, U), behind an H- that no participant code has.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A pseudonymous household code such as H-7K3QD-M2X9P: random, so it says nothing about the family; 50 bits, checked for collisions. */
export function newHouseholdCode(): string {
  const chars = Array.from({ length: 10 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]);
  return `H-${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

export interface HouseholdCommandDeps {
  /** Whether a code is already given to a participant or a household (read from the views). */
  readonly isCodeTaken: (code: string) => boolean;
}

export function householdCommands(ledger: Ledger, deps: HouseholdCommandDeps) {
  return {
    registerHousehold(context: CommandContext, input: unknown) {
      const householdId = ledger.newId(context);
      let code = newHouseholdCode();
      while (deps.isCodeTaken(code)) code = newHouseholdCode();
      const data = parseInput(households.RegisterHousehold, { ...(input as object), householdId, code });
      return ledger.handle(households.decider, { type: 'RegisterHousehold', data }, {
        name: 'registerHousehold', input, context, id: householdId, centreId: data.centreId, result: { householdId },
        load: async () => ({ centre: await loadCentre(ledger, data.centreId) }),
        access: { action: 'manageCentreActivity' },
      });
    },
  };
}

/** The current state of a household, for a participant who joins it. */
export const loadHousehold = (ledger: Ledger, householdId: string) => ledger.load(households.decider, householdId);
