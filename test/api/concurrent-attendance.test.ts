import { uniqueFamilyName } from '../support/names.js';
/**
 * Twenty tablets record attendance for one workshop at the same moment, over HTTP: different
 * children, some named by two requests. The in-process per-stream lock (src/commands/keyed-lock.ts)
 * makes them take turns, so every request succeeds (no CONFLICT), every child ends up recorded,
 * and no child is recorded twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/server.js';

const m = {
  openCentre: `mutation ($input: OpenCentreInput!) { openCentre(input: $input) { centre { id } } }`,
  registerParticipant: `mutation ($input: RegisterParticipantInput!) { registerParticipant(input: $input) { participant { id } } }`,
  scheduleWorkshop: `mutation ($input: ScheduleWorkshopInput!) { scheduleWorkshop(input: $input) { workshop { id } } }`,
  recordAttendance: `mutation ($input: RecordAttendanceInput!) { recordAttendance(input: $input) { workshop { id attendeeCount } position } }`,
};

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

async function ok(query: string, input: Record<string, unknown>) {
  const response = await server.gql(query, { input });
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  expect(response.status).toBe(200);
  return response.body.data;
}

describe('concurrent attendance on one workshop', () => {
  it('given 20 clients recording overlapping children on one workshop at once, when they all answer, then each succeeded and every child is recorded exactly once', async () => {
    const centreId = (await ok(m.openCentre, { name: 'Concurrent Centre', municipality: 'Tutin', district: 'Raška' })).openCentre.centre.id as string;
    const children: string[] = [];
    for (let i = 0; i < 42; i++) {
      const data = await ok(m.registerParticipant, { centreId, givenName: 'Amar', familyName: uniqueFamilyName('Hodžić'), sex: i % 2 ? 'MALE' : 'FEMALE', birthYear: 2015, group: 'LOCAL' });
      children.push(data.registerParticipant.participant.id);
    }
    const workshopId = (await ok(m.scheduleWorkshop, { centreId, kind: 'INCLUSIVE', title: 'Crafts afternoon', startsAt: '2025-03-14T16:00:00+01:00', durationMinutes: 90 }))
      .scheduleWorkshop.workshop.id as string;
    const eventsBefore = server.eventCount();

    // Client i names children 2i, 2i+1 and 2i+2: each of its neighbours names one of them too.
    const requests = Array.from({ length: 20 }, (_, i) => [children[2 * i]!, children[2 * i + 1]!, children[2 * i + 2]!]);
    const responses = await Promise.all(requests.map((participantIds) => server.gql(m.recordAttendance, { input: { workshopId, participantIds } })));

    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
      expect(response.body.data.recordAttendance.workshop.attendeeCount).toBeGreaterThanOrEqual(3);
    }
    const expected = new Set(requests.flat());
    expect(expected.size).toBe(41);

    // The log: one AttendanceRecorded per request that brought someone new, each child in exactly one of them.
    const events = (await server.ledger.store.readStream(`workshop-${workshopId}`)).filter((e) => e.type === 'AttendanceRecorded');
    const recorded = events.flatMap((e) => (e.data as { participantIds: string[] }).participantIds);
    expect(recorded.length).toBe(expected.size);
    expect(new Set(recorded)).toEqual(expected);
    expect(server.eventCount() - eventsBefore).toBe(events.length);

    // The views agree.
    const workshop = await server.gql(`query ($id: ID!) { workshop(id: $id) { id attendeeCount } }`, { id: workshopId });
    expect(workshop.body.errors, JSON.stringify(workshop.body.errors)).toBeUndefined();
    expect(workshop.body.data.workshop.attendeeCount).toBe(expected.size);
  });
});
