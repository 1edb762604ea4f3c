import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebIfStale } from '../../web/build.js';
import { chromiumAvailable, chromiumMissing, launchChromium } from '../support/chromium.js';
import { admin, createAccount, newContext, openCentre, phone, registerChild, scheduleWorkshop, startWebServer, todayIn, type WebServer } from './support.js';

/*
 * One person counted once, in a real browser on a 360 px phone, in Serbian: registering a child
 * already registered shows the possible match first; a possible duplicate is merged with a
 * reason; a list is imported after the dry run's preview.
 */

const available = chromiumAvailable();
if (!available) console.warn(`test/e2e/people.test.ts skipped: ${chromiumMissing}.`);

const PASSWORD = 'radionica-2026-sigurno';

describe.skipIf(!available)('people in the web app', () => {
  let server: WebServer;
  let browser: Browser;
  let centreId: string;
  let amelaId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const [, started, launched] = await Promise.all([buildWebIfStale({ quiet: true }), startWebServer(), launchChromium()]);
    server = started;
    browser = launched;
    centreId = await openCentre(server, 'Novi Pazar Community Centre', 'Novi Pazar');
    amelaId = await registerChild(server, centreId, { givenName: 'Amela', familyName: 'Hodžić', sex: 'FEMALE', birthYear: 2015, group: 'RETURNEE' });
    await createAccount(server, { username: 'ana.staff', role: 'staff', centreIds: [centreId] }, PASSWORD);
  }, 60_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  async function signIn(): Promise<Page> {
    const context = await newContext(browser, phone);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(server.origin);
    await page.getByLabel('Korisničko ime').fill('ana.staff');
    await page.getByLabel('Lozinka').fill(PASSWORD);
    await page.getByRole('button', { name: 'Prijavi se' }).click();
    await page.getByRole('navigation').waitFor();
    return page;
  }

  const participants = async () =>
    (await admin<{ centre: { participants: { id: string; code: string; mergedInto: { id: string } | null }[] } }>(server, `query ($id: ID!) { centre(id: $id) { participants { id code mergedInto { id } } } }`, { id: centreId }))
      .centre.participants;

  it('asks "is this Amela Hodžić?" before registering the same child in Cyrillic, and registers a different child when told so; the search finds both in either script', async () => {
    const page = await signIn();
    await page.getByRole('link', { name: 'Deca' }).click();
    await page.getByRole('button', { name: 'Upiši dete' }).click();
    await page.getByLabel('Ime', { exact: true }).fill('Амела');
    await page.getByLabel('Prezime', { exact: true }).fill('Хоџић');
    await page.getByLabel('Pol', { exact: true }).selectOption('FEMALE');
    await page.getByLabel('Godina rođenja').fill('2015');
    await page.getByLabel('Grupa', { exact: true }).selectOption('RETURNEE');
    await page.getByRole('button', { name: 'Proveri i upiši' }).click();

    const prompt = page.getByTestId('possible-matches');
    await expect.poll(() => prompt.textContent()).toContain('Da li je ovo Amela Hodžić, 2015, šifra');
    expect(await participants()).toHaveLength(1);
    await page.getByRole('button', { name: 'Ne, drugo dete' }).click();
    await page.getByText('Upisano, šifra').waitFor();
    expect(await participants()).toHaveLength(2);

    await page.getByLabel('Pretraga po imenu ili šifri').fill('hodzic');
    await expect.poll(() => page.getByRole('list', { name: 'Deca centra' }).getByRole('link').count()).toBe(2);
    await page.getByLabel('Pretraga po imenu ili šifri').fill('Хоџић');
    await expect.poll(() => page.getByRole('list', { name: 'Deca centra' }).getByRole('link').count()).toBe(2);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
  });

  it('on the roster, a walk-in already registered is found before saving, and "Yes, it\'s them" ticks the existing child', async () => {
    const workshopId = await scheduleWorkshop(server, centreId, 'Igraonica', `${todayIn()}T08:00:00Z`);
    const page = await signIn();
    await page.goto(`${server.origin}/workshops/${workshopId}`);
    await page.getByRole('button', { name: 'Dodaj dete koje je tek došlo' }).click();
    await page.getByLabel('Ime', { exact: true }).fill('amela');
    await page.getByLabel('Prezime', { exact: true }).fill('Hodzic');
    await page.getByLabel('Pol', { exact: true }).selectOption('FEMALE');
    await page.getByLabel('Godina rođenja').fill('2015');
    await page.getByLabel('Grupa', { exact: true }).selectOption('RETURNEE');
    await page.getByRole('button', { name: 'Upiši i označi' }).click();
    const amela = (await participants()).find((p) => p.id === amelaId)!;
    await page.getByRole('button', { name: new RegExp(`^Da, to je to dete: .*${amela.code}`) }).click();
    await page.getByText('Označeno je već upisano dete.').waitFor();
    await page.getByRole('button', { name: 'Sačuvaj 1 oznaku' }).click();
    await expect
      .poll(async () => (await admin(server, `query ($id: ID!) { workshop(id: $id) { attendees { id } } }`, { id: workshopId })).workshop.attendees.map((a: { id: string }) => a.id))
      .toEqual([amelaId]);
    expect(await participants()).toHaveLength(2);
  });

  it('merges the two records of one child from the possible duplicates, with a reason', async () => {
    const page = await signIn();
    await page.goto(`${server.origin}/duplicates`);
    const amela = (await participants()).find((p) => p.id === amelaId)!;
    const merge = page.getByRole('button', { name: `Spoji, zadrži ${amela.code}` });
    await merge.waitFor();
    expect(await merge.isDisabled()).toBe(true);
    await page.getByLabel('Razlog (obavezan za spajanje i razdvajanje)').fill('isto dete, upisano dva puta');
    await merge.click();
    await page.getByText(`je spojeno sa ${amela.code}`).waitFor();
    const merged = (await participants()).filter((p) => p.mergedInto);
    expect(merged.map((p) => p.mergedInto!.id)).toEqual([amelaId]);
  });

  it('imports a list after showing the dry run: the rows ready and each rejected row with its reason', async () => {
    const page = await signIn();
    await page.goto(`${server.origin}/imports`);
    const csv = '\uFEFFime;prezime;pol;godina_rodjenja;grupa\nNikola;Petrović;M;2013;lokalni\nLejla;Mujić;X;2014;lokalni\n';
    await page.getByLabel('Fajl (CSV ili XLSX)').setInputFiles({ name: 'deca.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const before = (await participants()).length;
    await page.getByRole('button', { name: 'Proveri fajl (ništa se ne čuva)' }).click();
    const preview = page.getByTestId('import-preview');
    await expect.poll(() => preview.textContent()).toContain('2 redova: 1 spremno za uvoz, 1 odbijeno.');
    expect(await preview.textContent()).toContain('Red 3, pol:');
    expect((await participants()).length).toBe(before);
    await page.getByRole('button', { name: 'Uvezi 1 redova' }).click();
    await page.getByText('Uvezeno: 1 novih upisa').waitFor();
    expect((await participants()).length).toBe(before + 1);
  });
});
