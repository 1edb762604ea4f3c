import { audienceTotal, type Audience } from '../src/domain/cultural-events/events.js';
import { defineProjection } from './projection.js';

export interface CulturalEventView {
  readonly id: string;
  readonly centreId: string;
  readonly title: string;
  readonly date: string;
  readonly audience: Audience;
  readonly recordedAt: string;
}

export const culturalEvents = defineProjection<CulturalEventView, 'CulturalEventRecorded' | 'CulturalEventAudienceCorrected'>({
  name: 'cultural_events',
  version: 1,
  handles: ['CulturalEventRecorded', 'CulturalEventAudienceCorrected'],
  documentIds: (event) => [event.data.culturalEventId],
  evolve: (doc, event) => {
    switch (event.type) {
      case 'CulturalEventRecorded': {
        const { culturalEventId, centreId, title, date, audience } = event.data;
        return { id: culturalEventId, centreId, title, date, audience, recordedAt: event.metadata.recordedAt };
      }
      case 'CulturalEventAudienceCorrected':
        return doc && { ...doc, audience: event.data.audience };
    }
  },
  columns: {
    centre_id: { type: 'TEXT', value: (doc) => doc.centreId },
    date: { type: 'TEXT', value: (doc) => doc.date },
    audience_total: { type: 'INTEGER', value: (doc) => audienceTotal(doc.audience) },
  },
  indexes: [['centre_id', 'date']],
});
