import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withMembers } from '../../projections/attendee-set.js';
import { centreDays, centreMonths, centreSpanId, type CentreDayView } from '../../projections/centre-days.js';
import { packSessions, unpackSessions, withPackedSessions } from '../../projections/packed-sessions.js';
import { participantNumbers } from '../../projections/participant-numbers.js';
import { workshopNumbers } from '../../projections/workshop-numbers.js';
import { consultations } from '../../projections/consultations.js';
import { culturalEvents } from '../../projections/cultural-events.js';
import { participants } from '../../projections/participants.js';
import { serviceRecords } from '../../projections/services.js';
import { volunteerHours } from '../../projections/volunteers.js';
import type { ProjectedEvent } from '../../projections/projection.js';
import { workshops } from '../../projections/workshops.js';
import { columnsOf, projectAll, recorded, registeredChildren } from '../support/projection.js';

// Folded in the runner's order: the spans read the workshop and the participants' numbers as
// they are after the event, and hours, consultations and cultural events as they were before it.
const views = (...events: ProjectedEvent[]) =>
  projectAll(
    [participantNumbers, participants, workshopNumbers, workshops({ timeZone: 'Europe/Belgrade' }), centreDays, centreMonths, volunteerHours, consultations, culturalEvents, serviceRecords],
    events,
  );

const registered = (...participantIds: string[]) => registeredChildren('c1', ...participantIds);
const scheduled = (workshopId: string, startsAt = '2025-03-14T23:30:00Z', centreId = 'c1') =>
  recorded('WorkshopScheduled', { workshopId, centreId, kind: 'PSYCHOSOCIAL', title: 'Play', startsAt, durationMinutes: 60 });
const attended = (workshopId: string, ...participantIds: string[]) => recorded('AttendanceRecorded', { workshopId, participantIds });
const removed = (workshopId: string, participantId: string) => recorded('AttendanceRemoved', { workshopId, participantId, reason: 'ticked by mistake' });

/** A month's members (base64: a flag byte, then a list of numbers or a bitset) as the numbers in it. */
const members = (encoded: string) => {
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length === 0) return [];
  if (bytes[0] === 0) return Array.from({ length: (bytes.length - 1) / 4 }, (_, i) => bytes.readUInt32LE(1 + i * 4));
  return [...bytes.subarray(1)].flatMap((byte, i) => [0, 1, 2, 3, 4, 5, 6, 7].filter((bit) => byte & (1 << bit)).map((bit) => i * 8 + bit));
};
const monthOf = (result: Map<string, Map<string, unknown>>, id = month) => {
  const doc = result.get('centre_months')!.get(id) as Record<'attendees' | 'consulted' | 'served' | 'assisted', string> & Record<string, unknown>;
  return { ...doc, attendees: members(doc.attendees), consulted: members(doc.consulted), served: members(doc.served), assisted: members(doc.assisted) };
};

/** A day's document with its packed sets unpacked: the attendees' numbers and sessions at the top, as lists. */
const dayOf = (result: Map<string, Map<string, unknown>>, id = day) => {
  const doc = result.get('centre_days')!.get(id) as CentreDayView | undefined;
  if (!doc) return undefined;
  const { attendees, consulted, served, assisted, ...totals } = doc;
  return { ...totals, ...unpackSessions(attendees), consulted: unpackSessions(consulted), served: unpackSessions(served), assisted: unpackSessions(assisted) };
};

const day = centreSpanId('c1', '2025-03-15');
const month = centreSpanId('c1', '2025-03');
const everyone = registered('p0', 'p1', 'p2', 'p3');

describe('centre days and months', () => {
  it('given attendance at a workshop late on 14 March UTC, then it counts on the local date, 15 March, and in March, with the children by number', () => {
    const result = views(...everyone, scheduled('w1'), attended('w1', 'p2', 'p1'));
    const nothingElse = { hoursHundredths: 0, consultations: 0, culturalEvents: 0, audience: 0, individualSessions: 0, referralsMade: 0, referralsCompleted: 0, assistance: 0 };
    const nobody = { ordinals: [], sessions: [] };
    expect(dayOf(result)).toEqual({
      centreId: 'c1',
      span: '2025-03-15',
      attendances: 2,
      workshopsHeld: 1,
      ordinals: [1, 2],
      sessions: [1, 1],
      consulted: nobody,
      served: nobody,
      assisted: nobody,
      ...nothingElse,
    });
    expect(monthOf(result)).toEqual({ centreId: 'c1', span: '2025-03', attendances: 2, workshopsHeld: 1, attendees: [1, 2], consulted: [], served: [], assisted: [], ...nothingElse });
  });

  it('given a day, then its numbers are stored as little-endian 32-bit integers for the summaries to union', () => {
    const doc = views(...everyone, scheduled('w1'), attended('w1', 'p3', 'p1')).get('centre_days')!.get(day);
    expect(columnsOf(centreDays, doc as never)).toMatchObject({ attendee_ordinals: Buffer.from([1, 0, 0, 0, 3, 0, 0, 0]), span: '2025-03-15' });
  });

  it('given two sessions on one day, when one tick is removed, then the child is still in the day; when both are, they leave it', () => {
    const two = [...everyone, scheduled('w1'), scheduled('w2', '2025-03-15T10:00:00Z'), attended('w1', 'p1'), attended('w2', 'p1')];
    expect(dayOf(views(...two))).toMatchObject({ ordinals: [1], sessions: [2] });
    expect(dayOf(views(...two, removed('w1', 'p1')))).toMatchObject({ ordinals: [1], sessions: [1], attendances: 1 });
    const none = views(...two, removed('w1', 'p1'), removed('w2', 'p1'));
    expect(dayOf(none)).toMatchObject({ ordinals: [], attendances: 0, workshopsHeld: 0 });
    expect(monthOf(none)).toMatchObject({ attendees: [], attendances: 0, workshopsHeld: 0 });
  });

  it('given the same child on two days of a month, then the month counts both sessions and holds the child once', () => {
    const result = views(...everyone, scheduled('w1'), scheduled('w2', '2025-03-20T10:00:00Z'), attended('w1', 'p1'), attended('w2', 'p1', 'p2'));
    expect(monthOf(result)).toMatchObject({ attendances: 3, workshopsHeld: 2, attendees: [1, 2] });
    // Removed from one of its two days, the child stays in the month; from both, they leave it.
    const once = views(...everyone, scheduled('w1'), scheduled('w2', '2025-03-20T10:00:00Z'), attended('w1', 'p1'), attended('w2', 'p1', 'p2'), removed('w1', 'p1'));
    expect(monthOf(once).attendees).toEqual([1, 2]);
    const never = views(...everyone, scheduled('w1'), scheduled('w2', '2025-03-20T10:00:00Z'), attended('w1', 'p1'), attended('w2', 'p1', 'p2'), removed('w1', 'p1'), removed('w2', 'p1'));
    expect(monthOf(never).attendees).toEqual([2]);
    expect(result.get('centre_days')!.size).toBe(2);
  });

  it('given the same child at two centres on one day, then each centre holds them', () => {
    const result = views(...everyone, scheduled('w1'), scheduled('w2', '2025-03-15T10:00:00Z', 'c2'), attended('w1', 'p1'), attended('w2', 'p1'));
    expect(dayOf(result)).toMatchObject({ ordinals: [1] });
    expect(dayOf(result, centreSpanId('c2', '2025-03-15'))).toMatchObject({ ordinals: [1] });
  });

  it('given a later list for the same workshop, then pairs grow and the workshop is not counted again', () => {
    expect(dayOf(views(...everyone, scheduled('w1'), attended('w1', 'p1'), attended('w1', 'p2', 'p3')))).toMatchObject({ attendances: 3, workshopsHeld: 1 });
  });

  it('given its last attendee removed, then the workshop no longer counts as held; ticked again, it does', () => {
    expect(dayOf(views(...everyone, scheduled('w1'), attended('w1', 'p1', 'p2'), removed('w1', 'p1')))).toMatchObject({ attendances: 1, workshopsHeld: 1 });
    expect(dayOf(views(...everyone, scheduled('w1'), attended('w1', 'p1'), removed('w1', 'p1')))).toMatchObject({ attendances: 0, workshopsHeld: 0 });
    expect(dayOf(views(...everyone, scheduled('w1'), attended('w1', 'p1'), removed('w1', 'p1'), attended('w1', 'p2')))).toMatchObject({ attendances: 1, workshopsHeld: 1, ordinals: [2] });
  });

  it('given attendance on a workshop the views do not know, then no day or month is written', () => {
    const result = views(...everyone, attended('nowhere', 'p1'));
    expect(result.get('centre_days')!.size + result.get('centre_months')!.size).toBe(0);
  });
});

describe('hours, consultations and cultural events in centre days and months', () => {
  const hours = (entryId: string, date: string, amount: number) =>
    recorded('VolunteerHoursLogged', { entryId, volunteerId: 'v1', centreId: 'c1', date, hours: amount, activity: 'homework club' });
  const consulted = (consultationId: string, participantId: string, date: string) =>
    recorded('LegalConsultationRecorded', { consultationId, centreId: 'c1', participantId, date, topic: 'CITIZENSHIP', personal: null as never });
  const event = (culturalEventId: string, date: string, women: number) =>
    recorded('CulturalEventRecorded', { culturalEventId, centreId: 'c1', title: 'Spring festival', date, audience: { women, men: 1, girls: 2, boys: 3 } });

  it('given hours, consultations and an event, when an entry is retracted and an audience corrected, then the day and month count what stands', () => {
    const result = views(
      ...everyone,
      hours('e1', '2025-03-15', 2.25),
      hours('e2', '2025-03-15', 1.5),
      hours('e3', '2025-03-20', 4),
      recorded('VolunteerHoursRetracted', { entryId: 'e2', volunteerId: 'v1', reason: 'logged twice' }),
      // A second retraction of the same entry changes nothing.
      recorded('VolunteerHoursRetracted', { entryId: 'e2', volunteerId: 'v1', reason: 'logged twice' }),
      consulted('k1', 'p1', '2025-03-15'),
      consulted('k2', 'p1', '2025-03-15'),
      consulted('k3', 'p3', '2025-03-15'),
      recorded('LegalConsultationRetracted', { consultationId: 'k3', reason: 'wrong person' }),
      event('f1', '2025-03-15', 10),
      recorded('CulturalEventAudienceCorrected', { culturalEventId: 'f1', audience: { women: 20, men: 1, girls: 2, boys: 3 }, reason: 'recounted' }),
    );
    expect(dayOf(result)).toMatchObject({
      hoursHundredths: 225,
      consultations: 2,
      consulted: { ordinals: [1], sessions: [2] },
      culturalEvents: 1,
      audience: 26,
    });
    expect(monthOf(result)).toMatchObject({ hoursHundredths: 625, consultations: 2, consulted: [1], culturalEvents: 1, audience: 26 });
  });
});

describe('services in the centre days and months', () => {
  const session = (sessionId: string, participantId: string, date: string) =>
    recorded('IndividualSessionRecorded', { sessionId, centreId: 'c1', participantId, kind: 'COUNSELLING', date, durationMinutes: 45, personal: {} });
  const referral = (referralId: string, participantId: string, date: string) =>
    recorded('ReferralMade', { referralId, centreId: 'c1', participantId, service: 'HEALTH', organisation: 'Dom zdravlja', date, personal: {} });
  const assistance = (assistanceId: string, participantId: string, date: string) =>
    recorded('AssistanceRecorded', { assistanceId, centreId: 'c1', participantId, kind: 'HYGIENE_KIT', date, personal: {} });

  it('given sessions, a referral closed later with the service received and assistance, some retracted, then the day and month count them and keep who was served until their last service goes', () => {
    const result = views(
      ...everyone,
      session('s1', 'p1', '2025-03-15'),
      session('s2', 'p1', '2025-03-15'),
      referral('r1', 'p2', '2025-03-15'),
      assistance('a1', 'p3', '2025-03-15'),
      recorded('IndividualSessionRetracted', { sessionId: 's2', reason: 'recorded twice' }),
      recorded('AssistanceRetracted', { assistanceId: 'a1', reason: 'recorded twice' }),
      // Retracting again changes nothing.
      recorded('AssistanceRetracted', { assistanceId: 'a1', reason: 'recorded twice' }),
      recorded('ReferralClosed', { referralId: 'r1', date: '2025-03-20', outcome: 'SERVICE_RECEIVED' }),
      // A second closing does not count it twice.
      recorded('ReferralClosed', { referralId: 'r1', date: '2025-03-21', outcome: 'SERVICE_RECEIVED' }),
    );
    expect(dayOf(result)).toMatchObject({
      individualSessions: 1,
      referralsMade: 1,
      referralsCompleted: 0,
      assistance: 0,
      served: { ordinals: [1, 2], sessions: [1, 1] },
      assisted: { ordinals: [], sessions: [] },
    });
    expect(dayOf(result, centreSpanId('c1', '2025-03-20'))).toMatchObject({ referralsCompleted: 1, served: { ordinals: [] } });
    expect(dayOf(result, centreSpanId('c1', '2025-03-21'))).toBeUndefined();
    expect(monthOf(result)).toMatchObject({ individualSessions: 1, referralsMade: 1, referralsCompleted: 1, assistance: 0, served: [1, 2], assisted: [] });
  });
});

describe('month members', () => {
  it('given a few numbers among many, then they are kept as a list; when most of the range is in, as a bitset; either way the same members', () => {
    const sparse = withMembers('', [9000, 12, 500], true);
    expect(Buffer.from(sparse, 'base64')[0]).toBe(0);
    expect(members(sparse)).toEqual([12, 500, 9000]);
    const dense = withMembers(sparse, Array.from({ length: 3000 }, (_, i) => i * 3), true);
    expect(Buffer.from(dense, 'base64')[0]).toBe(1);
    expect(members(dense)).toEqual([...new Set([...Array.from({ length: 3000 }, (_, i) => i * 3), 500, 9000])].sort((a, b) => a - b));
    expect(members(withMembers(dense, [0, 500, 9000], false))).toEqual(Array.from({ length: 2999 }, (_, i) => (i + 1) * 3).filter((n) => n !== 500));
  });
});

describe('month members, any sequence', () => {
  it('given any adds and removals, then the members are those of a plain set, in order, as a list or a bitset', () => {
    const batch = fc.record({ on: fc.boolean(), ordinals: fc.array(fc.oneof(fc.nat(40), fc.nat(5000)), { maxLength: 30 }) });
    fc.assert(
      fc.property(fc.array(batch, { maxLength: 40 }), (batches) => {
        let encoded = '';
        const model = new Set<number>();
        for (const { on, ordinals } of batches) {
          encoded = withMembers(encoded, ordinals, on);
          for (const ordinal of ordinals) (on ? model.add(ordinal) : model.delete(ordinal));
          expect(members(encoded)).toEqual([...model].sort((a, b) => a - b));
        }
      }),
    );
  });
});

describe('attendee sets', () => {
  it('given a sorted set, when numbers are added and removed, then it stays sorted with the sessions of each', () => {
    const set = withPackedSessions(packSessions({ ordinals: [2, 7], sessions: [1, 3] }), [9, 0, 7], 1);
    expect(unpackSessions(set)).toEqual({ ordinals: [0, 2, 7, 9], sessions: [1, 1, 4, 1] });
    expect(unpackSessions(withPackedSessions(set, [2, 9], -1))).toEqual({ ordinals: [0, 7], sessions: [1, 4] });
  });
});
