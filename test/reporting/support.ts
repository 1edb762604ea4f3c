import { uniqueFamilyName } from '../support/names.js';
/**
 * The reporting tests' own fixtures: a real ledger (SQLite under a temporary DATA_DIR) driven
 * through the command path as src/cli/demo.ts drives it, and, for the HTTP tests, the real
 * express app on port 0.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { createHttpApp, listen } from '../../src/api/server.js';
import { openLedger, type OpenLedger } from '../../src/app.js';
import { systemActor, type Actor } from '../../src/auth/actor.js';
import type { CommandContext } from '../../src/commands/ledger.js';
import { parseConfig, type Config } from '../../src/config.js';
import type { ProjectionRunner } from '../../src/projection/runner.js';
import { domainError } from '../../src/domain/shared/errors.js';
import { createLogger } from '../../src/logger.js';

/*
 * One graphql instance for yoga and src/ (see test/support/server.ts): vitest would otherwise
 * load graphql's ESM build for src/ and its CommonJS build for yoga.
 */
vi.mock('graphql', async () => {
  const { createRequire } = await import('node:module');
  return createRequire(import.meta.url)('graphql');
});

export const TIME_ZONE = 'Europe/Belgrade';

export interface TestLedger {
  readonly ledger: OpenLedger;
  readonly config: Config;
  readonly dataDir: string;
  close(): Promise<void>;
}

/** `viewsThread`: the views applied on a thread of their own, as the server runs them. */
export async function openTestLedger(options: { viewsThread?: boolean } = {}): Promise<TestLedger> {
  const dataDir = await mkdtemp(join(tmpdir(), 'centre-ledger-reporting-'));
  const config = parseConfig({ DATA_DIR: dataDir, TZ: TIME_ZONE, LOG_LEVEL: 'silent', PORT: '0' });
  const ledger = await openLedger(config, createLogger('silent'), options);
  return {
    ledger,
    config,
    dataDir,
    async close() {
      await ledger.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

const context = (actor: Actor = systemActor): CommandContext => ({ actor, correlationId: 'reporting-test', commandId: randomUUID() });

export type Sex = 'FEMALE' | 'MALE' | 'OTHER';
export type Group = 'RETURNEE' | 'LOCAL';
export type Kind = 'PSYCHOSOCIAL' | 'SCHOOL_SUPPORT' | 'INCLUSIVE' | 'PARENTING' | 'BUSINESS_TRAINING' | 'VOCATIONAL_TRAINING' | 'OTHER';

/**
 * Commands as staff would send them, each waiting until the views include it (as a mutation's
 * answer does), so a read right after sees it.
 */
export function driver(ledger: OpenLedger) {
  const { commands, runner } = ledger;
  async function settled<R>(handled: Promise<{ result: R; position: bigint }>): Promise<R> {
    const { result, position } = await handled;
    if (!(await runner.waitFor(position, 10_000))) throw new Error('the views did not catch up');
    return result;
  }
  return {
    openCentre: async (name: string, district = 'Raška', municipality = name) =>
      (await settled(commands.openCentre(context(), { name, municipality, district }))).centreId,
    registerParticipant: async (centreId: string, p: { sex?: Sex; birthYear?: number; group?: Group; givenName?: string; familyName?: string } = {}) =>
      (
        await settled(
          commands.registerParticipant(context(), {
            centreId,
            givenName: p.givenName ?? 'Amra',
            familyName: p.familyName ?? uniqueFamilyName(),
            sex: p.sex ?? 'FEMALE',
            birthYear: p.birthYear ?? 2015,
            group: p.group ?? 'LOCAL',
          }),
        )
      ).participantId,
    /** A workshop at local noon of `date` (Belgrade). */
    scheduleWorkshop: async (centreId: string, date: string, kind: Kind = 'PSYCHOSOCIAL', title = 'Radionica', startsAt = `${date}T12:00:00+01:00`) =>
      (await settled(commands.scheduleWorkshop(context(), { centreId, kind, title, startsAt, durationMinutes: 90, facilitator: 'Jelena Petrović' })))
        .workshopId,
    recordAttendance: (workshopId: string, participantIds: string[]) => settled(commands.recordAttendance(context(), { workshopId, participantIds })),
    removeAttendance: (workshopId: string, participantId: string) =>
      settled(commands.removeAttendance(context(), { workshopId, participantId, reason: 'ticked by mistake' })),
    cancelWorkshop: (workshopId: string) => settled(commands.cancelWorkshop(context(), { workshopId, reason: 'snow' })),
    registerVolunteer: async (centreId: string, name = 'Marko Jovanović') =>
      (await settled(commands.registerVolunteer(context(), { centreId, name }))).volunteerId,
    logHours: async (volunteerId: string, centreId: string, date: string, hours: number) =>
      (await settled(commands.logVolunteerHours(context(), { volunteerId, centreId, date, hours, activity: 'homework club' }))).entryId,
    retractHours: (entryId: string) => settled(commands.retractVolunteerHours(context(), { entryId, reason: 'logged twice' })),
    recordConsultation: async (centreId: string, participantId: string, date: string) =>
      (await settled(commands.recordLegalConsultation(context(), { centreId, participantId, date, topic: 'PERSONAL_DOCUMENTS' }))).consultationId,
    retractConsultation: (consultationId: string) => settled(commands.retractLegalConsultation(context(), { consultationId, reason: 'wrong person' })),
    recordCulturalEvent: async (centreId: string, date: string, audience = { women: 10, men: 5, girls: 7, boys: 3 }) =>
      (await settled(commands.recordCulturalEvent(context(), { centreId, title: 'Koncert', date, audience }))).culturalEventId,
    correctAudience: (culturalEventId: string, audience: { women: number; men: number; girls: number; boys: number }) =>
      settled(commands.correctCulturalEventAudience(context(), { culturalEventId, audience, reason: 'recount' })),
    setTarget: (input: { indicator: string; value: number; from: string; to: string; centreId?: string | null }, actor?: Actor) =>
      settled(commands.setTarget(context(actor), input)),
  };
}

export type Driver = ReturnType<typeof driver>;

/** Waits a few milliseconds, so that instants before and after differ (recordedAt has ms precision). */
export const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The real HTTP app on port 0 over a test ledger. `authenticate` answers an admin for any
 * `authorization` header and refuses a request without one, as the token layer would.
 */
export async function startHttp(test: TestLedger, options: { runner?: ProjectionRunner } = {}) {
  const { ledger, config } = test;
  const authenticate = async (request: Request): Promise<Actor> => {
    if (!request.headers.get('authorization')) throw domainError('UNAUTHENTICATED', 'send a bearer token');
    return systemActor;
  };
  const app = createHttpApp(
    {
      commands: ledger.commands,
      read: ledger.read,
      runner: options.runner ?? ledger.runner,
      timeZone: config.timeZone,
      openPersonal: (subjectId, stored) => (stored == null ? null : ledger.vault.open(subjectId, stored)),
      readYourWritesTimeoutMs: config.readYourWritesTimeoutMs,
    },
    { logger: createLogger('silent'), introspection: false, authenticate, ready: () => true },
  );
  const http = await listen(app, 0);
  const origin = `http://127.0.0.1:${http.port}`;
  return {
    origin,
    async gql<D = any>(query: string, variables: Record<string, unknown> = {}): Promise<{ data?: D; errors?: { message: string; extensions?: Record<string, unknown> }[] }> {
      const response = await fetch(`${origin}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: 'Bearer test' },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data?: D };
    },
    async close() {
      const closing = http.close();
      // fetch keeps idle sockets for a few seconds; the test is done with them.
      http.server.closeAllConnections();
      await closing;
    },
  };
}
