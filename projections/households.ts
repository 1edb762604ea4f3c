import { defineProjection } from './projection.js';

export interface HouseholdView {
  readonly id: string;
  readonly code: string;
  readonly centreId: string;
  readonly returnedOn: string | null;
  /** Where the family returned from, as stored in the event: sealed with the household's key. */
  readonly personal: unknown;
  readonly registeredAt: string;
}

export const households = defineProjection<HouseholdView, 'HouseholdRegistered'>({
  name: 'households',
  version: 1,
  handles: ['HouseholdRegistered'],
  documentIds: (event) => [event.data.householdId],
  evolve: (_doc, { data, metadata }) => ({
    id: data.householdId,
    code: data.code,
    centreId: data.centreId,
    returnedOn: data.returnedOn ?? null,
    personal: data.personal,
    registeredAt: metadata.recordedAt,
  }),
  columns: {
    centre_id: { type: 'TEXT', value: (doc) => doc.centreId },
    code: { type: 'TEXT', value: (doc) => doc.code },
  },
  indexes: [['centre_id'], ['code']],
});

/**
 * The household each participant belongs to now: one document per participant who has one,
 * keyed by participant id (so queries join it to view_participants and view_attendance).
 */
export interface HouseholdMemberView {
  readonly participantId: string;
  readonly householdId: string;
  /** When the participant joined this household (ISO instant it was recorded). */
  readonly since: string;
  /** Log position of that change: the summaries' roster reads only what changed since it last looked. */
  readonly changedAt: number;
}

export const householdMembers = defineProjection<HouseholdMemberView, 'ParticipantRegistered' | 'ParticipantHouseholdSet'>({
  name: 'household_members',
  version: 2,
  handles: ['ParticipantRegistered', 'ParticipantHouseholdSet'],
  documentIds: (event) => (event.data.householdId === undefined ? [] : [event.data.participantId]),
  evolve: (doc, { data, metadata, position }) =>
    data.householdId === undefined
      ? doc
      : { participantId: data.participantId, householdId: data.householdId, since: metadata.recordedAt, changedAt: Number(position) },
  columns: {
    household_id: { type: 'TEXT', value: (doc) => doc.householdId },
    changed_at: { type: 'INTEGER', value: (doc) => doc.changedAt },
  },
  indexes: [['household_id'], ['changed_at']],
});
