import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { systemActor } from '../../src/auth/actor.js';
import { Measure, type Dimension, type IndicatorFilter } from '../../src/domain/programmes/events.js';
import { dimensionsOf, filtersOf } from '../../src/domain/programmes/measures.js';
import { isDomainError } from '../../src/domain/shared/errors.js';
import { measures, measureSources } from '../../src/read/measures.js';
import { driver, openTestLedger, type Group, type Kind, type Sex } from '../reporting/support.js';

/*
 * A live programme report reads each centre's contacts by kind per month and day
 * (projections/centre-contacts.ts) instead of the entries. Given any log, every measure, filter and
 * breakdown gives exactly what the old computation over the entries gives, over periods that
 * start and end inside months (their edges are read from the days), with services, retractions,
 * removed ticks, corrected audiences and merged people (counted once). As of an instant between the
 * entries too: the rows changed since are counted again from their entries (src/read/as-of-contacts.ts).
 */
const DATES = ['2024-12-30', '2025-01-01', '2025-01-17', '2025-01-31', '2025-02-01', '2025-02-14', '2025-03-03', '2025-03-31'];
const PERIODS = [
  { from: '2025-01-01', to: '2025-03-31' },
  { from: '2025-01-17', to: '2025-03-03' },
  { from: '2024-12-30', to: '2025-02-14' },
  { from: '2025-01-17', to: '2025-01-31' },
  { from: '2025-02-01', to: '2025-02-28' },
];
const KINDS: Kind[] = ['SCHOOL_SUPPORT', 'INCLUSIVE', 'PARENTING'];
// Every measure but a cycle's completion, which reads the cycles, not the contacts.
const MEASURES = Measure.options.filter((measure) => measure !== 'CYCLE_COMPLETION');

const indicator = fc.record({
  measure: fc.constantFrom(...MEASURES),
  kinds: fc.subarray(KINDS),
  sexes: fc.subarray<Sex>(['FEMALE', 'MALE']),
  groups: fc.subarray<Group>(['RETURNEE', 'LOCAL']),
  ageGroups: fc.subarray(['AGE_5_11', 'AGE_18_59'] as const),
  minSessions: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
  by: fc.subarray<Dimension>(['SEX', 'AGE_GROUP', 'GROUP', 'KIND', 'CENTRE', 'DISTRICT', 'MONTH'], { maxLength: 2 }),
});

const person = fc.nat(5);
const date = fc.constantFrom(...DATES);
const logs = fc.record({
  centres: fc.integer({ min: 1, max: 2 }),
  participants: fc.array(fc.record({ centre: fc.nat(1), sex: fc.constantFrom<Sex>('FEMALE', 'MALE'), birthYear: fc.constantFrom(1980, 2015), group: fc.constantFrom<Group>('RETURNEE', 'LOCAL') }), {
    minLength: 2,
    maxLength: 6,
  }),
  workshops: fc.array(fc.record({ centre: fc.nat(1), date, kind: fc.constantFrom(...KINDS) }), { minLength: 1, maxLength: 6 }),
  commands: fc.array(
    fc.oneof(
      fc.record({ t: fc.constant('record' as const), workshop: fc.nat(5), participants: fc.uniqueArray(person, { minLength: 1, maxLength: 4 }) }),
      fc.record({ t: fc.constant('remove' as const), workshop: fc.nat(5), participant: person }),
      fc.record({ t: fc.constant('consult' as const), centre: fc.nat(1), participant: person, date, retract: fc.boolean() }),
      fc.record({ t: fc.constant('hours' as const), centre: fc.nat(1), date, hours: fc.constantFrom(0.5, 1.25, 3) }),
      fc.record({ t: fc.constant('cultural' as const), centre: fc.nat(1), date, correct: fc.boolean() }),
      fc.record({ t: fc.constant('session' as const), centre: fc.nat(1), participant: person, date, retract: fc.boolean() }),
      fc.record({ t: fc.constant('referral' as const), centre: fc.nat(1), participant: person, date, closed: fc.option(fc.tuple(date, fc.constantFrom('SERVICE_RECEIVED', 'DECLINED')), { nil: null }) }),
      fc.record({ t: fc.constant('assistance' as const), centre: fc.nat(1), participant: person, date, retract: fc.boolean() }),
      fc.record({ t: fc.constant('merge' as const), keep: person, duplicate: person }),
      fc.record({ t: fc.constant('unmerge' as const), participant: person }),
    ),
    { minLength: 8, maxLength: 30 },
  ),
  indicators: fc.array(indicator, { minLength: 1, maxLength: 6 }),
  period: fc.constantFrom(...PERIODS),
  /** After how many commands the report is also asked as of that instant. */
  cut: fc.nat(30),
});

describe('a programme report from the month aggregates', () => {
  it('given any log, then every measure, filter and breakdown from the aggregates equals the computation over the entries', async () => {
    await fc.assert(
      fc.asyncProperty(logs, async (log) => {
        const test = await openTestLedger();
        try {
          const d = driver(test.ledger);
          const { commands, runner } = test.ledger;
          const context = () => ({ actor: systemActor, correlationId: 'aggregates-test', commandId: randomUUID() });
          let last = 0n;
          const attempt = async <R>(run: () => Promise<{ result: R; position: bigint }>) => {
            try {
              const { result, position } = await run();
              if (position > last) last = position;
              return result;
            } catch (error) {
              if (!isDomainError(error)) throw error;
              return undefined;
            }
          };
          const centres: string[] = [];
          for (let i = 0; i < log.centres; i++) centres.push(await d.openCentre(`Centar ${i}`, i === 0 ? 'Raška' : 'Zlatibor'));
          const at = (i: number) => centres[i % centres.length]!;
          const people: string[] = [];
          for (const p of log.participants) people.push(await d.registerParticipant(at(p.centre), p));
          const who = (i: number) => people[i % people.length]!;
          const workshops: string[] = [];
          for (const w of log.workshops) workshops.push(await d.scheduleWorkshop(at(w.centre), w.date, w.kind));
          const volunteer = await d.registerVolunteer(centres[0]!);
          let instant: string | undefined;
          for (const [index, c] of log.commands.entries()) {
            if (index === log.cut) instant = new Date().toISOString();
            switch (c.t) {
              case 'record':
                await attempt(() => commands.recordAttendance(context(), { workshopId: workshops[c.workshop % workshops.length]!, participantIds: [...new Set(c.participants.map(who))] }));
                break;
              case 'remove':
                await attempt(() => commands.removeAttendance(context(), { workshopId: workshops[c.workshop % workshops.length]!, participantId: who(c.participant), reason: 'ticked by mistake' }));
                break;
              case 'consult': {
                const made = await attempt(() => commands.recordLegalConsultation(context(), { centreId: at(c.centre), participantId: who(c.participant), date: c.date, topic: 'PERSONAL_DOCUMENTS' }));
                if (made && c.retract) await attempt(() => commands.retractLegalConsultation(context(), { consultationId: made.consultationId, reason: 'wrong person' }));
                break;
              }
              case 'hours':
                await attempt(() => commands.logVolunteerHours(context(), { volunteerId: volunteer, centreId: at(c.centre), date: c.date, hours: c.hours, activity: 'homework club' }));
                break;
              case 'cultural': {
                const made = await attempt(() => commands.recordCulturalEvent(context(), { centreId: at(c.centre), title: 'Koncert', date: c.date, audience: { women: 3, men: 1, girls: 2, boys: 0 } }));
                if (made && c.correct) await attempt(() => commands.correctCulturalEventAudience(context(), { culturalEventId: made.culturalEventId, audience: { women: 1, men: 1, girls: 0, boys: 0 }, reason: 'recount' }));
                break;
              }
              case 'session': {
                const made = await attempt(() => commands.recordIndividualSession(context(), { centreId: at(c.centre), participantId: who(c.participant), kind: 'COUNSELLING', date: c.date, durationMinutes: 45 }));
                if (made && c.retract) await attempt(() => commands.retractIndividualSession(context(), { sessionId: made.sessionId, reason: 'recorded twice' }));
                break;
              }
              case 'referral': {
                const made = await attempt(() =>
                  commands.makeReferral(context(), { centreId: at(c.centre), participantId: who(c.participant), service: 'HEALTH', organisation: 'Dom zdravlja', date: c.date }),
                );
                if (made && c.closed) await attempt(() => commands.closeReferral(context(), { referralId: made.referralId, date: c.closed![0], outcome: c.closed![1] }));
                break;
              }
              case 'assistance': {
                const made = await attempt(() => commands.recordAssistance(context(), { centreId: at(c.centre), participantId: who(c.participant), kind: 'HYGIENE_KIT', date: c.date }));
                if (made && c.retract) await attempt(() => commands.retractAssistance(context(), { assistanceId: made.assistanceId, reason: 'recorded twice' }));
                break;
              }
              case 'merge':
                await attempt(() => commands.mergeParticipants(context(), { keepId: who(c.keep), duplicateId: who(c.duplicate), reason: 'the same child' }));
                break;
              case 'unmerge':
                await attempt(() => commands.unmergeParticipant(context(), { participantId: who(c.participant), reason: 'not the same child' }));
                break;
            }
          }
          expect(await runner.waitFor(last, 10_000)).toBe(true);
          const sourcesOf = measureSources(test.ledger.views.db);
          const scope = { centreIds: centres, from: log.period.from, to: log.period.to, asOf: null };
          // Live, and as of an instant between the commands (or after them all).
          const asOf = { ...scope, asOf: instant ?? new Date().toISOString() };
          for (const [when, aggregated, direct] of [
            ['live', sourcesOf(scope), sourcesOf(scope, { direct: true })],
            [`as of ${asOf.asOf}`, sourcesOf(asOf), sourcesOf(asOf, { direct: true })],
          ] as const)
          for (const i of log.indicators) {
            const allowed = filtersOf(i.measure);
            const filter: IndicatorFilter = {
              kinds: allowed.includes('kinds') ? i.kinds : [],
              sexes: allowed.includes('sexes') ? i.sexes : [],
              groups: allowed.includes('groups') ? i.groups : [],
              ageGroups: allowed.includes('ageGroups') ? [...i.ageGroups] : [],
              minSessions: allowed.includes('minSessions') ? i.minSessions : null,
            };
            const by = i.by.filter((b) => dimensionsOf(i.measure).includes(b));
            expect(measures[i.measure](aggregated, filter, by), `${when}: ${i.measure} ${JSON.stringify(filter)} by ${by.join(',')}`).toEqual(measures[i.measure](direct, filter, by));
          }
        } finally {
          await test.close();
        }
      }),
      { numRuns: 25 },
    );
  }, 300_000);
});
