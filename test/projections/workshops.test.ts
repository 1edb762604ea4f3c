import { describe, expect, it } from 'vitest';
import { participantNumbers } from '../../projections/participant-numbers.js';
import { participants } from '../../projections/participants.js';
import type { ProjectedEvent } from '../../projections/projection.js';
import { workshopNumbers } from '../../projections/workshop-numbers.js';
import { workshops, type WorkshopView } from '../../projections/workshops.js';
import { columnsOf, docOf, projectAll, recorded, registeredChildren } from '../support/projection.js';

// Workshops read their number from the numbers view and their attendees' numbers from the
// participants view, which the runner applies first. Children p1, p2, p3 are numbers 0, 1, 2.
const project = (projection: ReturnType<typeof workshops>, events: readonly ProjectedEvent[]) =>
  projectAll([participantNumbers, participants, workshopNumbers, projection], [...registeredChildren('c1', 'p1', 'p2', 'p3'), ...events]).get(
    'workshops',
  ) as Map<string, WorkshopView>;
const [p1, p2, p3] = [0, 1, 2];

const belgrade = workshops({ timeZone: 'Europe/Belgrade' });
const utc = workshops({ timeZone: 'UTC' });

const scheduled = (workshopId: string, startsAt: string, extra: { facilitator?: string; centreId?: string } = {}) =>
  recorded('WorkshopScheduled', {
    workshopId,
    centreId: extra.centreId ?? 'c1',
    kind: 'PSYCHOSOCIAL',
    title: 'Drawing feelings',
    startsAt,
    durationMinutes: 90,
    ...(extra.facilitator ? { facilitator: extra.facilitator } : {}),
  });
const attended = (workshopId: string, ...participantIds: string[]) => recorded('AttendanceRecorded', { workshopId, participantIds });
const removed = (workshopId: string, participantId: string) => recorded('AttendanceRemoved', { workshopId, participantId, reason: 'entered by mistake' });
const cancelled = (workshopId: string, reason = 'the room flooded') => recorded('WorkshopCancelled', { workshopId, reason });

const localDateIn = (projection: typeof belgrade, startsAt: string) => {
  const doc = docOf(project(projection, [scheduled('w1', startsAt)]), 'w1');
  return { doc: doc.localDate, column: projection.columns['local_date']!.value(doc) };
};

describe('workshops view', () => {
  describe('scheduling', () => {
    it('given a workshop scheduled, then it is SCHEDULED with no attendees and the columns the queries use', () => {
      const view = project(belgrade, [scheduled('w1', '2025-03-10T16:00:00+01:00', { facilitator: 'Milica' })]);

      expect(docOf(view, 'w1')).toStrictEqual<WorkshopView>({
        id: 'w1',
        centreId: 'c1',
        kind: 'PSYCHOSOCIAL',
        title: 'Drawing feelings',
        startsAt: '2025-03-10T16:00:00+01:00',
        localDate: '2025-03-10',
        durationMinutes: 90,
        facilitator: 'Milica',
        status: 'SCHEDULED',
        attendees: [],
        cancellationReason: null,
        ordinal: 0,
      });
      expect(columnsOf(belgrade, docOf(view, 'w1'))).toStrictEqual({
        centre_id: 'c1',
        local_date: '2025-03-10',
        starts_at: '2025-03-10T15:00:00.000Z',
        ordinal: 0,
        kind: 'PSYCHOSOCIAL',
        status: 'SCHEDULED',
      });
    });

    it('given a workshop scheduled without a facilitator, then facilitator is null, not missing', () => {
      const doc = docOf(project(belgrade, [scheduled('w1', '2025-03-10T16:00:00+01:00')]), 'w1');

      expect(doc.facilitator).toBeNull();
      expect('facilitator' in doc).toBe(true);
    });

    it('given events about a workshop that was never scheduled, then there is no document for it', () => {
      const view = project(belgrade, [attended('ghost', 'p1'), removed('ghost', 'p1'), cancelled('ghost')]);

      expect(view.size).toBe(0);
    });
  });

  describe('status follows the attendees', () => {
    it('given a workshop scheduled, when attendance is recorded, then it is HELD with those attendees, by participant number', () => {
      const view = project(belgrade, [scheduled('w1', '2025-03-10T16:00:00+01:00'), attended('w1', 'p1', 'p2')]);

      expect(docOf(view, 'w1').status).toBe('HELD');
      expect(docOf(view, 'w1').attendees).toEqual([p1, p2]);
      expect(belgrade.columns['status']!.value(docOf(view, 'w1'))).toBe('HELD');
    });

    it('given attendees recorded, when some are recorded again, then each attendee is listed once', () => {
      const view = project(belgrade, [scheduled('w1', '2025-03-10T16:00:00+01:00'), attended('w1', 'p1', 'p2'), attended('w1', 'p2', 'p3')]);

      expect(docOf(view, 'w1').attendees).toEqual([p1, p2, p3]);
    });

    it('given a HELD workshop, when one of two attendees is removed, then it stays HELD with the other', () => {
      const view = project(belgrade, [scheduled('w1', '2025-03-10T16:00:00+01:00'), attended('w1', 'p1', 'p2'), removed('w1', 'p1')]);

      expect(docOf(view, 'w1')).toMatchObject({ status: 'HELD', attendees: [p2] });
    });

    it('given a HELD workshop, when its last attendee is removed, then it is SCHEDULED again (SCHEDULED → HELD → SCHEDULED)', () => {
      const events: ProjectedEvent[] = [scheduled('w1', '2025-03-10T16:00:00+01:00')];
      const statuses = [docOf(project(belgrade, events), 'w1').status];
      events.push(attended('w1', 'p1'));
      statuses.push(docOf(project(belgrade, events), 'w1').status);
      events.push(removed('w1', 'p1'));
      const last = docOf(project(belgrade, events), 'w1');
      statuses.push(last.status);

      expect(statuses).toEqual(['SCHEDULED', 'HELD', 'SCHEDULED']);
      expect(last.attendees).toEqual([]);
      expect(belgrade.columns['status']!.value(last)).toBe('SCHEDULED');
    });

    it('given the last attendee removed, when someone is recorded again, then it is HELD again', () => {
      const view = project(belgrade, [scheduled('w1', '2025-03-10T16:00:00+01:00'), attended('w1', 'p1'), removed('w1', 'p1'), attended('w1', 'p1')]);

      expect(docOf(view, 'w1')).toMatchObject({ status: 'HELD', attendees: [p1] });
    });

    it('given two workshops, when attendance is recorded on one, then the other stays SCHEDULED', () => {
      const view = project(belgrade, [scheduled('w1', '2025-03-10T16:00:00+01:00'), scheduled('w2', '2025-03-11T16:00:00+01:00'), attended('w1', 'p1')]);

      expect(docOf(view, 'w1').status).toBe('HELD');
      expect(docOf(view, 'w2').status).toBe('SCHEDULED');
    });
  });

  describe('cancellation', () => {
    it('given a workshop scheduled, when it is cancelled, then it is CANCELLED with the reason, in the document and the status column', () => {
      const view = project(belgrade, [scheduled('w1', '2025-03-10T16:00:00+01:00'), cancelled('w1', 'the facilitator is ill')]);
      const doc = docOf(view, 'w1');

      expect(doc).toMatchObject({ status: 'CANCELLED', cancellationReason: 'the facilitator is ill', attendees: [] });
      expect(belgrade.columns['status']!.value(doc)).toBe('CANCELLED');
    });

    it('given a cancelled workshop, when attendance events still arrive, then it stays CANCELLED (never counted as HELD)', () => {
      const view = project(belgrade, [scheduled('w1', '2025-03-10T16:00:00+01:00'), cancelled('w1'), attended('w1', 'p1'), removed('w1', 'p1')]);

      expect(docOf(view, 'w1').status).toBe('CANCELLED');
    });
  });

  describe('local date in the deployment time zone', () => {
    it('given a start at 00:30 in Belgrade (23:30 UTC the day before), then Belgrade counts it on the Belgrade date and UTC on the day before', () => {
      const startsAt = '2025-03-14T00:30:00+01:00';

      expect(localDateIn(belgrade, startsAt)).toEqual({ doc: '2025-03-14', column: '2025-03-14' });
      expect(localDateIn(utc, startsAt)).toEqual({ doc: '2025-03-13', column: '2025-03-13' });
    });

    it('given a start written in UTC at 23:30 in winter, then in Belgrade (UTC+1) it is on the next day', () => {
      const startsAt = '2025-01-31T23:30:00Z';

      expect(localDateIn(belgrade, startsAt).column).toBe('2025-02-01');
      expect(localDateIn(utc, startsAt).column).toBe('2025-01-31');
    });

    it('given a start at 22:30 UTC in winter, then Belgrade (UTC+1) keeps it on the same day', () => {
      expect(localDateIn(belgrade, '2025-03-29T22:30:00Z').column).toBe('2025-03-29');
    });

    it('given a start at 22:30 UTC right after the March DST change, then Belgrade (now UTC+2) counts it on the next day', () => {
      // 2025-03-30 01:00 UTC: Belgrade moves from UTC+1 to UTC+2. A fixed +1 offset would say 2025-03-30.
      expect(localDateIn(belgrade, '2025-03-30T22:30:00Z').column).toBe('2025-03-31');
      expect(localDateIn(utc, '2025-03-30T22:30:00Z').column).toBe('2025-03-30');
    });

    it('given starts on the night of the October DST change, then Belgrade uses UTC+2 before it and UTC+1 after it', () => {
      // 2025-10-26 01:00 UTC: Belgrade moves back from UTC+2 to UTC+1.
      expect(localDateIn(belgrade, '2025-10-25T22:30:00Z').column).toBe('2025-10-26');
      expect(localDateIn(belgrade, '2025-10-26T22:30:00Z').column).toBe('2025-10-26');
      expect(localDateIn(belgrade, '2025-10-26T23:30:00Z').column).toBe('2025-10-27');
    });

    it('given a start with an offset, then starts_at is the same instant in UTC, so workshops sort by when they happen', () => {
      const doc = docOf(project(belgrade, [scheduled('w1', '2025-03-30T03:15:00+02:00')]), 'w1');

      expect(doc.startsAt).toBe('2025-03-30T03:15:00+02:00');
      expect(belgrade.columns['starts_at']!.value(doc)).toBe('2025-03-30T01:15:00.000Z');
      expect(doc.localDate).toBe('2025-03-30');
    });
  });
});
