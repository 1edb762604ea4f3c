import { describe, expect, it } from 'vitest';
import { consultations, type ConsultationView } from '../../projections/consultations.js';
import { columnsOf, docOf, project, recorded } from '../support/projection.js';

const consulted = (consultationId: string, extra: { participantId?: string; date?: string; outcome?: string } = {}) =>
  recorded(
    'LegalConsultationRecorded',
    {
      consultationId,
      centreId: 'c1',
      participantId: extra.participantId ?? 'p1',
      date: extra.date ?? '2025-03-05',
      topic: 'PERSONAL_DOCUMENTS',
      personal: extra.outcome ? { outcome: extra.outcome } : {},
    },
    { at: '2025-03-05T13:00:00.000Z' },
  );
const retracted = (consultationId: string, at = '2025-03-06T09:00:00.000Z') =>
  recorded('LegalConsultationRetracted', { consultationId, reason: 'wrong participant' }, { at });

describe('consultations view', () => {
  it('given a consultation recorded, then the view holds it, active, with the outcome as stored', () => {
    const view = project(consultations, [consulted('k1', { outcome: 'birth certificate requested' })]);

    expect(docOf(view, 'k1')).toStrictEqual<ConsultationView>({
      id: 'k1',
      centreId: 'c1',
      participantId: 'p1',
      date: '2025-03-05',
      topic: 'PERSONAL_DOCUMENTS',
      personal: { outcome: 'birth certificate requested' },
      recordedAt: '2025-03-05T13:00:00.000Z',
      retracted: null,
    });
    expect(columnsOf(consultations, docOf(view, 'k1'))).toStrictEqual({ centre_id: 'c1', participant_id: 'p1', date: '2025-03-05', active: 1 });
  });

  it('given a consultation recorded, when it is retracted, then it stays but is inactive, with when and why', () => {
    const view = project(consultations, [consulted('k1'), retracted('k1', '2025-03-07T10:00:00.000Z')]);
    const doc = docOf(view, 'k1');

    expect(doc.retracted).toStrictEqual({ at: '2025-03-07T10:00:00.000Z', reason: 'wrong participant' });
    expect(doc.date).toBe('2025-03-05');
    expect(consultations.columns['active']!.value(doc)).toBe(0);
  });

  it('given two consultations of one participant, when one is retracted, then the other stays active', () => {
    const view = project(consultations, [consulted('k1'), consulted('k2', { date: '2025-03-06' }), retracted('k1')]);

    expect(consultations.columns['active']!.value(docOf(view, 'k1'))).toBe(0);
    expect(columnsOf(consultations, docOf(view, 'k2'))).toStrictEqual({ centre_id: 'c1', participant_id: 'p1', date: '2025-03-06', active: 1 });
  });

  it('given no consultation, when a retraction arrives, then no document is created', () => {
    expect(project(consultations, [retracted('k9')]).size).toBe(0);
  });
});
