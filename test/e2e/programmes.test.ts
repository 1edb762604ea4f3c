import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebIfStale } from '../../web/build.js';
import { chromiumAvailable, chromiumMissing, launchChromium } from '../support/chromium.js';
import { admin, createAccount, desktop, newContext, phone, openCentre, registerChild, scheduleWorkshop, startWebServer, todayIn, unlabelled, type WebServer } from './support.js';

/*
 * The Programmes screen in Chromium: a coordinator defines a programme and an indicator, sees the
 * report, closes the period and downloads the workbook. Skipped with a message without Chromium.
 */

const available = chromiumAvailable();
if (!available) console.warn(`test/e2e/programmes.test.ts skipped: ${chromiumMissing}.`);

const PASSWORD = 'logframe-2026-izvestaj';

describe.skipIf(!available)('the Programmes screen in Chromium', () => {
  let server: WebServer;
  let browser: Browser;
  let centreId: string;
  let lateWorkshopId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const [, started, launched] = await Promise.all([buildWebIfStale({ quiet: true }), startWebServer(), launchChromium()]);
    server = started;
    browser = launched;
    centreId = await openCentre(server, 'Novi Pazar Community Centre', 'Novi Pazar');
    const ids: string[] = [];
    for (const [i, givenName] of ['Lejla', 'Amar', 'Emina', 'Jovana', 'Haris', 'Sara', 'Adna'].entries()) {
      ids.push(await registerChild(server, centreId, { givenName, familyName: 'Test', sex: i % 2 ? 'MALE' : 'FEMALE', birthYear: 2015, group: 'LOCAL' }));
    }
    const workshopId = await scheduleWorkshop(server, centreId, 'Inkluzivna radionica', `${todayIn()}T08:00:00Z`, 'INCLUSIVE');
    await admin(server, `mutation ($input: RecordAttendanceInput!) { recordAttendance(input: $input) { workshop { id } } }`, { input: { workshopId, participantIds: ids } });
    await createAccount(server, { username: 'milica.coord', role: 'coordinator' }, PASSWORD);
    await createAccount(server, { username: 'ana.staff', role: 'staff', centreIds: [centreId] }, PASSWORD);
    // A second centre with its own programme, whose quarter (with today's workshop) is already closed.
    const tutin = await openCentre(server, 'Tutin Community Centre', 'Tutin');
    await admin(server, `mutation ($input: RegisterParticipantInput!) { registerParticipant(input: $input) { participant { id } } }`, {
      input: { centreId: tutin, givenName: 'Lejla', familyName: 'Ljajić', sex: 'FEMALE', birthYear: 2015, group: 'RETURNEE' },
    });
    lateWorkshopId = await scheduleWorkshop(server, tutin, 'Školska podrška', `${todayIn()}T07:00:00Z`, 'SCHOOL_SUPPORT');
    const defined = await admin(server, `mutation ($input: DefineProgrammeInput!) { defineProgramme(input: $input) { programme { id } } }`, {
      input: { name: 'Tutin', donor: 'EU', from: `${todayIn().slice(0, 4)}-01-01`, to: `${todayIn().slice(0, 4)}-12-31`, centreIds: [tutin] },
    });
    await admin(server, `mutation ($input: CloseReportingPeriodInput!) { closeReportingPeriod(input: $input) { report { id } } }`, {
      input: { programmeId: defined.defineProgramme.programme.id, from: `${todayIn().slice(0, 4)}-01-01`, to: todayIn() },
    });
    await createAccount(server, { username: 'nina.staff', role: 'staff', centreIds: [tutin] }, PASSWORD);
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('a coordinator defines a programme and an indicator, sees the report, closes the period and downloads the workbook', async () => {
    const context = await newContext(browser, desktop);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(server.origin);
    await page.getByLabel('Korisničko ime').fill('milica.coord');
    await page.getByLabel('Lozinka').fill(PASSWORD);
    await page.getByRole('button', { name: 'Prijavi se' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Programi' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Programi');

    await page.getByText('Novi program').click();
    const programmeForm = page.getByRole('form', { name: 'Novi program' });
    await programmeForm.getByLabel('Naziv programa').fill('RE!NTEGRATE II');
    await programmeForm.getByLabel('Donator').fill('BMZ');
    await programmeForm.getByRole('checkbox', { name: 'Novi Pazar Community Centre' }).check();
    await programmeForm.getByRole('button', { name: 'Definiši program' }).click();
    await page.getByLabel('Program', { exact: true }).waitFor();

    await page.getByText('Novi indikator').click();
    const indicatorForm = page.getByRole('form', { name: 'Novi indikator' });
    await indicatorForm.getByLabel('Šifra').fill('1.1');
    await indicatorForm.getByLabel('Indikator', { exact: true }).fill('Inkluzivne radionice');
    await indicatorForm.getByLabel('Mera').selectOption('WORKSHOPS_HELD');
    await indicatorForm.getByRole('checkbox', { name: 'Inkluzivna', exact: true }).check();
    await indicatorForm.getByLabel('Cilj', { exact: true }).fill('4');
    await indicatorForm.getByRole('button', { name: 'Sačuvaj indikator' }).click();

    const report = page.getByTestId('programme-report');
    await expect.poll(() => report.locator('tbody tr').first().textContent()).toContain('Inkluzivne radionice');
    const cells = () => report.locator('tbody tr').first().locator('td').allTextContents();
    await expect.poll(cells).toEqual(['1.1', '1', '4', '25%']);
    expect(await unlabelled(page)).toEqual([]);

    await page.getByRole('button', { name: 'Zatvori period' }).click();
    await page.getByLabel('Napomena (nije obavezna)').fill('Kvartalni izveštaj');
    await page.getByRole('button', { name: 'Da, zatvori period' }).click();
    await expect.poll(() => report.getByRole('columnheader', { name: 'Kako je prijavljeno' }).count()).toBe(1);
    await expect.poll(cells).toEqual(['1.1', '1', '4', '25%', '1']);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Preuzmi XLSX' }).click()]);
    const book = new ExcelJS.Workbook();
    const file = await readFile((await download.path())!);
    await book.xlsx.load(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
    const first = book.worksheets[0]!;
    expect(first.getCell('B1').value).toBe('RE!NTEGRATE II');
    expect(first.getCell('B2').value).toBe('BMZ');
    expect([1, 2, 3, 4, 5, 6].map((column) => first.getRow(8).getCell(column).value)).toEqual(['1.1', 'Inkluzivne radionice', 1, 4, 0.25, 1]);
  }, 120_000);

  it('staff save ticks into a closed period: the page asks why it is late, and sends it with the reason', async () => {
    const context = await newContext(browser, phone);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(server.origin);
    await page.getByLabel('Korisničko ime').fill('nina.staff');
    await page.getByLabel('Lozinka').fill(PASSWORD);
    await page.getByRole('button', { name: 'Prijavi se' }).click();
    await page.getByRole('link', { name: /Školska podrška/ }).click();
    await page.getByRole('checkbox', { name: /Lejla Ljajić/ }).check();
    await page.getByRole('button', { name: 'Sačuvaj 1 oznaku' }).click();

    const reason = page.getByLabel('Razlog naknadnog unosa');
    await reason.waitFor({ timeout: 15_000 });
    const attendees = async () =>
      (await admin(server, `query ($id: ID!) { workshop(id: $id) { attendeeCount } }`, { id: lateWorkshopId })).workshop.attendeeCount as number;
    expect(await attendees()).toBe(0);
    expect(await unlabelled(page)).toEqual([]);
    await reason.fill('papirna lista predata kasnije');
    await page.getByRole('button', { name: 'Pošalji sa ovim razlogom' }).click();
    await expect.poll(attendees, { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('outbox-summary').count()).toBe(0);
  }, 120_000);
});
