/**
 * A mixed write workload over HTTP, as the centres' tablets send it: workshops scheduled and
 * attended (the most frequent), corrections, new participants, volunteers' hours, consultations
 * and cultural events. Every mutation carries its own commandId. Used by the crash test, the soak
 * run and the benchmarks.
 */
import { randomUUID } from 'node:crypto';
import { postGraphql, type GqlAnswer } from './spawn.js';

export const documents = {
  openCentre: `mutation OpenCentre($input: OpenCentreInput!) { openCentre(input: $input) { centre { id } position } }`,
  registerParticipant: `mutation RegisterParticipant($input: RegisterParticipantInput!) { registerParticipant(input: $input) { participant { id } position } }`,
  registerVolunteer: `mutation RegisterVolunteer($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { volunteer { id } position } }`,
  scheduleWorkshop: `mutation ScheduleWorkshop($input: ScheduleWorkshopInput!) { scheduleWorkshop(input: $input) { workshop { id } position } }`,
  recordAttendance: `mutation RecordAttendance($input: RecordAttendanceInput!) { recordAttendance(input: $input) { workshop { id attendeeCount } position } }`,
  removeAttendance: `mutation RemoveAttendance($input: RemoveAttendanceInput!) { removeAttendance(input: $input) { workshop { id } position } }`,
  logVolunteerHours: `mutation LogVolunteerHours($input: LogVolunteerHoursInput!) { logVolunteerHours(input: $input) { entry { id } position } }`,
  recordLegalConsultation: `mutation RecordLegalConsultation($input: RecordLegalConsultationInput!) { recordLegalConsultation(input: $input) { consultation { id } position } }`,
  recordCulturalEvent: `mutation RecordCulturalEvent($input: RecordCulturalEventInput!) { recordCulturalEvent(input: $input) { culturalEvent { id } position } }`,
} as const;

export type MutationName = keyof typeof documents;

import { seeded, type Seeded } from '../demo/random.js';

export { seeded, type Seeded };

/** What the workload has created and may name: only entities whose creation was acknowledged. */
export interface Fixtures {
  readonly centres: string[];
  readonly participants: string[];
  readonly volunteers: string[];
  readonly workshops: string[];
  /** Attendance pairs acknowledged as recorded (workshopId:participantId), for corrections. */
  readonly attending: PairPool;
}

/** A set that also gives up a random member in O(1): the pool grows with the log, so no copying. */
export class PairPool {
  readonly #members: string[] = [];
  readonly #index = new Map<string, number>();
  get size() {
    return this.#members.length;
  }
  add(pair: string) {
    if (this.#index.has(pair)) return;
    this.#index.set(pair, this.#members.length);
    this.#members.push(pair);
  }
  /** Removes and returns a member chosen by `pick` (an index below size). */
  take(pick: (size: number) => number): string | undefined {
    if (this.#members.length === 0) return undefined;
    const at = pick(this.#members.length);
    const pair = this.#members[at]!;
    const last = this.#members.pop()!;
    if (last !== pair) {
      this.#members[at] = last;
      this.#index.set(last, at);
    }
    this.#index.delete(pair);
    return pair;
  }
}

const daysAgo = (days: number) => {
  const d = new Date(Date.now() - days * 86_400_000);
  return d.toISOString().slice(0, 10);
};

/** One mutation to send: the document, its input (with commandId) and what to remember on success. */
export interface PlannedMutation {
  readonly name: MutationName;
  readonly commandId: string;
  readonly input: Record<string, unknown>;
  readonly onSuccess: (data: any) => void;
}

const plan = (name: MutationName, input: Record<string, unknown>, onSuccess: (data: any) => void = () => undefined): PlannedMutation => {
  const commandId = `wl-${randomUUID()}`;
  return { name, commandId, input: { ...input, commandId }, onSuccess };
};

export function planOpenCentre(fixtures: Fixtures, rng: Seeded): PlannedMutation {
  return plan('openCentre', { name: `Centre ${randomUUID().slice(0, 8)}`, municipality: rng.pick(['Novi Pazar', 'Tutin', 'Vranje']), district: rng.pick(['Raška', 'Pčinja']) }, (d) =>
    fixtures.centres.push(d.openCentre.centre.id),
  );
}

export function planRegisterParticipant(fixtures: Fixtures, rng: Seeded): PlannedMutation {
  const child = rng.chance(0.8);
  return plan(
    'registerParticipant',
    {
      centreId: rng.pick(fixtures.centres),
      givenName: rng.pick(['Amina', 'Lejla', 'Amar', 'Luka', 'Sara', 'Emir']),
      // Numbered apart: the same names and year twice would be refused as one person registered twice.
      familyName: `${rng.pick(['Hodžić', 'Jovanović', 'Kurtović', 'Petrović'])} ${rng.int(1, 1_000_000_000)}`,
      sex: rng.pick(['FEMALE', 'MALE']),
      birthYear: child ? new Date().getFullYear() - rng.int(5, 17) : new Date().getFullYear() - rng.int(19, 60),
      group: rng.pick(['RETURNEE', 'LOCAL']),
    },
    (d) => fixtures.participants.push(d.registerParticipant.participant.id),
  );
}

export function planRegisterVolunteer(fixtures: Fixtures, rng: Seeded): PlannedMutation {
  return plan('registerVolunteer', { centreId: rng.pick(fixtures.centres), name: `${rng.pick(['Vera', 'Marko', 'Selma'])} ${rng.pick(['Ilić', 'Gegić'])}` }, (d) =>
    fixtures.volunteers.push(d.registerVolunteer.volunteer.id),
  );
}

export function planScheduleWorkshop(fixtures: Fixtures, rng: Seeded): PlannedMutation {
  const hour = String(rng.int(7, 16)).padStart(2, '0');
  return plan(
    'scheduleWorkshop',
    {
      centreId: rng.pick(fixtures.centres),
      kind: rng.pick(['PSYCHOSOCIAL', 'SCHOOL_SUPPORT', 'INCLUSIVE', 'PARENTING']),
      title: rng.pick(['Homework club', 'Crafts afternoon', 'Football and fair play']),
      startsAt: `${daysAgo(rng.int(1, 365))}T${hour}:00:00Z`,
      durationMinutes: rng.pick([60, 90, 120]),
    },
    (d) => fixtures.workshops.push(d.scheduleWorkshop.workshop.id),
  );
}

export function planRecordAttendance(fixtures: Fixtures, rng: Seeded, size?: number): PlannedMutation {
  const workshopId = rng.pick(fixtures.workshops);
  const ids = new Set<string>();
  const n = size ?? rng.int(1, 8);
  while (ids.size < Math.min(n, fixtures.participants.length)) ids.add(rng.pick(fixtures.participants));
  const participantIds = [...ids];
  return plan('recordAttendance', { workshopId, participantIds }, () => {
    for (const p of participantIds) fixtures.attending.add(`${workshopId}:${p}`);
  });
}

export function planRemoveAttendance(fixtures: Fixtures, rng: Seeded): PlannedMutation | undefined {
  // A pair taken out of the pool at once, so that two clients never correct the same one.
  const pair = fixtures.attending.take((size) => rng.int(0, size - 1));
  if (pair === undefined) return undefined;
  const [workshopId, participantId] = pair.split(':') as [string, string];
  return plan('removeAttendance', { workshopId, participantId, reason: 'ticked by mistake' });
}

export function planLogVolunteerHours(fixtures: Fixtures, rng: Seeded): PlannedMutation {
  return plan('logVolunteerHours', {
    volunteerId: rng.pick(fixtures.volunteers),
    centreId: rng.pick(fixtures.centres),
    date: daysAgo(rng.int(1, 730)),
    hours: rng.pick([1, 1.5, 2]),
    activity: rng.pick(['homework club', 'reading hour']),
  });
}

export function planRecordLegalConsultation(fixtures: Fixtures, rng: Seeded): PlannedMutation {
  return plan('recordLegalConsultation', {
    centreId: rng.pick(fixtures.centres),
    participantId: rng.pick(fixtures.participants),
    date: daysAgo(rng.int(1, 365)),
    topic: rng.pick(['PERSONAL_DOCUMENTS', 'RESIDENCE_REGISTRATION', 'CITIZENSHIP', 'EDUCATION']),
  });
}

export function planRecordCulturalEvent(fixtures: Fixtures, rng: Seeded): PlannedMutation {
  return plan('recordCulturalEvent', {
    centreId: rng.pick(fixtures.centres),
    title: 'Spring festival',
    date: daysAgo(rng.int(1, 365)),
    audience: { women: rng.int(0, 40), men: rng.int(0, 40), girls: rng.int(0, 40), boys: rng.int(0, 40) },
  });
}

/** The next mutation of the mix: mostly attendance and workshops, as in the programme's weeks. */
export function nextMutation(fixtures: Fixtures, rng: Seeded): PlannedMutation {
  const roll = rng.next();
  if (roll < 0.4) return planRecordAttendance(fixtures, rng);
  if (roll < 0.6) return planScheduleWorkshop(fixtures, rng);
  if (roll < 0.65) return planRemoveAttendance(fixtures, rng) ?? planRecordAttendance(fixtures, rng);
  if (roll < 0.73) return planRegisterParticipant(fixtures, rng);
  if (roll < 0.85) return planLogVolunteerHours(fixtures, rng);
  if (roll < 0.95) return planRecordLegalConsultation(fixtures, rng);
  if (roll < 0.98) return planRecordCulturalEvent(fixtures, rng);
  return planRegisterVolunteer(fixtures, rng);
}

export type Outcome =
  | { readonly kind: 'ok'; readonly position: string; readonly ms: number }
  | { readonly kind: 'refused'; readonly code: string; readonly message: string; readonly ms: number }
  | { readonly kind: 'failed'; readonly status: number; readonly message: string; readonly ms: number }
  /** No answer: the connection broke or timed out. The command may or may not be stored. */
  | { readonly kind: 'unanswered'; readonly message: string; readonly ms: number };

const refusalCodes = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN', 'UNAUTHENTICATED']);

/** Sends one planned mutation and classifies the answer; on success, remembers what it created. */
export async function send(url: string, token: string, mutation: PlannedMutation, timeoutMs = 30_000): Promise<Outcome> {
  const started = performance.now();
  let answer: GqlAnswer;
  try {
    answer = await postGraphql(url, token, documents[mutation.name], { input: mutation.input }, timeoutMs);
  } catch (error) {
    return { kind: 'unanswered', message: String((error as Error).cause ?? (error as Error).message), ms: performance.now() - started };
  }
  const ms = performance.now() - started;
  const errors = answer.body?.errors ?? [];
  if (answer.status === 200 && errors.length === 0 && answer.body?.data) {
    const payload = answer.body.data[mutation.name] as { position: string };
    mutation.onSuccess(answer.body.data);
    return { kind: 'ok', position: payload.position, ms };
  }
  const first = errors[0];
  if (first && refusalCodes.has(first.extensions?.code ?? '')) return { kind: 'refused', code: first.extensions!.code!, message: first.message, ms };
  return { kind: 'failed', status: answer.status, message: first ? `${first.extensions?.code}: ${first.message}` : (answer.text ?? '').slice(0, 300), ms };
}

/** Creates the fixtures a workload names: centres, participants, volunteers, workshops with some attendance. */
export async function setUpFixtures(url: string, token: string, rng: Seeded, size: { centres?: number; participants?: number; volunteers?: number; workshops?: number } = {}): Promise<Fixtures> {
  const fixtures: Fixtures = { centres: [], participants: [], volunteers: [], workshops: [], attending: new PairPool() };
  const must = async (mutation: PlannedMutation) => {
    const outcome = await send(url, token, mutation);
    if (outcome.kind !== 'ok') throw new Error(`setting up ${mutation.name} failed: ${JSON.stringify(outcome)}`);
  };
  // At most 16 requests in flight: thousands at once would only queue in the server's socket backlog.
  const all = async (count: number, next: () => PlannedMutation) => {
    let left = count;
    const client = async () => {
      while (left > 0) {
        left -= 1;
        await must(next());
      }
    };
    await Promise.all(Array.from({ length: Math.min(16, count) }, client));
  };
  for (let i = 0; i < (size.centres ?? 2); i++) await must(planOpenCentre(fixtures, rng));
  await all(size.participants ?? 40, () => planRegisterParticipant(fixtures, rng));
  await all(size.volunteers ?? 4, () => planRegisterVolunteer(fixtures, rng));
  await all(size.workshops ?? 8, () => planScheduleWorkshop(fixtures, rng));
  return fixtures;
}

/** Percentile of a sample (nearest rank), in the sample's unit. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);
