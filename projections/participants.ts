import type { ParticipantGroup, Sex } from '../src/domain/participants/events.js';
import { defineProjection } from './projection.js';

export interface ParticipantView {
  readonly id: string;
  readonly code: string;
  readonly centreId: string;
  readonly sex: Sex;
  readonly birthYear: number;
  readonly group: ParticipantGroup;
  /** As stored in the event: sealed for the participant's key once encryption is on. */
  readonly personal: unknown;
  readonly registeredAt: string;
}

export const participants = defineProjection<ParticipantView, 'ParticipantRegistered'>({
  name: 'participants',
  version: 1,
  handles: ['ParticipantRegistered'],
  documentIds: (event) => [event.data.participantId],
  evolve: (_doc, { data, metadata }) => ({
    id: data.participantId,
    code: data.code,
    centreId: data.centreId,
    sex: data.sex,
    birthYear: data.birthYear,
    group: data.group,
    personal: data.personal,
    registeredAt: metadata.recordedAt,
  }),
  columns: {
    centre_id: { type: 'TEXT', value: (doc) => doc.centreId },
    code: { type: 'TEXT', value: (doc) => doc.code },
    sex: { type: 'TEXT', value: (doc) => doc.sex },
    birth_year: { type: 'INTEGER', value: (doc) => doc.birthYear },
    grp: { type: 'TEXT', value: (doc) => doc.group },
    registered_at: { type: 'TEXT', value: (doc) => doc.registeredAt },
  },
  indexes: [['centre_id'], ['code']],
});
