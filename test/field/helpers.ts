/**
 * Helpers for the "Field" contract tests over real HTTP: the contract's own documents (field.graphql
 * sent together with core.graphql, as clients send them), a server per describe block, and the
 * few core mutations every test needs to set the scene.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { uniqueFamilyName } from '../support/names.js';
import { coreContract, loadContract, op, type Operation } from '../support/operations.js';
import { startServer, type GqlResponse, type ServerOptions, type TestServer } from '../support/server.js';

export type FieldOperationName =
  | 'ScheduleCycle'
  | 'ScheduleCycleSession'
  | 'CycleProgress'
  | 'RegisterHousehold'
  | 'Households'
  | 'OpenLegalCase'
  | 'CloseLegalCase'
  | 'LegalCase'
  | 'RecordConsent'
  | 'WithdrawConsent'
  | 'RecordVolunteerAgreement'
  | 'VolunteersNeedingAgreement'
  | 'SetParticipantHousehold';

let documents: Map<string, string> | undefined;

/** A contract operation of field.graphql (or reporting.graphql), sent in one document with core.graphql. */
export function fieldOp(name: FieldOperationName | 'Indicators', file = name === 'Indicators' ? 'reporting.graphql' : 'field.graphql'): Operation {
  documents ??= new Map();
  let document = documents.get(file);
  if (!document) {
    document = `${coreContract().source}\n${loadContract(file).source}`;
    documents.set(file, document);
  }
  const contract = loadContract(file);
  return { ...contract.op(name), document };
}

/** One server for a describe block (fresh DATA_DIR, admin token by default), closed after it. */
export function useServer(options: ServerOptions = {}): () => TestServer {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startServer(options);
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error('server not started');
    return server;
  };
}

/** The data of a response that must have succeeded. */
export function ok<D = any>(response: GqlResponse<D>): D {
  expect(response.body.errors ?? [], JSON.stringify(response.body.errors)).toEqual([]);
  expect(response.status).toBe(200);
  return response.body.data as D;
}

/** The one error of a refused request: its code and field. */
export function refusal(response: GqlResponse): { code: unknown; field: unknown } {
  expect(response.body.errors?.length, JSON.stringify(response.body)).toBeGreaterThan(0);
  const error = response.body.errors![0]!;
  return { code: error.extensions?.code, field: error.extensions?.field };
}

/** Expects a refusal with that code (and field) that stored nothing. */
export async function expectRefused(server: TestServer, send: () => Promise<GqlResponse>, code: string, field?: string) {
  const before = server.eventCount();
  const response = await send();
  expect(refusal(response)).toEqual({ code, field });
  expect(server.eventCount()).toBe(before);
}

let counter = 0;
const unique = (prefix: string) => `${prefix} ${++counter}`;

export async function openCentre(server: TestServer, name = unique('Centre')): Promise<string> {
  const data = ok(await server.gql(op('OpenCentre'), { input: { name, municipality: 'Novi Pazar', district: 'Raška' } }));
  return data.openCentre.centre.id as string;
}

export async function registerParticipant(
  server: TestServer,
  centreId: string,
  extra: { birthYear?: number; sex?: string; group?: string; householdId?: string } = {},
): Promise<{ id: string; code: string }> {
  const data = ok(
    await server.gql(op('RegisterParticipant'), {
      input: { centreId, givenName: 'Amra', familyName: uniqueFamilyName(), sex: 'FEMALE', birthYear: 2015, group: 'RETURNEE', ...extra },
    }),
  );
  return data.registerParticipant.participant as { id: string; code: string };
}

export async function scheduleWorkshop(
  server: TestServer,
  input: { centreId: string; startsAt: string; kind?: string; cycleId?: string; title?: string },
): Promise<string> {
  const data = ok(
    await server.gql(fieldOp('ScheduleCycleSession'), {
      input: { kind: 'PSYCHOSOCIAL', title: unique('Workshop'), durationMinutes: 90, ...input },
    }),
  );
  return data.scheduleWorkshop.workshop.id as string;
}

export async function attend(server: TestServer, workshopId: string, participantIds: string[]) {
  ok(await server.gql(op('RecordAttendance'), { input: { workshopId, participantIds } }));
}

export async function recordConsultation(
  server: TestServer,
  input: { centreId: string; participantId: string; date: string; topic?: string; caseId?: string; serviceLevel?: string },
): Promise<GqlResponse> {
  return server.gql(op('RecordLegalConsultation'), { input: { topic: 'PERSONAL_DOCUMENTS', ...input } });
}

/** Adds days to a calendar date. */
export const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** A date a few days after the deployment's local today (Europe/Belgrade). */
export const futureDate = () =>
  addDays(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Belgrade', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date()), 3);
