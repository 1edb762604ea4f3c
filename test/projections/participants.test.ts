import { describe, expect, it } from 'vitest';
import { participantNumbers } from '../../projections/participant-numbers.js';
import { participants, type ParticipantView } from '../../projections/participants.js';
import type { ProjectedEvent } from '../../projections/projection.js';
import { columnsOf, docOf, projectAll, recorded } from '../support/projection.js';

// Participants read their number from the numbers view, which the runner applies first.
const participantsView = (events: readonly ProjectedEvent[]) =>
  projectAll([participantNumbers, participants], events).get('participants') as Map<string, ParticipantView>;

const sealed = { v: 1 as const, ciphertext: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=' };
const erased = (participantId: string) => recorded('ParticipantErased', { participantId, reason: 'asked to be forgotten' }, { at: '2025-04-01T12:00:00.000Z' });

const registered = (participantId: string, extra: Partial<{ centreId: string; sex: 'FEMALE' | 'MALE' | 'OTHER'; group: 'RETURNEE' | 'LOCAL'; birthYear: number; code: string }> = {}, at = '2025-02-01T08:30:00.000Z') =>
  recorded(
    'ParticipantRegistered',
    {
      participantId,
      code: extra.code ?? `CODE-${participantId}`,
      centreId: extra.centreId ?? 'c1',
      sex: extra.sex ?? 'FEMALE',
      birthYear: extra.birthYear ?? 2014,
      group: extra.group ?? 'RETURNEE',
      personal: { givenName: 'Jelena', familyName: 'Petrović' },
    },
    { at },
  );

describe('participants view', () => {
  it('given a participant registered, then the view holds the code, centre, sex, birth year, group, personal data as stored and registeredAt', () => {
    const view = participantsView([registered('p1', { code: '7K2QX-M4N8P', centreId: 'c2', sex: 'MALE', birthYear: 2011, group: 'LOCAL' })]);

    expect(docOf(view, 'p1')).toStrictEqual({
      id: 'p1',
      code: '7K2QX-M4N8P',
      centreId: 'c2',
      sex: 'MALE',
      birthYear: 2011,
      group: 'LOCAL',
      personal: { givenName: 'Jelena', familyName: 'Petrović' },
      registeredAt: '2025-02-01T08:30:00.000Z',
      erased: false,
      ordinal: 0,
      changedAt: 1,
    });
  });

  it('given a participant registered, then the columns carry what summaries and lookups filter on', () => {
    const view = participantsView([registered('p1', { code: 'AAAAA-BBBBB', centreId: 'c3', sex: 'OTHER', birthYear: 1990, group: 'RETURNEE' })]);

    expect(columnsOf(participants, docOf(view, 'p1'))).toStrictEqual({
      centre_id: 'c3',
      code: 'AAAAA-BBBBB',
      sex: 'OTHER',
      birth_year: 1990,
      grp: 'RETURNEE',
      registered_at: '2025-02-01T08:30:00.000Z',
      erased: 0,
      ordinal: 0,
      changed_at: 1,
      merged_into: null,
    });
  });

  it('given participants at two centres, then each document keeps its own centre', () => {
    const view = participantsView([registered('p1', { centreId: 'c1' }), registered('p2', { centreId: 'c2' })]);

    expect(participants.columns['centre_id']!.value(docOf(view, 'p1'))).toBe('c1');
    expect(participants.columns['centre_id']!.value(docOf(view, 'p2'))).toBe('c2');
    expect(view.size).toBe(2);
  });

  it('given personal data sealed with the participant key, then the view keeps it sealed, exactly as in the event', () => {
    const event = registered('p1');
    const view = participantsView([{ ...event, data: { ...event.data, personal: sealed } }]);

    expect(docOf(view, 'p1').personal).toStrictEqual(sealed);
  });

  it('given a participant registered, when they are erased, then the personal data is gone, erased is set, and code, centre and counts stay', () => {
    const view = participantsView([registered('p1', { code: 'ZZZZZ-11111', centreId: 'c2' }), erased('p1')]);
    const doc = docOf(view, 'p1');

    expect(doc).toMatchObject({ id: 'p1', code: 'ZZZZZ-11111', centreId: 'c2', personal: null, erased: true, registeredAt: '2025-02-01T08:30:00.000Z' });
    expect(columnsOf(participants, doc)).toMatchObject({ erased: 1, code: 'ZZZZZ-11111', centre_id: 'c2' });
  });

  it('given two participants, when one is erased, then the other keeps their personal data', () => {
    const view = participantsView([registered('p1'), registered('p2'), erased('p1')]);

    expect(docOf(view, 'p2')).toMatchObject({ erased: false, personal: { givenName: 'Jelena', familyName: 'Petrović' } });
    expect(participants.columns['erased']!.value(docOf(view, 'p2'))).toBe(0);
  });

  it('given three registrations and an erasure, then the participants are numbered 0, 1, 2 in registration order and an erasure keeps the number', () => {
    const view = participantsView([registered('p1'), registered('p2'), erased('p1'), registered('p3')]);
    expect(['p1', 'p2', 'p3'].map((id) => docOf(view, id).ordinal)).toEqual([0, 1, 2]);
  });

  it('given no participant, when an erasure arrives, then no document is created', () => {
    expect(participantsView([erased('p9')]).size).toBe(0);
  });
});
