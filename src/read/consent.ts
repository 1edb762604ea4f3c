import type Database from 'better-sqlite3';
import { consentId, type ConsentView } from '../../projections/consent.js';
import type { ParticipantView } from '../../projections/participants.js';
import type { ConsentStatus } from '../domain/participants/consent.js';
import type { ConsentPurpose } from '../domain/participants/events.js';
import { documentReader } from './documents.js';

/** The latest consent record per participant and purpose. */
export function consentReader(db: Database.Database) {
  const consent = documentReader<ConsentView>(db, 'consent');
  const participants = documentReader<ParticipantView>(db, 'participants');

  return {
    consentRecord: (participantId: string, purpose: ConsentPurpose) => consent.get(consentId(participantId, purpose)),
    /** GIVEN, WITHDRAWN, or MISSING when nothing was ever recorded for the purpose. */
    consentStatus: (participantId: string, purpose: ConsentPurpose): ConsentStatus =>
      consent.get(consentId(participantId, purpose))?.status ?? 'MISSING',
    consentsOf: (participantId: string) => consent.where('participant_id = @participantId', { participantId }, 'purpose'),
    /** The centre's participants with no legal basis for PARTICIPATION now (none recorded, or withdrawn), by code. */
    participantsWithoutLegalBasis: (centreId: string) =>
      participants.where(
        `centre_id = @centreId AND id NOT IN (SELECT participant_id FROM view_consent WHERE purpose = 'PARTICIPATION' AND status = 'GIVEN')`,
        { centreId },
        'code',
      ),
  };
}

export type ConsentReader = ReturnType<typeof consentReader>;
