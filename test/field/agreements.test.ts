import { describe, expect, it } from 'vitest';
import { op } from '../support/operations.js';
import { addDays, expectRefused, fieldOp, futureDate, ok, openCentre, useServer } from './helpers.js';

/** The day asked about; its 13 windows run from 2025-04-01 (on − 90) to on. */
const ON = '2025-06-30';
const FIRST = addDays(ON, -90);

describe('volunteer agreements over HTTP', () => {
  const server = useServer();

  async function registerVolunteer(centreId: string) {
    return ok(await server().gql(op('RegisterVolunteer'), { input: { centreId, name: 'Volonter' } })).registerVolunteer.volunteer.id as string;
  }
  async function logHours(volunteerId: string, centreId: string, date: string, hours: number) {
    return ok(await server().gql(op('LogVolunteerHours'), { input: { volunteerId, centreId, date, hours, activity: 'homework club' } })).logVolunteerHours
      .entry.id as string;
  }
  /** Hours per window (oldest first), logged on the window's last day at `centreId`. */
  async function weeks(volunteerId: string, centreId: string, hoursPerWindow: readonly number[]) {
    for (const [window, hours] of hoursPerWindow.entries()) if (hours > 0) await logHours(volunteerId, centreId, addDays(FIRST, window * 7 + 6), hours);
  }
  const thirteen = (hours: number) => new Array<number>(13).fill(hours);
  const needing = async (on = ON) =>
    (ok(await server().gql(fieldOp('VolunteersNeedingAgreement'), { on })).volunteersNeedingAgreement as { volunteer: { id: string }; hoursLast13Weeks: number }[]);
  const recordAgreement = (volunteerId: string, signedOn: string, validUntil: string) =>
    server().gql(fieldOp('RecordVolunteerAgreement'), { input: { volunteerId, signedOn, validUntil } });

  it('VolunteersNeedingAgreement: more than 10 hours in each of 13 windows, no agreement valid on the day; RecordVolunteerAgreement removes the volunteer', async () => {
    const centreId = await openCentre(server());
    const otherCentreId = await openCentre(server());
    const longTerm = await registerVolunteer(centreId);
    const twelveWeeks = await registerVolunteer(centreId);
    const exactlyTen = await registerVolunteer(centreId);
    const covered = await registerVolunteer(centreId);
    const expired = await registerVolunteer(centreId);

    // Hours at another centre count for the volunteer too.
    await weeks(longTerm, centreId, thirteen(10.5).map((h, i) => (i % 2 === 0 ? h : 0)));
    await weeks(longTerm, otherCentreId, thirteen(10.5).map((h, i) => (i % 2 === 1 ? h : 0)));
    await weeks(twelveWeeks, centreId, [0, ...new Array<number>(12).fill(10.5)]);
    await weeks(exactlyTen, centreId, [...new Array<number>(12).fill(10.5), 10]);
    await weeks(covered, centreId, thirteen(12));
    await weeks(expired, centreId, thirteen(11));
    ok(await recordAgreement(covered, '2025-01-01', ON));
    ok(await recordAgreement(expired, '2024-07-01', addDays(ON, -1)));

    expect(await needing()).toEqual([
      { volunteer: { id: expired }, hoursLast13Weeks: 143 },
      { volunteer: { id: longTerm }, hoursLast13Weeks: 136.5 },
    ]);

    const recorded = ok(await recordAgreement(longTerm, '2025-06-30', '2026-06-29'));
    expect(recorded.recordVolunteerAgreement).toEqual({ volunteer: { id: longTerm }, position: expect.stringMatching(/^\d+$/) });
    expect(await needing()).toEqual([{ volunteer: { id: expired }, hoursLast13Weeks: 143 }]);

    // A week later the first window’s hours have left the span for everyone.
    expect(await needing(addDays(ON, 7))).toEqual([]);
  });

  it('leaves retracted hours out', async () => {
    const centreId = await openCentre(server());
    const volunteerId = await registerVolunteer(centreId);
    await weeks(volunteerId, centreId, thirteen(10.5).slice(0, 12));
    const last = await logHours(volunteerId, centreId, ON, 10.5);
    expect((await needing()).map((n) => n.volunteer.id)).toContain(volunteerId);
    ok(await server().gql(`mutation($input: RetractVolunteerHoursInput!) { retractVolunteerHours(input: $input) { position } }`, { input: { entryId: last, reason: 'wrong day' } }));
    expect((await needing()).map((n) => n.volunteer.id)).not.toContain(volunteerId);
  });

  it('RecordVolunteerAgreement refuses validUntil before signedOn, a future signedOn and an unknown volunteer', async () => {
    const centreId = await openCentre(server());
    const volunteerId = await registerVolunteer(centreId);
    await expectRefused(server(), () => recordAgreement(volunteerId, '2025-03-01', '2025-02-28'), 'BAD_USER_INPUT', 'validUntil');
    await expectRefused(server(), () => recordAgreement(volunteerId, futureDate(), addDays(futureDate(), 30)), 'BAD_USER_INPUT', 'signedOn');
    await expectRefused(server(), () => recordAgreement('nobody', '2025-03-01', '2025-12-31'), 'NOT_FOUND', 'volunteerId');
    await expectRefused(server(), () => recordAgreement(volunteerId, '2025-03-01', '31.12.2025'), 'BAD_USER_INPUT', 'validUntil');
  });
});

describe('the annual volunteering report (CSV)', () => {
  const server = useServer();

  it('GET /exports/volunteering.csv?year= answers per volunteer, by id, with a TOTAL row, in UTF-8 with a BOM; 401 without a token, 400 without a year', async () => {
    const centreId = ok(await server().gql(op('OpenCentre'), { input: { name: 'Centar Šešelj-Đurić', municipality: 'Novi Pazar', district: 'Raška' } })).openCentre
      .centre.id as string;
    const volunteer = async () =>
      ok(await server().gql(op('RegisterVolunteer'), { input: { centreId, name: 'Žarko Čolić' } })).registerVolunteer.volunteer.id as string;
    const log = async (volunteerId: string, date: string, hours: number) =>
      ok(await server().gql(op('LogVolunteerHours'), { input: { volunteerId, centreId, date, hours, activity: 'homework club' } }));
    const longTerm = await volunteer();
    const occasional = await volunteer();
    const outside = await volunteer();
    // 10.5 hours a week for 13 weeks ending 2025-06-30, then 2 hours in December.
    for (let w = 0; w < 13; w++) await log(longTerm, addDays(FIRST, w * 7 + 6), 10.5);
    await log(longTerm, '2025-12-01', 2);
    await log(occasional, '2025-05-05', 3.25);
    await log(outside, '2024-05-05', 4);
    ok(
      await server().gql(fieldOp('RecordVolunteerAgreement'), { input: { volunteerId: longTerm, signedOn: '2025-06-20', validUntil: '2026-06-19' } }),
    );

    const url = `${server().origin}/exports/volunteering.csv?year=2025`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${server().token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('volunteer_id,home_centre,hours,long_term,long_term_days_without_agreement,agreements,agreement_periods');
    const rows = new Map(lines.slice(1, -1).map((line) => [line.split(',')[0], line]));
    // Long-term from 06-30 to 07-06 (7 days); the agreement is valid from 06-20: no day without one.
    expect(rows.get(longTerm)).toBe(`${longTerm},Centar Šešelj-Đurić,138.5,1,0,1,2025-06-20..2026-06-19`);
    expect(rows.get(occasional)).toBe(`${occasional},Centar Šešelj-Đurić,3.25,0,0,0,`);
    expect(rows.has(outside)).toBe(false);
    expect(lines[lines.length - 1]).toBe('TOTAL,,141.75,1,0,1,');
    expect(text).not.toContain('Žarko');

    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
    const badYear = await fetch(`${server().origin}/exports/volunteering.csv?year=twenty`, { headers: { authorization: `Bearer ${server().token}` } });
    expect(badYear.status).toBe(400);
    expect((await badYear.json()).errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'year' });
  });

  it('counts long-term days without an agreement', async () => {
    const centreId = ok(await server().gql(op('OpenCentre'), { input: { name: 'Tutin', municipality: 'Tutin', district: 'Raška' } })).openCentre.centre.id as string;
    const volunteerId = ok(await server().gql(op('RegisterVolunteer'), { input: { centreId, name: 'V' } })).registerVolunteer.volunteer.id as string;
    for (let w = 0; w < 13; w++) {
      ok(await server().gql(op('LogVolunteerHours'), { input: { volunteerId, centreId, date: addDays(FIRST, w * 7 + 6), hours: 11, activity: 'sport' } }));
    }
    const response = await fetch(`${server().origin}/exports/volunteering.csv?year=2025`, { headers: { authorization: `Bearer ${server().token}` } });
    const line = (await response.text()).split('\r\n').find((l) => l.startsWith(volunteerId));
    expect(line).toBe(`${volunteerId},Tutin,143,1,7,0,`);
  });
});
