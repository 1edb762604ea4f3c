/**
 * A bulk rebuild changes the centres' and the programme's days and months in place
 * (Projection.evolveInPlace) and writes them when they go cold; the live runner uses evolve. Both
 * must give the same documents and columns, event after event, whether a held document stays in
 * memory or is written and read back in between (the cache forgets it).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allProjections } from '../../projections/index.js';
import { isRowView, type AnyProjection, type Lookup, type ProjectedEvent } from '../../projections/projection.js';
import { columnsOf, recorded } from '../support/projection.js';

const projections = allProjections({ timeZone: 'Europe/Belgrade' });
const inPlace = projections.filter((view): view is AnyProjection => !isRowView(view) && view.evolveInPlace !== undefined);

const centres = ['c1', 'c2'];
const dates = ['2025-03-01', '2025-03-31', '2025-04-01'];
const starts = ['2025-03-01T10:00:00Z', '2025-03-31T22:30:00Z', '2025-04-01T10:00:00Z'];
/** Enough people that a month's members go from a list to a bitset (and sparse numbers that keep a list). */
const PEOPLE = 120;

const person = fc.nat(PEOPLE - 1);
const step = fc.oneof(
  { weight: 6, arbitrary: fc.record({ t: fc.constant('attend' as const), workshop: fc.nat(5), people: fc.array(person, { minLength: 1, maxLength: 40 }) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('remove' as const), workshop: fc.nat(5), person }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('consult' as const), centre: fc.nat(1), date: fc.nat(2), person }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('retractConsultation' as const), which: fc.nat(30) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('assist' as const), centre: fc.nat(1), date: fc.nat(2), person }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('retractAssistance' as const), which: fc.nat(30) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('hours' as const), centre: fc.nat(1), date: fc.nat(2) }) },
);
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

/** People and workshops at two centres over three dates in two months, then the steps as events. */
function eventsOf(steps: readonly Step[]): ProjectedEvent[] {
  const events: ProjectedEvent[] = [];
  for (let p = 0; p < PEOPLE; p++) {
    events.push(recorded('ParticipantRegistered', { participantId: `p${p}`, code: `C-${p}`, centreId: centres[p % 2]!, sex: 'FEMALE', birthYear: 2014, group: 'LOCAL', personal: null as never }));
  }
  for (let w = 0; w < 6; w++) {
    events.push(recorded('WorkshopScheduled', { workshopId: `w${w}`, centreId: centres[w % 2]!, kind: 'PSYCHOSOCIAL', title: 'Play', startsAt: starts[w % 3]!, durationMinutes: 60 }));
  }
  let consultations = 0;
  let assistance = 0;
  for (const s of steps) {
    switch (s.t) {
      case 'attend':
        events.push(recorded('AttendanceRecorded', { workshopId: `w${s.workshop}`, participantIds: s.people.map((p) => `p${p}`) }));
        break;
      case 'remove':
        events.push(recorded('AttendanceRemoved', { workshopId: `w${s.workshop}`, participantId: `p${s.person}`, reason: 'mistake' }));
        break;
      case 'consult':
        events.push(
          recorded('LegalConsultationRecorded', { consultationId: `k${consultations++}`, centreId: centres[s.centre]!, participantId: `p${s.person}`, date: dates[s.date]!, topic: 'OTHER', personal: null as never }),
        );
        break;
      case 'retractConsultation':
        events.push(recorded('LegalConsultationRetracted', { consultationId: `k${s.which % Math.max(consultations, 1)}`, reason: 'wrong person' }));
        break;
      case 'assist':
        events.push(
          recorded('AssistanceRecorded', { assistanceId: `a${assistance++}`, centreId: centres[s.centre]!, participantId: `p${s.person}`, date: dates[s.date]!, kind: 'HYGIENE_KIT', personal: null as never } as never),
        );
        break;
      case 'retractAssistance':
        events.push(recorded('AssistanceRetracted', { assistanceId: `a${s.which % Math.max(assistance, 1)}`, reason: 'double entry' }));
        break;
      case 'hours':
        events.push(recorded('VolunteerHoursLogged', { entryId: `h${events.length}`, volunteerId: 'v1', centreId: centres[s.centre]!, date: dates[s.date]!, hours: 2.5, activity: 'tutoring' }));
        break;
    }
  }
  return events.map((event, index) => ({ ...event, position: BigInt(index + 1) }));
}

/**
 * Every projection folded in the runner's order twice: with evolve (documents as JSON, as the
 * live runner stores them) and with evolveInPlace where there is one (documents held, and read
 * back from their JSON when `forget` says the cache forgot them). Compared after each event.
 */
function compare(events: readonly ProjectedEvent[], forget: (index: number) => boolean) {
  const pure = new Map(projections.map((p) => [p.name, new Map<string, unknown>()]));
  const held = new Map(projections.map((p) => [p.name, new Map<string, unknown>()]));
  const lookupIn =
    (views: typeof pure): Lookup =>
    <D>(view: string, id: string) =>
      views.get(view)!.get(id) as D | undefined;
  const pureLookup = lookupIn(pure);
  const heldLookup = lookupIn(held);
  let forgotten = 0;
  events.forEach((event, index) => {
    for (const projection of projections) {
      if (isRowView(projection) || !(projection.handles as readonly string[]).includes(event.type)) continue;
      for (const [docs, lookup, evolve] of [
        [pure.get(projection.name)!, pureLookup, projection.evolve],
        [held.get(projection.name)!, heldLookup, projection.evolveInPlace ?? projection.evolve],
      ] as const) {
        for (const id of projection.documentIds(event as never, lookup)) {
          const next = evolve(docs.get(id), event as never, id, lookup);
          if (next === undefined) docs.delete(id);
          else docs.set(id, docs === pure.get(projection.name) || !projection.evolveInPlace ? JSON.parse(JSON.stringify(next)) : next);
        }
      }
    }
    for (const projection of inPlace) {
      const docs = held.get(projection.name)!;
      const expected = pure.get(projection.name)!;
      expect([...docs.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [id, doc] of docs) {
        expect(JSON.stringify(doc), `${projection.name} ${id} after event ${index}`).toBe(JSON.stringify(expected.get(id)));
        expect(columnsOf(projection, doc)).toEqual(columnsOf(projection, expected.get(id)));
        // Written and read back: the next event starts from the stored form.
        if (forget(index)) {
          docs.set(id, JSON.parse(JSON.stringify(doc)));
          forgotten += 1;
        }
      }
    }
  });
  return forgotten;
}

describe('days and months changed in place by a bulk rebuild', () => {
  it('the projections that change documents in place are the hot spans', () => {
    expect(inPlace.map((p) => p.name).sort()).toEqual(['centre_day_contacts', 'centre_days', 'centre_month_contacts', 'centre_months', 'programme_sets', 'programme_totals']);
  });

  it('given any attendance, removals, consultations, assistance and their retractions, then evolveInPlace gives the documents and columns evolve gives, held or read back', () => {
    let forgotten = 0;
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), fc.integer({ min: 2, max: 9 }), (steps, every) => {
        forgotten += compare(eventsOf(steps), (index) => index % every === 0);
      }),
      { numRuns: 60 },
    );
    expect(forgotten).toBeGreaterThan(0);
  });

  it('given a month that fills up past the list form, then the members it holds encode as the bitset evolve makes, and shrink back with removals', () => {
    const steps: Step[] = [
      { t: 'attend', workshop: 0, people: [100, 3] },
      { t: 'attend', workshop: 0, people: Array.from({ length: 40 }, (_, i) => i * 2) },
      { t: 'remove', workshop: 0, person: 100 },
      { t: 'remove', workshop: 0, person: 2 },
      { t: 'attend', workshop: 2, people: [119] },
    ];
    expect(compare(eventsOf(steps), () => false)).toBe(0);
  });
});
