import { defineProjection } from './projection.js';

/**
 * Entries recorded after their period was closed (events whose metadata carries `lateEntry`, see
 * src/commands/late-entries.ts): what came late, when, why, and which reports it changes. Another
 * area's dated command opts in by adding its event types here.
 */
export interface LateEntryView {
  readonly id: string;
  readonly type: string;
  readonly streamId: string;
  readonly centreId: string | null;
  readonly recordedAt: string;
  readonly reason: string;
  readonly reportIds: readonly string[];
}

const datedTypes = [
  'WorkshopScheduled',
  'AttendanceRecorded',
  'AttendanceRemoved',
  'WorkshopCancelled',
  'VolunteerHoursLogged',
  'VolunteerHoursRetracted',
  'LegalConsultationRecorded',
  'LegalConsultationRetracted',
  'CulturalEventRecorded',
  'CulturalEventAudienceCorrected',
  'CycleScheduled',
  'IndividualSessionRecorded',
  'IndividualSessionRetracted',
  'ReferralMade',
  'ReferralClosed',
  'AssistanceRecorded',
  'AssistanceRetracted',
] as const;

export const lateEntries = defineProjection<LateEntryView, (typeof datedTypes)[number]>({
  name: 'late_entries',
  version: 2,
  handles: datedTypes,
  documentIds: (event) => (event.metadata.lateEntry ? [String(event.position)] : []),
  evolve: (_doc, event, id) =>
    event.metadata.lateEntry && {
      id,
      type: event.type,
      streamId: event.streamId,
      centreId: event.metadata.centreId ?? null,
      recordedAt: event.metadata.recordedAt,
      reason: event.metadata.lateEntry.reason,
      reportIds: [...event.metadata.lateEntry.reportIds],
    },
  columns: {
    recorded_at: { type: 'TEXT', value: (doc) => doc.recordedAt },
  },
});
