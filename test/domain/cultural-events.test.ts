import { describe, expect, it } from 'vitest';
import * as centres from '../../src/domain/centres/decider.js';
import * as culturalEvents from '../../src/domain/cultural-events/decider.js';
import type { CulturalEventEvent } from '../../src/domain/cultural-events/events.js';
import { fold, type Clock } from '../../src/domain/shared/decider.js';
import { expectInputError, expectInputOk, given } from '../support/decider.js';

const clock: Clock = { today: '2025-03-14', timeZone: 'Europe/Belgrade' };
const centre = fold(centres.evolve, centres.initialState, [
  { type: 'CentreOpened', data: { centreId: 'c1', name: 'Centre Sunce', municipality: 'Zvezdara', district: 'Belgrade' } },
]);
const context: culturalEvents.CulturalEventContext = { clock, centre };

const audience = { women: 12, men: 7, girls: 20, boys: 18 };
const event: culturalEvents.RecordCulturalEvent = {
  culturalEventId: 'ce1',
  centreId: 'c1',
  title: 'Spring concert',
  date: '2025-03-08',
  audience,
};
const record = (data: Partial<culturalEvents.RecordCulturalEvent> = {}): culturalEvents.CulturalEventCommand => ({
  type: 'RecordCulturalEvent',
  data: { ...event, ...data },
});
const recorded: CulturalEventEvent = { type: 'CulturalEventRecorded', data: event };
const correct = (newAudience = { women: 13, men: 7, girls: 20, boys: 18 }): culturalEvents.CulturalEventCommand => ({
  type: 'CorrectCulturalEventAudience',
  data: { culturalEventId: 'ce1', audience: newAudience, reason: 'recount' },
});

describe('RecordCulturalEvent', () => {
  it('given an open centre, when a cultural event is recorded, then it is recorded with its audience', () => {
    given(culturalEvents, [])
      .when(record(), context)
      .then([
        {
          type: 'CulturalEventRecorded',
          data: { culturalEventId: 'ce1', centreId: 'c1', title: 'Spring concert', date: '2025-03-08', audience: { women: 12, men: 7, girls: 20, boys: 18 } },
        },
      ]);
  });

  it('accepts an event today and an audience of nobody', () => {
    const nobody = { women: 0, men: 0, girls: 0, boys: 0 };
    given(culturalEvents, [])
      .when(record({ date: '2025-03-14', audience: nobody }), context)
      .then([{ type: 'CulturalEventRecorded', data: { ...event, date: '2025-03-14', audience: nobody } }]);
  });

  it('given a recorded event, when the same id is recorded again, then it is a CONFLICT on culturalEventId', () => {
    given(culturalEvents, [recorded]).when(record(), context).thenRejects('CONFLICT', 'culturalEventId');
  });

  it('given no such centre, then it is NOT_FOUND on centreId', () => {
    given(culturalEvents, []).when(record({ centreId: 'nowhere' }), { clock }).thenRejects('NOT_FOUND', 'centreId');
    given(culturalEvents, []).when(record(), { clock, centre: centres.initialState }).thenRejects('NOT_FOUND', 'centreId');
  });

  it('refuses a future date as BAD_USER_INPUT on date', () => {
    given(culturalEvents, []).when(record({ date: '2025-03-15' }), context).thenRejects('BAD_USER_INPUT', 'date');
  });
});

describe('CorrectCulturalEventAudience', () => {
  it('given a recorded event, when its audience is corrected, then the recount is recorded with its reason', () => {
    given(culturalEvents, [recorded])
      .when(correct(), context)
      .then([
        {
          type: 'CulturalEventAudienceCorrected',
          data: { culturalEventId: 'ce1', audience: { women: 13, men: 7, girls: 20, boys: 18 }, reason: 'recount' },
        },
      ]);
  });

  it('allows a second correction', () => {
    const first: CulturalEventEvent = {
      type: 'CulturalEventAudienceCorrected',
      data: { culturalEventId: 'ce1', audience: { women: 13, men: 7, girls: 20, boys: 18 }, reason: 'recount' },
    };
    const again = { women: 14, men: 7, girls: 20, boys: 18 };
    given(culturalEvents, [recorded, first])
      .when(correct(again), context)
      .then([{ type: 'CulturalEventAudienceCorrected', data: { culturalEventId: 'ce1', audience: again, reason: 'recount' } }]);
  });

  it('given no such event, when its audience is corrected, then it is NOT_FOUND on culturalEventId', () => {
    given(culturalEvents, []).when(correct(), context).thenRejects('NOT_FOUND', 'culturalEventId');
  });
});

describe('cultural event command input', () => {
  it('accepts a valid event and trims the title', () => {
    expect(expectInputOk(culturalEvents.RecordCulturalEvent, { ...event, title: ' Spring concert  ' })).toEqual(event);
  });

  it('refuses a blank title once trimmed', () => {
    expectInputError(culturalEvents.RecordCulturalEvent, { ...event, title: '    ' }, 'title');
  });

  it.each(['women', 'men', 'girls', 'boys'])('refuses a negative, fractional or missing count of %s', (group) => {
    expectInputError(culturalEvents.RecordCulturalEvent, { ...event, audience: { ...audience, [group]: -1 } }, `audience.${group}`);
    expectInputError(culturalEvents.RecordCulturalEvent, { ...event, audience: { ...audience, [group]: 2.5 } }, `audience.${group}`);
    expectInputError(culturalEvents.RecordCulturalEvent, { ...event, audience: { ...audience, [group]: '5' } }, `audience.${group}`);
    const { [group as keyof typeof audience]: _missing, ...rest } = audience;
    expectInputError(culturalEvents.RecordCulturalEvent, { ...event, audience: rest }, `audience.${group}`);
  });

  it('accepts counts of 0 and refuses counts over a million', () => {
    expectInputOk(culturalEvents.RecordCulturalEvent, { ...event, audience: { women: 0, men: 0, girls: 0, boys: 1_000_000 } });
    expectInputError(culturalEvents.RecordCulturalEvent, { ...event, audience: { ...audience, boys: 1_000_001 } }, 'audience.boys');
  });

  it.each(['2025-02-30', '2025-02-29', '14/03/2025', '2025-03-08T19:00:00Z'])('refuses the date %s', (date) => {
    expectInputError(culturalEvents.RecordCulturalEvent, { ...event, date }, 'date');
  });

  it('applies the same audience rules to a correction and needs a reason', () => {
    const correction = { culturalEventId: 'ce1', audience, reason: 'recount' };
    expectInputOk(culturalEvents.CorrectCulturalEventAudience, correction);
    expectInputError(culturalEvents.CorrectCulturalEventAudience, { ...correction, audience: { ...audience, girls: -3 } }, 'audience.girls');
    expectInputError(culturalEvents.CorrectCulturalEventAudience, { ...correction, audience: { ...audience, men: 0.5 } }, 'audience.men');
    expectInputError(culturalEvents.CorrectCulturalEventAudience, { ...correction, reason: '  ' }, 'reason');
  });
});
