import { uniqueFamilyName } from '../support/names.js';
/**
 * The client contract (/work/shared/contract/README.md and core.graphql) over real HTTP: the
 * server runs in-process on a free port with a fresh DATA_DIR, and the tests send the contract's
 * own documents. Other documents (lists, corrections) use what our schema offers beyond it.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, Kind, NoUnusedFragmentsRule, specifiedRules, validate, type DocumentNode } from 'graphql';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { coreContract, op, repoRoot, type CoreOperationName, type Operation } from '../support/operations.js';
import { startServer, type GqlError, type GqlResponse, type ServerOptions, type TestServer } from '../support/server.js';

// ---------------------------------------------------------------------------------------------
// Dates: things that happened are in the past; "future" is a few days ahead of the local today.

const TIME_ZONE = 'Europe/Belgrade';
const localToday = (timeZone = TIME_ZONE) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const currentYear = Number(localToday().slice(0, 4));
const futureDate = addDays(localToday(), 3);

const UNKNOWN_UUID = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';
const GARBAGE_IDS = ['not-an-id', "'; DROP TABLE events; --", '../../etc/passwd', 'x'.repeat(300), ''];

// ---------------------------------------------------------------------------------------------
// Servers

/** One server for a describe block (fresh DATA_DIR), closed after it. */
function useServer(options: ServerOptions = {}) {
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

/** A fresh server for every test: for programme-wide figures, which count every centre. */
function useFreshServer(options: ServerOptions = {}) {
  let server: TestServer | undefined;
  beforeEach(async () => {
    server = await startServer(options);
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  return () => {
    if (!server) throw new Error('server not started');
    return server;
  };
}

// ---------------------------------------------------------------------------------------------
// Sending, and what every answer must look like

/** Every error, wherever it comes from, has a code; input errors name the field; none hides bad input. */
function checkErrors(errors: readonly GqlError[] | undefined) {
  for (const error of errors ?? []) {
    expect(error.extensions?.code, `error without extensions.code: ${JSON.stringify(error)}`).toEqual(expect.any(String));
    expect(error.message, `an error says "Unexpected error": ${JSON.stringify(error)}`).not.toMatch(/unexpected error/i);
    expect(error.extensions?.code, `an internal error: ${JSON.stringify(error)}`).not.toBe('INTERNAL_SERVER_ERROR');
    if (error.extensions?.code === 'BAD_USER_INPUT') {
      expect(error.extensions.field, `BAD_USER_INPUT without extensions.field: ${JSON.stringify(error)}`).toEqual(expect.any(String));
    }
  }
}

async function send(s: TestServer, operation: Operation | string, variables: Record<string, unknown> = {}): Promise<GqlResponse> {
  const response = await s.gql(operation, variables);
  checkErrors(response.body.errors);
  return response;
}

/** Sends and expects success: status 200, no errors; answers `data`. */
async function ok(s: TestServer, operation: Operation | string, variables: Record<string, unknown> = {}): Promise<any> {
  const response = await send(s, operation, variables);
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  expect(response.status).toBe(200);
  return response.body.data;
}

/**
 * Sends input that must be refused: the first error has `code` (and `field` when given), no
 * error says "Unexpected error", and nothing was stored (the event count is unchanged).
 */
async function expectRejected(
  s: TestServer,
  operation: Operation | string,
  variables: Record<string, unknown>,
  code: 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT',
  field?: string,
): Promise<GqlError> {
  const before = s.eventCount();
  const response = await send(s, operation, variables);
  const errors = response.body.errors ?? [];
  expect(errors.length, `expected ${code}${field ? ` on ${field}` : ''}, got ${JSON.stringify(response.body)}`).toBeGreaterThan(0);
  const error = errors[0]!;
  expect(error.extensions?.code, JSON.stringify(error)).toBe(code);
  if (field !== undefined) expect(error.extensions?.field, JSON.stringify(error)).toBe(field);
  expect(s.eventCount(), 'a rejected request stored events').toBe(before);
  return error;
}

const mutationField: Record<string, string> = {
  OpenCentre: 'openCentre',
  RegisterParticipant: 'registerParticipant',
  ScheduleWorkshop: 'scheduleWorkshop',
  RecordAttendance: 'recordAttendance',
  RemoveAttendance: 'removeAttendance',
  CancelWorkshop: 'cancelWorkshop',
  RegisterVolunteer: 'registerVolunteer',
  LogVolunteerHours: 'logVolunteerHours',
  RecordLegalConsultation: 'recordLegalConsultation',
  RecordCulturalEvent: 'recordCulturalEvent',
};

/** Runs a contract mutation and answers its payload. */
async function mutate(s: TestServer, name: CoreOperationName, input: Record<string, unknown>): Promise<any> {
  const data = await ok(s, op(name), { input });
  return data[mutationField[name]!];
}

// ---------------------------------------------------------------------------------------------
// Fixtures, through the contract's mutations

let counter = 0;
const unique = (prefix: string) => `${prefix} ${++counter}`;

const centreInput = (overrides: Record<string, unknown> = {}) => ({
  name: unique('Klub Dobro susedstvo'),
  municipality: 'Kraljevo',
  district: 'Raški',
  ...overrides,
});

async function openCentre(s: TestServer, overrides: Record<string, unknown> = {}) {
  return (await mutate(s, 'OpenCentre', centreInput(overrides))).centre as { id: string; name: string; municipality: string; district: string };
}

const participantInput = (centreId: string, overrides: Record<string, unknown> = {}) => ({
  centreId,
  givenName: 'Amina',
  familyName: uniqueFamilyName('Krasniqi'),
  sex: 'FEMALE',
  birthYear: 2015,
  group: 'RETURNEE',
  ...overrides,
});

async function registerParticipant(s: TestServer, centreId: string, overrides: Record<string, unknown> = {}) {
  return (await mutate(s, 'RegisterParticipant', participantInput(centreId, overrides))).participant as {
    id: string;
    code: string;
    sex: string;
    birthYear: number;
    group: string;
  };
}

const workshopInput = (centreId: string, overrides: Record<string, unknown> = {}) => ({
  centreId,
  kind: 'PSYCHOSOCIAL',
  title: unique('Drawing feelings'),
  startsAt: '2025-03-14T16:00:00+01:00',
  durationMinutes: 90,
  ...overrides,
});

async function scheduleWorkshop(s: TestServer, centreId: string, overrides: Record<string, unknown> = {}) {
  return (await mutate(s, 'ScheduleWorkshop', workshopInput(centreId, overrides))).workshop as {
    id: string;
    kind: string;
    title: string;
    startsAt: string;
    status: string;
  };
}

async function recordAttendance(s: TestServer, workshopId: string, participantIds: string[]) {
  return (await mutate(s, 'RecordAttendance', { workshopId, participantIds })) as {
    workshop: { id: string; status: string; attendeeCount: number };
    position: string;
  };
}

async function removeAttendance(s: TestServer, workshopId: string, participantId: string) {
  return (await mutate(s, 'RemoveAttendance', { workshopId, participantId, reason: 'ticked by mistake' })).workshop as {
    id: string;
    status: string;
    attendeeCount: number;
  };
}

/** A workshop at the centre on `startsAt`, attended by the participants. */
async function heldWorkshop(s: TestServer, centreId: string, startsAt: string, participantIds: string[], kind = 'PSYCHOSOCIAL') {
  const workshop = await scheduleWorkshop(s, centreId, { startsAt, kind });
  await recordAttendance(s, workshop.id, participantIds);
  return workshop;
}

async function registerVolunteer(s: TestServer, centreId: string, name = 'Jelena Petrović') {
  return (await mutate(s, 'RegisterVolunteer', { centreId, name })).volunteer as { id: string };
}

const hoursInput = (volunteerId: string, centreId: string, overrides: Record<string, unknown> = {}) => ({
  volunteerId,
  centreId,
  date: '2025-03-14',
  hours: 3.5,
  activity: 'homework club',
  ...overrides,
});

async function logHours(s: TestServer, volunteerId: string, centreId: string, overrides: Record<string, unknown> = {}) {
  return (await mutate(s, 'LogVolunteerHours', hoursInput(volunteerId, centreId, overrides))).entry as { id: string; hours: number; date: string };
}

const consultationInput = (centreId: string, participantId: string, overrides: Record<string, unknown> = {}) => ({
  centreId,
  participantId,
  date: '2025-03-14',
  topic: 'PERSONAL_DOCUMENTS',
  outcome: 'birth certificate requested',
  ...overrides,
});

async function recordConsultation(s: TestServer, centreId: string, participantId: string, overrides: Record<string, unknown> = {}) {
  return (await mutate(s, 'RecordLegalConsultation', consultationInput(centreId, participantId, overrides))).consultation as {
    id: string;
    topic: string;
    date: string;
  };
}

const culturalEventInput = (centreId: string, overrides: Record<string, unknown> = {}) => ({
  centreId,
  title: unique('Spring fair'),
  date: '2025-03-14',
  audience: { women: 10, men: 5, girls: 7, boys: 3 },
  ...overrides,
});

async function recordCulturalEvent(s: TestServer, centreId: string, overrides: Record<string, unknown> = {}) {
  return (await mutate(s, 'RecordCulturalEvent', culturalEventInput(centreId, overrides))).culturalEvent as {
    id: string;
    title: string;
    date: string;
    audienceTotal: number;
  };
}

async function centreSummary(s: TestServer, id: string, from?: string | null, to?: string | null) {
  return (await ok(s, op('CentreDashboard'), { id, from: from ?? null, to: to ?? null })).centre.summary;
}

async function programmeSummary(s: TestServer, from?: string | null, to?: string | null) {
  return (await ok(s, op('ProgrammeDashboard'), { from: from ?? null, to: to ?? null })).summary;
}

async function participation(s: TestServer, id: string) {
  return (await ok(s, op('ParticipantParticipation'), { id })).participant;
}

const emptySummary = {
  workshopsHeld: 0,
  attendances: 0,
  uniqueParticipants: 0,
  uniqueParticipantsBySex: { female: 0, male: 0, other: 0 },
  uniqueReturnees: 0,
  volunteerHours: 0,
  legalConsultations: 0,
  culturalEvents: 0,
  culturalEventAudience: 0,
};

const summaryOf = (overrides: Partial<typeof emptySummary>) => ({ ...emptySummary, ...overrides });

const WORKSHOP_QUERY = /* GraphQL */ `
  query Workshop($id: ID!) {
    workshop(id: $id) { id date status attendeeCount attendees { id } cancellationReason centre { id } }
  }
`;

// =============================================================================================

describe('the contract documents', () => {
  const schemaDir = join(repoRoot, 'schema');
  const sdl = readdirSync(schemaDir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(join(schemaDir, file), 'utf8'))
    .join('\n');
  const contract = coreContract();
  const fragments = contract.ast.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  const expected: CoreOperationName[] = [
    'OpenCentre',
    'RegisterParticipant',
    'ScheduleWorkshop',
    'RecordAttendance',
    'RemoveAttendance',
    'CancelWorkshop',
    'RegisterVolunteer',
    'LogVolunteerHours',
    'RecordLegalConsultation',
    'RecordCulturalEvent',
    'CentreDashboard',
    'ProgrammeDashboard',
    'ParticipantParticipation',
  ];

  it('given core.graphql, when it is read, then it names every operation the tests rely on', () => {
    expect([...contract.names].sort()).toEqual([...expected].sort());
  });

  it('given schema/*.graphql, when core.graphql is validated as a whole against it, then there are no errors', () => {
    const errors = validate(buildSchema(sdl), contract.ast);
    expect(errors.map((e) => e.message)).toEqual([]);
  });

  for (const name of contract.names) {
    it(`given schema/*.graphql, when the contract operation ${name} is validated against it, then there are no errors`, () => {
      const operation = contract.ast.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name)!;
      const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] };
      const rules = specifiedRules.filter((rule) => rule !== NoUnusedFragmentsRule);
      const errors = validate(buildSchema(sdl), document, rules);
      expect(errors.map((e) => e.message)).toEqual([]);
    });
  }

  describe('against the running server', () => {
    const server = useServer();
    it('given the running server, when every contract query is sent with its operationName, then none fails validation', async () => {
      const s = server();
      const { id: centreId } = await openCentre(s);
      const participant = await registerParticipant(s, centreId);
      await ok(s, op('CentreDashboard'), { id: centreId });
      await ok(s, op('ProgrammeDashboard'), {});
      await ok(s, op('ParticipantParticipation'), { id: participant.id });
    });
  });
});

// =============================================================================================

describe('openCentre', () => {
  const server = useServer();

  it('given a name, municipality and district, when a centre is opened, then it answers the centre and a position', async () => {
    const s = server();
    const input = centreInput({ name: 'Klub Dobro susedstvo Čačak', municipality: 'Čačak', district: 'Moravički' });
    const payload = await mutate(s, 'OpenCentre', input);
    expect(payload.centre).toEqual({ id: expect.any(String), name: input.name, municipality: 'Čačak', district: 'Moravički' });
    expect(payload.position).toMatch(/^\d+$/);
  });

  it.each(['name', 'municipality', 'district'])('given a blank %s (spaces only), when a centre is opened, then BAD_USER_INPUT on it and nothing is stored', async (field) => {
    await expectRejected(server(), op('OpenCentre'), { input: centreInput({ [field]: '   \t ' }) }, 'BAD_USER_INPUT', field);
  });

  it.each(['name', 'municipality', 'district'])('given no %s at all, when a centre is opened, then BAD_USER_INPUT on it', async (field) => {
    const input: Record<string, unknown> = centreInput();
    delete input[field];
    await expectRejected(server(), op('OpenCentre'), { input }, 'BAD_USER_INPUT', field);
  });

  it('given a number where a name belongs, when a centre is opened, then BAD_USER_INPUT on name', async () => {
    await expectRejected(server(), op('OpenCentre'), { input: centreInput({ name: 42 }) }, 'BAD_USER_INPUT', 'name');
  });

  it('given a field the input does not have, when a centre is opened, then BAD_USER_INPUT naming it', async () => {
    await expectRejected(server(), op('OpenCentre'), { input: centreInput({ colour: 'green' }) }, 'BAD_USER_INPUT', 'colour');
  });
});

// =============================================================================================

describe('registerParticipant', () => {
  const server = useServer();
  let centreId: string;
  beforeAll(async () => {
    centreId = (await openCentre(server())).id;
  });

  it('given a centre, when a participant is registered, then it answers a code, sex, birth year, group and a position', async () => {
    const payload = await mutate(server(), 'RegisterParticipant', participantInput(centreId, { sex: 'MALE', birthYear: 2012, group: 'LOCAL' }));
    expect(payload.participant).toEqual({ id: expect.any(String), code: expect.any(String), sex: 'MALE', birthYear: 2012, group: 'LOCAL' });
    expect(payload.participant.code.length).toBeGreaterThanOrEqual(6);
    expect(payload.position).toMatch(/^\d+$/);
  });

  it('given two people with the same name, when both are registered, then their codes differ and neither is derived from the name', async () => {
    const s = server();
    const names = { givenName: 'Dragana', familyName: 'Nikolić' };
    const codes = [];
    const ids: string[] = [];
    // Two people of one name and year: each registration acknowledges those before it (People).
    for (let i = 0; i < 8; i++) {
      const participant = await registerParticipant(s, centreId, { ...names, acknowledgedDuplicates: [...ids] });
      codes.push(participant.code);
      ids.push(participant.id);
    }
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) {
      // Four letters of a name in a random 10-character code: about 1 in 10^5, so not flaky.
      for (const part of ['DRAG', 'RAGA', 'NIKO', 'IKOL']) expect(code.toUpperCase()).not.toContain(part);
    }
  });

  it('given many registrations across centres, when they are done, then every code is unique in the deployment', async () => {
    const s = server();
    const other = (await openCentre(s)).id;
    const codes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => registerParticipant(s, i % 2 ? centreId : other, { givenName: `Child ${i}` }).then((p) => p.code)),
    );
    expect(new Set(codes).size).toBe(20);
  });

  it.each(['givenName', 'familyName'])('given a blank %s, when a participant is registered, then BAD_USER_INPUT on it', async (field) => {
    await expectRejected(server(), op('RegisterParticipant'), { input: participantInput(centreId, { [field]: '   ' }) }, 'BAD_USER_INPUT', field);
  });

  it('given birthYear 1899, when a participant is registered, then BAD_USER_INPUT on birthYear', async () => {
    await expectRejected(server(), op('RegisterParticipant'), { input: participantInput(centreId, { birthYear: 1899 }) }, 'BAD_USER_INPUT', 'birthYear');
  });

  it('given birthYear next year, when a participant is registered, then BAD_USER_INPUT on birthYear', async () => {
    await expectRejected(
      server(),
      op('RegisterParticipant'),
      { input: participantInput(centreId, { birthYear: currentYear + 1 }) },
      'BAD_USER_INPUT',
      'birthYear',
    );
  });

  it('given birthYear 1900 or this year, when a participant is registered, then it is accepted (bounds included)', async () => {
    expect((await registerParticipant(server(), centreId, { birthYear: 1900 })).birthYear).toBe(1900);
    expect((await registerParticipant(server(), centreId, { birthYear: currentYear })).birthYear).toBe(currentYear);
  });

  it('given a fractional birthYear, when a participant is registered, then BAD_USER_INPUT on birthYear', async () => {
    await expectRejected(server(), op('RegisterParticipant'), { input: participantInput(centreId, { birthYear: 2010.5 }) }, 'BAD_USER_INPUT', 'birthYear');
  });

  it('given a sex the enum does not have, when a participant is registered, then BAD_USER_INPUT on sex', async () => {
    await expectRejected(server(), op('RegisterParticipant'), { input: participantInput(centreId, { sex: 'F' }) }, 'BAD_USER_INPUT', 'sex');
  });

  it('given a group the enum does not have, when a participant is registered, then BAD_USER_INPUT on group', async () => {
    await expectRejected(server(), op('RegisterParticipant'), { input: participantInput(centreId, { group: 'REFUGEE' }) }, 'BAD_USER_INPUT', 'group');
  });

  it.each([UNKNOWN_UUID, ...GARBAGE_IDS])('given a centreId that names nothing (%s), when a participant is registered, then NOT_FOUND on centreId', async (id) => {
    await expectRejected(server(), op('RegisterParticipant'), { input: participantInput(id) }, 'NOT_FOUND', 'centreId');
  });
});

// =============================================================================================

describe('scheduleWorkshop', () => {
  const server = useServer();
  let centreId: string;
  beforeAll(async () => {
    centreId = (await openCentre(server())).id;
  });

  it('given a centre, when a workshop is scheduled, then it answers kind, title, startsAt and status SCHEDULED', async () => {
    const input = workshopInput(centreId, { kind: 'SCHOOL_SUPPORT', title: 'Matematika', facilitator: 'Ana' });
    const payload = await mutate(server(), 'ScheduleWorkshop', input);
    expect(payload.workshop).toEqual({ id: expect.any(String), kind: 'SCHOOL_SUPPORT', title: 'Matematika', startsAt: expect.any(String), status: 'SCHEDULED' });
    expect(Date.parse(payload.workshop.startsAt)).toBe(Date.parse(input.startsAt));
    expect(payload.position).toMatch(/^\d+$/);
  });

  it.each(['2025-03-14T15:00:00Z', '2025-03-14T16:00:00+01:00', '2025-03-14T16:00+01:00', '2025-03-14T16:00:00.000+01:00'])(
    'given the well-formed instant %s, when a workshop is scheduled, then it is accepted',
    async (startsAt) => {
      const workshop = await scheduleWorkshop(server(), centreId, { startsAt });
      expect(Date.parse(workshop.startsAt)).toBe(Date.parse(startsAt));
    },
  );

  it.each([
    ['no offset', '2025-03-14T16:00:00'],
    ['a date only', '2025-03-14'],
    ['a day that does not exist', '2025-02-30T10:00:00Z'],
    ['a local format', '14.03.2025 16:00'],
    ['an hour 25', '2025-03-14T25:00:00Z'],
    ['an empty string', ''],
    ['a word', 'tomorrow'],
  ])('given a malformed DateTime (%s), when a workshop is scheduled, then BAD_USER_INPUT on startsAt', async (_what, startsAt) => {
    await expectRejected(server(), op('ScheduleWorkshop'), { input: workshopInput(centreId, { startsAt }) }, 'BAD_USER_INPUT', 'startsAt');
  });

  it('given a blank title, when a workshop is scheduled, then BAD_USER_INPUT on title', async () => {
    await expectRejected(server(), op('ScheduleWorkshop'), { input: workshopInput(centreId, { title: '  ' }) }, 'BAD_USER_INPUT', 'title');
  });

  it('given a kind the enum does not have, when a workshop is scheduled, then BAD_USER_INPUT on kind', async () => {
    await expectRejected(server(), op('ScheduleWorkshop'), { input: workshopInput(centreId, { kind: 'YOGA' }) }, 'BAD_USER_INPUT', 'kind');
  });

  it.each([0, -30, 1.5])('given durationMinutes %s, when a workshop is scheduled, then BAD_USER_INPUT on durationMinutes', async (durationMinutes) => {
    await expectRejected(server(), op('ScheduleWorkshop'), { input: workshopInput(centreId, { durationMinutes }) }, 'BAD_USER_INPUT', 'durationMinutes');
  });

  it.each([UNKNOWN_UUID, ...GARBAGE_IDS])('given a centreId that names nothing (%s), when a workshop is scheduled, then NOT_FOUND on centreId', async (id) => {
    await expectRejected(server(), op('ScheduleWorkshop'), { input: workshopInput(id) }, 'NOT_FOUND', 'centreId');
  });
});

// =============================================================================================

describe('recordAttendance', () => {
  const server = useServer();
  let centreId: string;
  let otherCentreId: string;
  let amina: string;
  let marko: string;
  let lena: string;
  beforeAll(async () => {
    const s = server();
    centreId = (await openCentre(s)).id;
    otherCentreId = (await openCentre(s)).id;
    amina = (await registerParticipant(s, centreId)).id;
    marko = (await registerParticipant(s, centreId, { givenName: 'Marko', sex: 'MALE', group: 'LOCAL' })).id;
    lena = (await registerParticipant(s, otherCentreId, { givenName: 'Lena', sex: 'OTHER' })).id;
  });

  it('given a scheduled workshop, when its first attendee is recorded, then it is HELD with one attendee', async () => {
    const s = server();
    const workshop = await scheduleWorkshop(s, centreId);
    const payload = await recordAttendance(s, workshop.id, [amina]);
    expect(payload.workshop).toEqual({ id: workshop.id, status: 'HELD', attendeeCount: 1 });
    expect(payload.position).toMatch(/^\d+$/);
  });

  it('given a list naming a participant twice, when attendance is recorded, then that participant counts once', async () => {
    const s = server();
    const workshop = await scheduleWorkshop(s, centreId);
    const before = s.eventCount();
    const payload = await recordAttendance(s, workshop.id, [amina, marko, amina]);
    expect(payload.workshop.attendeeCount).toBe(2);
    expect(s.eventCount()).toBe(before + 1);
    const read = (await ok(s, WORKSHOP_QUERY, { id: workshop.id })).workshop;
    expect(read.attendees.map((a: { id: string }) => a.id).sort()).toEqual([amina, marko].sort());
  });

  it('given attendees already recorded, when they are recorded again with a newcomer, then only the newcomer is added', async () => {
    const s = server();
    const workshop = await scheduleWorkshop(s, centreId, { startsAt: '2025-02-03T10:00:00+01:00' });
    await recordAttendance(s, workshop.id, [amina]);
    expect((await recordAttendance(s, workshop.id, [amina, marko])).workshop.attendeeCount).toBe(2);
    const before = s.eventCount();
    const again = await recordAttendance(s, workshop.id, [marko, amina]);
    expect(again.workshop).toEqual({ id: workshop.id, status: 'HELD', attendeeCount: 2 });
    expect(s.eventCount(), 'recording only known attendees stores nothing').toBe(before);
    const summary = await centreSummary(s, centreId, '2025-02-03', '2025-02-03');
    expect(summary.attendances).toBe(2);
    expect(summary.workshopsHeld).toBe(1);
  });

  it('given a participant registered at another centre, when they attend, then it is accepted and counts at the workshop centre', async () => {
    const s = server();
    const workshop = await scheduleWorkshop(s, centreId, { startsAt: '2025-01-20T10:00:00+01:00' });
    const payload = await recordAttendance(s, workshop.id, [lena]);
    expect(payload.workshop).toEqual({ id: workshop.id, status: 'HELD', attendeeCount: 1 });
    expect((await centreSummary(s, centreId, '2025-01-20', '2025-01-20')).uniqueParticipants).toBe(1);
    expect((await centreSummary(s, otherCentreId, '2025-01-20', '2025-01-20')).uniqueParticipants).toBe(0);
  });

  it('given an empty participant list, when attendance is recorded, then BAD_USER_INPUT on participantIds and the workshop stays SCHEDULED', async () => {
    const s = server();
    const workshop = await scheduleWorkshop(s, centreId);
    await expectRejected(s, op('RecordAttendance'), { input: { workshopId: workshop.id, participantIds: [] } }, 'BAD_USER_INPUT', 'participantIds');
    expect((await ok(s, WORKSHOP_QUERY, { id: workshop.id })).workshop.status).toBe('SCHEDULED');
  });

  it.each([UNKNOWN_UUID, ...GARBAGE_IDS])(
    'given a participant id that names nothing (%s) beside a known one, when attendance is recorded, then NOT_FOUND and no one is recorded',
    async (id) => {
      const s = server();
      const workshop = await scheduleWorkshop(s, centreId);
      await expectRejected(s, op('RecordAttendance'), { input: { workshopId: workshop.id, participantIds: [amina, id] } }, 'NOT_FOUND', 'participantIds');
      expect((await ok(s, WORKSHOP_QUERY, { id: workshop.id })).workshop).toMatchObject({ status: 'SCHEDULED', attendeeCount: 0 });
    },
  );

  it.each([UNKNOWN_UUID, ...GARBAGE_IDS])('given a workshop id that names nothing (%s), when attendance is recorded, then NOT_FOUND on workshopId', async (id) => {
    await expectRejected(server(), op('RecordAttendance'), { input: { workshopId: id, participantIds: [amina] } }, 'NOT_FOUND', 'workshopId');
  });

  it('given a cancelled workshop, when attendance is recorded, then CONFLICT', async () => {
    const s = server();
    const workshop = await scheduleWorkshop(s, centreId);
    await mutate(s, 'CancelWorkshop', { workshopId: workshop.id, reason: 'facilitator ill' });
    await expectRejected(s, op('RecordAttendance'), { input: { workshopId: workshop.id, participantIds: [amina] } }, 'CONFLICT');
  });

  it('given a workshop that has not taken place yet, when attendance is recorded, then it is refused and nothing is stored', async () => {
    const s = server();
    const workshop = await scheduleWorkshop(s, centreId, { startsAt: `${futureDate}T10:00:00+01:00` });
    await expectRejected(s, op('RecordAttendance'), { input: { workshopId: workshop.id, participantIds: [amina] } }, 'BAD_USER_INPUT');
  });
});

// =============================================================================================

describe('removeAttendance', () => {
  const server = useServer();
  let centreId: string;
  let amina: string;
  let marko: string;
  beforeAll(async () => {
    const s = server();
    centreId = (await openCentre(s)).id;
    amina = (await registerParticipant(s, centreId)).id;
    marko = (await registerParticipant(s, centreId, { givenName: 'Marko', sex: 'MALE', group: 'LOCAL' })).id;
  });

  it('given a workshop with two attendees, when they are removed one by one, then counts drop and the last removal makes it SCHEDULED again', async () => {
    const s = server();
    const workshop = await heldWorkshop(s, centreId, '2025-03-05T17:00:00+01:00', [amina, marko]);
    expect(await centreSummary(s, centreId, '2025-03-05', '2025-03-05')).toMatchObject({ workshopsHeld: 1, attendances: 2, uniqueParticipants: 2 });

    expect(await removeAttendance(s, workshop.id, amina)).toEqual({ id: workshop.id, status: 'HELD', attendeeCount: 1 });
    expect(await centreSummary(s, centreId, '2025-03-05', '2025-03-05')).toMatchObject({ workshopsHeld: 1, attendances: 1, uniqueParticipants: 1 });
    expect((await participation(s, amina)).participation.sessionsAttended).toBe(0);

    expect(await removeAttendance(s, workshop.id, marko)).toEqual({ id: workshop.id, status: 'SCHEDULED', attendeeCount: 0 });
    expect(await centreSummary(s, centreId, '2025-03-05', '2025-03-05')).toEqual(emptySummary);
  });

  it('given a removed attendee, when they are recorded again, then they count again', async () => {
    const s = server();
    const workshop = await heldWorkshop(s, centreId, '2025-03-06T17:00:00+01:00', [amina]);
    await removeAttendance(s, workshop.id, amina);
    expect((await recordAttendance(s, workshop.id, [amina])).workshop).toEqual({ id: workshop.id, status: 'HELD', attendeeCount: 1 });
    expect((await centreSummary(s, centreId, '2025-03-06', '2025-03-06')).attendances).toBe(1);
  });

  it('given a blank reason, when attendance is removed, then BAD_USER_INPUT on reason', async () => {
    const s = server();
    const workshop = await heldWorkshop(s, centreId, '2025-03-07T17:00:00+01:00', [amina]);
    await expectRejected(s, op('RemoveAttendance'), { input: { workshopId: workshop.id, participantId: amina, reason: ' ' } }, 'BAD_USER_INPUT', 'reason');
  });

  it.each([UNKNOWN_UUID, 'not-an-id'])('given a participant id that names nothing (%s), when attendance is removed, then NOT_FOUND', async (id) => {
    const s = server();
    const workshop = await heldWorkshop(s, centreId, '2025-03-07T17:00:00+01:00', [amina]);
    await expectRejected(s, op('RemoveAttendance'), { input: { workshopId: workshop.id, participantId: id, reason: 'mistake' } }, 'NOT_FOUND');
  });

  it.each([UNKNOWN_UUID, 'not-an-id'])('given a workshop id that names nothing (%s), when attendance is removed, then NOT_FOUND on workshopId', async (id) => {
    await expectRejected(server(), op('RemoveAttendance'), { input: { workshopId: id, participantId: amina, reason: 'mistake' } }, 'NOT_FOUND', 'workshopId');
  });
});

// =============================================================================================

describe('cancelWorkshop', () => {
  const server = useServer();
  let centreId: string;
  let amina: string;
  beforeAll(async () => {
    const s = server();
    centreId = (await openCentre(s)).id;
    amina = (await registerParticipant(s, centreId)).id;
  });

  it('given a workshop without attendees, when it is cancelled, then it is CANCELLED and not counted', async () => {
    const s = server();
    const workshop = await scheduleWorkshop(s, centreId, { startsAt: '2025-03-09T10:00:00+01:00' });
    const payload = await mutate(s, 'CancelWorkshop', { workshopId: workshop.id, reason: 'snow' });
    expect(payload.workshop).toEqual({ id: workshop.id, status: 'CANCELLED' });
    expect(payload.position).toMatch(/^\d+$/);
    expect((await ok(s, WORKSHOP_QUERY, { id: workshop.id })).workshop.cancellationReason).toBe('snow');
    expect((await centreSummary(s, centreId, '2025-03-09', '2025-03-09')).workshopsHeld).toBe(0);
  });

  it('given a workshop with attendees, when it is cancelled, then CONFLICT and it stays HELD', async () => {
    const s = server();
    const workshop = await heldWorkshop(s, centreId, '2025-03-09T12:00:00+01:00', [amina]);
    await expectRejected(s, op('CancelWorkshop'), { input: { workshopId: workshop.id, reason: 'snow' } }, 'CONFLICT');
    expect((await ok(s, WORKSHOP_QUERY, { id: workshop.id })).workshop.status).toBe('HELD');
  });

  it('given a workshop whose attendees were all removed, when it is cancelled, then it is CANCELLED', async () => {
    const s = server();
    const workshop = await heldWorkshop(s, centreId, '2025-03-09T14:00:00+01:00', [amina]);
    await removeAttendance(s, workshop.id, amina);
    expect((await mutate(s, 'CancelWorkshop', { workshopId: workshop.id, reason: 'recorded on the wrong day' })).workshop.status).toBe('CANCELLED');
  });

  it('given a blank reason, when a workshop is cancelled, then BAD_USER_INPUT on reason', async () => {
    const s = server();
    const workshop = await scheduleWorkshop(s, centreId);
    await expectRejected(s, op('CancelWorkshop'), { input: { workshopId: workshop.id, reason: '\n  ' } }, 'BAD_USER_INPUT', 'reason');
  });

  it.each([UNKNOWN_UUID, ...GARBAGE_IDS])('given a workshop id that names nothing (%s), when it is cancelled, then NOT_FOUND on workshopId', async (id) => {
    await expectRejected(server(), op('CancelWorkshop'), { input: { workshopId: id, reason: 'snow' } }, 'NOT_FOUND', 'workshopId');
  });
});

// =============================================================================================

describe('registerVolunteer', () => {
  const server = useServer();
  let centreId: string;
  beforeAll(async () => {
    centreId = (await openCentre(server())).id;
  });

  it('given a centre, when a volunteer is registered, then it answers an id and a position', async () => {
    const payload = await mutate(server(), 'RegisterVolunteer', { centreId, name: 'Jelena Petrović' });
    expect(payload.volunteer).toEqual({ id: expect.any(String) });
    expect(payload.position).toMatch(/^\d+$/);
  });

  it('given a blank name, when a volunteer is registered, then BAD_USER_INPUT on name', async () => {
    await expectRejected(server(), op('RegisterVolunteer'), { input: { centreId, name: '  ' } }, 'BAD_USER_INPUT', 'name');
  });

  it.each([UNKNOWN_UUID, ...GARBAGE_IDS])('given a centreId that names nothing (%s), when a volunteer is registered, then NOT_FOUND on centreId', async (id) => {
    await expectRejected(server(), op('RegisterVolunteer'), { input: { centreId: id, name: 'Jelena' } }, 'NOT_FOUND', 'centreId');
  });
});

// =============================================================================================

describe('logVolunteerHours', () => {
  const server = useServer();
  let centreId: string;
  let otherCentreId: string;
  let volunteerId: string;
  beforeAll(async () => {
    const s = server();
    centreId = (await openCentre(s)).id;
    otherCentreId = (await openCentre(s)).id;
    volunteerId = (await registerVolunteer(s, centreId)).id;
  });

  it('given a volunteer, when hours are logged, then it answers the entry with hours and date, and a position', async () => {
    const payload = await mutate(server(), 'LogVolunteerHours', hoursInput(volunteerId, centreId, { date: '2025-01-10', hours: 2.25 }));
    expect(payload.entry).toEqual({ id: expect.any(String), hours: 2.25, date: '2025-01-10' });
    expect(payload.position).toMatch(/^\d+$/);
    expect((await centreSummary(server(), centreId, '2025-01-10', '2025-01-10')).volunteerHours).toBe(2.25);
  });

  it.each([0, -1, 24.5, 100])('given hours %s, when they are logged, then BAD_USER_INPUT on hours', async (hours) => {
    await expectRejected(server(), op('LogVolunteerHours'), { input: hoursInput(volunteerId, centreId, { date: '2025-01-11', hours }) }, 'BAD_USER_INPUT', 'hours');
  });

  it('given 24 hours in one entry, when they are logged, then it is accepted (bound included)', async () => {
    expect((await logHours(server(), volunteerId, centreId, { date: '2025-01-12', hours: 24 })).hours).toBe(24);
  });

  it('given 20 hours on a date, when 5 more are logged on that date, then BAD_USER_INPUT on hours; 4 more are accepted', async () => {
    const s = server();
    await logHours(s, volunteerId, centreId, { date: '2025-01-13', hours: 20 });
    await expectRejected(s, op('LogVolunteerHours'), { input: hoursInput(volunteerId, otherCentreId, { date: '2025-01-13', hours: 5 }) }, 'BAD_USER_INPUT', 'hours');
    await logHours(s, volunteerId, otherCentreId, { date: '2025-01-13', hours: 4 });
    const total = (await ok(s, `query($id: ID!) { volunteer(id: $id) { totalHours(from: "2025-01-13", to: "2025-01-13") } }`, { id: volunteerId })).volunteer.totalHours;
    expect(total).toBe(24);
  });

  it('given a future date, when hours are logged, then BAD_USER_INPUT on date', async () => {
    await expectRejected(server(), op('LogVolunteerHours'), { input: hoursInput(volunteerId, centreId, { date: futureDate }) }, 'BAD_USER_INPUT', 'date');
  });

  it('given today, when hours are logged, then it is accepted', async () => {
    expect((await logHours(server(), volunteerId, centreId, { date: localToday(), hours: 1 })).date).toBe(localToday());
  });

  it.each(['2025-3-14', '2025-02-30', '14.03.2025', '2025-03-14T10:00:00Z', ''])('given the malformed Date %j, when hours are logged, then BAD_USER_INPUT on date', async (date) => {
    await expectRejected(server(), op('LogVolunteerHours'), { input: hoursInput(volunteerId, centreId, { date }) }, 'BAD_USER_INPUT', 'date');
  });

  it('given a blank activity, when hours are logged, then BAD_USER_INPUT on activity', async () => {
    await expectRejected(server(), op('LogVolunteerHours'), { input: hoursInput(volunteerId, centreId, { activity: '   ' }) }, 'BAD_USER_INPUT', 'activity');
  });

  it('given a volunteer registered at one centre, when they log hours at another, then the hours count for the entry centre only', async () => {
    const s = server();
    await logHours(s, volunteerId, otherCentreId, { date: '2025-01-15', hours: 6 });
    expect((await centreSummary(s, otherCentreId, '2025-01-15', '2025-01-15')).volunteerHours).toBe(6);
    expect((await centreSummary(s, centreId, '2025-01-15', '2025-01-15')).volunteerHours).toBe(0);
  });

  it.each([UNKNOWN_UUID, ...GARBAGE_IDS])('given a volunteerId that names nothing (%s), when hours are logged, then NOT_FOUND on volunteerId', async (id) => {
    await expectRejected(server(), op('LogVolunteerHours'), { input: hoursInput(id, centreId) }, 'NOT_FOUND', 'volunteerId');
  });

  it.each([UNKNOWN_UUID, ...GARBAGE_IDS])('given a centreId that names nothing (%s), when hours are logged, then NOT_FOUND on centreId', async (id) => {
    await expectRejected(server(), op('LogVolunteerHours'), { input: hoursInput(volunteerId, id) }, 'NOT_FOUND', 'centreId');
  });
});

// =============================================================================================

describe('recordLegalConsultation', () => {
  const server = useServer();
  let centreId: string;
  let participantId: string;
  beforeAll(async () => {
    const s = server();
    centreId = (await openCentre(s)).id;
    participantId = (await registerParticipant(s, centreId, { givenName: 'Bekim', birthYear: 1980, sex: 'MALE' })).id;
  });

  it('given a participant, when a consultation is recorded, then it answers topic and date and counts at the centre', async () => {
    const s = server();
    const payload = await mutate(s, 'RecordLegalConsultation', consultationInput(centreId, participantId, { date: '2025-02-10', topic: 'CITIZENSHIP' }));
    expect(payload.consultation).toEqual({ id: expect.any(String), topic: 'CITIZENSHIP', date: '2025-02-10' });
    expect(payload.position).toMatch(/^\d+$/);
    expect((await centreSummary(s, centreId, '2025-02-10', '2025-02-10')).legalConsultations).toBe(1);
  });

  it('given no outcome, when a consultation is recorded, then it is accepted', async () => {
    const input: Record<string, unknown> = consultationInput(centreId, participantId, { date: '2025-02-11' });
    delete input.outcome;
    expect((await mutate(server(), 'RecordLegalConsultation', input)).consultation.date).toBe('2025-02-11');
  });

  it('given a future date, when a consultation is recorded, then BAD_USER_INPUT on date', async () => {
    await expectRejected(server(), op('RecordLegalConsultation'), { input: consultationInput(centreId, participantId, { date: futureDate }) }, 'BAD_USER_INPUT', 'date');
  });

  it('given a malformed date, when a consultation is recorded, then BAD_USER_INPUT on date', async () => {
    await expectRejected(server(), op('RecordLegalConsultation'), { input: consultationInput(centreId, participantId, { date: '2025-13-01' }) }, 'BAD_USER_INPUT', 'date');
  });

  it('given a topic the enum does not have, when a consultation is recorded, then BAD_USER_INPUT on topic', async () => {
    await expectRejected(server(), op('RecordLegalConsultation'), { input: consultationInput(centreId, participantId, { topic: 'DIVORCE' }) }, 'BAD_USER_INPUT', 'topic');
  });

  it.each([UNKNOWN_UUID, ...GARBAGE_IDS])('given a participantId that names nothing (%s), when a consultation is recorded, then NOT_FOUND on participantId', async (id) => {
    await expectRejected(server(), op('RecordLegalConsultation'), { input: consultationInput(centreId, id) }, 'NOT_FOUND', 'participantId');
  });

  it.each([UNKNOWN_UUID, ...GARBAGE_IDS])('given a centreId that names nothing (%s), when a consultation is recorded, then NOT_FOUND on centreId', async (id) => {
    await expectRejected(server(), op('RecordLegalConsultation'), { input: consultationInput(id, participantId) }, 'NOT_FOUND', 'centreId');
  });
});

// =============================================================================================

describe('recordCulturalEvent', () => {
  const server = useServer();
  let centreId: string;
  beforeAll(async () => {
    centreId = (await openCentre(server())).id;
  });

  it('given an audience, when a cultural event is recorded, then audienceTotal is the sum of the four counts', async () => {
    const s = server();
    const payload = await mutate(s, 'RecordCulturalEvent', culturalEventInput(centreId, { title: 'Vidovdan concert', date: '2025-02-20', audience: { women: 12, men: 8, girls: 15, boys: 9 } }));
    expect(payload.culturalEvent).toEqual({ id: expect.any(String), title: 'Vidovdan concert', date: '2025-02-20', audienceTotal: 44 });
    expect(payload.position).toMatch(/^\d+$/);
    expect(await centreSummary(s, centreId, '2025-02-20', '2025-02-20')).toMatchObject({ culturalEvents: 1, culturalEventAudience: 44 });
  });

  it('given an audience of zeros, when a cultural event is recorded, then it is accepted with audienceTotal 0', async () => {
    expect((await recordCulturalEvent(server(), centreId, { audience: { women: 0, men: 0, girls: 0, boys: 0 } })).audienceTotal).toBe(0);
  });

  it.each(['women', 'men', 'girls', 'boys'])('given a negative count of %s, when a cultural event is recorded, then BAD_USER_INPUT naming audience.%s', async (who) => {
    const audience = { women: 1, men: 1, girls: 1, boys: 1, [who]: -1 };
    await expectRejected(server(), op('RecordCulturalEvent'), { input: culturalEventInput(centreId, { audience }) }, 'BAD_USER_INPUT', `audience.${who}`);
  });

  it.each(['women', 'men', 'girls', 'boys'])('given a fractional count of %s, when a cultural event is recorded, then BAD_USER_INPUT naming audience.%s', async (who) => {
    const audience = { women: 1, men: 1, girls: 1, boys: 1, [who]: 2.5 };
    await expectRejected(server(), op('RecordCulturalEvent'), { input: culturalEventInput(centreId, { audience }) }, 'BAD_USER_INPUT', `audience.${who}`);
  });

  it('given an audience without boys, when a cultural event is recorded, then BAD_USER_INPUT naming audience.boys', async () => {
    await expectRejected(server(), op('RecordCulturalEvent'), { input: culturalEventInput(centreId, { audience: { women: 1, men: 1, girls: 1 } }) }, 'BAD_USER_INPUT', 'audience.boys');
  });

  it('given a blank title, when a cultural event is recorded, then BAD_USER_INPUT on title', async () => {
    await expectRejected(server(), op('RecordCulturalEvent'), { input: culturalEventInput(centreId, { title: '   ' }) }, 'BAD_USER_INPUT', 'title');
  });

  it('given a future date, when a cultural event is recorded, then BAD_USER_INPUT on date', async () => {
    await expectRejected(server(), op('RecordCulturalEvent'), { input: culturalEventInput(centreId, { date: futureDate }) }, 'BAD_USER_INPUT', 'date');
  });

  it('given a malformed date, when a cultural event is recorded, then BAD_USER_INPUT on date', async () => {
    await expectRejected(server(), op('RecordCulturalEvent'), { input: culturalEventInput(centreId, { date: '20250314' }) }, 'BAD_USER_INPUT', 'date');
  });

  it.each([UNKNOWN_UUID, ...GARBAGE_IDS])('given a centreId that names nothing (%s), when a cultural event is recorded, then NOT_FOUND on centreId', async (id) => {
    await expectRejected(server(), op('RecordCulturalEvent'), { input: culturalEventInput(id) }, 'NOT_FOUND', 'centreId');
  });
});

// =============================================================================================

describe('queries with ids that name nothing, and malformed arguments', () => {
  const server = useServer();

  it.each([UNKNOWN_UUID, ...GARBAGE_IDS])('given a centre id that names nothing (%s), when the centre dashboard is read, then NOT_FOUND', async (id) => {
    const response = await send(server(), op('CentreDashboard'), { id });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(response.body.data?.centre ?? null).toBeNull();
  });

  it.each([UNKNOWN_UUID, ...GARBAGE_IDS])('given a participant id that names nothing (%s), when participation is read, then NOT_FOUND', async (id) => {
    const response = await send(server(), op('ParticipantParticipation'), { id });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(response.body.data?.participant ?? null).toBeNull();
  });

  it.each(['14.03.2025', '2025-02-30', 'last week', '2025-03-14T00:00:00Z'])(
    'given the malformed Date %j as the summary bound `from`, when the programme dashboard is read, then BAD_USER_INPUT on from',
    async (from) => {
      const response = await send(server(), op('ProgrammeDashboard'), { from, to: null });
      expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
    },
  );

  it('given the malformed Date as the centre summary bound `to`, when the centre dashboard is read, then BAD_USER_INPUT on to', async () => {
    const s = server();
    const { id } = await openCentre(s);
    const response = await send(s, op('CentreDashboard'), { id, to: '2025/03/14' });
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });

  it('given no value for the required variable $id, when the centre dashboard is read, then BAD_USER_INPUT on id', async () => {
    const response = await send(server(), op('CentreDashboard'), {});
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('given no token, when a contract mutation is sent, then UNAUTHENTICATED and nothing is stored', async () => {
    const s = server();
    const before = s.eventCount();
    const response = await s.gql(op('OpenCentre'), { input: centreInput() }, { token: null });
    checkErrors(response.body.errors);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(s.eventCount()).toBe(before);
  });

  it('given a document with a syntax error, when it is sent, then the error has a code', async () => {
    const response = await send(server(), 'query { centres { id ');
    expect(response.body.errors?.length).toBeGreaterThan(0);
  });

  it('given a document asking for a field that does not exist, when it is sent, then the error has a code', async () => {
    const response = await send(server(), 'query { centres { id colour } }');
    expect(response.body.errors?.length).toBeGreaterThan(0);
  });
});

// =============================================================================================

describe('summaries', () => {
  const server = useFreshServer();

  /**
   * Centre A: Amina (F, returnee) and Marko (M, local); centre B: Lena (OTHER, returnee), and
   * Amina attends at both. The period is 2025-03-01 .. 2025-03-14; things on both bounds count.
   */
  async function scenario(s: TestServer) {
    const a = (await openCentre(s, { name: 'A Kraljevo' })).id;
    const b = (await openCentre(s, { name: 'B Novi Pazar' })).id;
    const amina = (await registerParticipant(s, a, { givenName: 'Amina', sex: 'FEMALE', group: 'RETURNEE' })).id;
    const marko = (await registerParticipant(s, a, { givenName: 'Marko', sex: 'MALE', group: 'LOCAL', birthYear: 2013 })).id;
    const lena = (await registerParticipant(s, b, { givenName: 'Lena', sex: 'OTHER', group: 'RETURNEE', birthYear: 2011 })).id;

    // In the period at A: 2025-03-01 (bound) Amina+Marko, 2025-03-14 (bound) Amina. At B: 2025-03-12 Amina+Lena.
    await heldWorkshop(s, a, '2025-03-01T09:00:00+01:00', [amina, marko]);
    await heldWorkshop(s, a, '2025-03-14T18:00:00+01:00', [amina], 'SCHOOL_SUPPORT');
    await heldWorkshop(s, b, '2025-03-12T10:00:00+01:00', [amina, lena]);
    // Outside the period: 2025-02-28 and 2025-03-15 at A.
    await heldWorkshop(s, a, '2025-02-28T10:00:00+01:00', [marko]);
    await heldWorkshop(s, a, '2025-03-15T10:00:00+01:00', [marko]);
    // Not held: scheduled without attendees, cancelled, and one whose only attendee was removed.
    await scheduleWorkshop(s, a, { startsAt: '2025-03-10T10:00:00+01:00' });
    const cancelled = await scheduleWorkshop(s, a, { startsAt: '2025-03-11T10:00:00+01:00' });
    await mutate(s, 'CancelWorkshop', { workshopId: cancelled.id, reason: 'no room' });
    const emptied = await heldWorkshop(s, a, '2025-03-12T10:00:00+01:00', [marko]);
    await removeAttendance(s, emptied.id, marko);

    const jelena = (await registerVolunteer(s, a)).id;
    await logHours(s, jelena, a, { date: '2025-03-14', hours: 3.5 });
    await logHours(s, jelena, b, { date: '2025-03-01', hours: 2 });
    await logHours(s, jelena, a, { date: '2025-03-15', hours: 4 });
    await logHours(s, jelena, a, { date: '2025-02-28', hours: 1.25 });

    await recordConsultation(s, a, amina, { date: '2025-03-10' });
    await recordConsultation(s, b, lena, { date: '2025-03-01', topic: 'RESIDENCE_REGISTRATION' });
    await recordConsultation(s, a, marko, { date: '2025-04-01', topic: 'EDUCATION' });

    await recordCulturalEvent(s, a, { date: '2025-03-08', audience: { women: 10, men: 5, girls: 7, boys: 3 } }); // 25
    await recordCulturalEvent(s, b, { date: '2025-03-14', audience: { women: 1, men: 2, girls: 3, boys: 4 } }); // 10
    await recordCulturalEvent(s, a, { date: '2025-02-28', audience: { women: 1, men: 1, girls: 1, boys: 1 } }); // 4, outside

    return { a, b, amina, marko, lena };
  }

  it('given activity in and around a period, when the centre summaries are read for it, then each counts its own activity with both bounds included', async () => {
    const s = server();
    const { a, b } = await scenario(s);
    expect(await centreSummary(s, a, '2025-03-01', '2025-03-14')).toEqual(
      summaryOf({
        workshopsHeld: 2,
        attendances: 3,
        uniqueParticipants: 2,
        uniqueParticipantsBySex: { female: 1, male: 1, other: 0 },
        uniqueReturnees: 1,
        volunteerHours: 3.5,
        legalConsultations: 1,
        culturalEvents: 1,
        culturalEventAudience: 25,
      }),
    );
    expect(await centreSummary(s, b, '2025-03-01', '2025-03-14')).toEqual(
      summaryOf({
        workshopsHeld: 1,
        attendances: 2,
        uniqueParticipants: 2,
        uniqueParticipantsBySex: { female: 1, male: 0, other: 1 },
        uniqueReturnees: 2,
        volunteerHours: 2,
        legalConsultations: 1,
        culturalEvents: 1,
        culturalEventAudience: 10,
      }),
    );
  });

  it('given a participant who attended at two centres, when the programme summary is read, then they count once in uniqueParticipants', async () => {
    const s = server();
    await scenario(s);
    const data = await ok(s, op('ProgrammeDashboard'), { from: '2025-03-01', to: '2025-03-14' });
    expect(data.summary).toEqual(
      summaryOf({
        workshopsHeld: 3,
        attendances: 5,
        uniqueParticipants: 3,
        uniqueParticipantsBySex: { female: 1, male: 1, other: 1 },
        uniqueReturnees: 2,
        volunteerHours: 5.5,
        legalConsultations: 2,
        culturalEvents: 2,
        culturalEventAudience: 35,
      }),
    );
    const perCentre = data.centres.map((c: { summary: { uniqueParticipants: number } }) => c.summary.uniqueParticipants);
    expect(perCentre.reduce((x: number, y: number) => x + y, 0)).toBe(4);
  });

  it('given the programme dashboard, when it is read, then it lists every centre by name with the summary the centre dashboard gives', async () => {
    const s = server();
    const { a, b } = await scenario(s);
    const data = await ok(s, op('ProgrammeDashboard'), { from: '2025-03-01', to: '2025-03-14' });
    expect(data.centres.map((c: { id: string; name: string }) => [c.id, c.name])).toEqual([
      [a, 'A Kraljevo'],
      [b, 'B Novi Pazar'],
    ]);
    for (const centre of data.centres) expect(centre.summary).toEqual(await centreSummary(s, centre.id, '2025-03-01', '2025-03-14'));
  });

  it('given no bounds, when the summaries are read, then everything counts', async () => {
    const s = server();
    const { a } = await scenario(s);
    expect(await centreSummary(s, a)).toEqual(
      summaryOf({
        workshopsHeld: 4,
        attendances: 5,
        uniqueParticipants: 2,
        uniqueParticipantsBySex: { female: 1, male: 1, other: 0 },
        uniqueReturnees: 1,
        volunteerHours: 8.75,
        legalConsultations: 2,
        culturalEvents: 2,
        culturalEventAudience: 29,
      }),
    );
    expect(await programmeSummary(s)).toEqual(
      summaryOf({
        workshopsHeld: 5,
        attendances: 7,
        uniqueParticipants: 3,
        uniqueParticipantsBySex: { female: 1, male: 1, other: 1 },
        uniqueReturnees: 2,
        volunteerHours: 10.75,
        legalConsultations: 3,
        culturalEvents: 3,
        culturalEventAudience: 39,
      }),
    );
  });

  it('given only a lower bound, when the centre summary is read, then it counts from that date on', async () => {
    const s = server();
    const { a } = await scenario(s);
    expect(await centreSummary(s, a, '2025-03-14', null)).toEqual(
      summaryOf({
        workshopsHeld: 2,
        attendances: 2,
        uniqueParticipants: 2,
        uniqueParticipantsBySex: { female: 1, male: 1, other: 0 },
        uniqueReturnees: 1,
        volunteerHours: 7.5,
        legalConsultations: 1,
        culturalEvents: 0,
        culturalEventAudience: 0,
      }),
    );
  });

  it('given only an upper bound, when the centre summary is read, then it counts up to and including that date', async () => {
    const s = server();
    const { a } = await scenario(s);
    expect(await centreSummary(s, a, null, '2025-03-01')).toEqual(
      summaryOf({
        workshopsHeld: 2,
        attendances: 3,
        uniqueParticipants: 2,
        uniqueParticipantsBySex: { female: 1, male: 1, other: 0 },
        uniqueReturnees: 1,
        volunteerHours: 1.25,
        legalConsultations: 0,
        culturalEvents: 1,
        culturalEventAudience: 4,
      }),
    );
  });

  it('given a one-day period, when the summaries are read, then only that day counts', async () => {
    const s = server();
    const { a } = await scenario(s);
    expect(await centreSummary(s, a, '2025-03-14', '2025-03-14')).toMatchObject({ workshopsHeld: 1, attendances: 1, volunteerHours: 3.5 });
    expect(await programmeSummary(s, '2025-03-14', '2025-03-14')).toMatchObject({ workshopsHeld: 1, culturalEvents: 1, culturalEventAudience: 10 });
  });

  it('given a period with nothing in it, when the summaries are read, then every figure is 0', async () => {
    const s = server();
    const { a } = await scenario(s);
    expect(await centreSummary(s, a, '2024-01-01', '2024-12-31')).toEqual(emptySummary);
    expect(await programmeSummary(s, '2024-01-01', '2024-12-31')).toEqual(emptySummary);
  });

  it('given a new deployment, when the programme dashboard is read, then the summary is all zeros and there are no centres', async () => {
    const data = await ok(server(), op('ProgrammeDashboard'), {});
    expect(data).toEqual({ summary: emptySummary, centres: [] });
  });

  it('given a workshop at 2025-03-14T23:30:00Z, when summaries are read in Europe/Belgrade, then it counts on 2025-03-15, outside a period ending 2025-03-14', async () => {
    const s = server();
    const a = (await openCentre(s)).id;
    const amina = (await registerParticipant(s, a)).id;
    const workshop = await heldWorkshop(s, a, '2025-03-14T23:30:00Z', [amina]);
    expect((await ok(s, WORKSHOP_QUERY, { id: workshop.id })).workshop.date).toBe('2025-03-15');
    expect((await centreSummary(s, a, '2025-03-01', '2025-03-14')).workshopsHeld).toBe(0);
    expect((await programmeSummary(s, '2025-03-01', '2025-03-14')).workshopsHeld).toBe(0);
    expect((await centreSummary(s, a, '2025-03-15', '2025-03-15')).workshopsHeld).toBe(1);
    expect((await participation(s, amina)).participation).toMatchObject({ firstAttendedOn: '2025-03-15', lastAttendedOn: '2025-03-15' });
  });

  it('given a workshop at 23:30 local time with an offset, when summaries are read, then it counts on its local date', async () => {
    const s = server();
    const a = (await openCentre(s)).id;
    const amina = (await registerParticipant(s, a)).id;
    await heldWorkshop(s, a, '2025-03-14T23:30:00+01:00', [amina]);
    expect((await centreSummary(s, a, '2025-03-14', '2025-03-14')).workshopsHeld).toBe(1);
  });

  it('given a summer-time instant, when summaries are read, then the local date uses the summer offset (+02:00)', async () => {
    const s = server();
    const a = (await openCentre(s)).id;
    const amina = (await registerParticipant(s, a)).id;
    const workshop = await heldWorkshop(s, a, '2025-07-01T22:30:00Z', [amina]);
    expect((await ok(s, WORKSHOP_QUERY, { id: workshop.id })).workshop.date).toBe('2025-07-02');
  });
});

describe('summaries in another time zone', () => {
  const server = useServer({ env: { TZ: 'UTC' } });

  it('given TZ=UTC, when a workshop at 2025-03-14T23:30:00Z is summarised, then it counts on 2025-03-14', async () => {
    const s = server();
    const a = (await openCentre(s)).id;
    const amina = (await registerParticipant(s, a)).id;
    await heldWorkshop(s, a, '2025-03-14T23:30:00Z', [amina]);
    expect((await centreSummary(s, a, '2025-03-01', '2025-03-14')).workshopsHeld).toBe(1);
  });
});

// =============================================================================================

describe('participation', () => {
  const server = useServer();
  let a: string;
  let b: string;
  beforeAll(async () => {
    a = (await openCentre(server())).id;
    b = (await openCentre(server())).id;
  });

  it('given a participant with no sessions or consultations, when participation is read, then counts are 0 and dates null', async () => {
    const s = server();
    const p = await registerParticipant(s, a);
    expect(await participation(s, p.id)).toEqual({
      id: p.id,
      code: p.code,
      participation: { sessionsAttended: 0, byKind: [], firstAttendedOn: null, lastAttendedOn: null, legalConsultations: 0 },
    });
  });

  it('given sessions of two kinds at two centres and consultations, when participation is read, then it counts sessions, kinds, first and last dates', async () => {
    const s = server();
    const p = await registerParticipant(s, a);
    await heldWorkshop(s, a, '2025-02-14T16:00:00+01:00', [p.id], 'PSYCHOSOCIAL');
    await heldWorkshop(s, b, '2025-01-09T10:00:00+01:00', [p.id], 'SCHOOL_SUPPORT');
    await heldWorkshop(s, a, '2025-03-14T16:00:00+01:00', [p.id], 'PSYCHOSOCIAL');
    // Recorded twice: still one session.
    const again = await heldWorkshop(s, b, '2025-02-01T10:00:00+01:00', [p.id], 'PSYCHOSOCIAL');
    await recordAttendance(s, again.id, [p.id]);
    // Removed: not a session.
    const removed = await heldWorkshop(s, a, '2025-04-01T10:00:00+02:00', [p.id], 'PARENTING');
    await removeAttendance(s, removed.id, p.id);
    await recordConsultation(s, a, p.id, { date: '2025-02-02' });
    await recordConsultation(s, b, p.id, { date: '2025-02-03' });

    const read = (await participation(s, p.id)).participation;
    expect(read.sessionsAttended).toBe(4);
    expect([...read.byKind].sort((x: { kind: string }, y: { kind: string }) => x.kind.localeCompare(y.kind))).toEqual([
      { kind: 'PSYCHOSOCIAL', sessions: 3 },
      { kind: 'SCHOOL_SUPPORT', sessions: 1 },
    ]);
    expect(read.firstAttendedOn).toBe('2025-01-09');
    expect(read.lastAttendedOn).toBe('2025-03-14');
    expect(read.legalConsultations).toBe(2);
  });

  it('given only consultations, when participation is read, then sessions are 0, dates null and consultations counted', async () => {
    const s = server();
    const p = await registerParticipant(s, a, { birthYear: 1975 });
    await recordConsultation(s, b, p.id, { date: '2025-01-05' });
    expect((await participation(s, p.id)).participation).toEqual({
      sessionsAttended: 0,
      byKind: [],
      firstAttendedOn: null,
      lastAttendedOn: null,
      legalConsultations: 1,
    });
  });
});

// =============================================================================================

describe('idempotent commandId', () => {
  const server = useServer();
  let centreId: string;
  let participantId: string;
  let volunteerId: string;
  beforeAll(async () => {
    const s = server();
    centreId = (await openCentre(s)).id;
    participantId = (await registerParticipant(s, centreId)).id;
    volunteerId = (await registerVolunteer(s, centreId)).id;
  });

  const cases: [CoreOperationName, () => Promise<Record<string, unknown>>, () => Promise<Record<string, unknown>>][] = [
    ['OpenCentre', async () => centreInput({ name: 'Retry centre' }), async () => centreInput({ name: 'Another centre' })],
    ['RegisterParticipant', async () => participantInput(centreId), async () => participantInput(centreId, { birthYear: 2001 })],
    ['ScheduleWorkshop', async () => workshopInput(centreId, { title: 'Retry' }), async () => workshopInput(centreId, { title: 'Other' })],
    [
      'RecordAttendance',
      async () => ({ workshopId: (await scheduleWorkshop(server(), centreId)).id, participantIds: [participantId] }),
      async () => ({ workshopId: (await scheduleWorkshop(server(), centreId)).id, participantIds: [participantId] }),
    ],
    [
      'CancelWorkshop',
      async () => ({ workshopId: (await scheduleWorkshop(server(), centreId)).id, reason: 'rain' }),
      async () => ({ workshopId: (await scheduleWorkshop(server(), centreId)).id, reason: 'rain' }),
    ],
    ['RegisterVolunteer', async () => ({ centreId, name: 'Retry' }), async () => ({ centreId, name: 'Other' })],
    ['LogVolunteerHours', async () => hoursInput(volunteerId, centreId, { date: '2025-03-01', hours: 8 }), async () => hoursInput(volunteerId, centreId, { date: '2025-03-01', hours: 9 })],
    ['RecordLegalConsultation', async () => consultationInput(centreId, participantId), async () => consultationInput(centreId, participantId, { topic: 'OTHER' })],
    ['RecordCulturalEvent', async () => culturalEventInput(centreId, { title: 'Retry' }), async () => culturalEventInput(centreId, { title: 'Other' })],
  ];

  it.each(cases)('given %s sent with a commandId, when it is sent again with the same input, then the answer is the same and nothing new is stored', async (name, makeInput) => {
    const s = server();
    const commandId = randomUUID();
    const input = { ...(await makeInput()), commandId };
    const first = await ok(s, op(name), { input });
    const count = s.eventCount();
    const second = await ok(s, op(name), { input });
    expect(second).toEqual(first);
    expect(s.eventCount()).toBe(count);
  });

  it.each(cases)('given %s sent with a commandId, when other input is sent with the same commandId, then CONFLICT and nothing is stored', async (name, makeInput, makeOther) => {
    const s = server();
    const commandId = randomUUID();
    await ok(s, op(name), { input: { ...(await makeInput()), commandId } });
    await expectRejected(s, op(name), { input: { ...(await makeOther()), commandId } }, 'CONFLICT');
  });

  it('given a commandId used by one mutation, when another mutation sends it, then CONFLICT', async () => {
    const s = server();
    const commandId = randomUUID();
    await ok(s, op('RegisterVolunteer'), { input: { centreId, name: 'Ivana', commandId } });
    await expectRejected(s, op('OpenCentre'), { input: { ...centreInput(), commandId } }, 'CONFLICT');
  });

  it('given volunteer hours retried with the same commandId, when the summary is read, then the hours count once', async () => {
    const s = server();
    const input = { ...hoursInput(volunteerId, centreId, { date: '2025-03-03', hours: 8 }), commandId: randomUUID() };
    await ok(s, op('LogVolunteerHours'), { input });
    await ok(s, op('LogVolunteerHours'), { input });
    await ok(s, op('LogVolunteerHours'), { input });
    expect((await centreSummary(s, centreId, '2025-03-03', '2025-03-03')).volunteerHours).toBe(8);
  });

  it('given a rejected command with a commandId, when it is corrected and sent with the same commandId, then it is accepted', async () => {
    const s = server();
    const commandId = randomUUID();
    await expectRejected(s, op('RegisterVolunteer'), { input: { centreId, name: '  ', commandId } }, 'BAD_USER_INPUT', 'name');
    expect((await ok(s, op('RegisterVolunteer'), { input: { centreId, name: 'Sanja', commandId } })).registerVolunteer.volunteer.id).toEqual(expect.any(String));
  });

  it.each(cases)('given %s retried concurrently (5 identical requests with one commandId), when they are answered, then all get the same answer and it is stored once', async (name, makeInput) => {
    const s = server();
    const input = { ...(await makeInput()), commandId: randomUUID() };
    // Each of these commands stores exactly one event when it is accepted.
    const before = s.eventCount();
    const responses = await Promise.all(Array.from({ length: 5 }, () => send(s, op(name), { input })));
    for (const response of responses) expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
    const answers = responses.map((r) => JSON.stringify(r.body.data));
    expect(new Set(answers).size, answers.join('\n')).toBe(1);
    const stored = s.eventCount() - before;
    expect(stored).toBe(1);
  });
});

// =============================================================================================

describe('position and read-your-writes', () => {
  const server = useServer();

  it('given a series of mutations, when each answers, then position is a string of digits that grows', async () => {
    const s = server();
    const positions: string[] = [];
    const centre = await mutate(s, 'OpenCentre', centreInput());
    positions.push(centre.position);
    const participant = await mutate(s, 'RegisterParticipant', participantInput(centre.centre.id));
    positions.push(participant.position);
    const workshop = await mutate(s, 'ScheduleWorkshop', workshopInput(centre.centre.id));
    positions.push(workshop.position);
    positions.push((await mutate(s, 'RecordAttendance', { workshopId: workshop.workshop.id, participantIds: [participant.participant.id] })).position);
    const volunteer = await mutate(s, 'RegisterVolunteer', { centreId: centre.centre.id, name: 'Milica' });
    positions.push(volunteer.position);
    positions.push((await mutate(s, 'LogVolunteerHours', hoursInput(volunteer.volunteer.id, centre.centre.id))).position);
    positions.push((await mutate(s, 'RecordLegalConsultation', consultationInput(centre.centre.id, participant.participant.id))).position);
    positions.push((await mutate(s, 'RecordCulturalEvent', culturalEventInput(centre.centre.id))).position);
    for (const position of positions) expect(position).toMatch(/^\d+$/);
    for (let i = 1; i < positions.length; i++) expect(BigInt(positions[i]!)).toBeGreaterThan(BigInt(positions[i - 1]!));
  });

  it('given a mutation has answered, when viewsPosition is read, then it has reached the mutation position', async () => {
    const s = server();
    const { position } = await mutate(s, 'OpenCentre', centreInput());
    const viewsPosition = (await ok(s, '{ viewsPosition }')).viewsPosition;
    expect(viewsPosition).toMatch(/^\d+$/);
    expect(BigInt(viewsPosition)).toBeGreaterThanOrEqual(BigInt(position));
  });

  it('given a mutation has answered, when a query is sent right after, then it sees the effect every time', async () => {
    const s = server();
    const centreId = (await openCentre(s)).id;
    const workshop = await scheduleWorkshop(s, centreId, { startsAt: '2025-03-02T10:00:00+01:00' });
    for (let i = 1; i <= 15; i++) {
      const p = await registerParticipant(s, centreId, { givenName: `Child ${i}`, sex: i % 2 ? 'FEMALE' : 'MALE' });
      await recordAttendance(s, workshop.id, [p.id]);
      const summary = await centreSummary(s, centreId, '2025-03-02', '2025-03-02');
      expect(summary.attendances).toBe(i);
      expect(summary.uniqueParticipants).toBe(i);
      expect((await participation(s, p.id)).participation.sessionsAttended).toBe(1);
    }
    const volunteer = await registerVolunteer(s, centreId);
    for (let i = 1; i <= 5; i++) {
      await logHours(s, volunteer.id, centreId, { date: `2025-03-0${i}`, hours: 1.5 });
      expect((await centreSummary(s, centreId)).volunteerHours).toBe(1.5 * i);
    }
    const opened = await openCentre(s);
    const centres = (await ok(s, op('ProgrammeDashboard'), {})).centres.map((c: { id: string }) => c.id);
    expect(centres).toContain(opened.id);
  });
});

// =============================================================================================

describe('restart and rebuilt views', () => {
  const server = useServer();

  const LISTS = /* GraphQL */ `
    query Lists {
      centres {
        id
        name
        participants { id code sex birthYear group centre { id } }
        workshops { id date status attendeeCount attendees { id } }
        volunteers { id }
        volunteerHours { id date hours activity centre { id } volunteer { id } }
        legalConsultations { id date topic participant { id } }
        culturalEvents { id date title audienceTotal audience { women men girls boys } }
      }
    }
  `;

  async function readEverything(s: TestServer, centreIds: string[]) {
    const dashboards = [];
    for (const period of [{ from: null, to: null }, { from: '2025-03-01', to: '2025-03-14' }, { from: '2025-03-15', to: null }]) {
      dashboards.push(await ok(s, op('ProgrammeDashboard'), period));
      for (const id of centreIds) dashboards.push(await ok(s, op('CentreDashboard'), { id, ...period }));
    }
    return { dashboards, lists: await ok(s, LISTS) };
  }

  it('given a realistic set of activity, when the server restarts and then rebuilds its views from the log, then both dashboards read the same', async () => {
    const s = server();
    const kraljevo = (await openCentre(s, { name: 'Kraljevo', municipality: 'Kraljevo', district: 'Raški' })).id;
    const pazar = (await openCentre(s, { name: 'Novi Pazar', municipality: 'Novi Pazar', district: 'Raški' })).id;
    const children = [];
    for (let i = 0; i < 12; i++) {
      const centre = i % 3 === 0 ? pazar : kraljevo;
      children.push(
        (await registerParticipant(s, centre, { givenName: `Dete ${i}`, sex: ['FEMALE', 'MALE', 'OTHER'][i % 3], group: i % 2 ? 'LOCAL' : 'RETURNEE', birthYear: 2010 + (i % 8) })).id,
      );
    }
    const kinds = ['PSYCHOSOCIAL', 'SCHOOL_SUPPORT', 'INCLUSIVE', 'PARENTING'];
    for (let day = 1; day <= 20; day++) {
      const centre = day % 4 === 0 ? pazar : kraljevo;
      const date = `2025-03-${String(day).padStart(2, '0')}`;
      const workshop = await scheduleWorkshop(s, centre, { startsAt: `${date}T${day % 5 === 0 ? '23:30:00Z' : '16:00:00+01:00'}`, kind: kinds[day % 4] });
      const attendees = children.filter((_, i) => (i + day) % 3 === 0);
      if (day % 7 === 0) {
        await mutate(s, 'CancelWorkshop', { workshopId: workshop.id, reason: 'school holiday' });
        continue;
      }
      await recordAttendance(s, workshop.id, attendees);
      if (day % 6 === 0) await removeAttendance(s, workshop.id, attendees[0]!);
    }
    const volunteers = [(await registerVolunteer(s, kraljevo, 'Ana')).id, (await registerVolunteer(s, pazar, 'Emir')).id];
    for (let day = 1; day <= 14; day++) {
      await logHours(s, volunteers[day % 2]!, day % 3 ? kraljevo : pazar, { date: `2025-03-${String(day).padStart(2, '0')}`, hours: 1 + (day % 4) * 0.75 });
    }
    for (let i = 0; i < 6; i++) {
      await recordConsultation(s, i % 2 ? pazar : kraljevo, children[i]!, { date: `2025-03-${String(2 + i * 3).padStart(2, '0')}`, topic: i % 2 ? 'CITIZENSHIP' : 'PERSONAL_DOCUMENTS' });
    }
    await recordCulturalEvent(s, kraljevo, { date: '2025-03-08', audience: { women: 30, men: 12, girls: 20, boys: 18 } });
    await recordCulturalEvent(s, pazar, { date: '2025-03-15', audience: { women: 5, men: 5, girls: 9, boys: 11 } });

    const centres = [kraljevo, pazar];
    const before = await readEverything(s, centres);
    const events = s.eventCount();
    expect(before.dashboards[0].summary.workshopsHeld).toBeGreaterThan(10);

    await s.restart();
    expect(s.eventCount()).toBe(events);
    expect(await readEverything(s, centres)).toEqual(before);

    await s.restart({
      whileStopped: () => {
        for (const suffix of ['', '-wal', '-shm']) rmSync(join(s.dataDir, `views.db${suffix}`), { force: true });
      },
    });
    expect(s.eventCount()).toBe(events);
    expect(await readEverything(s, centres)).toEqual(before);

    // And it keeps working: positions keep growing and new codes stay unique.
    const last = await mutate(s, 'RegisterParticipant', participantInput(kraljevo));
    expect(BigInt(last.position)).toBeGreaterThanOrEqual(BigInt(events));
    const codes = (await ok(s, LISTS)).centres.flatMap((c: { participants: { code: string }[] }) => c.participants.map((p) => p.code));
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('given a commandId answered before a restart, when it is retried after the restart, then the same answer comes back and nothing is stored', async () => {
    const s = server();
    const input = { ...centreInput({ name: 'Retried after restart' }), commandId: randomUUID() };
    const first = await ok(s, op('OpenCentre'), { input });
    await s.restart();
    const count = s.eventCount();
    expect(await ok(s, op('OpenCentre'), { input })).toEqual(first);
    expect(s.eventCount()).toBe(count);
  });
});

// =============================================================================================

describe('the lists our schema offers', () => {
  const server = useServer();
  let a: string;
  let b: string;
  let amina: { id: string; code: string };
  let marko: { id: string; code: string };
  let lena: { id: string; code: string };
  let early: string;
  let late: string;
  let outside: string;
  let volunteerId: string;

  beforeAll(async () => {
    const s = server();
    b = (await openCentre(s, { name: 'Zaječar', municipality: 'Zaječar', district: 'Zaječarski' })).id;
    a = (await openCentre(s, { name: 'Bujanovac', municipality: 'Bujanovac', district: 'Pčinjski' })).id;
    amina = await registerParticipant(s, a, { givenName: 'Amina' });
    marko = await registerParticipant(s, a, { givenName: 'Marko', sex: 'MALE', group: 'LOCAL' });
    lena = await registerParticipant(s, b, { givenName: 'Lena', sex: 'OTHER' });
    late = (await heldWorkshop(s, a, '2025-03-14T16:00:00+01:00', [amina.id, lena.id])).id;
    early = (await heldWorkshop(s, a, '2025-03-10T09:00:00+01:00', [marko.id])).id;
    outside = (await heldWorkshop(s, a, '2025-04-01T09:00:00+02:00', [marko.id])).id;
    volunteerId = (await registerVolunteer(s, a, 'Ana Jovanović')).id;
    await logHours(s, volunteerId, a, { date: '2025-03-11', hours: 2, activity: 'reading club' });
    await logHours(s, volunteerId, b, { date: '2025-03-12', hours: 3, activity: 'football' });
    await recordConsultation(s, a, amina.id, { date: '2025-03-13', topic: 'HEALTH_INSURANCE' });
    await recordCulturalEvent(s, b, { title: 'Film night', date: '2025-03-09', audience: { women: 4, men: 3, girls: 2, boys: 1 } });
  });

  it('given two centres, when centres are listed, then both come back by name', async () => {
    const centres = (await ok(server(), '{ centres { id name municipality district } }')).centres;
    expect(centres).toEqual([
      { id: a, name: 'Bujanovac', municipality: 'Bujanovac', district: 'Pčinjski' },
      { id: b, name: 'Zaječar', municipality: 'Zaječar', district: 'Zaječarski' },
    ]);
  });

  it('given participants registered at a centre, when centre.participants is read, then exactly they come back with their codes', async () => {
    const centre = (await ok(server(), `query($id: ID!) { centre(id: $id) { participants { id code sex group givenName familyName centre { id } } } }`, { id: a })).centre;
    const byId = new Map(centre.participants.map((p: { id: string }) => [p.id, p]));
    expect([...byId.keys()].sort()).toEqual([amina.id, marko.id].sort());
    expect(byId.get(amina.id)).toEqual({ id: amina.id, code: amina.code, sex: 'FEMALE', group: 'RETURNEE', givenName: 'Amina', familyName: expect.stringMatching(/^Krasniqi \d+$/), centre: { id: a } });
    expect(byId.get(marko.id)).toMatchObject({ code: marko.code, sex: 'MALE', group: 'LOCAL', givenName: 'Marko' });
  });

  it('given a code, when participantByCode is read, then it finds the participant', async () => {
    const found = (await ok(server(), `query($code: String!) { participantByCode(code: $code) { id } }`, { code: lena.code })).participantByCode;
    expect(found).toEqual({ id: lena.id });
  });

  it('given workshops inside and outside a date range, when workshops are listed for it, then those in range come back in order of start with their attendees', async () => {
    const s = server();
    const query = `query($centreId: ID!, $from: Date, $to: Date) {
      workshops(centreId: $centreId, from: $from, to: $to) { id date status attendeeCount attendees { id } centre { id } }
      centre(id: $centreId) { workshops(from: $from, to: $to) { id } }
    }`;
    const data = await ok(s, query, { centreId: a, from: '2025-03-10', to: '2025-03-14' });
    expect(data.workshops.map((w: { id: string }) => w.id)).toEqual([early, late]);
    expect(data.centre.workshops.map((w: { id: string }) => w.id)).toEqual([early, late]);
    expect(data.workshops[1].attendees.map((p: { id: string }) => p.id).sort()).toEqual([amina.id, lena.id].sort());
    expect(data.workshops[1]).toMatchObject({ date: '2025-03-14', status: 'HELD', attendeeCount: 2, centre: { id: a } });
    expect(data.workshops[0].attendees).toEqual([{ id: marko.id }]);
    const all = (await ok(s, `{ workshops { id } }`)).workshops.map((w: { id: string }) => w.id);
    expect(all).toEqual([early, late, outside]);
  });

  it('given hours at two centres, when volunteer hours are listed, then each centre lists its own and the volunteer lists both', async () => {
    const s = server();
    const data = await ok(
      s,
      `query($a: ID!, $b: ID, $v: ID!) {
        atA: volunteerHours(centreId: $a, from: "2025-03-01", to: "2025-03-31") { date hours activity volunteer { id } centre { id } }
        atB: volunteerHours(centreId: $b) { date hours activity }
        volunteer(id: $v) { name centre { id } hours { date hours } totalHours }
        centre(id: $a) { volunteers { id } volunteerHours { hours } }
      }`,
      { a, b, v: volunteerId },
    );
    expect(data.atA).toEqual([{ date: '2025-03-11', hours: 2, activity: 'reading club', volunteer: { id: volunteerId }, centre: { id: a } }]);
    expect(data.atB).toEqual([{ date: '2025-03-12', hours: 3, activity: 'football' }]);
    expect(data.volunteer).toEqual({ name: 'Ana Jovanović', centre: { id: a }, hours: [{ date: '2025-03-11', hours: 2 }, { date: '2025-03-12', hours: 3 }], totalHours: 5 });
    expect(data.centre).toEqual({ volunteers: [{ id: volunteerId }], volunteerHours: [{ hours: 2 }] });
  });

  it('given a consultation, when consultations are listed, then it comes back at its centre and on the participant', async () => {
    const data = await ok(
      server(),
      `query($a: ID, $b: ID, $p: ID!) {
        atA: legalConsultations(centreId: $a, from: "2025-03-13", to: "2025-03-13") { date topic outcome participant { id } centre { id } }
        atB: legalConsultations(centreId: $b) { id }
        participant(id: $p) { legalConsultations { topic } }
      }`,
      { a, b, p: amina.id },
    );
    expect(data.atA).toEqual([{ date: '2025-03-13', topic: 'HEALTH_INSURANCE', outcome: 'birth certificate requested', participant: { id: amina.id }, centre: { id: a } }]);
    expect(data.atB).toEqual([]);
    expect(data.participant.legalConsultations).toEqual([{ topic: 'HEALTH_INSURANCE' }]);
  });

  it('given a cultural event, when cultural events are listed, then it comes back with its audience', async () => {
    const data = await ok(
      server(),
      `query($b: ID) {
        culturalEvents(centreId: $b, from: "2025-03-01", to: "2025-03-31") { title date audience { women men girls boys } audienceTotal centre { id } }
        none: culturalEvents(centreId: $b, from: "2025-03-10") { id }
      }`,
      { b },
    );
    expect(data.culturalEvents).toEqual([{ title: 'Film night', date: '2025-03-09', audience: { women: 4, men: 3, girls: 2, boys: 1 }, audienceTotal: 10, centre: { id: b } }]);
    expect(data.none).toEqual([]);
  });

  it.each([UNKNOWN_UUID, 'not-an-id'])('given a centreId that names nothing (%s), when a list is read for it, then NOT_FOUND', async (centreId) => {
    const response = await send(server(), `query($c: ID) { workshops(centreId: $c) { id } }`, { c: centreId });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

// =============================================================================================

describe('corrections our schema offers', () => {
  const server = useServer();
  let centreId: string;
  let participantId: string;
  let volunteerId: string;
  beforeAll(async () => {
    const s = server();
    centreId = (await openCentre(s)).id;
    participantId = (await registerParticipant(s, centreId)).id;
    volunteerId = (await registerVolunteer(s, centreId)).id;
  });

  it('given logged hours, when they are retracted, then they stop counting; retracting again is a CONFLICT', async () => {
    const s = server();
    const entry = await logHours(s, volunteerId, centreId, { date: '2025-02-05', hours: 6 });
    const retract = `mutation($input: RetractVolunteerHoursInput!) { retractVolunteerHours(input: $input) { volunteer { id } position } }`;
    await ok(s, retract, { input: { entryId: entry.id, reason: 'logged twice' } });
    expect((await centreSummary(s, centreId, '2025-02-05', '2025-02-05')).volunteerHours).toBe(0);
    await expectRejected(s, retract, { input: { entryId: entry.id, reason: 'logged twice' } }, 'CONFLICT');
    await expectRejected(s, retract, { input: { entryId: UNKNOWN_UUID, reason: 'x' } }, 'NOT_FOUND');
    // The day's limit no longer counts the retracted entry.
    await logHours(s, volunteerId, centreId, { date: '2025-02-05', hours: 24 });
  });

  it('given a consultation, when it is retracted, then it stops counting for the centre and the participant', async () => {
    const s = server();
    const consultation = await recordConsultation(s, centreId, participantId, { date: '2025-02-06' });
    const retract = `mutation($input: RetractLegalConsultationInput!) { retractLegalConsultation(input: $input) { consultationId position } }`;
    expect((await ok(s, retract, { input: { consultationId: consultation.id, reason: 'wrong person' } })).retractLegalConsultation.consultationId).toBe(consultation.id);
    expect((await centreSummary(s, centreId, '2025-02-06', '2025-02-06')).legalConsultations).toBe(0);
    expect((await participation(s, participantId)).participation.legalConsultations).toBe(0);
    await expectRejected(s, retract, { input: { consultationId: 'not-an-id', reason: 'x' } }, 'NOT_FOUND');
  });

  it('given a cultural event, when its audience is corrected, then audienceTotal and the summary use the new count', async () => {
    const s = server();
    const event = await recordCulturalEvent(s, centreId, { date: '2025-02-07', audience: { women: 1, men: 1, girls: 1, boys: 1 } });
    const correct = `mutation($input: CorrectCulturalEventAudienceInput!) { correctCulturalEventAudience(input: $input) { culturalEvent { audienceTotal } position } }`;
    const corrected = await ok(s, correct, { input: { culturalEventId: event.id, reason: 'recount', audience: { women: 20, men: 10, girls: 5, boys: 5 } } });
    expect(corrected.correctCulturalEventAudience.culturalEvent.audienceTotal).toBe(40);
    expect((await centreSummary(s, centreId, '2025-02-07', '2025-02-07')).culturalEventAudience).toBe(40);
    await expectRejected(s, correct, { input: { culturalEventId: event.id, reason: 'recount', audience: { women: -1, men: 0, girls: 0, boys: 0 } } }, 'BAD_USER_INPUT', 'audience.women');
  });
});

describe('waiting for a position on another server', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer({ env: { READ_YOUR_WRITES_TIMEOUT_MS: '300' } });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('given a position the views have reached, when a query sends it in X-Await-Position, then it answers at once', async () => {
    const { body } = await s.gql(op('OpenCentre'), { input: { name: 'Pirot', municipality: 'Pirot', district: 'Pirotski' } });
    const position = body.data.openCentre.position as string;
    const read = await s.gql('{ viewsPosition centres { name } }', {}, { headers: { 'x-await-position': position } });
    expect(read.body.errors).toBeUndefined();
    expect(BigInt(read.body.data.viewsPosition)).toBeGreaterThanOrEqual(BigInt(position));
  });

  it('given a position beyond the log, when a query sends it, then after the bounded wait it is SERVICE_UNAVAILABLE, retryable', async () => {
    const read = await s.gql('{ viewsPosition }', {}, { headers: { 'x-await-position': '999999999' } });
    expect(read.status).toBe(503);
    expect(read.body.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
  });

  it('given a position that is not digits, then BAD_USER_INPUT naming the header', async () => {
    const read = await s.gql('{ viewsPosition }', {}, { headers: { 'x-await-position': 'soon' } });
    expect(read.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'x-await-position' });
  });
});
