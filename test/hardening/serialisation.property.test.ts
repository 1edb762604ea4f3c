import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/server.js';

/*
 * Everything the API stores, it can read back: generated input for the mutations that take text
 * and dates goes in over HTTP, the accepted part is stored, and then every list is read back, with
 * no `data: null` and no internal error. Text mixes letters with controls, format and
 * direction-override characters and invisible ones; dates run from year 0 to 9999.
 */

let server: TestServer;
let centreId: string;
let volunteerId: string;
let participantId: string;

const tricky = fc.constantFrom('\u202E', '\u2066', '\u200B', '\u200D', '\uFEFF', '\u00AD', '\u0000', '\u0007', '\u001B', '\u007F', '\u0085', '\n', '\r', '\t', '\u3164', '\u2800', '\u00A0', '\u3000', '\u0301', '\uD800', '\uFFFF', '\u2028');
const letter = fc.constantFrom('a', 'Đ', 'ž', 'ć', 'Љ', 'ا', '字', '😀', ' ', '-', "'", '=', ';', '"');
const text = fc.array(fc.oneof({ weight: 12, arbitrary: letter }, { weight: 1, arbitrary: tricky }), { minLength: 0, maxLength: 12 }).map((chars) => chars.join(''));
const year = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 2020, max: 2026 }) }, fc.integer({ min: 0, max: 9999 }), fc.constantFrom(1899, 1900, 2100, 2101, 1, 9999));
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const date = fc.tuple(year, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 })).map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
const instant = fc.tuple(date, fc.integer({ min: 0, max: 23 }), fc.constantFrom('Z', '+01:00', '-01:00', '+14:00', '-12:00')).map(([d, h, offset]) => `${d}T${pad(h, 2)}:30:00${offset}`);

const MUTATIONS = {
  openCentre: `mutation($i: OpenCentreInput!) { openCentre(input: $i) { centre { id name } } }`,
  registerParticipant: `mutation($i: RegisterParticipantInput!) { registerParticipant(input: $i) { participant { id givenName } } }`,
  registerVolunteer: `mutation($i: RegisterVolunteerInput!) { registerVolunteer(input: $i) { volunteer { id name } } }`,
  scheduleWorkshop: `mutation($i: ScheduleWorkshopInput!) { scheduleWorkshop(input: $i) { workshop { id title startsAt date } } }`,
  logVolunteerHours: `mutation($i: LogVolunteerHoursInput!) { logVolunteerHours(input: $i) { entry { id date } } }`,
  recordCulturalEvent: `mutation($i: RecordCulturalEventInput!) { recordCulturalEvent(input: $i) { culturalEvent { id title date } } }`,
  recordLegalConsultation: `mutation($i: RecordLegalConsultationInput!) { recordLegalConsultation(input: $i) { consultation { id date } } }`,
  scheduleCycle: `mutation($i: ScheduleCycleInput!) { scheduleCycle(input: $i) { cycle { id title } } }`,
} as const;

const command = fc.oneof(
  fc.record({ name: text, municipality: text, district: text }).map((i) => ['openCentre', i] as const),
  fc.record({ givenName: text, familyName: text }).map((i) => ['registerParticipant', () => ({ centreId, sex: 'FEMALE', birthYear: 2012, group: 'LOCAL', ...i })] as const),
  fc.record({ name: text }).map((i) => ['registerVolunteer', () => ({ centreId, ...i })] as const),
  fc.record({ title: text, startsAt: instant, facilitator: text }).map((i) => ['scheduleWorkshop', () => ({ centreId, kind: 'OTHER', durationMinutes: 60, ...i })] as const),
  fc.record({ date, activity: text }).map((i) => ['logVolunteerHours', () => ({ centreId, volunteerId, hours: 1.5, ...i })] as const),
  fc.record({ title: text, date }).map((i) => ['recordCulturalEvent', () => ({ centreId, audience: { women: 1, men: 1, girls: 0, boys: 0 }, ...i })] as const),
  fc.record({ date, outcome: text }).map((i) => ['recordLegalConsultation', () => ({ centreId, participantId, topic: 'OTHER', ...i })] as const),
  fc.record({ title: text, startsOn: date, endsOn: date }).map((i) => ['scheduleCycle', () => ({ centreId, kind: 'OTHER', plannedSessions: 4, ...i })] as const),
);

const READ_BACK = `query($c: ID!) {
  centres { id name municipality district }
  centre(id: $c) {
    participants { id code givenName familyName }
    workshops { id title startsAt date facilitator status }
    volunteers { id name hours { id date activity hours } }
    volunteerHours { id date activity }
    legalConsultations { id date outcome }
    culturalEvents { id title date }
    cycles { id title startsOn endsOn }
  }
  workshops { id title startsAt }
  volunteerHours { id date }
  culturalEvents { id title date }
  legalConsultations { id date }
  cycles { id title }
}`;

const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\uFFFE\uFFFF]/u;

beforeAll(async () => {
  server = await startServer();
  centreId = (await server.gql(MUTATIONS.openCentre, { i: { name: 'C', municipality: 'M', district: 'D' } })).body.data.openCentre.centre.id;
  volunteerId = (await server.gql(MUTATIONS.registerVolunteer, { i: { centreId, name: 'V' } })).body.data.registerVolunteer.volunteer.id;
  participantId = (await server.gql(MUTATIONS.registerParticipant, { i: { centreId, givenName: 'A', familyName: 'B', sex: 'MALE', birthYear: 2010, group: 'LOCAL' } })).body.data
    .registerParticipant.participant.id;
});
afterAll(() => server.close());

const strings = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.flatMap(strings) : value && typeof value === 'object' ? Object.values(value).flatMap(strings) : [];

let accepted = 0;
let refused = 0;

describe('everything stored reads back', () => {
  it('given generated input for the mutations, then each is stored or refused with BAD_USER_INPUT, and every list reads back whole', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 6 }), async (commands) => {
        for (const [name, input] of commands) {
          const variables = typeof input === 'function' ? input() : input;
          const answer = await server.gql(MUTATIONS[name], { i: variables });
          const codes = (answer.body.errors ?? []).map((error) => error.extensions?.code);
          expect(codes.filter((code) => code !== 'BAD_USER_INPUT' && code !== 'CONFLICT'), `${name} ${JSON.stringify(variables)}: ${JSON.stringify(answer.body.errors)}`).toEqual([]);
          if (!answer.body.errors) accepted += 1;
          else refused += 1;
        }
        const back = await server.gql(READ_BACK, { c: centreId });
        expect(back.body.errors ?? []).toEqual([]);
        expect(back.body.data).not.toBeNull();
        for (const [field, value] of Object.entries(back.body.data!)) expect(value, field).not.toBeNull();
        for (const list of Object.values(back.body.data.centre)) expect(list).not.toBeNull();
        // No text read back holds a control, format or direction-override character, nor is invisible.
        for (const value of strings(back.body.data)) {
          expect(FORBIDDEN.test(value), JSON.stringify(value)).toBe(false);
          if (value !== '') expect(value.replace(/[\p{White_Space}\p{M}\u2800\u3164]/gu, ''), JSON.stringify(value)).not.toBe('');
        }
      }),
      { numRuns: 40 },
    );
    expect(accepted).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(10);
  });
});
