import { describe, expect, it } from 'vitest';
import { consent, consentId, type ConsentView } from '../../projections/consent.js';
import { columnsOf, docOf, project, recorded } from '../support/projection.js';

const given = (date: string, at: string, purpose: 'PARTICIPATION' | 'PHOTOS' = 'PHOTOS') =>
  recorded('ConsentRecorded', { participantId: 'p1', purpose, legalBasis: 'CONSENT', givenBy: 'PARENT', date }, { at });
const withdrawn = (date: string, at: string, purpose: 'PARTICIPATION' | 'PHOTOS' = 'PHOTOS') =>
  recorded('ConsentWithdrawn', { participantId: 'p1', purpose, date }, { at });

describe('consent view', () => {
  it('given consent recorded, then the pair (participant, purpose) is GIVEN with basis and giver', () => {
    const view = project(consent, [given('2025-03-01', '2025-03-01T10:00:00.000Z')]);

    expect(docOf(view, consentId('p1', 'PHOTOS'))).toStrictEqual<ConsentView>({
      participantId: 'p1',
      purpose: 'PHOTOS',
      status: 'GIVEN',
      legalBasis: 'CONSENT',
      givenBy: 'PARENT',
      date: '2025-03-01',
      recordedAt: '2025-03-01T10:00:00.000Z',
    });
    expect(columnsOf(consent, docOf(view, 'p1:PHOTOS'))).toStrictEqual({ participant_id: 'p1', purpose: 'PHOTOS', status: 'GIVEN' });
  });

  it('given consent, when it is withdrawn on a later date, then it is WITHDRAWN without basis or giver', () => {
    const view = project(consent, [given('2025-03-01', '2025-03-01T10:00:00.000Z'), withdrawn('2025-03-05', '2025-03-05T10:00:00.000Z')]);

    expect(docOf(view, 'p1:PHOTOS')).toMatchObject({ status: 'WITHDRAWN', legalBasis: null, givenBy: null, date: '2025-03-05' });
    expect(consent.columns['status']!.value(docOf(view, 'p1:PHOTOS'))).toBe('WITHDRAWN');
  });

  it('given a withdrawal, when a consent dated earlier is recorded later, then the latest by date still stands', () => {
    const view = project(consent, [withdrawn('2025-03-05', '2025-03-05T10:00:00.000Z'), given('2025-03-01', '2025-03-06T10:00:00.000Z')]);

    expect(docOf(view, 'p1:PHOTOS')).toMatchObject({ status: 'WITHDRAWN', date: '2025-03-05', recordedAt: '2025-03-05T10:00:00.000Z' });
  });

  it('given two records of one date, then the last one stored wins', () => {
    const view = project(consent, [withdrawn('2025-03-05', '2025-03-05T10:00:00.000Z'), given('2025-03-05', '2025-03-05T11:00:00.000Z')]);

    expect(docOf(view, 'p1:PHOTOS').status).toBe('GIVEN');
  });

  it('given consent for two purposes, when one is withdrawn, then the other stays GIVEN', () => {
    const view = project(consent, [
      given('2025-03-01', '2025-03-01T10:00:00.000Z', 'PARTICIPATION'),
      given('2025-03-01', '2025-03-01T10:00:00.000Z', 'PHOTOS'),
      withdrawn('2025-03-02', '2025-03-02T10:00:00.000Z', 'PHOTOS'),
    ]);

    expect(docOf(view, 'p1:PARTICIPATION').status).toBe('GIVEN');
    expect(docOf(view, 'p1:PHOTOS').status).toBe('WITHDRAWN');
  });
});
