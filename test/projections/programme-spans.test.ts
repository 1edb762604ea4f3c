import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centreDays, centreMonths } from '../../projections/centre-days.js';
import { consultations } from '../../projections/consultations.js';
import { culturalEvents } from '../../projections/cultural-events.js';
import { participantNumbers } from '../../projections/participant-numbers.js';
import { participants } from '../../projections/participants.js';
import { unpackNumbers, withPackedNumbers } from '../../projections/packed-sessions.js';
import { programmeDayId, programmeMonthId, programmeSets, programmeTotals, type ProgrammeSetsView } from '../../projections/programme-spans.js';
import type { Lookup, ProjectedEvent } from '../../projections/projection.js';
import { serviceRecords } from '../../projections/services.js';
import { volunteerHours } from '../../projections/volunteers.js';
import { workshopNumbers } from '../../projections/workshop-numbers.js';
import { workshops } from '../../projections/workshops.js';
import { projectAll, recorded, registeredChildren } from '../support/projection.js';

// In the runner's order: the programme's spans after the centres' days and months, which a removal asks.
const order = [participantNumbers, participants, workshopNumbers, workshops({ timeZone: 'Europe/Belgrade' }), centreDays, centreMonths, programmeTotals, programmeSets, volunteerHours, consultations, culturalEvents, serviceRecords];
const views = (...events: ProjectedEvent[]) => projectAll(order, events);

const registered = (...participantIds: string[]) => registeredChildren('c1', ...participantIds);
const scheduled = (workshopId: string, centreId: string, startsAt = '2025-03-15T10:00:00Z') =>
  recorded('WorkshopScheduled', { workshopId, centreId, kind: 'PSYCHOSOCIAL', title: 'Play', startsAt, durationMinutes: 60 });
const attended = (workshopId: string, ...participantIds: string[]) => recorded('AttendanceRecorded', { workshopId, participantIds });
const removed = (workshopId: string, participantId: string) => recorded('AttendanceRemoved', { workshopId, participantId, reason: 'ticked by mistake' });

/** A span's members (a day's packed numbers; a month's base64: a flag byte, then a list of numbers or a bitset) as the numbers in it. */
const members = (id: string, encoded: string) => {
  if (id.startsWith('day|')) return unpackNumbers(encoded);
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length === 0) return [];
  if (bytes[0] === 0) return Array.from({ length: (bytes.length - 1) / 4 }, (_, i) => bytes.readUInt32LE(1 + i * 4));
  return [...bytes.subarray(1)].flatMap((byte, i) => [0, 1, 2, 3, 4, 5, 6, 7].filter((bit) => byte & (1 << bit)).map((bit) => i * 8 + bit));
};
const setsOf = (result: Map<string, Map<string, unknown>>, id: string) => {
  const doc = result.get('programme_sets')!.get(id) as ProgrammeSetsView;
  return { centres: doc.centres, attendees: members(id, doc.attendees as string), consulted: members(id, doc.consulted as string) };
};

const day = programmeDayId('2025-03-15');
const month = programmeMonthId('2025-03');
const everyone = registered('p0', 'p1', 'p2');
// The same child at two centres on one day, with another child at the second.
const atTwoCentres = [...everyone, scheduled('w1', 'c1'), scheduled('w2', 'c2'), attended('w1', 'p1'), attended('w2', 'p1', 'p2')];

describe("the programme's days and months", () => {
  it('given a child at two centres on one day, then the programme holds them once in the day and the month, and sums both centres', () => {
    const result = views(...atTwoCentres);

    expect(setsOf(result, day)).toEqual({ centres: ['c1', 'c2'], attendees: [1, 2], consulted: [] });
    expect(setsOf(result, month)).toEqual({ centres: ['c1', 'c2'], attendees: [1, 2], consulted: [] });
    expect(result.get('programme_totals')!.get(day)).toMatchObject({ span: '2025-03-15', attendances: 3, workshopsHeld: 2 });
    expect(result.get('programme_totals')!.get(month)).toMatchObject({ span: '2025-03', attendances: 3, workshopsHeld: 2 });
  });

  it('given the child removed at one centre, then the programme still holds them; removed at both, they leave the day and the month', () => {
    const once = views(...atTwoCentres, removed('w1', 'p1'));
    expect(setsOf(once, day).attendees).toEqual([1, 2]);
    expect(setsOf(once, month).attendees).toEqual([1, 2]);
    expect(once.get('programme_totals')!.get(month)).toMatchObject({ attendances: 2, workshopsHeld: 1 });

    const both = views(...atTwoCentres, removed('w1', 'p1'), removed('w2', 'p1'));
    expect(setsOf(both, day).attendees).toEqual([2]);
    expect(setsOf(both, month).attendees).toEqual([2]);
  });

  it('given the child removed from one of two days of a month, then they leave that day and stay in the month', () => {
    const result = views(...everyone, scheduled('w1', 'c1'), scheduled('w2', 'c2', '2025-03-20T10:00:00Z'), attended('w1', 'p1'), attended('w2', 'p1'), removed('w1', 'p1'));
    expect(setsOf(result, day).attendees).toEqual([]);
    expect(setsOf(result, month).attendees).toEqual([1]);
  });

  it('given a consultation retracted, then the person leaves the programme consulted set, and hours change only the sums', () => {
    const consulted = recorded('LegalConsultationRecorded', { consultationId: 'k1', centreId: 'c1', participantId: 'p2', date: '2025-03-15', topic: 'PERSONAL_DOCUMENTS', personal: null as never });
    const retracted = recorded('LegalConsultationRetracted', { consultationId: 'k1', reason: 'wrong person' });
    const hours = recorded('VolunteerHoursLogged', { entryId: 'h1', volunteerId: 'v1', centreId: 'c2', date: '2025-03-15', hours: 2.5, activity: 'homework club' });
    expect(setsOf(views(...everyone, consulted), month).consulted).toEqual([2]);
    expect(setsOf(views(...everyone, consulted, retracted), month).consulted).toEqual([]);

    const result = views(...everyone, hours);
    expect(result.get('programme_totals')!.get(month)).toMatchObject({ hoursHundredths: 250 });
    expect(result.get('programme_sets')!.size).toBe(0);
  });

  it('given children already in the month attend again, then the month of the programme is the same document, and the runner writes nothing for it', () => {
    const before = views(...atTwoCentres, scheduled('w3', 'c1', '2025-03-21T10:00:00Z'));
    const again = attended('w3', 'p1', 'p2');
    const after = views(...atTwoCentres, scheduled('w3', 'c1', '2025-03-21T10:00:00Z'), again);
    const lookup: Lookup = <D>(view: string, id: string) => after.get(view)!.get(id) as D | undefined;
    const doc = before.get('programme_sets')!.get(month) as ProgrammeSetsView;

    expect(programmeSets.evolve(doc, again as never, month, lookup)).toBe(doc);
    // The new day is written: nobody had been in it.
    expect(setsOf(after, programmeDayId('2025-03-21')).attendees).toEqual([1, 2]);
  });

  it("given any numbers added and taken out in turn, then a day's packed numbers are the sorted set of those in it, and an unchanged set is the same string", () => {
    const step = fc.record({ on: fc.boolean(), ordinals: fc.array(fc.oneof(fc.nat(40), fc.integer({ min: 2 ** 20, max: 2 ** 32 - 1 })), { maxLength: 6 }) });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        let packed = '';
        const expected = new Set<number>();
        for (const { on, ordinals } of steps) {
          const before = packed;
          packed = withPackedNumbers(packed, ordinals, on);
          const changes = ordinals.filter((ordinal) => expected.has(ordinal) !== on);
          for (const ordinal of ordinals) on ? expected.add(ordinal) : expected.delete(ordinal);
          if (changes.length === 0) expect(packed).toBe(before);
          expect(unpackNumbers(packed)).toEqual([...expected].sort((a, b) => a - b));
        }
      }),
    );
  });
});
