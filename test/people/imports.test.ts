import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ok, openCentre, useServer } from '../field/helpers.js';
import type { TestServer } from '../support/server.js';
import { peopleOp } from './support.js';

async function postImport(server: TestServer, kind: "participants" | "attendance", centreId: string, body: string | Uint8Array, options: { dryRun?: boolean; token?: string } = {}) {
  const url = `${server.origin}/imports/${kind}?centreId=${encodeURIComponent(centreId)}${options.dryRun ? '&dryRun=true' : ''}`;
  const response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${options.token ?? server.token}`, 'content-type': 'application/octet-stream' }, body: body as BodyInit });
  return { status: response.status, body: (await response.json()) as any };
}

describe('importing a participants list', () => {
  const server = useServer();

  it('reads a CSV with a BOM, semicolons and Serbian headers; a dry run stores nothing and answers as the real run; the same file again stores nothing new', async () => {
    const s = server();
    const centreId = await openCentre(s);
    const csv = '\uFEFFime;prezime;pol;godina_rodjenja;grupa\r\nAmela;Hodžić;Ž;2015;povratnik\r\nNikola;Petrović;M;2013;lokalni\r\nLejla;Mujić;X;2014;lokalni\r\nEmina;Kurtović;Ž;20x4;povratnik\r\nSara;Babić;Ž;2016;putnik\r\n';

    const before = s.eventCount();
    const dry = await postImport(s, 'participants', centreId, csv, { dryRun: true });
    expect(dry.status).toBe(200);
    expect(s.eventCount()).toBe(before);
    expect(dry.body).toEqual({
      rows: 5,
      accepted: 2,
      rejected: [
        { row: 4, field: 'pol', message: expect.any(String) },
        { row: 5, field: 'godina_rodjenja', message: expect.any(String) },
        { row: 6, field: 'grupa', message: expect.any(String) },
      ],
      possibleDuplicates: [],
      stored: 0,
    });

    const real = await postImport(s, 'participants', centreId, csv);
    expect(real.body).toEqual({ ...dry.body, stored: 2 });
    const found = ok(await s.gql(peopleOp('SimilarParticipants'), { givenName: 'Амела', familyName: 'Хоџић', birthYear: 2015, centreId }));
    expect(found.similarParticipants).toHaveLength(1);

    const afterFirst = s.eventCount();
    const again = await postImport(s, 'participants', centreId, csv);
    expect(again.body).toEqual({ ...dry.body, stored: 0 });
    expect(s.eventCount()).toBe(afterFirst);
    const dryAgain = await postImport(s, 'participants', centreId, csv, { dryRun: true });
    expect(dryAgain.body).toEqual({ ...dry.body, stored: 0 });
  });

  it('reads an XLSX with English headers and reports a possible duplicate of someone registered before', async () => {
    const s = server();
    const centreId = await openCentre(s);
    ok(await s.gql(`mutation($c: ID!) { registerParticipant(input: { centreId: $c, givenName: "Đorđe", familyName: "Đorđević", sex: MALE, birthYear: 2014, group: LOCAL }) { participant { id } } }`, { c: centreId }));
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Children');
    sheet.addRow(['given_name', 'family_name', 'sex', 'birth_year', 'group']);
    sheet.addRow(['Djordje', 'Djordjevic', 'M', 2014, 'LOCAL']);
    sheet.addRow(['Ana', 'Jovanović', 'F', 2012, 'RETURNEE']);
    const body = new Uint8Array(await workbook.xlsx.writeBuffer());

    const report = await postImport(s, 'participants', centreId, body);
    expect(report.body).toMatchObject({ rows: 2, accepted: 1, stored: 1, rejected: [{ row: 2, field: 'family_name' }] });
    expect(report.body.possibleDuplicates).toEqual([{ row: 2, participantId: expect.any(String), code: expect.any(String), score: 1 }]);
  });

  it('refuses staff importing into another centre, storing nothing', async () => {
    const s = server();
    const [a, b] = [await openCentre(s), await openCentre(s)];
    const staffA = await s.tokenFor({ role: 'staff', centreIds: [a] });
    const before = s.eventCount();
    const refused = await postImport(s, 'participants', b, 'given_name,family_name,sex,birth_year,group\nMarko,Ilić,M,2012,LOCAL\n', { token: staffA });
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(s.eventCount()).toBe(before);
  });
});

describe('importing an attendance sheet', () => {
  const server = useServer();

  it('schedules one workshop per date, time, kind and title and records each row once, by code or by names', async () => {
    const s = server();
    const centreId = await openCentre(s);
    const people = await postImport(s, 'participants', centreId, 'given_name,family_name,sex,birth_year,group,code\nMirza,Delić,M,2013,LOCAL,PHASE1-001\nIvana,Kostić,F,2014,RETURNEE,\n');
    expect(people.body).toMatchObject({ accepted: 2, stored: 2 });
    const sheet = [
      'date,start_time,kind,title,participant_code,given_name,family_name,birth_year',
      '2025-03-10,16:00,PSYCHOSOCIAL,Drama,PHASE1-001,,,',
      '2025-03-10,16:00,PSYCHOSOCIAL,Drama,,Ivana,Kostic,2014',
      '2025-03-12,9:30,SCHOOL_SUPPORT,Math,phase1-001,,,',
      '2025-03-12,09:30,DANCING,Math,PHASE1-001,,,',
      '2025-03-12,09:30,SCHOOL_SUPPORT,Math,NOPE-1,,,',
    ].join('\n');
    const dry = await postImport(s, 'attendance', centreId, sheet, { dryRun: true });
    const real = await postImport(s, 'attendance', centreId, sheet);
    expect(real.body).toEqual({
      rows: 5,
      accepted: 3,
      rejected: [
        { row: 5, field: 'kind', message: expect.any(String) },
        { row: 6, field: 'participant_code', message: expect.any(String) },
      ],
      possibleDuplicates: [],
      stored: 3,
    });
    expect({ ...dry.body, stored: 3 }).toEqual(real.body);
    const summary = ok(await s.gql(`query($id: ID!) { centre(id: $id) { summary { workshopsHeld attendances uniqueParticipants } } }`, { id: centreId }));
    expect(summary.centre.summary).toEqual({ workshopsHeld: 2, attendances: 3, uniqueParticipants: 2 });
    expect((await postImport(s, 'attendance', centreId, sheet)).body.stored).toBe(0);
  });
});
