import { describe, expect, it } from 'vitest';
import { volunteerAgreements } from '../../projections/volunteer-agreements.js';
import { columnsOf, docOf, project, recorded } from '../support/projection.js';

const agreement = (agreementId: string, signedOn: string, validUntil: string) =>
  recorded('VolunteerAgreementRecorded', { agreementId, volunteerId: 'v1', signedOn, validUntil }, { at: `${signedOn}T12:00:00.000Z` });

describe('volunteer agreements view', () => {
  it('given an agreement recorded, then the view holds its volunteer and validity, as columns too', () => {
    const view = project(volunteerAgreements, [agreement('a1', '2025-01-10', '2025-12-31')]);

    expect(docOf(view, 'a1')).toStrictEqual({ id: 'a1', volunteerId: 'v1', signedOn: '2025-01-10', validUntil: '2025-12-31', recordedAt: '2025-01-10T12:00:00.000Z' });
    expect(columnsOf(volunteerAgreements, docOf(view, 'a1'))).toStrictEqual({ volunteer_id: 'v1', signed_on: '2025-01-10', valid_until: '2025-12-31' });
  });

  it('given two agreements of one volunteer, then both are kept', () => {
    const view = project(volunteerAgreements, [agreement('a1', '2024-01-10', '2024-12-31'), agreement('a2', '2025-01-10', '2025-12-31')]);

    expect([...view.keys()].sort()).toEqual(['a1', 'a2']);
  });
});
