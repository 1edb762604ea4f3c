import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/server.js';

/** Names no log line could hold by chance. */
const GIVEN = 'Zebulonka';
const FAMILY = 'Qwertyvićeva';
const VOLUNTEER = 'Ksenofontija';
const names = [GIVEN, FAMILY, VOLUNTEER, 'Ksenofontij', 'Zebulonk', 'Qwertyvi'];

const REGISTER = `mutation R($i: RegisterParticipantInput!) { registerParticipant(input: $i) { participant { id givenName } } }`;

let server: TestServer;
const lines: string[] = [];
let centreId: string;

beforeAll(async () => {
  server = await startServer({ log: { level: 'trace', write: (line) => void lines.push(line) } });
  centreId = (await server.gql(`mutation { openCentre(input: { name: "C", municipality: "M", district: "D" }) { centre { id } } }`)).body.data.openCentre.centre.id;
});
afterAll(() => server.close());

const person = (overrides: Record<string, unknown> = {}) => ({ centreId, givenName: GIVEN, familyName: FAMILY, sex: 'FEMALE', birthYear: 2012, group: 'LOCAL', ...overrides });

const raw = (body: string, contentType = 'application/json') =>
  fetch(server.url, { method: 'POST', headers: { 'content-type': contentType, authorization: `Bearer ${server.token}` }, body }).then((response) => response.text());

describe('the server log at trace', () => {
  it('given people registered and every kind of malformed input naming them, then no line of the log holds a name', async () => {
    // Accepted: a participant and a volunteer, read back with their names.
    const registered = await server.gql(REGISTER, { i: person() });
    expect(registered.body.data.registerParticipant.participant.givenName).toBe(GIVEN);
    await server.gql(`mutation($i: RegisterVolunteerInput!) { registerVolunteer(input: $i) { volunteer { id name } } }`, { i: { centreId, name: VOLUNTEER } });
    await server.gql(`{ centre(id: "${centreId}") { participants { givenName familyName } volunteers { name } } }`);

    // Refused, each in its own way.
    const malformed: Record<string, unknown>[] = [
      person({ sex: 'FEMAL' }), // enum
      person({ group: GIVEN }), // a name where an enum goes
      person({ birthYear: FAMILY }), // wrong type
      person({ givenName: { first: GIVEN } }), // an object where text goes
      person({ givenName: [GIVEN, FAMILY] }),
      person({ familyName: undefined }), // missing
      person({ nickname: GIVEN }), // unknown field
      person({ givenName: `${GIVEN}${'x'.repeat(500)}` }), // too long (zod)
      person({ givenName: '   ' }), // blank (zod)
      person({ centreId: GIVEN }), // no such centre
      person({ birthYear: 1700 }), // out of range
      person({ householdId: FAMILY }),
    ];
    for (const input of malformed) {
      const answer = await server.gql(REGISTER, { i: input });
      expect(answer.body.errors?.length, JSON.stringify(input).slice(0, 80)).toBeGreaterThan(0);
    }
    // The same in the document itself, not in variables.
    await server.gql(`mutation { registerParticipant(input: { centreId: "${centreId}", givenName: "${GIVEN}", familyName: "${FAMILY}", sex: ${GIVEN}, birthYear: 2012, group: LOCAL }) { participant { id } } }`);
    await server.gql(`mutation { registerParticipant(input: { centreId: "${centreId}", givenName: ${GIVEN}, familyName: 5 }) { participant { id } } }`);
    await server.gql(`{ ${GIVEN} }`);
    await server.gql(`mutation($i: RegisterVolunteerInput!) { registerVolunteer(input: $i) { volunteer { id } } }`, { i: { centreId, name: VOLUNTEER, extra: VOLUNTEER } });
    await server.gql(`mutation($i: LogVolunteerHoursInput!) { logVolunteerHours(input: $i) { entry { id } } }`, {
      i: { volunteerId: VOLUNTEER, centreId, date: VOLUNTEER, hours: VOLUNTEER, activity: VOLUNTEER },
    });
    // Bodies that are not what they claim, or too large.
    await raw(`{"query": "mutation { registerParticipant(input: {givenName: \\"${GIVEN}\\"", "variables": {"x": "${FAMILY}"`);
    await raw(`{ registerParticipant(givenName: "${GIVEN}") }`, 'application/graphql');
    await raw(`givenName=${GIVEN}&familyName=${FAMILY}`, 'application/x-www-form-urlencoded');
    await raw(JSON.stringify({ query: REGISTER, variables: { i: person({ givenName: `${GIVEN} ${'y'.repeat(1024 * 1024)}` }) } }));
    await fetch(`${server.url}?query=${encodeURIComponent(`{ x(n: "${GIVEN}") }`)}&variables=${encodeURIComponent(JSON.stringify({ n: FAMILY }))}`, {
      headers: { authorization: `Bearer ${server.token}` },
    }).then((response) => response.text());
    await fetch(`${server.origin}/exports/attendance.csv?from=${GIVEN}&centreId=${FAMILY}`, { headers: { authorization: `Bearer ${server.token}` } }).then((r) => r.text());

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(20);
    expect(log).toContain('"level":20'); // debug lines and below were written
    const leaks = lines.filter((line) => names.some((name) => line.includes(name)));
    expect(leaks.map((line) => line.slice(0, 400))).toEqual([]);
  });
});
