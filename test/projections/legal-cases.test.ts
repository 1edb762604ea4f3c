import { describe, expect, it } from 'vitest';
import { caseConsultations, legalCases, type LegalCaseView } from '../../projections/legal-cases.js';
import { columnsOf, docOf, project, recorded } from '../support/projection.js';

const opened = recorded(
  'LegalCaseOpened',
  { caseId: 'k1', centreId: 'c1', participantId: 'p1', problem: 'CITIZENSHIP', openedOn: '2025-01-20' },
  { at: '2025-01-20T11:00:00.000Z' },
);
const closed = (caseId = 'k1') => recorded('LegalCaseClosed', { caseId, closedOn: '2025-03-03', outcome: 'RESOLVED' });
const consultation = (consultationId: string, extra: { caseId?: string; serviceLevel?: 'ADVICE' | 'DRAFTING' } = {}) =>
  recorded('LegalConsultationRecorded', { consultationId, centreId: 'c1', participantId: 'p1', date: '2025-02-01', topic: 'CITIZENSHIP', personal: {}, ...extra });

describe('legal cases view', () => {
  it('given a case opened, then it is OPEN with no closing date or outcome', () => {
    const view = project(legalCases, [opened]);

    expect(docOf(view, 'k1')).toStrictEqual<LegalCaseView>({
      id: 'k1',
      centreId: 'c1',
      participantId: 'p1',
      problem: 'CITIZENSHIP',
      openedOn: '2025-01-20',
      status: 'OPEN',
      closedOn: null,
      outcome: null,
      openedAt: '2025-01-20T11:00:00.000Z',
    });
    expect(columnsOf(legalCases, docOf(view, 'k1'))).toStrictEqual({
      centre_id: 'c1',
      participant_id: 'p1',
      problem: 'CITIZENSHIP',
      opened_on: '2025-01-20',
      closed_on: null,
      outcome: null,
    });
  });

  it('given a case opened, when it is closed, then it is CLOSED with the date and outcome, in the document and columns', () => {
    const doc = docOf(project(legalCases, [opened, closed()]), 'k1');

    expect(doc).toMatchObject({ status: 'CLOSED', closedOn: '2025-03-03', outcome: 'RESOLVED', openedOn: '2025-01-20' });
    expect(columnsOf(legalCases, doc)).toMatchObject({ closed_on: '2025-03-03', outcome: 'RESOLVED' });
  });

  it('given no case, when a closing arrives, then no document is created', () => {
    expect(project(legalCases, [closed('k9')]).size).toBe(0);
  });
});

describe('case consultations view', () => {
  it('given consultations with a case, with only a service level, and with neither, then only the first two have a document', () => {
    const view = project(caseConsultations, [consultation('a', { caseId: 'k1', serviceLevel: 'DRAFTING' }), consultation('b', { serviceLevel: 'ADVICE' }), consultation('c')]);

    expect([...view.keys()].sort()).toEqual(['a', 'b']);
    expect(docOf(view, 'a')).toStrictEqual({ consultationId: 'a', caseId: 'k1', serviceLevel: 'DRAFTING' });
    expect(docOf(view, 'b')).toStrictEqual({ consultationId: 'b', caseId: null, serviceLevel: 'ADVICE' });
    expect(columnsOf(caseConsultations, docOf(view, 'a'))).toStrictEqual({ case_id: 'k1' });
    expect(caseConsultations.columns['case_id']!.value(docOf(view, 'b'))).toBeNull();
  });
});
