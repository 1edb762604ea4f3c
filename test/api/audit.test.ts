import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/server.js';

/*
 * Who read whom: every request that returns a person's names or other personal fields adds one
 * entry to the audit trail (who, when, which operation, whose ids and codes); admins read it.
 */

let server: TestServer;
let centreA = '';
let child = { id: '', code: '' };
let workshopId = '';
let householdId = '';
let staffA = '';
let legalA = '';
let coordinator = '';

async function admin(document: string, input: Record<string, unknown>): Promise<any> {
  const { body } = await server.gql(document, { input });
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const accessLog = `query AccessLog($participantId: ID!, $from: DateTime, $to: DateTime) {
  accessLog(participantId: $participantId, from: $from, to: $to) { seq at userId role operation hash people { kind id code } }
}`;

async function entriesAbout(personId: string): Promise<any[]> {
  const { body } = await server.gql(accessLog, { participantId: personId });
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data.accessLog;
}

beforeAll(async () => {
  server = await startServer();
  centreA = (await admin('mutation($input: OpenCentreInput!) { openCentre(input: $input) { centre { id } } }', { name: 'Novi Pazar', municipality: 'Novi Pazar', district: 'Raška' }))
    .openCentre.centre.id;
  householdId = (await admin('mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { household { id } } }', { centreId: centreA, returnedFrom: 'Essen' }))
    .registerHousehold.household.id;
  child = (
    await admin('mutation($input: RegisterParticipantInput!) { registerParticipant(input: $input) { participant { id code } } }', {
      centreId: centreA,
      givenName: 'Zerina',
      familyName: 'Kolašinac',
      sex: 'FEMALE',
      birthYear: 2014,
      group: 'RETURNEE',
      householdId,
    })
  ).registerParticipant.participant;
  workshopId = (
    await admin('mutation($input: ScheduleWorkshopInput!) { scheduleWorkshop(input: $input) { workshop { id } } }', {
      centreId: centreA,
      kind: 'INCLUSIVE',
      title: 'Crafts',
      startsAt: '2025-03-14T16:00:00+01:00',
      durationMinutes: 60,
    })
  ).scheduleWorkshop.workshop.id;
  await admin('mutation($input: RecordAttendanceInput!) { recordAttendance(input: $input) { position } }', { workshopId, participantIds: [child.id] });
  await admin('mutation($input: RecordLegalConsultationInput!) { recordLegalConsultation(input: $input) { position } }', {
    centreId: centreA,
    participantId: child.id,
    date: '2025-03-01',
    topic: 'PERSONAL_DOCUMENTS',
    outcome: 'Birth certificate requested',
  });
  staffA = await server.tokenFor({ role: 'staff', centreIds: [centreA] });
  legalA = await server.tokenFor({ role: 'legal', centreIds: [centreA] });
  coordinator = await server.tokenFor({ role: 'coordinator' });
});

afterAll(async () => {
  await server?.close();
});

describe('reading a name adds an entry', () => {
  it('given staff of A, when they read the child’s names by id, then one entry says who, when, through which operation, and whose id and code', async () => {
    const before = await entriesAbout(child.id);
    const started = new Date().toISOString();
    const { body } = await server.gql('query ChildNames($id: ID!) { participant(id: $id) { givenName familyName } }', { id: child.id }, { token: staffA });
    expect(body.data.participant.givenName).toBe('Zerina');
    const after = await entriesAbout(child.id);
    expect(after).toHaveLength(before.length + 1);
    const entry = after.at(-1);
    expect(entry).toMatchObject({ userId: 'test-staff', role: 'staff', operation: 'ChildNames', people: [{ kind: 'PARTICIPANT', id: child.id, code: child.code }] });
    expect(entry.at >= started).toBe(true);
  });

  it('given staff of A, when they read the names of a workshop’s attendees, then the nested read adds an entry too', async () => {
    const before = await entriesAbout(child.id);
    await server.gql(`query Roster { workshop(id: "${workshopId}") { attendees { code givenName } } }`, {}, { token: staffA });
    const after = await entriesAbout(child.id);
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toMatchObject({ operation: 'Roster', people: [{ id: child.id }] });
  });

  it('given a query without an operation name, when it returns names, then the entry names its type', async () => {
    await server.gql(`{ participant(id: "${child.id}") { familyName } }`, {}, { token: staffA });
    expect((await entriesAbout(child.id)).at(-1)).toMatchObject({ operation: 'query' });
  });

  it('given a legal adviser, when they read a consultation’s outcome, then the entry names the participant it is about', async () => {
    const before = await entriesAbout(child.id);
    await server.gql(`query Consultations { legalConsultations(centreId: "${centreA}") { outcome } }`, {}, { token: legalA });
    const after = await entriesAbout(child.id);
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toMatchObject({ userId: 'test-legal', role: 'legal', operation: 'Consultations' });
  });

  it('given staff of A, when they read where a household returned from, then the entry names the household', async () => {
    await server.gql(`query Family { household(id: "${householdId}") { returnedFrom } }`, {}, { token: staffA });
    expect((await entriesAbout(householdId)).at(-1)).toMatchObject({ operation: 'Family', people: [{ kind: 'HOUSEHOLD', id: householdId }] });
  });
});

describe('reads without personal fields add nothing', () => {
  it('given codes, counts and a refused name, when they are read, then no entry is added', async () => {
    const before = await entriesAbout(child.id);
    await server.gql(`{ participant(id: "${child.id}") { code participation { sessionsAttended } } centre(id: "${centreA}") { summary { uniqueParticipants } } }`, {}, { token: staffA });
    await server.gql(`{ workshop(id: "${workshopId}") { attendeeCount attendees { code } } }`, {}, { token: staffA });
    // A coordinator may not read names: the refused field returned nothing, so nothing was read.
    await server.gql(`{ participant(id: "${child.id}") { code givenName } }`, {}, { token: coordinator });
    expect(await entriesAbout(child.id)).toHaveLength(before.length);
  });
});

describe('only admins read the trail', () => {
  it.each([
    ['staff', () => staffA],
    ['legal', () => legalA],
    ['coordinator', () => coordinator],
  ])('given a %s, when they ask for the access log or its CSV, then it is FORBIDDEN', async (_role, token) => {
    const { body } = await server.gql(accessLog, { participantId: child.id }, { token: token() });
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const csv = await fetch(`${server.origin}/exports/access-log.csv?participantId=${child.id}`, { headers: { authorization: `Bearer ${token()}` } });
    expect(csv.status).toBe(403);
  });

  it('given entries about the child, when an admin exports them, then the CSV lists ids and codes and never the name', async () => {
    const response = await fetch(`${server.origin}/exports/access-log.csv?participantId=${child.id}&from=2020-01-01T00:00:00Z`, {
      headers: { authorization: `Bearer ${server.token}` },
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('seq,at,user_id,role,operation,kind,person_id,code,hash');
    expect(lines.length).toBeGreaterThan(3);
    expect(text).toContain(child.code);
    expect(text).not.toContain('Zerina');
    expect(text).not.toContain('Kolašinac');
  });

  it('given a period after every entry, when an admin asks, then the log is empty', async () => {
    const { body } = await server.gql(accessLog, { participantId: child.id, from: '2100-01-01T00:00:00Z' });
    expect(body.data.accessLog).toEqual([]);
  });

  it('given the reads above, when the trail is verified and audit.db is searched, then the chain holds and no name is in the file', async () => {
    server.ledger.audit.flush();
    expect(server.ledger.audit.verify()).toMatchObject({ ok: true });
    // The trail's files: audit.db and its write-ahead log.
    const bytes = Buffer.concat(readdirSync(server.dataDir).filter((file) => file.startsWith('audit.db')).map((file) => readFileSync(join(server.dataDir, file))));
    expect(bytes.includes(Buffer.from('Zerina'))).toBe(false);
    expect(bytes.includes(Buffer.from(child.code))).toBe(true);
  });
});
