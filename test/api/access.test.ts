import { uniqueFamilyName } from '../support/names.js';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateLocalSecret } from '../../src/auth/tokens.js';
import { loadContract } from '../support/operations.js';
import { startServer, type TestServer } from '../support/server.js';

/*
 * The contract's "Access" section over real HTTP: every row of its table for every role,
 * including the wrong centre and the wrong volunteer, erasure end to end, tokens and abuse.
 */

const core = loadContract('core.graphql');
const access = loadContract('access.graphql');

type Role = 'admin' | 'coordinator' | 'staffA' | 'staffB' | 'legalA' | 'legalB' | 'volunteerV' | 'volunteerW';
const everyone: readonly Role[] = ['admin', 'coordinator', 'staffA', 'staffB', 'legalA', 'legalB', 'volunteerV', 'volunteerW'];

let server: TestServer;
const tokens = {} as Record<Role, string>;
let centreA: string;
let centreB: string;
let participantA: string;
let volunteerV: string;
let n = 0;

async function asAdmin<T = any>(name: string, input: Record<string, unknown>, contract = core): Promise<T> {
  const { body } = await server.gql(contract.op(name), { input });
  if (body.errors) throw new Error(`${name} failed for the admin: ${JSON.stringify(body.errors)}`);
  return body.data as T;
}

async function newWorkshop(centreId = centreA): Promise<string> {
  const data = await asAdmin('ScheduleWorkshop', {
    centreId,
    kind: 'PSYCHOSOCIAL',
    title: `Session ${++n}`,
    startsAt: '2025-03-14T16:00:00+01:00',
    durationMinutes: 60,
  });
  return data.scheduleWorkshop.workshop.id;
}

beforeAll(async () => {
  server = await startServer();
  const opened = async (name: string) => (await asAdmin('OpenCentre', { name, municipality: name, district: 'Raška' })).openCentre.centre.id;
  centreA = await opened('Novi Pazar');
  centreB = await opened('Tutin');
  participantA = (
    await asAdmin('RegisterParticipant', { centreId: centreA, givenName: 'Lejla', familyName: 'Ljajić', sex: 'FEMALE', birthYear: 2014, group: 'RETURNEE' })
  ).registerParticipant.participant.id;
  volunteerV = (await asAdmin('RegisterVolunteer', { centreId: centreA, name: 'Marko Petrović' })).registerVolunteer.volunteer.id;
  const volunteerW = (await asAdmin('RegisterVolunteer', { centreId: centreA, name: 'Ana Nikolić' })).registerVolunteer.volunteer.id;
  tokens.admin = server.token!;
  tokens.coordinator = await server.tokenFor({ role: 'coordinator' });
  tokens.staffA = await server.tokenFor({ role: 'staff', centreIds: [centreA] });
  tokens.staffB = await server.tokenFor({ role: 'staff', centreIds: [centreB] });
  tokens.legalA = await server.tokenFor({ role: 'legal', centreIds: [centreA] });
  tokens.legalB = await server.tokenFor({ role: 'legal', centreIds: [centreB] });
  tokens.volunteerV = await server.tokenFor({ role: 'volunteer', volunteerId: volunteerV });
  tokens.volunteerW = await server.tokenFor({ role: 'volunteer', volunteerId: volunteerW });
});

afterAll(async () => {
  await server?.close();
});

interface MutationRow {
  readonly what: string;
  readonly operation: string;
  readonly allowed: readonly Role[];
  /** Fresh input for one attempt, prepared by an admin where it needs something to act on. */
  readonly input: () => Promise<Record<string, unknown>>;
}

const mutations: readonly MutationRow[] = [
  { what: 'open a centre', operation: 'OpenCentre', allowed: ['admin'], input: async () => ({ name: `Sjenica ${++n}`, municipality: 'Sjenica', district: 'Raška' }) },
  {
    what: 'register a participant at A',
    operation: 'RegisterParticipant',
    // Legal advisers register their clients (the contract's "Services" section).
    allowed: ['admin', 'staffA', 'legalA'],
    input: async () => ({ centreId: centreA, givenName: 'Emir', familyName: uniqueFamilyName('Kurtović'), sex: 'MALE', birthYear: 2012, group: 'LOCAL' }),
  },
  { what: 'register a volunteer at A', operation: 'RegisterVolunteer', allowed: ['admin', 'staffA'], input: async () => ({ centreId: centreA, name: 'Sara Hodžić' }) },
  {
    what: 'schedule a workshop at A',
    operation: 'ScheduleWorkshop',
    allowed: ['admin', 'staffA'],
    input: async () => ({ centreId: centreA, kind: 'INCLUSIVE', title: 'Crafts', startsAt: '2025-03-14T16:00:00+01:00', durationMinutes: 90 }),
  },
  { what: 'record attendance at A', operation: 'RecordAttendance', allowed: ['admin', 'staffA'], input: async () => ({ workshopId: await newWorkshop(), participantIds: [participantA] }) },
  {
    what: 'remove attendance at A',
    operation: 'RemoveAttendance',
    allowed: ['admin', 'staffA'],
    input: async () => {
      const workshopId = await newWorkshop();
      await asAdmin('RecordAttendance', { workshopId, participantIds: [participantA] });
      return { workshopId, participantId: participantA, reason: 'ticked by mistake' };
    },
  },
  { what: 'cancel a workshop at A', operation: 'CancelWorkshop', allowed: ['admin', 'staffA'], input: async () => ({ workshopId: await newWorkshop(), reason: 'snow' }) },
  {
    what: 'record a cultural event at A',
    operation: 'RecordCulturalEvent',
    allowed: ['admin', 'staffA'],
    input: async () => ({ centreId: centreA, title: 'Spring fair', date: '2025-03-10', audience: { women: 1, men: 2, girls: 3, boys: 4 } }),
  },
  {
    what: "log volunteer V's hours at A",
    operation: 'LogVolunteerHours',
    allowed: ['admin', 'staffA', 'volunteerV'],
    input: async () => ({ volunteerId: volunteerV, centreId: centreA, date: `2025-02-${String((++n % 27) + 1).padStart(2, '0')}`, hours: 0.25, activity: 'reading hour' }),
  },
  {
    what: 'record a legal consultation at A',
    operation: 'RecordLegalConsultation',
    allowed: ['admin', 'legalA'],
    input: async () => ({ centreId: centreA, participantId: participantA, date: '2025-03-10', topic: 'PERSONAL_DOCUMENTS' }),
  },
];

describe('who may do what: every mutation of the access table, for every role', () => {
  for (const row of mutations) {
    for (const role of everyone) {
      const allowed = row.allowed.includes(role);
      it(`given a ${role}, when they ${row.what}, then it is ${allowed ? 'done' : 'FORBIDDEN and nothing is stored'}`, async () => {
        const input = await row.input();
        const before = server.eventCount();
        const { body } = await server.gql(core.op(row.operation), { input }, { token: tokens[role] });
        if (allowed) {
          expect(body.errors).toBeUndefined();
          expect(server.eventCount()).toBeGreaterThan(before);
        } else {
          expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
          expect(server.eventCount()).toBe(before);
        }
      });
    }
  }

  for (const role of everyone) {
    const allowed = role === 'admin';
    it(`given a ${role}, when they erase a participant, then it is ${allowed ? 'done' : 'FORBIDDEN and nothing is stored'}`, async () => {
      const { registerParticipant } = await asAdmin('RegisterParticipant', {
        centreId: centreA,
        givenName: 'Harun',
        familyName: uniqueFamilyName('Mujović'),
        sex: 'MALE',
        birthYear: 2011,
        group: 'RETURNEE',
      });
      const before = server.eventCount();
      const { body } = await server.gql(access.op('EraseParticipant'), { input: { participantId: registerParticipant.participant.id, reason: 'request' } }, { token: tokens[role] });
      if (allowed) {
        expect(body.data?.eraseParticipant.participant.erased).toBe(true);
        expect(server.eventCount()).toBe(before + 1);
      } else {
        expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(server.eventCount()).toBe(before);
      }
    });
  }
});

describe('who may read what', () => {
  const readers = (allowed: readonly Role[]) => everyone.map((role) => [role, allowed.includes(role)] as const);

  it.each(readers(['admin', 'coordinator', 'staffA', 'legalA']))("given a %s, when they read centre A's summary, then allowed is %s", async (role, allowed) => {
    const { body } = await server.gql(core.op('CentreDashboard'), { id: centreA }, { token: tokens[role] });
    if (allowed) expect(body.data?.centre.summary.uniqueParticipants).toBeGreaterThanOrEqual(0);
    else expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it.each(readers(['admin', 'coordinator']))('given a %s, when they read the programme dashboard, then allowed is %s', async (role, allowed) => {
    const { body } = await server.gql(core.op('ProgrammeDashboard'), {}, { token: tokens[role] });
    if (allowed) {
      expect(body.errors).toBeUndefined();
      expect(body.data?.centres.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining([centreA, centreB]));
    } else {
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(body.data?.summary ?? null).toBeNull();
    }
  });

  it.each(readers(['admin', 'coordinator', 'staffA', 'legalA']))("given a %s, when they read a participant's code and participation, then allowed is %s", async (role, allowed) => {
    const { body } = await server.gql(core.op('ParticipantParticipation'), { id: participantA }, { token: tokens[role] });
    if (allowed) expect(body.data?.participant.code).toMatch(/\S/);
    else {
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(body.data?.participant ?? null).toBeNull();
    }
  });

  it.each(readers(['admin', 'staffA', 'legalA']))("given a %s, when they read a participant's names, then seeing them is %s", async (role, allowed) => {
    const { body } = await server.gql(access.op('ParticipantNames'), { id: participantA }, { token: tokens[role] });
    if (allowed) {
      expect(body.errors).toBeUndefined();
      expect(body.data?.participant).toMatchObject({ givenName: 'Lejla', familyName: 'Ljajić', erased: false });
    } else if (role === 'coordinator') {
      // The rest of the query answers; only the name fields are null, each with an error on its path.
      expect(body.data?.participant).toMatchObject({ id: participantA, givenName: null, familyName: null });
      expect(body.data?.participant.code).toMatch(/\S/);
      const paths = body.errors?.map((e) => [e.extensions?.code, e.path?.join('.')]);
      expect(paths).toEqual(expect.arrayContaining([['FORBIDDEN', 'participant.givenName'], ['FORBIDDEN', 'participant.familyName']]));
    } else {
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it("given a staff member of B, when they list centres, then only B is there, and B's lists never include A's records", async () => {
    const { body } = await server.gql('{ centres { id } workshops { id centre { id } } volunteerHours { id } }', {}, { token: tokens.staffB });
    expect(body.errors).toBeUndefined();
    expect(body.data.centres).toEqual([{ id: centreB }]);
    expect(body.data.workshops.every((w: { centre: { id: string } }) => w.centre.id === centreB)).toBe(true);
    expect(body.data.volunteerHours).toEqual([]);
  });

  it("given a consultation at A, when a staff member or coordinator asks for its details, then they see counts only", async () => {
    await asAdmin('RecordLegalConsultation', { centreId: centreA, participantId: participantA, date: '2025-03-11', topic: 'CITIZENSHIP', outcome: 'documents requested' });
    for (const role of ['staffA', 'coordinator'] as const) {
      const { body } = await server.gql('query($id: ID!) { centre(id: $id) { summary { legalConsultations } legalConsultations { topic outcome } } }', { id: centreA }, { token: tokens[role] });
      expect(body.data?.centre.summary.legalConsultations).toBeGreaterThan(0);
      expect(body.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
      expect(JSON.stringify(body)).not.toContain('documents requested');
    }
    const { body } = await server.gql('query($id: ID!) { centre(id: $id) { legalConsultations { topic outcome } } }', { id: centreA }, { token: tokens.legalA });
    expect(body.data?.centre.legalConsultations).toEqual(expect.arrayContaining([{ topic: 'CITIZENSHIP', outcome: 'documents requested' }]));
  });

  it("given a volunteer, when they reach a centre through their own hours entry, then the centre's figures stay closed to them", async () => {
    const { body } = await server.gql(
      'mutation($input: LogVolunteerHoursInput!) { logVolunteerHours(input: $input) { entry { hours centre { name summary { attendances } } } } }',
      { input: { volunteerId: volunteerV, centreId: centreA, date: '2025-01-05', hours: 1, activity: 'sports afternoon' } },
      { token: tokens.volunteerV },
    );
    expect(body.errors?.map((e) => [e.extensions?.code, e.path?.join('.')])).toContainEqual(['FORBIDDEN', 'logVolunteerHours.entry.centre.summary']);
  });
});

/** Every file under the data dir (the WAL included), searched byte for byte. */
function filesContaining(dir: string, needle: string): string[] {
  const bytes = Buffer.from(needle, 'utf8');
  const hits: string[] = [];
  const walk = (path: string) => {
    for (const entry of readdirSync(path)) {
      const file = join(path, entry);
      if (statSync(file).isDirectory()) walk(file);
      else if (readFileSync(file).includes(bytes)) hits.push(file);
    }
  };
  walk(dir);
  return hits;
}

describe('personal data on disk and erasure', () => {
  it('given a registered child with attendance, then no file under DATA_DIR holds the name; erased, restarted and rebuilt, the names stay null, the counts stay, and the grep still finds nothing', async () => {
    const givenName = 'Dženanka';
    const familyName = 'Šabotićeva';
    const { registerParticipant } = await asAdmin('RegisterParticipant', { centreId: centreB, givenName, familyName, sex: 'FEMALE', birthYear: 2015, group: 'RETURNEE' });
    const id = registerParticipant.participant.id;
    const workshopId = await newWorkshop(centreB);
    await asAdmin('RecordAttendance', { workshopId, participantIds: [id] });
    await asAdmin('RecordLegalConsultation', { centreId: centreB, participantId: id, date: '2025-03-12', topic: 'RESIDENCE_REGISTRATION', outcome: `${familyName} family registered` });

    const names = await server.gql(access.op('ParticipantNames'), { id });
    expect(names.body.data.participant).toMatchObject({ givenName, familyName, erased: false });
    expect(filesContaining(server.dataDir, givenName)).toEqual([]);
    expect(filesContaining(server.dataDir, familyName)).toEqual([]);

    const before = (await server.gql(core.op('CentreDashboard'), { id: centreB })).body.data.centre.summary;
    const participationBefore = (await server.gql(core.op('ParticipantParticipation'), { id })).body.data.participant;
    const erased = await server.gql(access.op('EraseParticipant'), { input: { participantId: id, reason: 'the family asked for erasure' } });
    expect(erased.body.data.eraseParticipant.participant).toMatchObject({ id, code: participationBefore.code, erased: true });

    await server.restart({
      whileStopped: () => {
        for (const file of ['views.db', 'views.db-wal', 'views.db-shm']) rmSync(join(server.dataDir, file), { force: true });
      },
    });

    const after = await server.gql(access.op('ParticipantNames'), { id });
    expect(after.body.data.participant).toMatchObject({ id, code: participationBefore.code, givenName: null, familyName: null, erased: true });
    expect((await server.gql(core.op('CentreDashboard'), { id: centreB })).body.data.centre.summary).toEqual(before);
    expect((await server.gql(core.op('ParticipantParticipation'), { id })).body.data.participant).toEqual(participationBefore);
    const consultations = await server.gql('query($id: ID!) { participant(id: $id) { legalConsultations { topic outcome } } }', { id });
    expect(consultations.body.data.participant.legalConsultations).toEqual([{ topic: 'RESIDENCE_REGISTRATION', outcome: null }]);
    expect(filesContaining(server.dataDir, givenName)).toEqual([]);
    expect(filesContaining(server.dataDir, familyName)).toEqual([]);

    const again = await server.gql(core.op('RecordAttendance'), { input: { workshopId: await newWorkshop(centreB), participantIds: [id] } });
    expect(again.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'participantIds' });
  });
});

describe('tokens', () => {
  const probe = '{ centres { id } }';

  async function refused(token: string | null) {
    const before = server.eventCount();
    const read = await server.gql(probe, {}, { token });
    const write = await server.gql(core.op('OpenCentre'), { input: { name: 'X', municipality: 'X', district: 'X' } }, { token });
    for (const { status, body } of [read, write]) {
      expect(status).toBe(401);
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(JSON.stringify(body)).not.toContain(token ?? '\u0000');
    }
    expect(server.eventCount()).toBe(before);
  }

  const secret = () => loadOrCreateLocalSecret(server.dataDir, undefined);
  const signed = (claims: Record<string, unknown>, key: Uint8Array, expiresAt: number | string = '1h') =>
    new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer('centre-ledger').setSubject('someone').setIssuedAt().setExpirationTime(expiresAt).sign(key);

  it('given no token, then UNAUTHENTICATED with 401 and nothing stored', () => refused(null));
  it('given an expired token, then UNAUTHENTICATED', async () => refused(await signed({ role: 'admin' }, secret(), Math.floor(Date.now() / 1000) - 60)));
  it('given a token signed with another secret, then UNAUTHENTICATED', async () => refused(await signed({ role: 'admin' }, new Uint8Array(32).fill(7))));
  it('given an unsigned token (alg none), then UNAUTHENTICATED', async () => {
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    await refused(`${part({ alg: 'none', typ: 'JWT' })}.${part({ role: 'admin', sub: 'x', iss: 'centre-ledger', exp: Math.floor(Date.now() / 1000) + 3600 })}.`);
  });
  it('given a token without a role, then UNAUTHENTICATED', async () => refused(await signed({}, secret())));
  it('given a staff token without centres, then UNAUTHENTICATED', async () => refused(await signed({ role: 'staff' }, secret())));
  it('given garbage, then UNAUTHENTICATED', () => refused('not-a-token'));
});

describe('abusive documents fail fast', () => {
  it('given a document nested 50 deep, then it is refused before it runs', async () => {
    let selection = 'id';
    for (let i = 0; i < 25; i++) selection = `centre { participants { ${selection} } }`;
    const { body } = await server.gql(`query($id: ID!) { participant(id: $id) { ${selection} } }`, { id: participantA });
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toMatch(/GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT|GRAPHQL_PARSE_FAILED/);
  });

  it('given 10,000 aliases, then it is refused', async () => {
    const aliases = Array.from({ length: 10_000 }, (_, i) => `a${i}: viewsPosition`).join(' ');
    const { body } = await server.gql(`{ ${aliases} }`);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.length).toBeGreaterThan(0);
  });

  it('given 1,001 fields, then it is refused; given 1,000, it answers', async () => {
    const fields = (count: number) => `{ ${Array.from({ length: count }, (_, i) => `f${i}: viewsPosition`).join(' ')} }`;
    expect((await server.gql(fields(1001))).body.data ?? null).toBeNull();
    const ok = await server.gql(fields(1000));
    expect(ok.body.errors).toBeUndefined();
    expect(Object.keys(ok.body.data)).toHaveLength(1000);
  });

  it('given a 5 MB body, then 413 and nothing stored', async () => {
    const before = server.eventCount();
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
      body: JSON.stringify({ query: '{ viewsPosition }', variables: { padding: 'x'.repeat(5 * 1024 * 1024) } }),
    });
    expect(response.status).toBe(413);
    expect(server.eventCount()).toBe(before);
  });

  it('given a misspelt field, then the error suggests nothing', async () => {
    const { body } = await server.gql('{ centres { nam } }');
    expect(body.errors?.[0]?.message).not.toMatch(/Did you mean/);
    expect(JSON.stringify(body)).not.toMatch(/stack|at .*\.ts:/);
  });
});

describe('production mode', () => {
  let production: TestServer;
  beforeAll(async () => {
    production = await startServer({ env: { NODE_ENV: 'production' } });
  });
  afterAll(async () => {
    await production?.close();
  });

  it('given NODE_ENV=production, then introspection is refused and GraphiQL is not served', async () => {
    const { body } = await production.gql('{ __schema { types { name } } }');
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.length).toBeGreaterThan(0);
    const page = await fetch(production.url, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toMatch(/graphiql/i);
  });
});

describe('a server without the key of a person', () => {
  it('given keys.db lost the key of one participant (another server, an older copy), when their names are read, then the names are null with PERSONAL_DATA_UNAVAILABLE and the rest answers', async () => {
    const { registerParticipant } = await asAdmin('RegisterParticipant', { centreId: centreA, givenName: 'Selma', familyName: 'Halilović', sex: 'FEMALE', birthYear: 2016, group: 'LOCAL' });
    const id = registerParticipant.participant.id;
    await server.restart({
      whileStopped: () => {
        const keys = new Database(join(server.dataDir, 'keys.db'));
        keys.prepare('DELETE FROM keys WHERE subject_id = ?').run(id);
        keys.close();
      },
    });
    const { body } = await server.gql(access.op('ParticipantNames'), { id });
    expect(body.data?.participant).toMatchObject({ id, givenName: null, familyName: null, erased: false });
    expect(body.errors?.map((e) => [e.extensions?.code, e.path?.join('.')])).toEqual([
      ['PERSONAL_DATA_UNAVAILABLE', 'participant.givenName'],
      ['PERSONAL_DATA_UNAVAILABLE', 'participant.familyName'],
    ]);
  });
});
