import { buildSchema, extendSchema, getNamedType, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typeDefs, createLedgerSchema } from '../../src/api/schema.js';
import { guardedPaths, leafFields, leaves, queryOf, undeclared, type ArgumentValues } from '../support/schema-walk.js';
import { startServer, type TestServer } from '../support/server.js';

/*
 * Each object guards itself, on every path. The schema is walked as an attacker would walk it:
 * every field that returns a type holding centre-scoped or personal data, reached from Query
 * along every path up to three fields deep, with the ids of both centres' records as arguments,
 * asked by staff, a legal adviser and a volunteer of centre A. Centre B's records (its people's
 * ids, codes and names, its workshops, cases, households, hours …) must never come back to them.
 */

const schema = createLedgerSchema();
const DEPTH = 3;

describe('the access declarations cover the schema', () => {
  it('given the executable schema, when every object type is checked, then each is guarded, contained in a guarded type, or declared public', () => {
    expect(undeclared(schema)).toEqual([]);
  });

  it('given a new type with no guard, when the schema is checked, then the check names it', () => {
    const extended = extendSchema(buildSchema(typeDefs.join('\n')), parse('type CaseNote { id: ID! text: String } extend type Query { caseNote(id: ID!): CaseNote }'));
    expect(undeclared(extended)).toEqual([expect.stringContaining('CaseNote is neither guarded')]);
  });

  it('given a contained type returned by a field of an unguarded type, when the schema is checked, then the check names the field', () => {
    const extended = extendSchema(buildSchema(typeDefs.join('\n')), parse('extend type ActivitySummary { consents: [Consent!]! }'));
    expect(undeclared(extended)).toEqual([expect.stringContaining('ActivitySummary.consents')]);
  });
});

let server: TestServer;
const ids: Record<string, string[]> = {};
const codes = { participant: [] as string[], household: [] as string[] };
/** What staff, legal advisers and volunteers of A must never read: centre B's records. */
const secrets: string[] = [];
/** Names of A's participants: for A's staff, not for a volunteer. */
const namesOfA: string[] = [];
/** Every name and other personal text of both centres: never for a coordinator. */
const personal: string[] = [];
let centreA = '';
let centreB = '';
let visitor = { id: '', code: '' };

async function admin(mutation: string, input: Record<string, unknown>, select: string): Promise<any> {
  const { body } = await server.gql(`mutation($input: ${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { ${select} } }`, { input });
  if (body.errors) throw new Error(`${mutation}: ${JSON.stringify(body.errors)}`);
  return body.data[mutation];
}
const remember = (type: string, id: string) => ((ids[type] ??= []).push(id), id);

async function participant(centreId: string, givenName: string, familyName: string, birthYear = 2014) {
  const p = (await admin('registerParticipant', { centreId, givenName, familyName, sex: 'FEMALE', birthYear, group: 'RETURNEE' }, 'participant { id code }')).participant;
  remember('Participant', p.id);
  codes.participant.push(p.code);
  return p as { id: string; code: string };
}

async function workshop(centreId: string, title: string, cycleId?: string) {
  const input = { centreId, kind: 'PSYCHOSOCIAL', title, startsAt: '2025-03-14T16:00:00+01:00', durationMinutes: 60, ...(cycleId ? { cycleId } : {}) };
  return remember('Workshop', (await admin('scheduleWorkshop', input, 'workshop { id }')).workshop.id);
}

async function centreRecords(centreId: string, tag: string, secret: boolean) {
  const keep = (...values: string[]) => (secret ? secrets.push(...values) : undefined);
  personal.push(`Resident${tag}`, `Family${tag}`, `Dortmund${tag}`, `Helper${tag}`, `Advised${tag}`);
  const resident = await participant(centreId, `Resident${tag}`, `Family${tag}`);
  keep(resident.id, resident.code, `Resident${tag}`, `Family${tag}`);
  const household = (await admin('registerHousehold', { centreId, returnedFrom: `Dortmund${tag}`, returnedOn: '2024-05-01' }, 'household { id code }')).household;
  remember('Household', household.id);
  codes.household.push(household.code);
  keep(household.id, household.code, `Dortmund${tag}`);
  await admin('setParticipantHousehold', { participantId: resident.id, householdId: household.id }, 'position');
  await admin('recordConsent', { participantId: resident.id, purpose: 'PARTICIPATION', legalBasis: 'CONSENT', givenBy: 'PARENT', date: '2025-01-10' }, 'position');
  const cycle = remember(
    'Cycle',
    (await admin('scheduleCycle', { centreId, kind: 'PSYCHOSOCIAL', title: `Cycle${tag}`, plannedSessions: 4, startsOn: '2025-03-01', endsOn: '2025-04-30' }, 'cycle { id }')).cycle.id,
  );
  const session = await workshop(centreId, `Workshop${tag}`, cycle);
  await admin('recordAttendance', { workshopId: session, participantIds: [resident.id] }, 'position');
  keep(cycle, `Cycle${tag}`, session, `Workshop${tag}`);
  const volunteer = remember('Volunteer', (await admin('registerVolunteer', { centreId, name: `Helper${tag}` }, 'volunteer { id }')).volunteer.id);
  const entry = (await admin('logVolunteerHours', { volunteerId: volunteer, centreId, date: '2025-03-02', hours: 2, activity: `Tutoring${tag}` }, 'entry { id }')).entry.id;
  remember('VolunteerHoursEntry', entry);
  const agreement = (await admin('recordVolunteerAgreement', { volunteerId: volunteer, signedOn: '2025-01-01', validUntil: '2025-12-31' }, 'agreement { id }')).agreement.id;
  // The volunteer's id is not kept secret: B's volunteer gives hours at A, and A's readers see
  // who gave them (by id only) on the entry, as a roster.
  keep(`Helper${tag}`, entry, `Tutoring${tag}`, agreement);
  const legalCase = remember('LegalCase', (await admin('openLegalCase', { centreId, participantId: resident.id, problem: 'CITIZENSHIP', openedOn: '2025-02-01' }, 'legalCase { id }')).legalCase.id);
  const consultation = remember(
    'LegalConsultation',
    (
      await admin(
        'recordLegalConsultation',
        { centreId, participantId: resident.id, date: '2025-02-02', topic: 'CITIZENSHIP', outcome: `Advised${tag}`, caseId: legalCase },
        'consultation { id }',
      )
    ).consultation.id,
  );
  keep(legalCase, consultation, `Advised${tag}`);
  const event = remember('CulturalEvent', (await admin('recordCulturalEvent', { centreId, title: `Fair${tag}`, date: '2025-03-03', audience: { women: 1, men: 1, girls: 1, boys: 1 } }, 'culturalEvent { id }')).culturalEvent.id);
  keep(event, `Fair${tag}`);
  const target = remember('Target', (await admin('setTarget', { indicator: 'WORKSHOPS_HELD', value: 7, from: '2025-01-01', to: '2025-12-31', centreId }, 'target { id }')).target.id);
  keep(target);
  personal.push(`Counselled${tag}`, `Referred${tag}`, `Kit${tag}`);
  const individual = remember(
    'IndividualSession',
    (await admin('recordIndividualSession', { centreId, participantId: resident.id, kind: 'COUNSELLING', date: '2025-03-04', durationMinutes: 45, notes: `Counselled${tag}` }, 'session { id }')).session.id,
  );
  const referral = remember(
    'Referral',
    (await admin('makeReferral', { centreId, participantId: resident.id, service: 'HEALTH', organisation: 'Dom zdravlja', date: '2025-03-04', reason: `Referred${tag}` }, 'referral { id }')).referral.id,
  );
  const assistance = remember(
    'Assistance',
    (await admin('recordAssistance', { centreId, participantId: resident.id, kind: 'SCHOOL_KIT', date: '2025-03-04', description: `Kit${tag}` }, 'assistance { id }')).assistance.id,
  );
  keep(individual, referral, assistance, `Counselled${tag}`, `Referred${tag}`, `Kit${tag}`);
  return { resident, household, cycle, session, volunteer };
}

const tokens: Record<string, string> = {};

beforeAll(async () => {
  server = await startServer();
  const open = async (name: string, district: string) => remember('Centre', (await admin('openCentre', { name, municipality: name, district }, 'centre { id }')).centre.id);
  centreA = await open('Novi Pazar', 'Raška');
  centreB = await open('Vranje', 'Pčinja');
  const a = await centreRecords(centreA, 'Aaa', false);
  namesOfA.push('ResidentAaa', 'FamilyAaa', 'DortmundAaa');
  await centreRecords(centreB, 'Bbb', true);

  // The links across the two centres that nested paths used to leak through.
  visitor = await participant(centreB, 'VisitorBbb', 'GuestBbb');
  secrets.push('VisitorBbb', 'GuestBbb');
  await admin('recordAttendance', { workshopId: a.session, participantIds: [visitor.id] }, 'position');
  const movedIn = await participant(centreB, 'MovedBbb', 'NeighbourBbb', 2010);
  secrets.push(movedIn.id, movedIn.code, 'MovedBbb', 'NeighbourBbb');
  await admin('setParticipantHousehold', { participantId: movedIn.id, householdId: a.household.id }, 'position');
  await admin('recordLegalConsultation', { centreId: centreA, participantId: movedIn.id, date: '2025-02-03', topic: 'EDUCATION' }, 'position');
  const helperOfB = ids['Volunteer']![1]!;
  await admin('logVolunteerHours', { volunteerId: helperOfB, centreId: centreA, date: '2025-03-05', hours: 1, activity: 'Shared reading' }, 'position');

  tokens['staff of A'] = await server.tokenFor({ role: 'staff', centreIds: [centreA] });
  tokens['legal adviser of A'] = await server.tokenFor({ role: 'legal', centreIds: [centreA] });
  tokens['volunteer of A'] = await server.tokenFor({ role: 'volunteer', volunteerId: a.volunteer });
  tokens['coordinator'] = await server.tokenFor({ role: 'coordinator' });
  personal.push('VisitorBbb', 'GuestBbb', 'MovedBbb', 'NeighbourBbb');
}, 60_000);

afterAll(async () => {
  await server?.close();
});

/** The arguments the walk tries: the ids of both centres' records, and plain values for the rest. */
const argumentValues: ArgumentValues = (field, parent, argument) => {
  const returned = getNamedType(field.type).name;
  if (parent === 'Query' && argument === 'id') return ids[returned];
  if (argument === 'code') return returned === 'Household' ? codes.household : codes.participant;
  if (argument === 'centreId') return [undefined, centreA, centreB];
  if (argument === 'participantId') return ids['Participant']?.slice(0, 2);
  if (argument === 'from' && field.name === 'indicators') return ['2025-01-01'];
  if (argument === 'to' && field.name === 'indicators') return ['2025-12-31'];
  if (argument === 'on') return ['2025-06-01'];
  if (argument === 'purpose') return [{ enum: 'PARTICIPATION' }];
  if (argument === 'name') return ['Raška', 'Pčinja'];
  if (argument === 'by') return [[{ enum: 'SEX' }]];
  return undefined;
};

/**
 * Every path up to DEPTH reading all the leaves of its last object at once; and, as a refused
 * non-null leaf nulls its whole object and could hide what a sibling answered, every path up to
 * two fields reading each leaf alone.
 */
async function walk(token: string | undefined, leafByLeaf: boolean): Promise<{ query: string; text: string }[]> {
  const queries = guardedPaths(schema, DEPTH, argumentValues).map(({ path, type }) => queryOf(path, leaves(type, argumentValues)));
  if (leafByLeaf) {
    for (const { path, type } of guardedPaths(schema, 2, argumentValues)) {
      for (const leaf of leafFields(type, argumentValues)) if (leaf !== '__typename') queries.push(queryOf(path, leaf));
    }
  }
  const answers: { query: string; text: string }[] = [];
  for (let i = 0; i < queries.length; i += 16) {
    const batch = queries.slice(i, i + 16);
    const bodies = await Promise.all(batch.map((query) => server.gql(query, {}, token ? { token } : {})));
    bodies.forEach(({ body }, index) => answers.push({ query: batch[index]!, text: JSON.stringify(body) }));
  }
  return answers;
}

describe('every path to a guarded type, as readers of another centre', () => {
  it('given both centres’ records, when an admin walks every path, then the walk reaches every one of B’s records (the walk can find a leak)', async () => {
    const texts = (await walk(undefined, false)).map((answer) => answer.text).join('\n');
    expect(secrets.filter((secret) => !texts.includes(secret))).toEqual([]);
  }, 120_000);

  for (const reader of ['staff of A', 'legal adviser of A', 'volunteer of A']) {
    it(`given the ${reader}, when they walk every path, then no answer holds any of B's records, only FORBIDDEN or null where one would be`, async () => {
      const answers = await walk(tokens[reader], true);
      const kept = reader === 'volunteer of A' ? [...secrets, ...namesOfA] : secrets;
      const leaks = answers.flatMap(({ query, text }) => kept.filter((secret) => text.includes(secret)).map((secret) => `${secret} in ${query}`));
      expect(leaks).toEqual([]);
      // The walk went somewhere: some answers were refused, and none failed otherwise.
      expect(answers.some(({ text }) => text.includes('"FORBIDDEN"'))).toBe(true);
      expect(answers.filter(({ text }) => text.includes('INTERNAL_SERVER_ERROR')).map(({ query }) => query)).toEqual([]);
    }, 120_000);
  }
});

describe('every path to a personal field, as a coordinator', () => {
  it('given the coordinator (every centre’s figures and codes, never names), when they walk every path, then no name, origin or outcome comes back', async () => {
    const answers = await walk(tokens['coordinator'], true);
    const leaks = answers.flatMap(({ query, text }) => personal.filter((secret) => text.includes(secret)).map((secret) => `${secret} in ${query}`));
    expect(leaks).toEqual([]);
    // Codes are theirs to read: the walk did reach B's people.
    expect(answers.some(({ text }) => text.includes(codes.participant[1]!))).toBe(true);
  }, 120_000);
});

describe('the roster of a centre’s own workshop', () => {
  it('given a visiting child from B on A’s workshop, when staff of A read the attendees, then the child’s code shows and nothing more of them', async () => {
    const session = ids['Workshop']![0]!;
    const roster = await server.gql(`{ workshop(id: "${session}") { attendees { id code } } }`, {}, { token: tokens['staff of A'] });
    expect(roster.body.errors).toBeUndefined();
    expect(roster.body.data.workshop.attendees).toContainEqual({ id: visitor.id, code: visitor.code });

    const more = await server.gql(`{ workshop(id: "${session}") { attendees { code givenName } } }`, {}, { token: tokens['staff of A'] });
    const names = more.body.data.workshop.attendees.map((attendee: { givenName: string | null }) => attendee.givenName);
    expect(names).toContain('ResidentAaa');
    expect(names).toContain(null);
    expect(more.body.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);

    const record = await server.gql(`{ workshop(id: "${session}") { attendees { code participation { sessionsAttended } } } }`, {}, { token: tokens['staff of A'] });
    expect(JSON.stringify(record.body)).not.toContain('sessionsAttended":');
    expect(record.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('given the same child, when staff of B read A’s roster, then the workshop itself is FORBIDDEN', async () => {
    const staffB = await server.tokenFor({ role: 'staff', centreIds: [centreB] });
    const { body } = await server.gql(`{ workshop(id: "${ids['Workshop']![0]}") { attendees { code } } }`, {}, { token: staffB });
    expect(body.data?.workshop ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('given a cultural event of B, when staff of A ask for it by id, then it is FORBIDDEN', async () => {
    const { body } = await server.gql(`{ culturalEvent(id: "${ids['CulturalEvent']![1]}") { title } }`, {}, { token: tokens['staff of A'] });
    expect(body.data?.culturalEvent ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('given B’s volunteer logged hours at A, when staff of A read the entry, then they see the volunteer’s id but not their name nor their hours elsewhere', async () => {
    const { body } = await server.gql(`{ volunteerHours(centreId: "${centreA}") { activity volunteer { id } } }`, {}, { token: tokens['staff of A'] });
    expect(body.errors).toBeUndefined();
    expect(body.data.volunteerHours).toContainEqual({ activity: 'Shared reading', volunteer: { id: ids['Volunteer']![1] } });
    const history = await server.gql(`{ volunteerHours(centreId: "${centreA}") { volunteer { name hours { activity } } } }`, {}, { token: tokens['staff of A'] });
    expect(JSON.stringify(history.body)).not.toContain('TutoringBbb');
    expect(JSON.stringify(history.body)).not.toContain('HelperBbb');
  });

  it('given A’s volunteer gave hours at B, when staff of A read their own volunteer’s hours, then the hours at B are there too, and staff of B see only the volunteer’s id', async () => {
    const helperOfA = ids['Volunteer']![0]!;
    await admin('logVolunteerHours', { volunteerId: helperOfA, centreId: centreB, date: '2025-03-06', hours: 1.5, activity: 'Visiting choir' }, 'position');
    const own = await server.gql(`{ volunteer(id: "${helperOfA}") { name hours { activity centre { id } } } }`, {}, { token: tokens['staff of A'] });
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data.volunteer.hours).toContainEqual({ activity: 'Visiting choir', centre: { id: centreB } });

    const staffB = await server.tokenFor({ role: 'staff', centreIds: [centreB] });
    const there = await server.gql(`{ volunteerHours(centreId: "${centreB}") { activity volunteer { id } } }`, {}, { token: staffB });
    expect(there.body.data.volunteerHours).toContainEqual({ activity: 'Visiting choir', volunteer: { id: helperOfA } });
    const more = await server.gql(`{ volunteerHours(centreId: "${centreB}") { volunteer { name hours { activity } } } }`, {}, { token: staffB });
    expect(JSON.stringify(more.body)).not.toContain('HelperAaa');
    expect(JSON.stringify(more.body)).not.toContain('TutoringAaa');
  });

  it('given B’s volunteer logged hours at A, when staff of A retract them, then the answer shows the volunteer by id and nothing more', async () => {
    const helperOfB = ids['Volunteer']![1]!;
    const entry = (await admin('logVolunteerHours', { volunteerId: helperOfB, centreId: centreA, date: '2025-03-07', hours: 1, activity: 'Mistyped' }, 'entry { id }')).entry.id;
    const retract = `mutation($input: RetractVolunteerHoursInput!) { retractVolunteerHours(input: $input) { position volunteer { id } } }`;
    const { body } = await server.gql(retract, { input: { entryId: entry, reason: 'logged twice' } }, { token: tokens['staff of A'] });
    expect(body.errors).toBeUndefined();
    expect(body.data.retractVolunteerHours.volunteer).toEqual({ id: helperOfB });
  });
});

