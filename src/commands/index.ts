import { centreCommands } from './centres.js';
import { culturalEventCommands } from './cultural-events.js';
import { cycleCommands } from './cycles.js';
import { householdCommands } from './households.js';
import { legalAidCommands } from './legal-aid.js';
import type { Ledger } from './ledger.js';
import { legalCaseCommands } from './legal-cases.js';
import { participantCommands, type ParticipantCommandDeps } from './participants.js';
import { serviceCommands } from './services.js';
import { peopleCommands, type PeopleCommandDeps } from './people.js';
import { programmeCommands } from './programmes.js';
import { targetCommands } from './targets.js';
import { volunteerCommands, type VolunteerCommandDeps } from './volunteers.js';
import { workshopCommands } from './workshops.js';

/** Every command the ledger accepts, by the name the API uses. */
export function createCommands(ledger: Ledger, deps: ParticipantCommandDeps & VolunteerCommandDeps & Partial<PeopleCommandDeps>) {
  return {
    ...centreCommands(ledger),
    ...participantCommands(ledger, deps),
    ...workshopCommands(ledger),
    ...volunteerCommands(ledger, deps),
    ...legalAidCommands(ledger),
    ...culturalEventCommands(ledger),
    ...targetCommands(ledger),
    ...cycleCommands(ledger),
    ...householdCommands(ledger, deps),
    ...legalCaseCommands(ledger),
    ...serviceCommands(ledger),
    ...peopleCommands(ledger, { keepsOthers: deps.keepsOthers ?? (() => false) }),
    ...programmeCommands(ledger),
  };
}

export type Commands = ReturnType<typeof createCommands>;
