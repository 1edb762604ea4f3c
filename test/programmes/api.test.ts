import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typeDefs } from '../../src/api/schema.js';
import { driver, openTestLedger, startHttp, tick, type Driver, type TestLedger } from '../reporting/support.js';

const contract = (file: string) => readFileSync(new URL(`../../../shared/contract/${file}`, import.meta.url), 'utf8');
const document = () => `${contract('programmes.graphql')}\n${contract('core.graphql')}`;
const Q1 = { from: '2025-01-01', to: '2025-03-31' };

describe('the contract’s programme operations', () => {
  it('given schema/, then every operation of programmes.graphql (with core.graphql) validates', () => {
    const schema = buildSchema(typeDefs.join('\n'));
    expect(validate(schema, parse(document())).map((error) => error.message)).toEqual([]);
  });
});

describe('a programme over GraphQL', () => {
  let test: TestLedger;
  let http: Awaited<ReturnType<typeof startHttp>>;
  let d: Driver;
  let A: string;
  let B: string;
  let children: string[];
  let adults: string[];
  let programmeId: string;

  beforeAll(async () => {
    test = await openTestLedger();
    d = driver(test.ledger);
    http = await startHttp(test);
    A = await d.openCentre('Novi Pazar', 'Raška');
    B = await d.openCentre('Tutin', 'Raška');
    children = [];
    for (let i = 0; i < 7; i++) children.push(await d.registerParticipant(A, { sex: i < 4 ? 'FEMALE' : 'MALE', birthYear: 2015, group: i < 2 ? 'RETURNEE' : 'LOCAL' }));
    adults = [];
    for (let i = 0; i < 3; i++) adults.push(await d.registerParticipant(B, { sex: 'FEMALE', birthYear: 1980 }));
    // Four school-support sessions in January for children 0-5; child 6 comes once.
    for (const date of ['2025-01-06', '2025-01-13', '2025-01-20', '2025-01-27']) {
      const w = await d.scheduleWorkshop(A, date, 'SCHOOL_SUPPORT');
      await d.recordAttendance(w, children.slice(0, 6));
    }
    const once = await d.scheduleWorkshop(A, '2025-02-03', 'SCHOOL_SUPPORT');
    await d.recordAttendance(once, [children[6]!]);
    const inclusive = await d.scheduleWorkshop(B, '2025-02-10', 'INCLUSIVE');
    await d.recordAttendance(inclusive, adults);
    await d.recordConsultation(B, adults[0]!, '2025-03-03');
  });
  afterAll(async () => {
    await http?.close();
    await test?.close();
  });

  const op = async (operationName: string, variables: Record<string, unknown>) => {
    const response = await fetch(`${http.origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer test' },
      body: JSON.stringify({ query: document(), operationName, variables }),
    });
    return (await response.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  };

  const indicatorsOf = async (period = Q1, asOf?: string) => {
    const answer = await op('ProgrammeIndicators', { id: programmeId, ...period, ...(asOf ? { asOf } : {}) });
    expect(answer.errors).toBeUndefined();
    return answer.data.programme.indicators as any[];
  };

  it('given DefineProgramme, then it answers the programme with its centres', async () => {
    const answer = await op('DefineProgramme', { input: { name: 'RE!NTEGRATE II', donor: 'BMZ', from: '2025-01-01', to: '2026-12-31', centreIds: [A, B] } });
    expect(answer.errors).toBeUndefined();
    programmeId = answer.data.defineProgramme.programme.id;
    expect(answer.data.defineProgramme.programme).toMatchObject({ name: 'RE!NTEGRATE II', donor: 'BMZ', from: '2025-01-01', to: '2026-12-31', centres: [{ id: A }, { id: B }] });
  });

  it('given indicators, then each answers its exact value, target and progress', async () => {
    const define = (input: Record<string, unknown>) => op('DefineIndicator', { input: { programmeId, ...input } });
    expect((await define({ code: '1.1', name: 'Inclusive workshops held', measure: 'WORKSHOPS_HELD', filter: { kinds: ['INCLUSIVE'] }, target: 4 })).errors).toBeUndefined();
    expect((await define({ code: '1.2', name: 'Children in regular school support', measure: 'UNIQUE_PARTICIPANTS', filter: { kinds: ['SCHOOL_SUPPORT'], minSessions: 4 }, target: 12, disaggregateBy: ['SEX'] })).errors).toBeUndefined();
    expect((await define({ code: '1.3', name: 'Women’s share', measure: 'FEMALE_SHARE' })).errors).toBeUndefined();
    expect((await define({ code: '1.4', name: 'Beneficiaries', measure: 'UNIQUE_BENEFICIARIES', target: 20 })).errors).toBeUndefined();
    expect((await define({ code: '1.5', name: 'Legal aid', measure: 'LEGAL_AID_BENEFICIARIES' })).errors).toBeUndefined();

    const rows = await indicatorsOf();
    const byCode = Object.fromEntries(rows.map((row) => [row.indicator.code, row]));
    expect(byCode['1.1']).toMatchObject({ value: 1, target: 4, progress: 0.25, valueAsReported: null, cells: [] });
    expect(byCode['1.2']).toMatchObject({ value: 6, target: 12, progress: 0.5 });
    // 4 girls and 2 boys: the boys' cell is small, and then the girls' would be value − 2, so both are suppressed.
    expect(byCode['1.2'].cells).toEqual([
      { key: expect.objectContaining({ sex: 'FEMALE' }), value: null, suppressed: true },
      { key: expect.objectContaining({ sex: 'MALE' }), value: null, suppressed: true },
    ]);
    expect(byCode['1.3'].value).toBeCloseTo(7 / 10);
    expect(byCode['1.4']).toMatchObject({ value: 10, progress: 0.5 });
    expect(byCode['1.5']).toMatchObject({ value: 1 });
  });

  it('given bad indicator input, then BAD_USER_INPUT names the field and nothing is defined', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ code: '9', name: 'x', measure: 'VOLUNTEER_HOURS', disaggregateBy: ['SEX'] }, 'disaggregateBy'],
      [{ code: '9', name: 'x', measure: 'UNIQUE_PARTICIPANTS', filter: { minSessions: 0 } }, 'filter.minSessions'],
      [{ code: '9', name: 'x', measure: 'FEMALE_SHARE', target: 2 }, 'target'],
      [{ code: ' ', name: 'x', measure: 'ATTENDANCES' }, 'code'],
    ];
    for (const [input, field] of cases) {
      const answer = await op('DefineIndicator', { input: { programmeId, ...input } });
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const missing = await op('DefineIndicator', { input: { programmeId: 'nope', code: '9', name: 'x', measure: 'ATTENDANCES' } });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'programmeId' });
    expect((await indicatorsOf()).map((row) => row.indicator.code)).not.toContain('9');
  });

  it('given a closed quarter, then valueAsReported stays while a late entry needs a reason and shows as the difference', async () => {
    const closed = await op('CloseReportingPeriod', { input: { programmeId, ...Q1, note: 'Q1 report to BMZ' } });
    expect(closed.errors).toBeUndefined();
    expect(closed.data.closeReportingPeriod.report).toMatchObject({ ...Q1, closedAt: expect.any(String) });
    const again = await op('CloseReportingPeriod', { input: { programmeId, ...Q1 } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
    await tick();

    const before = await indicatorsOf();
    expect(before.find((row) => row.indicator.code === '1.1')).toMatchObject({ value: 1, valueAsReported: 1 });

    // Without a reason: refused, nothing stored.
    const late = await http.gql(
      `mutation($input: ScheduleWorkshopInput!) { scheduleWorkshop(input: $input) { workshop { id } } }`,
      { input: { centreId: B, kind: 'INCLUSIVE', title: 'Radionica', startsAt: '2025-03-20T12:00:00+01:00', durationMinutes: 60 } },
    );
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'PERIOD_CLOSED' });
    const workshops = await http.gql(`query($id: ID!) { centre(id: $id) { workshops(from: "2025-03-20", to: "2025-03-20") { id } } }`, { id: B });
    expect(workshops.errors).toBeUndefined();
    expect(workshops.data.centre.workshops).toEqual([]);

    // With a reason: stored, and the report as sent keeps its value.
    const scheduled = await http.gql(
      `mutation($input: ScheduleWorkshopInput!) { scheduleWorkshop(input: $input) { workshop { id } } }`,
      { input: { centreId: B, kind: 'INCLUSIVE', title: 'Radionica', startsAt: '2025-03-20T12:00:00+01:00', durationMinutes: 60, lateEntryReason: 'paper list found late' } },
    );
    expect(scheduled.errors).toBeUndefined();
    const workshopId = scheduled.data.scheduleWorkshop.workshop.id;
    const refused = await http.gql(`mutation($input: RecordAttendanceInput!) { recordAttendance(input: $input) { workshop { id } } }`, {
      input: { workshopId, participantIds: [adults[1]] },
    });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'PERIOD_CLOSED' });
    const recorded = await http.gql(`mutation($input: RecordAttendanceInput!) { recordAttendance(input: $input) { workshop { id attendeeCount } } }`, {
      input: { workshopId, participantIds: [adults[1]], lateEntryReason: 'paper list found late' },
    });
    expect(recorded.errors).toBeUndefined();

    const after = await indicatorsOf();
    expect(after.find((row) => row.indicator.code === '1.1')).toMatchObject({ value: 2, valueAsReported: 1 });

    const stored = await test.ledger.store.readStream(`workshop-${workshopId}`);
    expect(stored.map((event) => event.metadata.lateEntry?.reason)).toEqual(['paper list found late', 'paper list found late']);

    const reports = await op('ProgrammeReports', { id: programmeId });
    expect(reports.data.programme.reports).toHaveLength(1);
    const lateEntries = await http.gql(`query($id: ID!) { programme(id: $id) { reports { lateEntries { type centreId reason recordedAt } } } }`, { id: programmeId });
    expect(lateEntries.data.programme.reports[0].lateEntries).toEqual([
      { type: 'WorkshopScheduled', centreId: B, reason: 'paper list found late', recordedAt: expect.any(String) },
      { type: 'AttendanceRecorded', centreId: B, reason: 'paper list found late', recordedAt: expect.any(String) },
    ]);
  });

  it('given corrections dated in the closed quarter, then each needs a reason, and valueAsReported stays', async () => {
    const before = await indicatorsOf();
    const reported = Object.fromEntries(before.map((row) => [row.indicator.code, row.valueAsReported]));
    // Hours, a consultation's retraction and a removed tick: each refused without a reason, nothing stored.
    const volunteerId = await http.gql(`mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { volunteer { id } } }`, { input: { centreId: B, name: 'Marko Jovanović' } });
    const hours = { volunteerId: volunteerId.data.registerVolunteer.volunteer.id, centreId: B, date: '2025-02-14', hours: 2, activity: 'homework club' };
    const logHours = (input: Record<string, unknown>) =>
      http.gql(`mutation($input: LogVolunteerHoursInput!) { logVolunteerHours(input: $input) { entry { id } } }`, { input });
    expect((await logHours(hours)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'PERIOD_CLOSED' });
    expect((await logHours({ ...hours, lateEntryReason: 'timesheet came by post' })).errors).toBeUndefined();

    const consultation = test.ledger.read.consultationsAtCentres([B], Q1)[0]!;
    const retract = (input: Record<string, unknown>) =>
      http.gql(`mutation($input: RetractLegalConsultationInput!) { retractLegalConsultation(input: $input) { consultationId } }`, { input: { consultationId: consultation.id, reason: 'wrong person', ...input } });
    expect((await retract({})).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'PERIOD_CLOSED' });
    expect(test.ledger.read.consultationsAtCentres([B], Q1)).toHaveLength(1);
    expect((await retract({ lateEntryReason: 'recorded against the wrong person' })).errors).toBeUndefined();

    const after = await indicatorsOf();
    expect(Object.fromEntries(after.map((row) => [row.indicator.code, row.valueAsReported]))).toEqual(reported);
    expect(after.find((row) => row.indicator.code === '1.5')).toMatchObject({ value: 0, valueAsReported: 1 });
  });

  it('given a period not closed, then an entry needs no reason and stores none', async () => {
    const w = await http.gql(`mutation($input: ScheduleWorkshopInput!) { scheduleWorkshop(input: $input) { workshop { id } } }`, {
      input: { centreId: B, kind: 'INCLUSIVE', title: 'Radionica', startsAt: '2025-04-02T12:00:00+02:00', durationMinutes: 60, lateEntryReason: 'not late at all' },
    });
    expect(w.errors).toBeUndefined();
    const stored = await test.ledger.store.readStream(`workshop-${w.data.scheduleWorkshop.workshop.id}`);
    expect(stored[0]!.metadata.lateEntry).toBeUndefined();
  });

  it('given a new version of an indicator, then the closed report keeps the old one and asOf answers the old one', async () => {
    const closedAt = (await op('ProgrammeReports', { id: programmeId })).data.programme.reports[0].closedAt;
    await op('DefineIndicator', { input: { programmeId, code: '1.1', name: 'All workshops held', measure: 'WORKSHOPS_HELD' } });
    const now = (await indicatorsOf()).find((row) => row.indicator.code === '1.1');
    expect(now).toMatchObject({ indicator: { name: 'All workshops held' }, value: 7, valueAsReported: 1 });
    const then = (await indicatorsOf(Q1, closedAt)).find((row) => row.indicator.code === '1.1');
    expect(then).toMatchObject({ indicator: { name: 'Inclusive workshops held' }, value: 1, valueAsReported: 1 });
  });
});
