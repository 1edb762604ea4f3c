import { audienceTotal, type Audience } from '../src/domain/cultural-events/events.js';
import { defineProjection } from './projection.js';

export interface CulturalEventView {
  readonly id: string;
  readonly centreId: string;
  readonly title: string;
  readonly date: string;
  readonly audience: Audience;
  readonly recordedAt: string;
  /**
   * Every count the audience has had, first one included, with the instant each was recorded:
   * present once the audience has been corrected, so a report as of an earlier instant uses the
   * count of then. Absent while the first count stands (it is then `audience` at `recordedAt`).
   */
  readonly audienceHistory?: readonly { readonly at: string; readonly audience: Audience }[];
}

export const culturalEvents = defineProjection<CulturalEventView, 'CulturalEventRecorded' | 'CulturalEventAudienceCorrected'>({
  name: 'cultural_events',
  // 2: keeps the audience's earlier counts (audienceHistory) for reports as of an instant.
  version: 2,
  handles: ['CulturalEventRecorded', 'CulturalEventAudienceCorrected'],
  documentIds: (event) => [event.data.culturalEventId],
  evolve: (doc, event) => {
    switch (event.type) {
      case 'CulturalEventRecorded': {
        const { culturalEventId, centreId, title, date, audience } = event.data;
        return { id: culturalEventId, centreId, title, date, audience, recordedAt: event.metadata.recordedAt };
      }
      case 'CulturalEventAudienceCorrected': {
        if (!doc) return doc;
        const history = doc.audienceHistory ?? [{ at: doc.recordedAt, audience: doc.audience }];
        return { ...doc, audience: event.data.audience, audienceHistory: [...history, { at: event.metadata.recordedAt, audience: event.data.audience }] };
      }
    }
  },
  columns: {
    centre_id: { type: 'TEXT', value: (doc) => doc.centreId },
    date: { type: 'TEXT', value: (doc) => doc.date },
    audience_total: { type: 'INTEGER', value: (doc) => audienceTotal(doc.audience) },
  },
  indexes: [['centre_id', 'date']],
});
