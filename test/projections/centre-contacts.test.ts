import { describe, expect, it } from 'vitest';
import { attendance } from '../../projections/attendance.js';
import { centreDayContacts, centreMonthContacts, contactSpanId, contactSpanOf } from '../../projections/centre-contacts.js';
import { consultations } from '../../projections/consultations.js';
import { participantNumbers } from '../../projections/participant-numbers.js';
import { participants } from '../../projections/participants.js';
import type { ProjectedEvent } from '../../projections/projection.js';
import { serviceRecords } from '../../projections/services.js';
import { workshopNumbers } from '../../projections/workshop-numbers.js';
import { workshops } from '../../projections/workshops.js';
import { packSessions } from '../../projections/packed-sessions.js';
import { columnsOf, inLogOrder, projectAll, recorded, registeredChildren } from '../support/projection.js';

// The runner's order: numbers and participants, the rows, the workshops, then the contacts (before the entries they look up on a retraction).
const views = (...events: ProjectedEvent[]) =>
  projectAll(
    [participantNumbers, participants, workshopNumbers, attendance, workshops({ timeZone: 'Europe/Belgrade' }), centreDayContacts, centreMonthContacts, consultations, serviceRecords],
    inLogOrder(events),
  );

const registered = (...participantIds: string[]) => registeredChildren('c|1', ...participantIds);
// A centre id with the separator in it: ids are opaque, so the span and kind are read from the end.
const scheduled = (workshopId: string) =>
  recorded('WorkshopScheduled', { workshopId, centreId: 'c|1', kind: 'PSYCHOSOCIAL', title: 'Play', startsAt: '2025-03-14T23:30:00Z', durationMinutes: 60 });
const attended = (workshopId: string, ...participantIds: string[]) => recorded('AttendanceRecorded', { workshopId, participantIds }, { at: '2025-03-15T10:00:00.000Z' });

describe('contacts by centre, span and kind', () => {
  it('given a row id, then its centre, span and kind come back from it, whatever the centre id holds', () => {
    expect(contactSpanOf(contactSpanId('c|1', '2025-03-15', 'PSYCHOSOCIAL'))).toEqual({ centreId: 'c|1', span: '2025-03-15', kind: 'PSYCHOSOCIAL' });
    expect(contactSpanOf(contactSpanId('c1', '2025-03', 'REFERRAL_COMPLETED'))).toEqual({ centreId: 'c1', span: '2025-03', kind: 'REFERRAL_COMPLETED' });
  });

  it('given two sessions of one kind on a day, then the day and the month keep each child once with their sessions, the numbers only in the document and the centre, span and kind only in the id', () => {
    const result = views(...registered('p0', 'p1', 'p2'), scheduled('w1'), scheduled('w2'), attended('w1', 'p2', 'p0'), attended('w2', 'p2'));

    const day = result.get('centre_day_contacts')!.get(contactSpanId('c|1', '2025-03-15', 'PSYCHOSOCIAL'));
    const month = result.get('centre_month_contacts')!.get(contactSpanId('c|1', '2025-03', 'PSYCHOSOCIAL'));
    const expected = { members: packSessions({ ordinals: [0, 2], sessions: [1, 2] }), workshopsHeld: 2, changedAt: 7, changedTime: '2025-03-15T10:00:00.000Z' };
    expect(day).toStrictEqual(expected);
    expect(month).toStrictEqual(expected);
    expect(columnsOf(centreDayContacts, day as never)).toStrictEqual({ changed_at: 7 });
  });
});
