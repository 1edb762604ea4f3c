import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dimension, IndicatorFilter, Measure } from '../../src/domain/programmes/events.js';
import { dimensionsOf, filtersOf } from '../../src/domain/programmes/measures.js';
import { isDomainError } from '../../src/domain/shared/errors.js';
import { localDateOf } from '../../src/domain/shared/time.js';
import { ageGroupOf } from '../../src/read/reporting.js';
import { driver, openTestLedger, TIME_ZONE, type Group, type Kind, type Sex } from '../reporting/support.js';

const DATES = ['2024-12-31', '2025-01-01', '2025-01-15', '2025-02-01', '2025-02-28'];
const PERIOD = { from: '2025-01-01', to: '2025-02-28' };
const KINDS: Kind[] = ['SCHOOL_SUPPORT', 'INCLUSIVE', 'OTHER'];
const MEASURES: Measure[] = ['UNIQUE_PARTICIPANTS', 'UNIQUE_BENEFICIARIES', 'WORKSHOPS_HELD', 'ATTENDANCES', 'FEMALE_SHARE', 'RETURNEE_SHARE', 'LEGAL_AID_BENEFICIARIES', 'VOLUNTEER_HOURS'];

const indicator = fc.record({
  measure: fc.constantFrom(...MEASURES),
  kinds: fc.subarray(KINDS),
  sexes: fc.subarray<Sex>(['FEMALE', 'MALE', 'OTHER']),
  groups: fc.subarray<Group>(['RETURNEE', 'LOCAL']),
  ageGroups: fc.subarray(['AGE_5_11', 'AGE_18_59'] as const),
  minSessions: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
  by: fc.subarray<Dimension>(['SEX', 'AGE_GROUP', 'GROUP', 'KIND', 'CENTRE', 'DISTRICT', 'MONTH'], { maxLength: 2 }),
});

const logs = fc.record({
  centres: fc.integer({ min: 1, max: 2 }),
  participants: fc.array(
    fc.record({ centre: fc.nat(1), sex: fc.constantFrom<Sex>('FEMALE', 'MALE', 'OTHER'), birthYear: fc.constantFrom(1980, 2015), group: fc.constantFrom<Group>('RETURNEE', 'LOCAL') }),
    { minLength: 1, maxLength: 6 },
  ),
  workshops: fc.array(fc.record({ centre: fc.nat(1), date: fc.constantFrom(...DATES), kind: fc.constantFrom(...KINDS) }), { minLength: 1, maxLength: 5 }),
  commands: fc.array(
    fc.oneof(
      fc.record({ t: fc.constant('record' as const), workshop: fc.nat(4), participants: fc.uniqueArray(fc.nat(5), { minLength: 1, maxLength: 5 }) }),
      fc.record({ t: fc.constant('remove' as const), workshop: fc.nat(4), participant: fc.nat(5) }),
      fc.record({ t: fc.constant('consult' as const), centre: fc.nat(1), participant: fc.nat(5), date: fc.constantFrom(...DATES), retract: fc.boolean() }),
      fc.record({ t: fc.constant('hours' as const), centre: fc.nat(1), date: fc.constantFrom(...DATES), hours: fc.constantFrom(0.5, 1.25, 3) }),
    ),
    { minLength: 6, maxLength: 20 },
  ),
  indicators: fc.array(indicator, { minLength: 1, maxLength: 6 }),
});

interface Contact { p: string; centre: string; date: string; kind: string | null; workshop: string | null }

/** Every figure counted again from the raw events, without the views or SQL. */
function recount(events: { type: string; data: any }[], measure: Measure, filter: IndicatorFilter, by: readonly Dimension[]) {
  const district = new Map<string, string>();
  const person = new Map<string, { sex: string; group: string; birthYear: number }>();
  const workshops = new Map<string, { centre: string; date: string; kind: string; attendees: Set<string>; cancelled: boolean }>();
  const consultations = new Map<string, Contact & { retracted: boolean }>();
  const hours = new Map<string, { centre: string; date: string; hundredths: number; retracted: boolean }>();
  for (const { type, data } of events) {
    if (type === 'CentreOpened') district.set(data.centreId, data.district);
    if (type === 'ParticipantRegistered') person.set(data.participantId, { sex: data.sex, group: data.group, birthYear: data.birthYear });
    if (type === 'WorkshopScheduled') workshops.set(data.workshopId, { centre: data.centreId, date: localDateOf(data.startsAt, TIME_ZONE), kind: data.kind, attendees: new Set(), cancelled: false });
    if (type === 'AttendanceRecorded') for (const p of data.participantIds) workshops.get(data.workshopId)!.attendees.add(p);
    if (type === 'AttendanceRemoved') workshops.get(data.workshopId)!.attendees.delete(data.participantId);
    if (type === 'LegalConsultationRecorded') consultations.set(data.consultationId, { p: data.participantId, centre: data.centreId, date: data.date, kind: null, workshop: null, retracted: false });
    if (type === 'LegalConsultationRetracted') consultations.get(data.consultationId)!.retracted = true;
    if (type === 'VolunteerHoursLogged') hours.set(data.entryId, { centre: data.centreId, date: data.date, hundredths: Math.round(data.hours * 100), retracted: false });
    if (type === 'VolunteerHoursRetracted') hours.get(data.entryId)!.retracted = true;
  }
  const inPeriod = (date: string) => date >= PERIOD.from && date <= PERIOD.to;
  const attendance: Contact[] = [...workshops.entries()].flatMap(([id, w]) =>
    w.cancelled || !inPeriod(w.date) ? [] : [...w.attendees].map((p) => ({ p, centre: w.centre, date: w.date, kind: w.kind, workshop: id })),
  );
  const consulted: Contact[] = [...consultations.values()].filter((c) => !c.retracted && inPeriod(c.date));
  const age = (c: Contact) => ageGroupOf(Number(c.date.slice(0, 4)) - person.get(c.p)!.birthYear);
  const keep = (rows: Contact[]) => {
    const matching = rows.filter(
      (c) =>
        (filter.kinds.length === 0 || filter.kinds.includes(c.kind as never)) &&
        (filter.sexes.length === 0 || filter.sexes.includes(person.get(c.p)!.sex as never)) &&
        (filter.groups.length === 0 || filter.groups.includes(person.get(c.p)!.group as never)) &&
        (filter.ageGroups.length === 0 || filter.ageGroups.includes(age(c))),
    );
    const sessions = (p: string) => matching.filter((c) => c.p === p).length;
    return matching.filter((c) => sessions(c.p) >= (filter.minSessions ?? 1));
  };
  const keyOf = (c: { centre: string; date: string } & Partial<Contact>) =>
    JSON.stringify(
      (['SEX', 'AGE_GROUP', 'GROUP', 'KIND', 'CENTRE', 'DISTRICT', 'MONTH'] as const).map((d) => {
        if (!by.includes(d)) return null;
        const who = c.p ? person.get(c.p)! : undefined;
        return { SEX: who?.sex, AGE_GROUP: c.p ? age(c as Contact) : undefined, GROUP: who?.group, KIND: c.kind, CENTRE: c.centre, DISTRICT: district.get(c.centre), MONTH: c.date.slice(0, 7) }[d] ?? null;
      }),
    );
  const cellsOf = <R extends { centre: string; date: string }>(rows: R[], figure: (rows: R[]) => number | null) => {
    const groups = new Map<string, R[]>();
    for (const row of rows) groups.set(keyOf(row), [...(groups.get(keyOf(row)) ?? []), row]);
    return Object.fromEntries([...groups].map(([key, cell]) => [key, figure(cell)]));
  };
  const distinct = (rows: Contact[]) => new Set(rows.map((c) => c.p)).size;
  const share = (test: (p: string) => boolean) => (rows: Contact[]) => {
    const all = [...new Set(rows.map((c) => c.p))];
    return all.length === 0 ? null : all.filter(test).length / all.length;
  };
  const count = (rows: Contact[], figure: (rows: Contact[]) => number | null) => ({ value: figure(rows), cells: cellsOf(rows, figure) });
  switch (measure) {
    case 'UNIQUE_PARTICIPANTS':
      return count(keep(attendance), distinct);
    case 'UNIQUE_BENEFICIARIES':
      return count(keep([...attendance, ...consulted]), distinct);
    case 'LEGAL_AID_BENEFICIARIES':
      return count(keep(consulted), distinct);
    case 'ATTENDANCES':
      return count(keep(attendance), (rows) => rows.length);
    case 'FEMALE_SHARE':
      return count(keep([...attendance, ...consulted]), share((p) => person.get(p)!.sex === 'FEMALE'));
    case 'RETURNEE_SHARE':
      return count(keep([...attendance, ...consulted]), share((p) => person.get(p)!.group === 'RETURNEE'));
    case 'WORKSHOPS_HELD': {
      const held = [...new Map(keep(attendance).map((c) => [c.workshop, c])).values()];
      return count(held, (rows) => rows.length);
    }
    case 'VOLUNTEER_HOURS': {
      const rows = [...hours.values()].filter((h) => !h.retracted && inPeriod(h.date));
      const total = (list: typeof rows) => list.reduce((s, h) => s + h.hundredths, 0) / 100;
      return { value: total(rows), cells: cellsOf(rows, total) };
    }
    default:
      throw new Error(`no recount for ${measure}`);
  }
}

describe('programme measures over random logs', () => {
  it('given any log and indicator, then its value and every cell equal a recount from the events, and published cells are the recount or suppressed', async () => {
    await fc.assert(
      fc.asyncProperty(logs, async (log) => {
        const test = await openTestLedger();
        try {
          const d = driver(test.ledger);
          const refused = async (run: () => Promise<unknown>) => {
            try {
              await run();
            } catch (error) {
              if (!isDomainError(error)) throw error;
            }
          };
          const centres: string[] = [];
          for (let i = 0; i < log.centres; i++) centres.push(await d.openCentre(`Centar ${i}`, i === 0 ? 'Raška' : 'Zlatibor'));
          const at = (i: number) => centres[i % centres.length]!;
          const people: string[] = [];
          for (const p of log.participants) people.push(await d.registerParticipant(at(p.centre), p));
          const workshops: string[] = [];
          for (const w of log.workshops) workshops.push(await d.scheduleWorkshop(at(w.centre), w.date, w.kind));
          const volunteer = await d.registerVolunteer(centres[0]!);
          for (const c of log.commands) {
            if (c.t === 'record') await refused(() => d.recordAttendance(workshops[c.workshop % workshops.length]!, [...new Set(c.participants.map((i) => people[i % people.length]!))]));
            if (c.t === 'remove') await refused(() => d.removeAttendance(workshops[c.workshop % workshops.length]!, people[c.participant % people.length]!));
            if (c.t === 'consult') {
              const id = await d.recordConsultation(at(c.centre), people[c.participant % people.length]!, c.date);
              if (c.retract) await d.retractConsultation(id);
            }
            if (c.t === 'hours') await refused(() => d.logHours(volunteer, at(c.centre), c.date, c.hours));
          }
          const events = (await test.ledger.store.readAll(0n, 100_000)) as unknown as { type: string; data: any }[];
          const { commands, read } = test.ledger;
          const programme = await commands.defineProgramme({ actor: { userId: 'admin', role: 'admin', centreIds: [] } as never, correlationId: 't' }, { name: 'P', donor: 'D', from: '2024-01-01', to: '2026-12-31', centreIds: centres });
          const applicable = log.indicators.map((i, index) => {
            const allowed = filtersOf(i.measure);
            const filter: IndicatorFilter = {
              kinds: allowed.includes('kinds') ? i.kinds : [],
              sexes: allowed.includes('sexes') ? i.sexes : [],
              groups: allowed.includes('groups') ? i.groups : [],
              ageGroups: allowed.includes('ageGroups') ? [...i.ageGroups] : [],
              minSessions: allowed.includes('minSessions') ? i.minSessions : null,
            };
            return { code: `${index + 1}`, name: 'I', measure: i.measure, filter, disaggregateBy: i.by.filter((b) => dimensionsOf(i.measure).includes(b)) };
          });
          let last = programme.position;
          for (const input of applicable) {
            last = (await commands.defineIndicator({ actor: { userId: 'admin', role: 'admin', centreIds: [] } as never, correlationId: 't' }, { programmeId: programme.result.programmeId, ...input })).position;
          }
          await test.ledger.runner.waitFor(last, 10_000);
          const figures = read.programmes.figures(read.programmes.programme(programme.result.programmeId)!, PERIOD.from, PERIOD.to, null);
          expect(figures).toHaveLength(applicable.length);
          for (const [index, figure] of figures.entries()) {
            const input = applicable[index]!;
            const expected = recount(events, input.measure, input.filter, input.disaggregateBy);
            if (expected.value === null) expect(figure.value).toBeNull();
            else expect(figure.value).toBeCloseTo(expected.value, 9);
            if (input.disaggregateBy.length === 0) continue;
            const cellKey = (key: Record<string, string | null>) => JSON.stringify([key.sex, key.ageGroup, key.group, key.kind, key.centreId, key.district, key.month]);
            expect(figure.cells.map((cell) => cellKey(cell.key as never)).sort()).toEqual(Object.keys(expected.cells).sort());
            for (const cell of figure.cells) {
              const exact = expected.cells[cellKey(cell.key as never)]!;
              if (cell.suppressed) expect(cell.value).toBeNull();
              else expect(cell.value).toBeCloseTo(exact as number, 9);
              if (figure.countsPeople && (exact as number) >= 1 && (exact as number) <= 4) expect(cell.suppressed).toBe(true);
            }
          }
        } finally {
          await test.close();
        }
      }),
      { numRuns: 30 },
    );
  }, 240_000);
});
