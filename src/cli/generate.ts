/**
 * Generates a large, realistic event log through the command path (never by writing rows), for
 * benchmarks and load tests:
 *
 *   npm run generate -- --events 1000000 [--data-dir .bench-data/1m] [--seed 1] [--concurrency 8] [--durable] [--no-views]
 *
 * The programme has the proportions of the real one: one centre per ~40,000 events (at least 3)
 * spread over a few districts, each with a few hundred active children and some adults (newcomers
 * every week, leavers after a few years), workshops on weekdays and Saturdays with 8–20
 * attendees each (a few cancelled, a few attendance corrections), volunteers logging their
 * afternoons, legal consultations and about one cultural event a month. The calendar ends
 * yesterday and reaches back as far as the requested number of events needs (about 11 years).
 *
 * Speed: commands run several at a time (a pool of --concurrency, 8 by default) so that their
 * appends share commits (the SQLite store's group commit); the views are not updated while
 * generating but caught up once at the end (--no-views leaves that to the next start or
 * `npm run rebuild`). Unless SQLITE_SYNCHRONOUS is set or --durable is given, the run uses
 * SQLITE_SYNCHRONOUS=NORMAL: a power cut could lose the last writes, which a generated log can
 * afford; the output says so.
 *
 * Every command has a commandId derived from the seed and its sequence number, and every id is
 * derived from that, so running the same generation again (or resuming an interrupted one) stores
 * nothing twice.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openLedger } from '../app.js';
import { systemActor } from '../auth/actor.js';
import { derivedId, type CommandContext } from '../commands/ledger.js';
import type { Commands } from '../commands/index.js';
import { parseConfig } from '../config.js';
import { boysNames, culturalEventTitles, familyNames, girlsNames, volunteerActivities, workshopTitles } from '../demo/names.js';
import { isDomainError } from '../domain/shared/errors.js';
import { addDays, localDateOf } from '../domain/shared/time.js';
import { createLogger } from '../logger.js';
import { createProgress } from './progress.js';
import { seeded, type Seeded } from '../demo/random.js';

// ---------------------------------------------------------------------------------------------
// The programme model: pure given its seed, so a dry run can count the events before the real run.

type Random = Seeded;

type CommandName = keyof Commands;

/** One command to send: its name, input and commandId, and how many events it stores. */
export interface PlannedCommand {
  readonly name: CommandName;
  readonly input: Record<string, unknown>;
  readonly commandId: string;
  readonly events: number;
}

/** Commands that must run in order (a workshop, then its attendance); tasks of one phase run concurrently. */
export type Task = readonly PlannedCommand[];

/** One week of the programme in phases (centres opening, registrations, activity), each stored before the next starts. */
export interface Week {
  readonly monday: string;
  readonly phases: readonly (readonly Task[])[];
  readonly events: number;
}

const districts = [
  { district: 'Raška', municipalities: ['Novi Pazar', 'Tutin', 'Sjenica', 'Kraljevo', 'Raška'] },
  { district: 'Zlatibor', municipalities: ['Prijepolje', 'Priboj', 'Nova Varoš', 'Užice'] },
  { district: 'Pčinja', municipalities: ['Vranje', 'Bujanovac', 'Preševo'] },
  { district: 'Jablanica', municipalities: ['Leskovac', 'Lebane', 'Medveđa'] },
  { district: 'Nišava', municipalities: ['Niš', 'Aleksinac', 'Svrljig'] },
  { district: 'Grad Beograd', municipalities: ['Palilula', 'Zemun', 'Čukarica', 'Rakovica'] },
  { district: 'Južna Bačka', municipalities: ['Novi Sad', 'Bečej'] },
  { district: 'Šumadija', municipalities: ['Kragujevac', 'Aranđelovac'] },
];

const topics = ['PERSONAL_DOCUMENTS', 'PERSONAL_DOCUMENTS', 'RESIDENCE_REGISTRATION', 'CITIZENSHIP', 'SOCIAL_PROTECTION', 'HEALTH_INSURANCE', 'EDUCATION', 'EMPLOYMENT'] as const;
const childKinds = ['PSYCHOSOCIAL', 'SCHOOL_SUPPORT', 'SCHOOL_SUPPORT', 'INCLUSIVE', 'INCLUSIVE', 'OTHER'] as const;
const adultKinds = ['PARENTING', 'BUSINESS_TRAINING', 'VOCATIONAL_TRAINING'] as const;

/** Events per centre and week the model produces on average (measured by dry runs); only for estimates. */
export const EVENTS_PER_CENTRE_WEEK = 60;
/** One centre per this many events, at least MIN_CENTRES. */
export const EVENTS_PER_CENTRE = 40_000;
export const MIN_CENTRES = 3;

interface CentreModel {
  readonly id: string;
  readonly size: number;
  readonly children: string[];
  readonly adults: string[];
  readonly volunteers: string[];
}

export function centresFor(events: number) {
  return Math.max(MIN_CENTRES, Math.round(events / EVENTS_PER_CENTRE));
}

/**
 * The programme week by week from `firstMonday`. Ids are derived from commandIds exactly as the
 * ledger derives them, so the plan knows them before the commands run.
 */
export function createProgramme(options: { seed: number; centres: number; firstMonday: string; currentYear: number }) {
  const rng: Random = seeded(options.seed);
  let sequence = 0;
  const command = (name: CommandName, input: Record<string, unknown>, events = 1): PlannedCommand => ({
    name,
    input,
    commandId: `gen-${options.seed}-${++sequence}`,
    events,
  });
  const entityOf = (planned: PlannedCommand) => derivedId(planned.commandId, 'entity');

  const centres: CentreModel[] = [];
  const districtCount = Math.min(districts.length, Math.max(1, Math.ceil(options.centres / 4)));
  const names = new Map<string, number>();
  const opening: Task[] = [];
  for (let i = 0; i < options.centres; i++) {
    const { district, municipalities } = districts[i % districtCount]!;
    const municipality = municipalities[Math.floor(i / districtCount) % municipalities.length]!;
    const base = `${municipality} Community Centre`;
    const seen = (names.get(base) ?? 0) + 1;
    names.set(base, seen);
    const open = command('openCentre', { name: seen === 1 ? base : `${base} ${seen}`, municipality, district });
    opening.push([open]);
    centres.push({ id: entityOf(open), size: 0.6 + rng.next() * 0.8, children: [], adults: [], volunteers: [] });
  }

  function registerParticipant(centre: CentreModel, child: boolean, year: number): PlannedCommand {
    const sex = rng.chance(0.5) ? 'FEMALE' : 'MALE';
    const planned = command('registerParticipant', {
      centreId: centre.id,
      givenName: rng.pick(sex === 'FEMALE' ? girlsNames : boysNames),
      familyName: rng.pick(familyNames),
      sex: rng.chance(0.005) ? 'OTHER' : sex,
      birthYear: Math.min(options.currentYear, child ? year - rng.int(5, 17) : year - rng.int(19, 62)),
      group: rng.chance(0.38) ? 'RETURNEE' : 'LOCAL',
    });
    const pool = child ? centre.children : centre.adults;
    pool.push(entityOf(planned));
    // Children grow out of the programme; the pool of those who still come stays a few hundred.
    const limit = Math.round((child ? 320 : 90) * centre.size);
    if (pool.length > limit) pool.splice(0, pool.length - limit);
    return planned;
  }

  function registerVolunteer(centre: CentreModel): PlannedCommand {
    const planned = command('registerVolunteer', { centreId: centre.id, name: `${rng.pick([...girlsNames, ...boysNames])} ${rng.pick(familyNames)}` });
    centre.volunteers.push(entityOf(planned));
    // Volunteers stay a year or two; their streams stay short.
    const limit = Math.round(12 * centre.size);
    if (centre.volunteers.length > limit) centre.volunteers.splice(0, centre.volunteers.length - limit);
    return planned;
  }

  let monday = options.firstMonday;
  let first = true;
  // Services beyond workshops draw from a generator of their own, so the workshops, attendance and
  // the rest of a seed's programme stay as they were before services existed.
  const services: Random = seeded(options.seed + 18);
  const openReferrals = new Map<string, { id: string; date: string }[]>();

  function nextWeek(): Week {
    const year = Number(monday.slice(0, 4));
    const activity: Task[] = [];
    const people: Task[] = [];
    for (const centre of centres) {
      if (first) {
        // The opening intake.
        for (let i = 0; i < Math.round(150 * centre.size); i++) people.push([registerParticipant(centre, true, year)]);
        for (let i = 0; i < Math.round(40 * centre.size); i++) people.push([registerParticipant(centre, false, year)]);
        for (let i = 0; i < Math.round(8 * centre.size); i++) people.push([registerVolunteer(centre)]);
      } else {
        for (let i = rng.int(0, Math.round(5 * centre.size)); i > 0; i--) people.push([registerParticipant(centre, true, year)]);
        if (rng.chance(0.8 * centre.size)) people.push([registerParticipant(centre, false, year)]);
        if (rng.chance(0.06 * centre.size)) people.push([registerVolunteer(centre)]);
      }
      for (let weekday = 0; weekday < 6; weekday++) {
        const day = addDays(monday, weekday);
        const saturday = weekday === 5;
        const sessions = saturday ? rng.int(1, 2) : Math.max(2, Math.round(4 * centre.size) + rng.int(-1, 1));
        for (let s = 0; s < sessions; s++) {
          const forAdults = rng.chance(0.15);
          const kind = forAdults ? rng.pick(adultKinds) : rng.pick(childKinds);
          const hourUtc = 6 + Math.min(10, s * 2 + rng.int(0, 1));
          const schedule = command('scheduleWorkshop', {
            centreId: centre.id,
            kind,
            title: rng.pick(workshopTitles[kind]!),
            startsAt: `${day}T${String(hourUtc).padStart(2, '0')}:${rng.pick(['00', '15', '30'])}:00Z`,
            durationMinutes: rng.pick([60, 90, 120]),
            facilitator: rng.chance(0.5) ? 'Centre staff' : undefined,
          });
          const workshopId = entityOf(schedule);
          if (rng.chance(0.03)) {
            activity.push([schedule, command('cancelWorkshop', { workshopId, reason: rng.pick(['facilitator ill', 'heating broken', 'public holiday']) })]);
            continue;
          }
          const pool = forAdults ? centre.adults : centre.children;
          const attendees = rng.sample(pool, rng.int(8, 20));
          // Now and then a child from a neighbouring centre joins.
          if (rng.chance(0.05)) {
            const visitor = rng.pick(rng.pick(centres).children);
            if (visitor && !attendees.includes(visitor)) attendees.push(visitor);
          }
          const chain: PlannedCommand[] = [schedule];
          if (attendees.length > 0) {
            chain.push(command('recordAttendance', { workshopId, participantIds: attendees }));
            // A wrongly ticked child is corrected now and then.
            if (attendees.length > 1 && rng.chance(0.04)) {
              chain.push(command('removeAttendance', { workshopId, participantId: attendees[0]!, reason: 'ticked by mistake' }));
            }
          }
          activity.push(chain);
        }
        if (saturday) {
          if (rng.chance(0.25)) {
            activity.push([
              command('recordCulturalEvent', {
                centreId: centre.id,
                title: rng.pick(culturalEventTitles),
                date: day,
                audience: { women: rng.int(10, 60), men: rng.int(5, 40), girls: rng.int(10, 50), boys: rng.int(10, 50) },
              }),
            ]);
          }
          continue;
        }
        // Volunteers log their afternoon (each at most once a day).
        const volunteersToday = rng.sample(centre.volunteers, rng.int(1, Math.max(1, Math.round(3 * centre.size))));
        for (const volunteerId of volunteersToday) {
          activity.push([
            command('logVolunteerHours', { volunteerId, centreId: centre.id, date: day, hours: rng.pick([1.5, 2, 2.5, 3, 4]), activity: rng.pick(volunteerActivities) }),
          ]);
        }
        // Legal advisers see families about documents, registration, schooling.
        for (let c = rng.int(0, Math.max(1, Math.round(2.5 * centre.size))); c > 0; c--) {
          const participantId = rng.chance(0.6) ? rng.pick(centre.adults) : rng.pick(centre.children);
          if (!participantId) continue;
          activity.push([
            command('recordLegalConsultation', {
              centreId: centre.id,
              participantId,
              date: day,
              topic: rng.pick(topics),
              serviceLevel: rng.pick(['INFORMATION', 'ADVICE', 'ADVICE', 'DRAFTING', 'REPRESENTATION']),
            }),
          ]);
        }
        // Individual sessions, referrals (closed some weeks later, most with the service received) and assistance.
        for (let n = services.int(0, Math.max(1, Math.round(2 * centre.size))); n > 0; n--) {
          const participantId = services.pick(centre.children);
          if (!participantId) continue;
          activity.push([
            command('recordIndividualSession', { centreId: centre.id, participantId, kind: services.pick(['COUNSELLING', 'SCHOOL_SUPPORT', 'CASE_MANAGEMENT']), date: day, durationMinutes: services.pick([30, 45, 60]) }),
          ]);
        }
        const open = openReferrals.get(centre.id) ?? [];
        if (services.chance(0.4 * centre.size)) {
          const participantId = services.chance(0.6) ? services.pick(centre.adults) : services.pick(centre.children);
          if (participantId) {
            const made = command('makeReferral', { centreId: centre.id, participantId, service: services.pick(['SOCIAL_WORK_CENTRE', 'HEALTH', 'EDUCATION', 'EMPLOYMENT', 'CIVIL_REGISTRY']), organisation: 'Partner agency', date: day });
            activity.push([made]);
            open.push({ id: entityOf(made), date: day });
          }
        }
        // Referrals made three weeks ago or more are closed now and then (one at a time, oldest first).
        if (open.length > 0 && open[0]!.date <= addDays(day, -21) && services.chance(0.5)) {
          const referral = open.shift()!;
          activity.push([command('closeReferral', { referralId: referral.id, date: day, outcome: services.pick(['SERVICE_RECEIVED', 'SERVICE_RECEIVED', 'SERVICE_RECEIVED', 'DECLINED', 'NOT_REACHED']) })]);
        }
        openReferrals.set(centre.id, open);
        if (services.chance(0.3 * centre.size)) {
          const participantId = services.pick(centre.children);
          if (participantId) activity.push([command('recordAssistance', { centreId: centre.id, participantId, kind: services.pick(['SCHOOL_KIT', 'HYGIENE_KIT', 'IN_KIND']), date: day })]);
        }
      }
    }
    // Centres open before anyone registers; people register before the activity that names them.
    const phases = first ? [opening, people, activity] : [people, activity];
    const events = phases.flat(2).reduce((sum, planned) => sum + planned.events, 0);
    const week: Week = { monday, phases, events };
    monday = addDays(monday, 7);
    first = false;
    return week;
  }

  return { nextWeek, centres: () => centres.length };
}

/** Weeks the programme needs for `events`, counted by a dry run of the same seed. */
export function weeksFor(events: number, seed: number, centres: number, currentYear: number): number {
  const dry = createProgramme({ seed, centres, firstMonday: '2001-01-01', currentYear });
  let total = 0;
  let weeks = 0;
  while (total < events) {
    total += dry.nextWeek().events;
    weeks += 1;
  }
  return weeks;
}

/** The Monday on or before a date. */
export function mondayOf(date: string): string {
  const weekday = (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

// ---------------------------------------------------------------------------------------------
// Running it

/** A promise pool: at most `size` tasks at once; the first failure stops it. */
export function createPool(size: number) {
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  return {
    async submit(task: () => Promise<void>) {
      while (running.size >= size) await Promise.race(running);
      if (failure) throw failure.error;
      const run: Promise<void> = task()
        .catch((error) => {
          failure ??= { error };
        })
        .finally(() => running.delete(run));
      running.add(run);
    },
    async drain() {
      await Promise.all(running);
      if (failure) throw failure.error;
    },
  };
}

async function main() {
  const { values: args } = parseArgs({
    options: {
      events: { type: 'string', default: '100000' },
      'data-dir': { type: 'string' },
      seed: { type: 'string', default: '1' },
      concurrency: { type: 'string', default: '8' },
      durable: { type: 'boolean', default: false },
      'no-views': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (args.help) {
    console.log('usage: npm run generate -- --events N [--data-dir D] [--seed S] [--concurrency 8] [--durable] [--no-views]');
    return;
  }
  const target = Number(args.events);
  const concurrency = Number(args.concurrency);
  const seed = Number(args.seed);
  if (!Number.isInteger(target) || target < 1) throw new Error('--events must be a whole number, 1 or more');
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('--concurrency must be a whole number, 1 or more');
  if (!Number.isInteger(seed)) throw new Error('--seed must be a whole number');

  const env = { ...process.env };
  if (args['data-dir']) env.DATA_DIR = args['data-dir'];
  let durability: string;
  if (args.durable) {
    env.SQLITE_SYNCHRONOUS = 'FULL';
    durability = 'SQLITE_SYNCHRONOUS=FULL (--durable): every acknowledged command is on disk';
  } else if (env.SQLITE_SYNCHRONOUS) {
    durability = `SQLITE_SYNCHRONOUS=${env.SQLITE_SYNCHRONOUS} (from the environment)`;
  } else {
    env.SQLITE_SYNCHRONOUS = 'NORMAL';
    durability = 'SQLITE_SYNCHRONOUS=NORMAL for this generation only (a power cut could lose the last writes; --durable for FULL)';
  }
  const config = parseConfig(env);
  const logger = createLogger(env.LOG_LEVEL ?? 'warn');

  const today = localDateOf(new Date(), config.timeZone);
  const currentYear = Number(today.slice(0, 4));
  const centres = centresFor(target);
  const weeks = weeksFor(target, seed, centres, currentYear);
  // The last generated week ends before today: nothing lies in the future.
  const firstMonday = addDays(mondayOf(addDays(today, -7)), -7 * (weeks - 1));
  console.log(
    `generating ${target.toLocaleString('en-US')} events into ${config.dataDir}: ${centres} centres, ${weeks} weeks from ${firstMonday}, ` +
      `seed ${seed}, ${concurrency} commands in flight; ${durability}`,
  );

  const ledger = await openLedger(config, logger);
  // Views are caught up once at the end, not after every commit.
  await ledger.runner.stop();
  const startHead = Number(await ledger.store.headPosition());
  const { commands } = ledger;
  const programme = createProgramme({ seed, centres, firstMonday, currentYear });
  const pool = createPool(concurrency);
  const progress = createProgress('generate', target);
  const started = performance.now();
  let planned = 0;
  let sent = 0;
  let refused = 0;
  let head = startHead;

  const run = async (task: Task) => {
    for (const step of task) {
      const context: CommandContext = { actor: systemActor, correlationId: `generate-${seed}`, commandId: step.commandId };
      try {
        const handler = commands[step.name] as (context: CommandContext, input: unknown, options?: { distinctByConstruction?: boolean }) => Promise<{ position: bigint }>;
        // Generated people are distinct by construction, though drawn from a short list of names.
        const { position } = await handler(context, step.input, step.name === 'registerParticipant' ? { distinctByConstruction: true } : undefined);
        sent += 1;
        if (Number(position) > head) head = Number(position);
      } catch (error) {
        if (!isDomainError(error)) throw error;
        // The rules refused it (rare: a code taken, a pool still empty); the rest of the task depends on it.
        refused += 1;
        if (process.env.GENERATE_DEBUG) console.error(step.name, (error as Error).message);
        return;
      }
    }
    progress.update(Math.min(target, head - startHead));
  };

  outer: while (planned < target) {
    const week = programme.nextWeek();
    for (const phase of week.phases) {
      for (const task of phase) {
        if (planned >= target) break;
        planned += task.reduce((sum, step) => sum + step.events, 0);
        await pool.submit(() => run(task));
      }
      // A phase's registrations are stored before the activity that names them.
      await pool.drain();
      if (planned >= target) break outer;
    }
  }
  await pool.drain();
  const generatedSeconds = (performance.now() - started) / 1000;
  const finalHead = Number(await ledger.store.headPosition());
  progress.finish(finalHead - startHead);

  let viewsNote = 'views not updated (--no-views): the next start or `npm run rebuild` builds them';
  if (!args['no-views']) {
    const views = ledger.views;
    const behind = finalHead - Number(views.checkpoint());
    const catchUp = createProgress('views', behind);
    const viewsStarted = performance.now();
    let position = views.checkpoint();
    let applied = 0;
    for (;;) {
      const batch = await ledger.store.readAll(position, 5_000);
      if (batch.length === 0) break;
      views.applyBatch(batch);
      applied += batch.length;
      position = batch[batch.length - 1]!.position;
      catchUp.update(applied);
    }
    catchUp.finish(applied);
    const seconds = (performance.now() - viewsStarted) / 1000;
    viewsNote = `views caught up: ${applied.toLocaleString('en-US')} events in ${seconds.toFixed(1)} s`;
  }
  await ledger.close();
  const stored = finalHead - startHead;
  console.log(
    `generated ${stored.toLocaleString('en-US')} events (${sent.toLocaleString('en-US')} commands, ${refused} refused by the rules) in ${generatedSeconds.toFixed(1)} s ` +
      `(${Math.round(stored / Math.max(generatedSeconds, 1e-9)).toLocaleString('en-US')} events/s); log head at ${finalHead}; ${viewsNote}`,
  );
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  await main().catch((error) => {
    console.error(`generate failed: ${(error as Error).stack ?? error}`);
    process.exit(1);
  });
}
