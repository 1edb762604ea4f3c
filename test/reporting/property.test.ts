import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../src/domain/shared/errors.js';
import { localDateOf } from '../../src/domain/shared/time.js';
import { dimensions, type Dimension } from '../../src/read/reporting.js';
import type { Period } from '../../src/read/index.js';
import { driver, openTestLedger, TIME_ZONE, type Group, type Kind, type Sex } from './support.js';

const DISTRICTS = ['Raška', 'Zlatibor'];
const DATES = ['2024-12-31', '2025-01-01', '2025-01-15', '2025-01-31', '2025-02-01', '2025-02-28'];
/** 23:30 UTC is already the next local day in Belgrade: the period filter must use local dates. */
const TIMES = ['T08:00:00+01:00', 'T23:30:00Z'];
const PERIODS: Period[] = [{}, { from: '2025-01-01', to: '2025-01-31' }, { from: '2025-02-01' }, { to: '2025-01-01' }, { from: '2025-01-15', to: '2025-01-15' }];

const logs = fc.record({
  centres: fc.array(fc.constantFrom(0, 1), { minLength: 1, maxLength: 3 }),
  participants: fc.array(
    fc.record({
      centre: fc.nat(2),
      sex: fc.constantFrom<Sex>('FEMALE', 'MALE', 'OTHER'),
      birthYear: fc.constantFrom(1950, 1966, 2008, 2013, 2021),
      group: fc.constantFrom<Group>('RETURNEE', 'LOCAL'),
    }),
    { minLength: 1, maxLength: 6 },
  ),
  workshops: fc.array(
    fc.record({
      centre: fc.nat(2),
      date: fc.constantFrom(...DATES),
      time: fc.constantFrom(...TIMES),
      kind: fc.constantFrom<Kind>('PSYCHOSOCIAL', 'PARENTING', 'OTHER'),
    }),
    { minLength: 1, maxLength: 5 },
  ),
  commands: fc.array(
    fc.oneof(
      fc.record({ t: fc.constant('record' as const), workshop: fc.nat(4), participants: fc.uniqueArray(fc.nat(5), { minLength: 1, maxLength: 4 }) }),
      fc.record({ t: fc.constant('remove' as const), workshop: fc.nat(4), participant: fc.nat(5) }),
      fc.record({ t: fc.constant('cancel' as const), workshop: fc.nat(4) }),
    ),
    { maxLength: 20 },
  ),
  by: fc.subarray([...dimensions]),
});

interface Recount {
  attendances: number;
  uniqueParticipants: number;
  workshopsHeld: number;
}

/** The figures of each district (or, by centre, of each centre) counted from the raw events, without the views or SQL. */
async function recountDistricts(events: { type: string; data: any }[], period: Period, byCentre = false): Promise<Map<string, Recount>> {
  const districtOf = new Map<string, string>();
  const workshops = new Map<string, { centreId: string; date: string; cancelled: boolean; attendees: Set<string> }>();
  for (const { type, data } of events) {
    if (type === 'CentreOpened') districtOf.set(data.centreId, byCentre ? data.centreId : data.district);
    if (type === 'WorkshopScheduled') workshops.set(data.workshopId, { centreId: data.centreId, date: localDateOf(data.startsAt, TIME_ZONE), cancelled: false, attendees: new Set() });
    if (type === 'AttendanceRecorded') for (const p of data.participantIds) workshops.get(data.workshopId)!.attendees.add(p);
    if (type === 'AttendanceRemoved') workshops.get(data.workshopId)!.attendees.delete(data.participantId);
    if (type === 'WorkshopCancelled') workshops.get(data.workshopId)!.cancelled = true;
  }
  const result = new Map<string, { attendances: number; participants: Set<string>; workshopsHeld: number }>();
  for (const district of new Set(districtOf.values())) result.set(district, { attendances: 0, participants: new Set(), workshopsHeld: 0 });
  for (const w of workshops.values()) {
    if (w.cancelled || w.attendees.size === 0) continue;
    if ((period.from && w.date < period.from) || (period.to && w.date > period.to)) continue;
    const figures = result.get(districtOf.get(w.centreId)!)!;
    figures.workshopsHeld += 1;
    figures.attendances += w.attendees.size;
    for (const p of w.attendees) figures.participants.add(p);
  }
  return new Map([...result].map(([district, f]) => [district, { attendances: f.attendances, uniqueParticipants: f.participants.size, workshopsHeld: f.workshopsHeld }]));
}

describe('reports over random logs', () => {
  it('given any log, then every breakdown adds up to its summary, and each district and each centre equals a recount from the events', async () => {
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
          for (const [i, district] of log.centres.entries()) centres.push(await d.openCentre(`Centar ${i}`, DISTRICTS[district]!));
          const participants: string[] = [];
          for (const p of log.participants) participants.push(await d.registerParticipant(centres[p.centre % centres.length]!, p));
          const workshops: string[] = [];
          for (const w of log.workshops) workshops.push(await d.scheduleWorkshop(centres[w.centre % centres.length]!, w.date, w.kind, 'R', `${w.date}${w.time}`));
          for (const c of log.commands) {
            const workshop = workshops[c.workshop % workshops.length]!;
            if (c.t === 'record') await refused(() => d.recordAttendance(workshop, [...new Set(c.participants.map((i) => participants[i % participants.length]!))]));
            if (c.t === 'remove') await refused(() => d.removeAttendance(workshop, participants[c.participant % participants.length]!));
            if (c.t === 'cancel') await refused(() => d.cancelWorkshop(workshop));
          }

          const read = test.ledger.read;
          const events = await test.ledger.store.readAll(0n, 100_000);
          for (const period of PERIODS) {
            for (const scope of ['all', [centres[0]!]] as const) {
              const summary = read.summary(scope, period);
              const cells = read.reporting.breakdown({ scope, period }, log.by as Dimension[]);
              expect(cells.reduce((sum, cell) => sum + cell.attendances, 0)).toBe(summary.attendances);
              expect(cells.every((cell) => cell.attendances > 0 && cell.uniqueParticipants > 0)).toBe(true);
              const bySex = read.reporting.breakdown({ scope, period }, ['SEX']);
              expect(bySex.reduce((sum, cell) => sum + cell.uniqueParticipants, 0)).toBe(summary.uniqueParticipants);
            }
            const recount = await recountDistricts(events, period);
            const districts = read.reporting.districts('all');
            expect(districts.map((district) => district.name).sort()).toEqual([...recount.keys()].sort());
            for (const district of districts) {
              const { attendances, uniqueParticipants, workshopsHeld } = read.summary(district.centreIds, period);
              expect({ attendances, uniqueParticipants, workshopsHeld }).toEqual(recount.get(district.name));
            }
            // One centre's summary reads that centre's days and months only (by their ids).
            const byCentre = await recountDistricts(events, period, true);
            for (const centreId of centres) {
              const { attendances, uniqueParticipants, workshopsHeld } = read.summary([centreId], period);
              expect({ attendances, uniqueParticipants, workshopsHeld }).toEqual(byCentre.get(centreId));
            }
          }
        } finally {
          await test.close();
        }
      }),
      { numRuns: 15 },
    );
  });
});
