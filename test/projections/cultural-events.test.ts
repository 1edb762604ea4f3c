import { describe, expect, it } from 'vitest';
import { culturalEvents, type CulturalEventView } from '../../projections/cultural-events.js';
import { columnsOf, docOf, project, recorded } from '../support/projection.js';

const counted = { women: 12, men: 5, girls: 20, boys: 17 };
const recount = { women: 14, men: 5, girls: 21, boys: 17 };

const held = (culturalEventId: string, date = '2025-03-08') =>
  recorded('CulturalEventRecorded', { culturalEventId, centreId: 'c1', title: 'Women’s Day concert', date, audience: counted }, { at: '2025-03-09T10:00:00.000Z' });
const corrected = (culturalEventId: string, audience = recount, at = '2025-03-10T10:00:00.000Z') =>
  recorded('CulturalEventAudienceCorrected', { culturalEventId, audience, reason: 'the second room was not counted' }, { at });

describe('cultural events view', () => {
  it('given a cultural event recorded, then the view holds it and audience_total is the sum of the counts', () => {
    const view = project(culturalEvents, [held('e1')]);

    expect(docOf(view, 'e1')).toStrictEqual<CulturalEventView>({
      id: 'e1',
      centreId: 'c1',
      title: 'Women’s Day concert',
      date: '2025-03-08',
      audience: counted,
      recordedAt: '2025-03-09T10:00:00.000Z',
    });
    expect(columnsOf(culturalEvents, docOf(view, 'e1'))).toStrictEqual({ centre_id: 'c1', date: '2025-03-08', audience_total: 54 });
  });

  it('given a cultural event recorded, when its audience is corrected, then the recount replaces the audience and its total; the rest stays', () => {
    const view = project(culturalEvents, [held('e1'), corrected('e1')]);
    const doc = docOf(view, 'e1');

    expect(doc.audience).toStrictEqual(recount);
    expect(culturalEvents.columns['audience_total']!.value(doc)).toBe(57);
    expect(doc).toMatchObject({ date: '2025-03-08', recordedAt: '2025-03-09T10:00:00.000Z', title: 'Women’s Day concert' });
  });

  it('given two corrections, then the latest count wins', () => {
    const view = project(culturalEvents, [held('e1'), corrected('e1'), corrected('e1', { women: 0, men: 0, girls: 3, boys: 0 })]);

    expect(culturalEvents.columns['audience_total']!.value(docOf(view, 'e1'))).toBe(3);
  });

  it('given two events, when one is corrected, then the other keeps its count', () => {
    const view = project(culturalEvents, [held('e1'), held('e2', '2025-03-09'), corrected('e1')]);

    expect(culturalEvents.columns['audience_total']!.value(docOf(view, 'e2'))).toBe(54);
  });

  it('given no event, when a correction arrives, then no document is created', () => {
    expect(project(culturalEvents, [corrected('e9')]).size).toBe(0);
  });

  it('given a first count only, then there is no audience history: the count stands at recordedAt', () => {
    expect(docOf(project(culturalEvents, [held('e1')]), 'e1').audienceHistory).toBeUndefined();
  });

  it('given corrections, then the audience history keeps every count, the first one included, with the instant each was recorded', () => {
    const view = project(culturalEvents, [held('e1'), corrected('e1'), corrected('e1', { women: 0, men: 0, girls: 3, boys: 0 }, '2025-03-11T10:00:00.000Z')]);

    expect(docOf(view, 'e1').audienceHistory).toStrictEqual([
      { at: '2025-03-09T10:00:00.000Z', audience: counted },
      { at: '2025-03-10T10:00:00.000Z', audience: recount },
      { at: '2025-03-11T10:00:00.000Z', audience: { women: 0, men: 0, girls: 3, boys: 0 } },
    ]);
  });
});
