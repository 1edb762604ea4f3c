import { z } from 'zod';
import { CentreEvent } from './centres/events.js';
import { CulturalEventEvent } from './cultural-events/events.js';
import { CycleEvent } from './cycles/events.js';
import { HouseholdEvent } from './households/events.js';
import { LegalAidEvent } from './legal-aid/events.js';
import { LegalCaseEvent } from './legal-cases/events.js';
import { ServiceEvent } from './services/events.js';
import { ParticipantEvent } from './participants/events.js';
import { ProgrammeEvent } from './programmes/events.js';
import { TargetEvent } from './targets/events.js';
import { VolunteerEvent } from './volunteers/events.js';
import { WorkshopEvent } from './workshops/events.js';

/** Every event the ledger can hold. Reading an event parses it here, where old shapes get upcast. */
export const LedgerEvent = z.discriminatedUnion('type', [
  ...CentreEvent.options,
  ...ParticipantEvent.options,
  ...WorkshopEvent.options,
  ...VolunteerEvent.options,
  ...LegalAidEvent.options,
  ...CulturalEventEvent.options,
  ...TargetEvent.options,
  ...CycleEvent.options,
  ...HouseholdEvent.options,
  ...LegalCaseEvent.options,
  ...ServiceEvent.options,
  ...ProgrammeEvent.options,
]);
export type LedgerEvent = z.infer<typeof LedgerEvent>;
export type LedgerEventType = LedgerEvent['type'];

export const ledgerEventTypes: readonly LedgerEventType[] = LedgerEvent.options.map((option) => option.shape.type.value);

/** Stream categories, so a store can filter a shared log down to this project's streams. */
export const streamCategories = ['centre', 'participant', 'workshop', 'volunteer', 'consultation', 'culturalEvent', 'target', 'cycle', 'household', 'legalCase', 'individualSession', 'referral', 'assistance', 'programme', 'reportingPeriod'] as const;

export function parseLedgerEvent(event: { type: string; data: unknown }): LedgerEvent {
  return LedgerEvent.parse({ type: event.type, data: event.data });
}
