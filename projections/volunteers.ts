import { defineProjection } from './projection.js';

export interface VolunteerView {
  readonly id: string;
  readonly centreId: string;
  /** As stored in the event: sealed for the volunteer's key once encryption is on. */
  readonly personal: unknown;
  readonly registeredAt: string;
}

export const volunteers = defineProjection<VolunteerView, 'VolunteerRegistered'>({
  name: 'volunteers',
  version: 1,
  handles: ['VolunteerRegistered'],
  documentIds: (event) => [event.data.volunteerId],
  evolve: (_doc, { data, metadata }) => ({
    id: data.volunteerId,
    centreId: data.centreId,
    personal: data.personal,
    registeredAt: metadata.recordedAt,
  }),
  columns: { centre_id: { type: 'TEXT', value: (doc) => doc.centreId } },
  indexes: [['centre_id']],
});

export interface VolunteerHoursView {
  readonly id: string;
  readonly volunteerId: string;
  readonly centreId: string;
  readonly date: string;
  readonly hours: number;
  readonly activity: string;
  readonly loggedAt: string;
  readonly retracted: { readonly at: string; readonly reason: string } | null;
}

export const volunteerHours = defineProjection<VolunteerHoursView, 'VolunteerHoursLogged' | 'VolunteerHoursRetracted'>({
  name: 'volunteer_hours',
  version: 1,
  handles: ['VolunteerHoursLogged', 'VolunteerHoursRetracted'],
  documentIds: (event) => [event.data.entryId],
  evolve: (doc, event) => {
    switch (event.type) {
      case 'VolunteerHoursLogged': {
        const { entryId, volunteerId, centreId, date, hours, activity } = event.data;
        return { id: entryId, volunteerId, centreId, date, hours, activity, loggedAt: event.metadata.recordedAt, retracted: null };
      }
      case 'VolunteerHoursRetracted':
        return doc && { ...doc, retracted: { at: event.metadata.recordedAt, reason: event.data.reason } };
    }
  },
  columns: {
    volunteer_id: { type: 'TEXT', value: (doc) => doc.volunteerId },
    centre_id: { type: 'TEXT', value: (doc) => doc.centreId },
    date: { type: 'TEXT', value: (doc) => doc.date },
    hours: { type: 'REAL', value: (doc) => doc.hours },
    active: { type: 'INTEGER', value: (doc) => (doc.retracted ? 0 : 1) },
  },
  // The last one covers the programme-wide sum of a period's hours.
  indexes: [['centre_id', 'date'], ['volunteer_id', 'date'], ['active', 'date', 'centre_id', 'hours']],
});
