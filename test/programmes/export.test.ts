import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driver, openTestLedger, startHttp, type TestLedger } from '../reporting/support.js';

const run = promisify(execFile);
const Q1 = { from: '2025-01-01', to: '2025-03-31' };
const hasLibreOffice = ['/usr/bin/libreoffice', '/usr/bin/soffice'].some((path) => existsSync(path));

describe('the programme workbook and the shareable attendance CSV', () => {
  let test: TestLedger;
  let http: Awaited<ReturnType<typeof startHttp>>;
  let programmeId: string;
  let codes: string[];

  beforeAll(async () => {
    test = await openTestLedger();
    const d = driver(test.ledger);
    http = await startHttp(test);
    const A = await d.openCentre('Novi Pazar', 'Raška');
    const B = await d.openCentre('Tutin', 'Raška');
    const people: string[] = [];
    for (let i = 0; i < 9; i++) people.push(await d.registerParticipant(i < 7 ? A : B, { sex: i % 3 === 0 ? 'MALE' : 'FEMALE', birthYear: i < 5 ? 2014 : 1985 }));
    for (const date of ['2025-01-10', '2025-02-10', '2025-03-10']) {
      const w = await d.scheduleWorkshop(A, date, 'INCLUSIVE');
      await d.recordAttendance(w, people.slice(0, 7));
    }
    const w = await d.scheduleWorkshop(B, '2025-02-11', 'PARENTING');
    await d.recordAttendance(w, people.slice(7));
    codes = [];
    for (const id of people) codes.push(test.ledger.read.participant(id)!.code);

    const defined = await http.gql(`mutation($input: DefineProgrammeInput!) { defineProgramme(input: $input) { programme { id } } }`, {
      input: { name: 'RE!NTEGRATE II', donor: 'BMZ', from: '2025-01-01', to: '2026-12-31', centreIds: [A, B] },
    });
    programmeId = defined.data.defineProgramme.programme.id;
    for (const input of [
      { code: '1.1', name: 'Inclusive workshops held', measure: 'WORKSHOPS_HELD', filter: { kinds: ['INCLUSIVE'] }, target: 10, disaggregateBy: ['MONTH'] },
      { code: '1.2', name: 'Participants by sex and centre', measure: 'UNIQUE_PARTICIPANTS', target: 20, disaggregateBy: ['SEX', 'CENTRE'] },
      { code: '1.3', name: 'Women’s share', measure: 'FEMALE_SHARE', target: 0.4 },
    ]) {
      const answer = await http.gql(`mutation($input: DefineIndicatorInput!) { defineIndicator(input: $input) { indicator { id } } }`, { input: { programmeId, ...input } });
      expect(answer.errors).toBeUndefined();
    }
  });
  afterAll(async () => {
    await http?.close();
    await test?.close();
  });

  const download = (path: string) => fetch(`${http.origin}${path}`, { headers: { authorization: 'Bearer test' } });

  it('given GET /exports/programme.xlsx, then the workbook holds the API’s figures, small counts as <5', async () => {
    const response = await download(`/exports/programme.xlsx?programmeId=${programmeId}&from=${Q1.from}&to=${Q1.to}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());

    const api = await http.gql(
      `query($id: ID!, $from: Date!, $to: Date!) { programme(id: $id) { indicators(from: $from, to: $to) {
         indicator { code name } value target progress valueAsReported cells { key { sex centreId month } value suppressed } } } }`,
      { id: programmeId, ...Q1 },
    );
    const figures = api.data.programme.indicators as any[];
    const [summary, ...sheets] = book.worksheets;
    expect(summary!.getCell('B1').value).toBe('RE!NTEGRATE II');
    expect(summary!.getCell('B2').value).toBe('BMZ');
    expect(summary!.getCell('B3').value).toBe('2025-01-01 – 2025-03-31');
    const rows = figures.map((_, index) => [1, 2, 3, 4, 5, 6].map((column) => summary!.getRow(8 + index).getCell(column).value ?? null));
    expect(rows).toEqual(figures.map((f) => [f.indicator.code, f.indicator.name, f.value, f.target, f.progress, f.valueAsReported]));
    expect(typeof summary!.getCell('C8').value).toBe('number');
    expect(summary!.getColumn(2).width).toBeGreaterThanOrEqual(30);

    // The sheet of 1.2: one row per cell after the title and the heading; suppressed cells read <5.
    const cells = figures[1].cells as any[];
    expect(cells.some((cell) => cell.suppressed)).toBe(true);
    const written = sheets[1]!.getSheetValues().slice(4).map((row) => (row as unknown[]).at(-1));
    expect(written).toEqual(cells.map((cell) => (cell.suppressed ? '<5' : cell.value)));
    for (const sheet of book.worksheets) {
      sheet.eachRow((row) => row.eachCell((cell) => {
        if (typeof cell.value === 'number' && sheet !== summary && sheet.name !== '1.1') expect(cell.value === 0 || cell.value >= 5).toBe(true);
      }));
    }
  });

  it('given bad or missing parameters, then 400 names the field; an unknown programme is 404', async () => {
    expect((await download(`/exports/programme.xlsx?programmeId=${programmeId}&from=2025-04-01&to=${Q1.to}`)).status).toBe(400);
    const missing = await download(`/exports/programme.xlsx?programmeId=nope&from=${Q1.from}&to=${Q1.to}`);
    expect(missing.status).toBe(404);
    expect(JSON.stringify(await missing.json())).toContain('programmeId');
  });

  it.skipIf(!hasLibreOffice)('given the workbook, then LibreOffice renders its first sheet with the programme and its indicators', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'programme-xlsx-'));
    try {
      const response = await download(`/exports/programme.xlsx?programmeId=${programmeId}&from=${Q1.from}&to=${Q1.to}`);
      await writeFile(join(dir, 'logframe.xlsx'), Buffer.from(await response.arrayBuffer()));
      await run('libreoffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, join(dir, 'logframe.xlsx')], { timeout: 120_000 });
      const { stdout } = await run('pdftotext', ['-layout', '-f', '1', '-l', '1', join(dir, 'logframe.pdf'), '-']);
      for (const text of ['RE!NTEGRATE II', 'BMZ', '2025-01-01', 'Inclusive workshops held', 'Women’s share', 'As reported']) expect(stdout).toContain(text);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 150_000);
  if (!hasLibreOffice) console.warn('LibreOffice is not installed: the PDF rendering of the workbook is not checked');

  it('given /exports/attendance.csv?suppress=true, then cells without codes and no count from 1 to 4', async () => {
    const response = await download(`/exports/attendance.csv?from=${Q1.from}&to=${Q1.to}&suppress=true`);
    expect(response.status).toBe(200);
    const text = (await response.text()).replace(/^\uFEFF/, '');
    const [head, ...lines] = text.trim().split('\r\n');
    expect(head).toBe('date,centre,kind,sex,age_group,group,attendances');
    expect(lines.length).toBeGreaterThan(0);
    for (const code of codes) expect(text).not.toContain(code);
    const counts = lines.map((line) => line.split(',').at(-1)!);
    for (const count of counts) expect(count === '<5' || Number(count) >= 5).toBe(true);
    expect(counts).toContain('<5');
    // 21 pairs at Novi Pazar, 2 at Tutin: the unsuppressed counts never exceed them.
    expect(counts.filter((c) => c !== '<5').reduce((s, c) => s + Number(c), 0)).toBeLessThanOrEqual(23);
  });
});
