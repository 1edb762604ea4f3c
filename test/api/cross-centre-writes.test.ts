import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/server.js';

/*
 * A write checks every entity its input names, not only the stream it writes: a household, a
 * legal case, a cycle or a participant of another centre is FORBIDDEN, and nothing is stored.
 */

let server: TestServer;
let centreA = '';
let centreB = '';
let participantA = '';
let participantB = '';
let householdA = '';
let householdB = '';
let caseBOfParticipantA = '';
let cycleB = '';
let workshopA = '';
const tokens: Record<'staffA' | 'staffB' | 'legalA', string> = { staffA: '', staffB: '', legalA: '' };

const payloadOf: Record<string, string> = {
  registerParticipant: 'participant { id }',
  setParticipantHousehold: 'participant { id }',
  recordLegalConsultation: 'consultation { id }',
  openLegalCase: 'legalCase { id }',
  scheduleWorkshop: 'workshop { id }',
  recordAttendance: 'workshop { attendeeCount }',
  registerHousehold: 'household { id }',
  openCentre: 'centre { id }',
  scheduleCycle: 'cycle { id }',
};

async function send(mutation: string, input: Record<string, unknown>, token?: string) {
  const type = `${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input`;
  return server.gql(`mutation($input: ${type}!) { ${mutation}(input: $input) { position ${payloadOf[mutation]} } }`, { input }, token ? { token } : {});
}

async function admin(mutation: string, input: Record<string, unknown>): Promise<any> {
  const { body } = await send(mutation, input);
  if (body.errors) throw new Error(`${mutation}: ${JSON.stringify(body.errors)}`);
  return body.data[mutation];
}

const person = (centreId: string, givenName: string) => ({ centreId, givenName, familyName: 'Hodžić', sex: 'FEMALE', birthYear: 2013, group: 'RETURNEE' });

beforeAll(async () => {
  server = await startServer();
  centreA = (await admin('openCentre', { name: 'Novi Pazar', municipality: 'Novi Pazar', district: 'Raška' })).centre.id;
  centreB = (await admin('openCentre', { name: 'Tutin', municipality: 'Tutin', district: 'Raška' })).centre.id;
  participantA = (await admin('registerParticipant', person(centreA, 'Amela'))).participant.id;
  participantB = (await admin('registerParticipant', person(centreB, 'Belma'))).participant.id;
  householdA = (await admin('registerHousehold', { centreId: centreA })).household.id;
  householdB = (await admin('registerHousehold', { centreId: centreB })).household.id;
  caseBOfParticipantA = (await admin('openLegalCase', { centreId: centreB, participantId: participantA, problem: 'CITIZENSHIP', openedOn: '2025-02-01' })).legalCase.id;
  cycleB = (await admin('scheduleCycle', { centreId: centreB, kind: 'PARENTING', title: 'Parents', plannedSessions: 4, startsOn: '2025-03-01', endsOn: '2025-04-30' })).cycle.id;
  workshopA = (await admin('scheduleWorkshop', { centreId: centreA, kind: 'PARENTING', title: 'Parents', startsAt: '2025-03-14T16:00:00+01:00', durationMinutes: 60 })).workshop.id;
  tokens.staffA = await server.tokenFor({ role: 'staff', centreIds: [centreA] });
  tokens.staffB = await server.tokenFor({ role: 'staff', centreIds: [centreB] });
  tokens.legalA = await server.tokenFor({ role: 'legal', centreIds: [centreA] });
});

afterAll(async () => {
  await server?.close();
});

interface Refused {
  readonly what: string;
  readonly who: keyof typeof tokens;
  readonly mutation: string;
  readonly input: () => Record<string, unknown>;
}

const refused: readonly Refused[] = [
  { what: "put A's participant into B's household", who: 'staffA', mutation: 'setParticipantHousehold', input: () => ({ participantId: participantA, householdId: householdB }) },
  { what: "put B's participant into A's household", who: 'staffB', mutation: 'setParticipantHousehold', input: () => ({ participantId: participantB, householdId: householdA }) },
  { what: "register a participant at A into B's household", who: 'staffA', mutation: 'registerParticipant', input: () => ({ ...person(centreA, 'Dina'), householdId: householdB }) },
  {
    what: "record a consultation at A for B's participant",
    who: 'legalA',
    mutation: 'recordLegalConsultation',
    input: () => ({ centreId: centreA, participantId: participantB, date: '2025-02-02', topic: 'EDUCATION' }),
  },
  {
    what: "record a consultation at A on a case of B",
    who: 'legalA',
    mutation: 'recordLegalConsultation',
    input: () => ({ centreId: centreA, participantId: participantA, date: '2025-02-02', topic: 'CITIZENSHIP', caseId: caseBOfParticipantA }),
  },
  { what: "open a case at A for B's participant", who: 'legalA', mutation: 'openLegalCase', input: () => ({ centreId: centreA, participantId: participantB, problem: 'EMPLOYMENT', openedOn: '2025-02-01' }) },
  {
    what: "schedule a workshop at A as a session of B's cycle",
    who: 'staffA',
    mutation: 'scheduleWorkshop',
    input: () => ({ centreId: centreA, kind: 'PARENTING', title: 'Parents', startsAt: '2025-03-20T16:00:00+01:00', durationMinutes: 60, cycleId: cycleB }),
  },
];

describe('a write names an entity of another centre', () => {
  for (const row of refused) {
    it(`given ${row.who}, when they ${row.what}, then it is FORBIDDEN and nothing is stored`, async () => {
      const before = server.eventCount();
      const { body } = await send(row.mutation, row.input(), tokens[row.who]);
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(body.data?.[row.mutation] ?? null).toBeNull();
      expect(server.eventCount()).toBe(before);
    });
  }

  it("given a household of B, when staff of A name it, then A's participant stays without a household", async () => {
    await send('setParticipantHousehold', { participantId: participantA, householdId: householdB }, tokens.staffA);
    const { body } = await server.gql(`{ participant(id: "${participantA}") { household { id } } }`);
    expect(body.data.participant.household).toBeNull();
  });
});

describe('writes within reach stay allowed', () => {
  it("given staff of A, when they put A's participant into A's household, then it is done", async () => {
    const { body } = await send('setParticipantHousehold', { participantId: participantA, householdId: householdA }, tokens.staffA);
    expect(body.errors).toBeUndefined();
  });

  it("given a visiting child of B, when staff of A record them at A's workshop, then they are on the roster (a participant of any centre may attend)", async () => {
    const { body } = await send('recordAttendance', { workshopId: workshopA, participantIds: [participantB] }, tokens.staffA);
    expect(body.errors).toBeUndefined();
    expect(body.data.recordAttendance.workshop.attendeeCount).toBe(1);
  });

  it("given an admin, when they put B's participant into A's household, then it is done (admins act at every centre)", async () => {
    const { body } = await send('setParticipantHousehold', { participantId: participantB, householdId: householdA });
    expect(body.errors).toBeUndefined();
  });

  it('given a household id that does not exist, when staff of A name it, then it is NOT_FOUND on householdId, as before', async () => {
    const { body } = await send('setParticipantHousehold', { participantId: participantA, householdId: '00000000-0000-4000-8000-000000000000' }, tokens.staffA);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'householdId' });
  });
});
