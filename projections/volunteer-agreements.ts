import { defineProjection } from './projection.js';

export interface VolunteerAgreementView {
  readonly id: string;
  readonly volunteerId: string;
  readonly signedOn: string;
  readonly validUntil: string;
  readonly recordedAt: string;
}

export const volunteerAgreements = defineProjection<VolunteerAgreementView, 'VolunteerAgreementRecorded'>({
  name: 'volunteer_agreements',
  version: 1,
  handles: ['VolunteerAgreementRecorded'],
  documentIds: (event) => [event.data.agreementId],
  evolve: (_doc, { data, metadata }) => ({
    id: data.agreementId,
    volunteerId: data.volunteerId,
    signedOn: data.signedOn,
    validUntil: data.validUntil,
    recordedAt: metadata.recordedAt,
  }),
  columns: {
    volunteer_id: { type: 'TEXT', value: (doc) => doc.volunteerId },
    signed_on: { type: 'TEXT', value: (doc) => doc.signedOn },
    valid_until: { type: 'TEXT', value: (doc) => doc.validUntil },
  },
  indexes: [['volunteer_id']],
});
