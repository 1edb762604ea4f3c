import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamOf } from '../../src/domain/workshops/decider.js';
import { startServer, type TestServer } from '../support/server.js';

let server: TestServer;
let centreId: string;
let volunteerId: string;

const SCHEDULE = `mutation($i: ScheduleWorkshopInput!) { scheduleWorkshop(input: $i) { workshop { id startsAt } } }`;
const LIST = `query($c: ID!) { centre(id: $c) { workshops { id title startsAt date status } } workshops(centreId: $c) { id startsAt } }`;

beforeAll(async () => {
  server = await startServer();
  centreId = (await server.gql(`mutation { openCentre(input: { name: "C", municipality: "M", district: "D" }) { centre { id } } }`)).body.data.openCentre.centre.id;
  volunteerId = (await server.gql(`mutation { registerVolunteer(input: { centreId: "${centreId}", name: "V" }) { volunteer { id } } }`)).body.data.registerVolunteer.volunteer.id;
});
afterAll(() => server.close());

describe('dates at the edge', () => {
  it('given a workshop starting in 9999 or 1899, then BAD_USER_INPUT on startsAt and nothing stored', async () => {
    const before = server.eventCount();
    for (const startsAt of ['9999-12-31T10:00:00Z', '9999-12-31T23:30:00-01:00', '1899-12-31T10:00:00+01:00', '2100-12-31T23:30:00-01:00']) {
      const answer = await server.gql(SCHEDULE, { i: { centreId, kind: 'OTHER', title: 'T', startsAt, durationMinutes: 60 } });
      expect(answer.body.errors?.[0]?.extensions, startsAt).toMatchObject({ code: 'BAD_USER_INPUT', field: 'startsAt' });
    }
    expect(server.eventCount()).toBe(before);
  });

  it('given volunteer hours dated 0001, then BAD_USER_INPUT on date and nothing stored', async () => {
    const before = server.eventCount();
    const answer = await server.gql(`mutation($i: LogVolunteerHoursInput!) { logVolunteerHours(input: $i) { entry { id } } }`, {
      i: { volunteerId, centreId, date: '0001-01-01', hours: 2, activity: 'x' },
    });
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'date' });
    expect(server.eventCount()).toBe(before);
  });
});

describe('text at the edge', () => {
  it('given names and titles with control, format or direction-override characters, or only invisible ones, then BAD_USER_INPUT on that field and nothing stored', async () => {
    const before = server.eventCount();
    const register = (givenName: string) =>
      server.gql(`mutation($i: RegisterParticipantInput!) { registerParticipant(input: $i) { participant { id } } }`, {
        i: { centreId, givenName, familyName: 'B', sex: 'FEMALE', birthYear: 2012, group: 'LOCAL' },
      });
    for (const givenName of ['Ana\u202Egnp.exe', 'Ana\u2066x', 'An\u200Ba', 'Ana\u0007', 'Ana\nMarija', '\u200B\u200B', '\u3164', '\u00A0\u3000', '\u0301']) {
      const answer = await register(givenName);
      expect(answer.body.errors?.[0]?.extensions, JSON.stringify(givenName)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'givenName' });
    }
    const title = await server.gql(SCHEDULE, { i: { centreId, kind: 'OTHER', title: '\u2800', startsAt: '2025-03-10T10:00:00+01:00', durationMinutes: 60 } });
    expect(title.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title' });
    expect(server.eventCount()).toBe(before);
    // Letters of every script, marks on letters and emoji stay welcome.
    expect((await register('Đorđe Ćosić-Šljivančanin')).body.errors).toBeUndefined();
    expect((await register('Zoë ا 字 😀')).body.errors).toBeUndefined();
  });
});

describe('a value stored before the rules', () => {
  it('given workshops scheduled for 9999 straight into the log, then the lists still answer, the value is an error on its own field, and an admin can cancel the record', async () => {
    const good = await server.gql(SCHEDULE, { i: { centreId, kind: 'OTHER', title: 'Good', startsAt: '2025-03-10T10:00:00+01:00', durationMinutes: 60 } });
    expect(good.body.errors).toBeUndefined();
    // As an older version of the server stored them: one whose local date falls in the year 10000.
    const old = [
      { id: randomUUID(), startsAt: '9999-06-01T10:00:00Z' },
      { id: randomUUID(), startsAt: '9999-12-31T23:30:00-01:00' },
    ];
    for (const workshop of old) {
      await server.ledger.store.append(
        streamOf(workshop.id),
        [
          {
            id: randomUUID(),
            type: 'WorkshopScheduled',
            data: { workshopId: workshop.id, centreId, kind: 'OTHER', title: 'Far future', startsAt: workshop.startsAt, durationMinutes: 60 },
            metadata: { actor: { userId: 'old-version', role: 'staff' }, centreId, correlationId: randomUUID(), recordedAt: new Date().toISOString() },
          },
        ],
        'no_stream',
      );
    }
    await server.ledger.runner.waitFor(await server.ledger.store.headPosition(), 5_000);

    const answer = await server.gql(LIST, { c: centreId });
    expect(answer.body.data).not.toBeNull();
    const listed = answer.body.data.centre.workshops as { id: string; title: string; startsAt: string | null; date: string | null; status: string }[];
    expect(listed.map((w) => w.title).sort()).toEqual(['Far future', 'Far future', 'Good']);
    for (const workshop of old) {
      const row = listed.find((w) => w.id === workshop.id)!;
      expect(row).toMatchObject({ startsAt: null, date: null, status: 'SCHEDULED' });
    }
    expect(listed.find((w) => w.title === 'Good')!.startsAt).toBe('2025-03-10T10:00:00+01:00');
    const errors = answer.body.errors!;
    expect(errors.every((error) => error.extensions?.code === 'STORED_VALUE_OUT_OF_RANGE')).toBe(true);
    expect(errors.map((error) => error.path!.at(-1))).toEqual(expect.arrayContaining(['startsAt', 'date']));
    expect(answer.body.data.workshops).toHaveLength(3);

    for (const workshop of old) {
      const cancelled = await server.gql(`mutation($i: CancelWorkshopInput!) { cancelWorkshop(input: $i) { workshop { id status cancellationReason } } }`, {
        i: { workshopId: workshop.id, reason: 'scheduled for the wrong year' },
      });
      expect(cancelled.body.data?.cancelWorkshop.workshop).toMatchObject({ id: workshop.id, status: 'CANCELLED' });
    }
    const after = await server.gql(LIST, { c: centreId });
    expect(after.body.data.centre.workshops.filter((w: { status: string }) => w.status === 'CANCELLED')).toHaveLength(2);
  });
});
