import type { ParticipantGroup, Sex } from '../src/domain/participants/events.js';
import { PARTICIPANT_NUMBERS_ID, type ParticipantNumbersView } from './participant-numbers.js';
import { defineProjection } from './projection.js';

export interface ParticipantView {
  readonly id: string;
  readonly code: string;
  readonly centreId: string;
  readonly sex: Sex;
  readonly birthYear: number;
  readonly group: ParticipantGroup;
  /** Sealed with the participant's key, as in the event; null once erased. */
  readonly personal: unknown;
  readonly registeredAt: string;
  readonly erased: boolean;
  /** Dense number in registration order (see participant-numbers.ts), used by the attendee sets. */
  readonly ordinal: number;
  /** Log position of the last change: the summaries' roster reads only what changed since it last looked. */
  readonly changedAt: number;
  /** The participant this one is merged into (the same person, counted as them), while merged. */
  readonly mergedInto?: string;
}

type Handled = 'ParticipantRegistered' | 'ParticipantErased' | 'ParticipantMerged' | 'ParticipantUnmerged' | 'ParticipantTransferred';

export const participants = defineProjection<ParticipantView, Handled>({
  name: 'participants',
  // 5: merges and transfers.
  version: 5,
  reads: ['participant_numbers'],
  handles: ['ParticipantRegistered', 'ParticipantErased', 'ParticipantMerged', 'ParticipantUnmerged', 'ParticipantTransferred'],
  documentIds: (event) => [event.data.participantId],
  evolve: (doc, event, _id, lookup) => {
    switch (event.type) {
      case 'ParticipantRegistered': {
        const { data, metadata } = event;
        return {
          id: data.participantId,
          code: data.code,
          centreId: data.centreId,
          sex: data.sex,
          birthYear: data.birthYear,
          group: data.group,
          personal: data.personal,
          registeredAt: metadata.recordedAt,
          erased: false,
          // The numbers view has already counted this registration.
          ordinal: (lookup<ParticipantNumbersView>('participant_numbers', PARTICIPANT_NUMBERS_ID)?.issued ?? 1) - 1,
          changedAt: Number(event.position),
        };
      }
      case 'ParticipantErased':
        return doc && { ...doc, personal: null, erased: true, changedAt: Number(event.position) };
      case 'ParticipantMerged':
        return doc && { ...doc, mergedInto: event.data.keepId, changedAt: Number(event.position) };
      case 'ParticipantUnmerged': {
        if (!doc) return doc;
        const { mergedInto: _, ...rest } = doc;
        return { ...rest, changedAt: Number(event.position) };
      }
      case 'ParticipantTransferred':
        return doc && { ...doc, centreId: event.data.toCentreId, changedAt: Number(event.position) };
    }
  },
  columns: {
    centre_id: { type: 'TEXT', value: (doc) => doc.centreId },
    code: { type: 'TEXT', value: (doc) => doc.code },
    sex: { type: 'TEXT', value: (doc) => doc.sex },
    birth_year: { type: 'INTEGER', value: (doc) => doc.birthYear },
    grp: { type: 'TEXT', value: (doc) => doc.group },
    registered_at: { type: 'TEXT', value: (doc) => doc.registeredAt },
    erased: { type: 'INTEGER', value: (doc) => (doc.erased ? 1 : 0) },
    ordinal: { type: 'INTEGER', value: (doc) => doc.ordinal },
    changed_at: { type: 'INTEGER', value: (doc) => doc.changedAt },
    merged_into: { type: 'TEXT', value: (doc) => doc.mergedInto ?? null },
  },
  // ordinal: attendance rows name the child by number (./attendance.ts).
  indexes: [['centre_id'], ['code'], ['changed_at'], ['merged_into'], ['ordinal']],
});
