import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebIfStale } from '../../web/build.js';
import { chromiumAvailable, chromiumMissing, CHROMIUM, launchChromium } from '../support/chromium.js';
import {
  admin,
  createAccount,
  desktop,
  lowContrast,
  unlabelled,
  newContext,
  openCentre,
  phone,
  registerChild,
  registerVolunteer,
  scheduleWorkshop,
  startWebServer,
  todayIn,
  type WebServer,
} from './support.js';

/*
 * The web app end to end in a real browser (Debian's Chromium through playwright-core): staff sign
 * in and tick attendance, also offline; a coordinator sees the figures; a volunteer is refused the
 * dashboard by the API. Skipped with a message when Chromium is missing, except in CI.
 */

const inCi = process.env.CI === 'true';
const available = chromiumAvailable();
if (!available && !inCi) console.warn(`test/e2e/web.test.ts skipped: ${chromiumMissing}.`);

if (!available && inCi) {
  describe('the browser test in CI', () => {
    it('needs Debian Chromium', () => {
      throw new Error(`${CHROMIUM} is missing: .ci/run installs it with apt-get install -y chromium`);
    });
  });
}

const PASSWORD = 'radionica-2026-sigurno';
const children = [
  { givenName: 'Lejla', familyName: 'Ljajić', sex: 'FEMALE', birthYear: 2015, group: 'RETURNEE' },
  { givenName: 'Amar', familyName: 'Hodžić', sex: 'MALE', birthYear: 2014, group: 'LOCAL' },
  { givenName: 'Đorđe', familyName: 'Marković', sex: 'MALE', birthYear: 2016, group: 'LOCAL' },
  { givenName: 'Emina', familyName: 'Šabotić', sex: 'FEMALE', birthYear: 2013, group: 'RETURNEE' },
  { givenName: 'Jovana', familyName: 'Čolović', sex: 'FEMALE', birthYear: 2017, group: 'LOCAL' },
  { givenName: 'Haris', familyName: 'Muratović', sex: 'MALE', birthYear: 2012, group: 'RETURNEE' },
] as const;

describe.skipIf(!available)('the web app in Chromium', () => {
  let server: WebServer;
  let browser: Browser;
  let workshopId: string;
  let tutinId: string;
  let noviPazarId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const [, started, launched] = await Promise.all([buildWebIfStale({ quiet: true }), startWebServer(), launchChromium()]);
    server = started;
    browser = launched;
    const centreId = await openCentre(server, 'Novi Pazar Community Centre', 'Novi Pazar');
    noviPazarId = centreId;
    for (const child of children) await registerChild(server, centreId, child);
    workshopId = await scheduleWorkshop(server, centreId, 'Igraonica poverenja', `${todayIn()}T08:00:00Z`);
    const volunteerId = await registerVolunteer(server, centreId, 'Marko Petrović');
    await createAccount(server, { username: 'ana.staff', role: 'staff', centreIds: [centreId] }, PASSWORD);
    await createAccount(server, { username: 'milica.coord', role: 'coordinator' }, PASSWORD);
    await createAccount(server, { username: 'marko.vol', role: 'volunteer', volunteerId }, PASSWORD);
    tutinId = await openCentre(server, 'Tutin Community Centre', 'Tutin');
    await createAccount(server, { username: 'jelena.admin', role: 'admin' }, PASSWORD);
    await createAccount(server, { username: 'nina.staff', role: 'staff', centreIds: [centreId] }, PASSWORD);
  }, 60_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  async function signIn(
    viewport: { width: number; height: number },
    username: string,
    options: { serviceWorkers?: 'allow' | 'block' } = {},
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newContext(browser, viewport, options);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(server.origin);
    // Serbian (Latin script) is the default language.
    await page.getByLabel('Korisničko ime').fill(username);
    await page.getByLabel('Lozinka').fill(PASSWORD);
    await page.getByRole('button', { name: 'Prijavi se' }).click();
    await page.getByRole('navigation').waitFor();
    return { context, page };
  }

  const attendees = async () => {
    const data = await admin<{ workshop: { attendeeCount: number; attendees: { id: string; givenName: string }[] } }>(
      server,
      `query ($id: ID!) { workshop(id: $id) { attendeeCount attendees { id givenName } } }`,
      { id: workshopId },
    );
    return data.workshop;
  };

  const tick = (page: Page, name: string) => page.getByRole('checkbox', { name: new RegExp(name) }).check();

  it('staff sign in, tick three children, then two more offline, and all five are recorded once', async () => {
    const { context, page } = await signIn(phone, 'ana.staff');

    // 1. Signed in as staff: this week's workshops at the centre.
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Radionice');
    await page.getByRole('link', { name: /Igraonica poverenja/ }).click();

    // 2. The workshop's roster: search by name, tick three, save.
    await page.getByLabel('Pretraga po imenu ili šifri').fill('ljajic');
    await tick(page, 'Lejla Ljajić');
    await page.getByLabel('Pretraga po imenu ili šifri').fill('');
    await tick(page, 'Amar Hodžić');
    await tick(page, 'Đorđe Marković');
    await expect.poll(() => page.getByTestId('attendance-count').textContent()).toBe('3');
    await page.getByRole('button', { name: 'Sačuvaj 3 oznake' }).click();
    await expect.poll(async () => (await attendees()).attendeeCount, { timeout: 10_000 }).toBe(3);
    await expect.poll(() => page.getByText('upisano', { exact: true }).count()).toBe(3);
    expect(await lowContrast(page)).toEqual([]);
    expect(await unlabelled(page)).toEqual([]);

    // 3. No connection: two more ticks are kept on the phone, shown as waiting, and sent when it returns.
    await context.setOffline(true);
    await expect.poll(() => page.getByTestId('connection').textContent()).toContain('Van mreže');
    await tick(page, 'Emina Šabotić');
    await tick(page, 'Jovana Čolović');
    await page.getByRole('button', { name: 'Sačuvaj 2 oznake' }).click();
    await expect.poll(() => page.getByTestId('outbox-summary').textContent()).toContain('1 stavka čeka slanje');
    await expect.poll(() => page.getByTestId('attendance-count').textContent()).toBe('5');
    expect((await attendees()).attendeeCount).toBe(3);
    expect(await lowContrast(page)).toEqual([]);

    await context.setOffline(false);
    await expect.poll(async () => (await attendees()).attendeeCount, { timeout: 15_000 }).toBe(5);
    await expect.poll(() => page.getByTestId('outbox-summary').count()).toBe(0);
    const recorded = await attendees();
    expect(recorded.attendees).toHaveLength(5);
    expect(new Set(recorded.attendees.map((attendee) => attendee.id)).size).toBe(5);
    expect(recorded.attendees.map((attendee) => attendee.givenName).sort()).toEqual(['Amar', 'Emina', 'Jovana', 'Lejla', 'Đorđe'].sort());
    await expect.poll(() => page.getByText('upisano', { exact: true }).count()).toBe(5);
  });

  it('a coordinator sees the figures on the dashboard', async () => {
    const { page } = await signIn(desktop, 'milica.coord');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Pregled');
    await expect.poll(() => page.getByTestId('figure-attendances').textContent()).toBe('5');
    expect(await page.getByTestId('figure-workshopsHeld').textContent()).toBe('1');
    expect(await page.getByTestId('figure-uniqueParticipants').textContent()).toBe('5');
    // Every chart has its numbers as a table.
    await page.getByText('Prikaži brojeve u tabeli').first().click();
    await expect.poll(() => page.getByRole('table').first().isVisible()).toBe(true);
    // Participants by age group: the workshop's year minus each of the five children's birth year.
    const year = Number(todayIn().slice(0, 4));
    const ticked = children.filter((child) => child.givenName !== 'Haris').map((child) => year - child.birthYear);
    const count = (low: number, high: number) => String(ticked.filter((age) => age >= low && age <= high).length);
    const ages = page.getByRole('figure').filter({ hasText: 'Učesnici po uzrastu' });
    await ages.getByText('Prikaži brojeve u tabeli').click();
    const rows = await ages.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent?.trim())));
    expect(rows).toEqual([
      ['0–4', count(0, 4)],
      ['5–11', count(5, 11)],
      ['12–17', count(12, 17)],
      ['18–59', count(18, 59)],
      ['60+', count(60, 200)],
    ]);
    // Text contrast passes WCAG AA on the dashboard (and on the roster, above); every control has a name.
    expect(await lowContrast(page)).toEqual([]);
    expect(await unlabelled(page)).toEqual([]);
    // The language switch changes the page's words and keeps the figures.
    await page.getByLabel('Jezik').selectOption('en');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Dashboard');
    expect(await page.getByTestId('figure-attendances').textContent()).toBe('5');
  });

  it('a volunteer signs in with the keyboard alone, logs hours, and cannot reach the dashboard: the API refuses and the page says so', async () => {
    const context = await newContext(browser, phone);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(server.origin);
    await page.getByLabel('Korisničko ime').focus();
    await page.keyboard.type('marko.vol');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Moji sati');

    await page.getByLabel('Sati', { exact: true }).fill('2.5');
    await page.getByLabel('Šta je urađeno').fill('Pomoć u učenju');
    await page.getByRole('button', { name: 'Sačuvaj' }).click();
    await expect.poll(() => page.getByTestId('total-hours').textContent(), { timeout: 10_000 }).toBe('2,5');
    expect(await page.getByRole('cell', { name: 'Pomoć u učenju' }).count()).toBe(1);
    expect(await unlabelled(page)).toEqual([]);
    expect(await lowContrast(page)).toEqual([]);

    await page.goto(`${server.origin}/dashboard`);
    await expect.poll(() => page.getByRole('alert').first().textContent(), { timeout: 10_000 }).toContain('Nemate pristup');
    expect(await page.getByTestId('figure-attendances').count()).toBe(0);
  });

  it('staff correct a wrong tick with a reason, and register a walk-in child who is ticked at once', async () => {
    const { page } = await signIn(phone, 'ana.staff');
    await page.getByRole('link', { name: /Igraonica poverenja/ }).click();
    await expect.poll(() => page.getByText('upisano', { exact: true }).count()).toBe(5);
    await page.getByRole('button', { name: 'Ispravi oznaku za Jovana Čolović' }).click();
    await page.getByLabel('Zašto je oznaka pogrešna?').fill('Jovana nije bila tu, pogrešno označeno');
    await page.getByRole('button', { name: 'Ukloni oznaku' }).click();
    await expect.poll(async () => (await attendees()).attendeeCount, { timeout: 10_000 }).toBe(4);

    await page.getByRole('button', { name: 'Dodaj dete koje je tek došlo' }).click();
    await page.getByLabel('Ime', { exact: true }).fill('Nejra');
    await page.getByLabel('Prezime').fill('Kajević');
    await page.getByLabel('Pol').selectOption('FEMALE');
    await page.getByLabel('Godina rođenja').fill('2016');
    await page.getByLabel('Grupa').selectOption('RETURNEE');
    await page.getByRole('button', { name: 'Upiši i označi' }).click();
    await expect.poll(async () => (await attendees()).attendees.map((a) => a.givenName).sort(), { timeout: 10_000 }).toEqual(
      ['Amar', 'Emina', 'Lejla', 'Nejra', 'Đorđe'].sort(),
    );
    await expect.poll(() => page.getByText('upisano', { exact: true }).count()).toBe(5);
  });

  it('an admin on a 360 px phone changes a user\'s role and centres with the keyboard; an incomplete change is refused with the reason; the user\'s open session has the new role at once', async () => {
    // Given Nina is signed in as centre staff at Novi Pazar, on her phone.
    const nina = await signIn(phone, 'nina.staff');
    const sessionOf = async () => (await (await nina.context.request.get(`${server.origin}/auth/session`)).json()) as { actor: { role: string; centreIds: string[] } };
    expect((await sessionOf()).actor).toMatchObject({ role: 'staff', centreIds: [noviPazarId] });

    // When the admin opens Users and presses Edit on Nina's row with the keyboard…
    const { page } = await signIn(phone, 'jelena.admin');
    await page.getByRole('navigation').getByRole('link', { name: 'Korisnici' }).click();
    const edit = page.getByRole('button', { name: 'Izmeni ulogu i centre korisnika nina.staff' });
    await edit.focus();
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: 'Izmena: nina.staff' });
    await form.waitFor();
    expect(await edit.getAttribute('aria-expanded')).toBe('true');
    // …the form opens on her role and centres, with the role in focus.
    const role = form.getByLabel('Uloga');
    expect(await role.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await role.inputValue()).toBe('staff');
    expect(await form.getByRole('checkbox', { name: 'Novi Pazar Community Centre' }).isChecked()).toBe(true);
    expect(await form.getByRole('checkbox', { name: 'Tutin Community Centre' }).isChecked()).toBe(false);

    // When she is made a volunteer without choosing whom she speaks for, the API refuses, and the page says why at the field.
    await role.selectOption('volunteer');
    await form.getByRole('button', { name: 'Sačuvaj izmene' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toBe('Izaberite volontera kome ovaj nalog pripada.');
    expect(await form.getByLabel('Volonter', { exact: true }).getAttribute('aria-invalid')).toBe('true');

    // When she is made a legal adviser at Tutin instead of Novi Pazar, by keyboard, and saved with Enter…
    await role.selectOption('legal');
    await form.getByRole('checkbox', { name: 'Novi Pazar Community Centre' }).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    expect(await form.getByRole('checkbox', { name: 'Tutin Community Centre' }).isChecked()).toBe(true);
    await page.keyboard.press('Enter');

    // …then the list shows it, the page confirms, and focus is back on her Edit button.
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Sačuvano' }).count()).toBe(1);
    const row = page.getByRole('row', { name: /nina\.staff/ });
    await expect.poll(() => row.textContent()).toContain('Pravni savetnik');
    expect(await row.textContent()).toContain('Tutin Community Centre');
    expect(await row.textContent()).not.toContain('Novi Pazar');
    expect(await form.count()).toBe(0);
    expect(await edit.evaluate((element) => element === document.activeElement)).toBe(true);
    // Every control has a name, the text is readable, and nothing but the table scrolls sideways at 360 px.
    await edit.press('Enter');
    await form.waitFor();
    expect(await unlabelled(page)).toEqual([]);
    expect(await lowContrast(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await page.keyboard.press('Escape');
    await expect.poll(() => form.count()).toBe(0);

    // And Nina, without signing in again, is a legal adviser at Tutin from her next request.
    expect((await sessionOf()).actor).toMatchObject({ role: 'legal', centreIds: [tutinId] });
    await nina.page.goto(server.origin);
    // A legal adviser's start page is their cases (issue 20).
    await expect.poll(() => nina.page.getByRole('heading', { level: 1 }).textContent()).toBe('Pravni predmeti');
  });

  it('a sign-in refused for too many failures says so in the page, and a colleague at the same address still signs in', async () => {
    const context = await newContext(browser, phone);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(server.origin);
    await page.getByLabel('Korisničko ime').fill('niko.nepoznat');
    await page.getByLabel('Lozinka').fill('pogresna lozinka');
    let status = 0;
    for (let i = 0; i < 10 && status !== 429; i++) {
      const answer = page.waitForResponse((response) => response.url().endsWith('/auth/login'));
      await page.getByRole('button', { name: 'Prijavi se' }).click();
      status = (await answer).status();
    }
    expect(status).toBe(429);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Previše neuspelih pokušaja');
    // Limits count per name and address: a colleague on the same network still signs in.
    await page.getByLabel('Korisničko ime').fill('ana.staff');
    await page.getByLabel('Lozinka').fill(PASSWORD);
    await page.getByRole('button', { name: 'Prijavi se' }).click();
    await page.getByRole('navigation').waitFor();
  });

  it('the service worker keeps the app shell, and a workshop opens with no connection from what the phone saved', async () => {
    const { context, page } = await signIn(phone, 'ana.staff', { serviceWorkers: 'allow' });
    await page.getByRole('link', { name: /Igraonica poverenja/ }).click();
    await page.getByText('upisano', { exact: true }).first().waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    const cached = await page.evaluate(async () => {
      const names = await caches.keys();
      const cache = await caches.open(names.find((name) => name.startsWith('centre-ledger-shell-'))!);
      return (await cache.keys()).map((request) => new URL(request.url).pathname);
    });
    expect(cached).toContain('/');
    expect(cached.some((path) => /^\/assets\/.+\.js$/.test(path))).toBe(true);
    expect(cached.some((path) => /^\/assets\/.+\.css$/.test(path))).toBe(true);

    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 }).toBe('Igraonica poverenja');
    await expect.poll(() => page.getByText('upisano', { exact: true }).count()).toBe(5);
    expect(await page.getByText(/Nema veze: prikazuje se/).count()).toBeGreaterThan(0);
    await context.setOffline(false);
  });
});
