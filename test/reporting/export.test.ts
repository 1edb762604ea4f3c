import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvField } from '../../src/api/exports.js';
import { driver, openTestLedger, startHttp, type TestLedger } from './support.js';

const HEADER = 'date,centre,district,workshop,kind,participant_code,sex,age_group,group';

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') record.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') record.push(field), records.push(record), (record = []), (field = ''), i++;
    else field += ch;
  }
  if (field !== '' || record.length > 0) record.push(field), records.push(record);
  return records;
}

describe('csvField', () => {
  it('given plain text, then it is left as it is; commas, quotes and line breaks are quoted, quotes doubled', () => {
    expect(csvField('Novi Pazar')).toBe('Novi Pazar');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
  });

  it('given text a spreadsheet would run as a formula, then it is kept as text', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+381')).toBe("'+381");
    expect(csvField('@sum')).toBe("'@sum");
  });
});

describe('GET /exports/attendance.csv', () => {
  let test: TestLedger;
  let http: Awaited<ReturnType<typeof startHttp>>;
  let cacak: string;
  let sabac: string;
  const names = ['Đorđe', 'Šćekić', 'Žaklina', 'Ćosić', 'Jelena Petrović', 'Marko Jovanović'];
  const CENTRE_NAME = 'Centar Čačak, "Žuta kuća" – Ćuprija, Šabac, Đurđevo';

  beforeAll(async () => {
    test = await openTestLedger();
    const d = driver(test.ledger);
    cacak = await d.openCentre(CENTRE_NAME, 'Moravički okrug');
    sabac = await d.openCentre('Šabac', 'Mačvanski okrug');
    await d.registerVolunteer(cacak, 'Marko Jovanović');
    const p1 = await d.registerParticipant(cacak, { givenName: 'Đorđe', familyName: 'Šćekić', sex: 'MALE', birthYear: 2012, group: 'RETURNEE' });
    const p2 = await d.registerParticipant(cacak, { givenName: 'Žaklina', familyName: 'Ćosić', sex: 'FEMALE', birthYear: 1984 });
    await d.recordAttendance(await d.scheduleWorkshop(cacak, '2025-02-20', 'PARENTING', 'Roditeljstvo'), [p1]); // outside the period
    await d.recordAttendance(await d.scheduleWorkshop(cacak, '2025-03-10', 'PSYCHOSOCIAL', 'Radionica, "Mir"'), [p1, p2]);
    await d.recordAttendance(await d.scheduleWorkshop(sabac, '2025-03-11', 'OTHER', '=1+1'), [p2]);
    const removed = await d.scheduleWorkshop(sabac, '2025-03-12', 'OTHER', 'Otkazano');
    await d.recordAttendance(removed, [p1]);
    await d.removeAttendance(removed, p1);
    http = await startHttp(test);
  });
  afterAll(async () => {
    await http.close();
    await test.close();
  });

  const download = (query: string, headers: Record<string, string> = { authorization: 'Bearer test' }) =>
    fetch(`${http.origin}/exports/attendance.csv${query}`, { headers });

  it('given a period, then UTF-8 with a BOM, the header, one row per pair of the period, and Serbian letters intact', async () => {
    const response = await download('?from=2025-03-01&to=2025-03-31');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith(`\uFEFF${HEADER}\r\n`)).toBe(true);

    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header!.join(',')).toBe(HEADER);
    const participants = new Map(test.ledger.read.participantsOfCentre(cacak).map((p) => [p.code, p]));
    const codeOf = (sex: string) => [...participants.values()].find((p) => p.sex === sex)!.code;
    const workshop = ['2025-03-10', CENTRE_NAME, 'Moravički okrug', 'Radionica, "Mir"', 'PSYCHOSOCIAL'];
    const both = [
      [...workshop, codeOf('MALE'), 'MALE', 'AGE_12_17', 'RETURNEE'],
      [...workshop, codeOf('FEMALE'), 'FEMALE', 'AGE_18_59', 'LOCAL'],
    ].sort((a, b) => (a[5]! < b[5]! ? -1 : 1)); // one workshop's rows come by code
    expect(rows).toEqual([...both, ['2025-03-11', 'Šabac', 'Mačvanski okrug', "'=1+1", 'OTHER', codeOf('FEMALE'), 'FEMALE', 'AGE_18_59', 'LOCAL']]);
    expect(rows.length).toBe(test.ledger.read.summary('all', { from: '2025-03-01', to: '2025-03-31' }).attendances);
  });

  it('given the whole file, then no name of a person appears in it, only codes', async () => {
    const text = await (await download('')).text();
    for (const name of names) expect(text).not.toContain(name);
    expect(parseCsv(text.slice(1))).toHaveLength(1 + 4);
  });

  it('given a centre, then only its workshops; an unknown centre is 404 and a bad date 400', async () => {
    const rows = parseCsv((await (await download(`?centreId=${sabac}`)).text()).slice(1)).slice(1);
    expect(rows.map((row) => row[1])).toEqual(['Šabac']);
    const unknown = await download('?centreId=nope');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND', field: 'centreId' } }] });
    const bad = await download('?from=2025-02-30');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'from' } }] });
  });

  it('given no credentials, then 401 and no data', async () => {
    const response = await download('?from=2025-03-01', {});
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    const body = await response.text();
    expect(body).not.toContain('2025-03');
    expect(JSON.parse(body)).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('given an export paused half-way (a slow client), then the views go on advancing, and it reads its own snapshot', async () => {
    const rows = test.ledger.read.attendanceExport('all', {});
    const first = rows.next();
    expect(first.done).toBe(false);
    const d = driver(test.ledger);
    const p = await d.registerParticipant(sabac);
    await d.recordAttendance(await d.scheduleWorkshop(sabac, '2025-03-13'), [p]); // waits for the views: must not be blocked
    const rest = [...rows];
    expect(1 + rest.length).toBe(4); // the snapshot of when the export began
    expect([...test.ledger.read.attendanceExport('all', {})]).toHaveLength(5);
    await d.removeAttendance(test.ledger.read.workshopsOfCentres([sabac], { from: '2025-03-13', to: '2025-03-13' })[0]!.id, p);
  });

  it('given more rows than fit in one chunk, then every pair arrives exactly once, in order', async () => {
    const d = driver(test.ledger);
    const centre = await d.openCentre('Kraljevo', 'Raška');
    const ids: string[] = [];
    for (let i = 0; i < 260; i++) ids.push(await d.registerParticipant(centre, { birthYear: 1990 + (i % 30) }));
    for (const date of ['2025-05-05', '2025-05-06', '2025-05-07']) {
      await d.recordAttendance(await d.scheduleWorkshop(centre, date, 'VOCATIONAL_TRAINING', `Obuka ${'x'.repeat(60)}`), ids);
    }
    const text = await (await download(`?centreId=${centre}`)).text();
    expect(text.length).toBeGreaterThan(64 * 1024);
    const rows = parseCsv(text.slice(1)).slice(1);
    expect(rows).toHaveLength(3 * 260);
    expect(new Set(rows.map((row) => `${row[0]} ${row[5]}`)).size).toBe(3 * 260);
    expect(rows.map((row) => row[0])).toEqual([...rows.map((row) => row[0]!)].sort());
  });
});
