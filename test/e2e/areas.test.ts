import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebIfStale } from '../../web/build.js';
import { chromiumAvailable, chromiumMissing, CHROMIUM, launchChromium } from '../support/chromium.js';
import { admin, createAccount, desktop, lowContrast, newContext, openCentre, phone, registerChild, registerVolunteer, scheduleWorkshop, startWebServer, todayIn, unlabelled, type WebServer } from './support.js';

/*
 * Every area a role works in, in Chromium on a 360 px phone, by role and label (Serbian, the
 * default): a legal adviser's cases, a cycle and its completion, consent, corrections of hours and
 * workshops, last week's roster; and the defects of issue 20, each checked as a person would notice it.
 */

const inCi = process.env.CI === 'true';
const available = chromiumAvailable();
if (!available && !inCi) console.warn(`test/e2e/areas.test.ts skipped: ${chromiumMissing}.`);
if (!available && inCi) {
  describe('the area screens in CI', () => {
    it('need Debian Chromium', () => {
      throw new Error(`${CHROMIUM} is missing: .ci/run installs it with apt-get install -y chromium`);
    });
  });
}

const PASSWORD = 'radionica-2026-sigurno';
const year = Number(todayIn().slice(0, 4));

describe.skipIf(!available)('the areas of the ledger in the web app', () => {
  let server: WebServer;
  let browser: Browser;
  let centreId: string;
  let volunteerId: string;
  const ids: Record<string, string> = {};
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const [, started, launched] = await Promise.all([buildWebIfStale({ quiet: true }), startWebServer(), launchChromium()]);
    server = started;
    browser = launched;
    centreId = await openCentre(server, 'Novi Pazar Community Centre', 'Novi Pazar');
    const people = [
      ['Zana', 'Ahmetović', 'FEMALE', year - 10],
      ['Amar', 'Hodžić', 'MALE', year - 12],
      ['Lejla', 'Ljajić', 'FEMALE', year - 9],
      ['Ana', 'Zukorlić', 'FEMALE', year - 30],
      ['Đorđe', 'Marković', 'MALE', year - 11],
    ] as const;
    for (const [givenName, familyName, sex, birthYear] of people) ids[givenName] = await registerChild(server, centreId, { givenName, familyName, sex, birthYear, group: 'RETURNEE' });
    volunteerId = await registerVolunteer(server, centreId, 'Marko Petrović');
    await createAccount(server, { username: 'ana.staff', role: 'staff', centreIds: [centreId] }, PASSWORD);
    await createAccount(server, { username: 'vesna.legal', role: 'legal', centreIds: [centreId] }, PASSWORD);
    await createAccount(server, { username: 'marko.vol', role: 'volunteer', volunteerId }, PASSWORD);
    await createAccount(server, { username: 'milica.coord', role: 'coordinator' }, PASSWORD);
    await createAccount(server, { username: 'jelena.admin', role: 'admin' }, PASSWORD);
  }, 60_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  async function signIn(username: string, viewport = phone): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newContext(browser, viewport);
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(8_000);
    await page.goto(server.origin);
    await page.getByLabel('Korisničko ime').fill(username);
    await page.getByLabel('Lozinka').fill(PASSWORD);
    await page.getByRole('button', { name: 'Prijavi se' }).click();
    await page.getByRole('navigation', { name: 'Glavni meni' }).waitFor();
    return { context, page };
  }
  const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
  const accessible = async (page: Page) => {
    expect(await unlabelled(page)).toEqual([]);
    expect(await lowContrast(page)).toEqual([]);
  };

  it('a legal adviser opens a case, records two consultations and closes it', async () => {
    const { page } = await signIn('vesna.legal');
    await expect.poll(() => heading(page)).toBe('Pravni predmeti');
    await accessible(page);
    await page.getByLabel('Pretraga po imenu ili šifri').fill('zukorlic');
    // One match is chosen at once.
    await expect.poll(() => page.getByLabel('Osoba').inputValue()).toBe(ids.Ana);
    await page.getByLabel('Problem').selectOption('PERSONAL_DOCUMENTS');
    await page.getByRole('button', { name: 'Otvori predmet' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Predmet je otvoren.' }).count()).toBe(1);

    await page.getByRole('link', { name: /Ana Zukorlić/ }).click();
    await expect.poll(() => heading(page)).toContain('Ana Zukorlić');
    for (const [index, level] of (['INFORMATION', 'DRAFTING'] as const).entries()) {
      await page.getByLabel('Šta je urađeno').selectOption(level);
      await page.getByRole('button', { name: 'Upiši konsultaciju' }).click();
      await expect.poll(() => page.getByRole('list', { name: 'Konsultacije' }).getByRole('listitem').count()).toBe(index + 1);
    }
    await expect.poll(() => page.getByRole('list', { name: 'Konsultacije' }).getByRole('listitem').count()).toBe(2);
    await accessible(page);
    await page.getByLabel('Ishod predmeta').selectOption('RESOLVED');
    await page.getByRole('button', { name: 'Zatvori predmet' }).click();
    await expect.poll(() => page.getByTestId('case-status').textContent()).toContain('Zatvoren');

    const { legalCases } = await admin(server, `query ($c: ID!) { legalCases(centreId: $c) { status outcome consultations { serviceLevel } } }`, { c: centreId });
    expect(legalCases).toHaveLength(1);
    expect(legalCases[0]).toMatchObject({ status: 'CLOSED', outcome: 'RESOLVED' });
    expect(legalCases[0].consultations.map((one: { serviceLevel: string }) => one.serviceLevel).sort()).toEqual(['DRAFTING', 'INFORMATION']);
  });

  it('staff schedule a cycle, record its sessions and see completion per child', async () => {
    const { page } = await signIn('ana.staff');
    await page.getByRole('link', { name: 'Ciklusi' }).click();
    await expect.poll(() => heading(page)).toBe('Ciklusi');
    await page.getByLabel('Naziv ciklusa').fill('Škola uz podršku');
    await page.getByLabel('Vrsta').selectOption('SCHOOL_SUPPORT');
    await page.getByLabel('Planirano sesija').fill('2');
    await page.getByLabel('Počinje').fill(todayIn(undefined, -10));
    await page.getByRole('button', { name: 'Zakaži ciklus' }).click();
    await page.getByRole('link', { name: /Škola uz podršku/ }).click();
    await expect.poll(() => heading(page)).toBe('Škola uz podršku');

    // Two sessions: last week and today.
    for (const date of [todayIn(undefined, -7), todayIn()]) {
      await page.getByLabel('Datum').fill(date);
      await page.getByLabel('Početak').fill('08:00');
      await page.getByRole('button', { name: 'Zakaži sesiju' }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Sesija je zakazana' }).count()).toBe(1);
    }
    await expect.poll(() => page.getByRole('link', { name: /Škola uz podršku · \d/ }).count()).toBe(2);
    await accessible(page);

    // Session 1: Zana and Amar; session 2: Zana only.
    const sessions = [
      ['Škola uz podršku · 1', ['Zana Ahmetović', 'Amar Hodžić']],
      ['Škola uz podršku · 2', ['Zana Ahmetović']],
    ] as const;
    for (const [title, names] of sessions) {
      await page.getByRole('link', { name: new RegExp(title) }).click();
      await expect.poll(() => heading(page)).toBe(title);
      for (const name of names) await page.getByRole('checkbox', { name: new RegExp(name) }).check();
      await page.getByRole('button', { name: /Sačuvaj/ }).click();
      await expect.poll(() => page.getByRole('status').textContent()).toBe('Sačuvano i poslato.');
      await page.getByRole('link', { name: /Sesija ciklusa/ }).click();
    }
    await expect.poll(() => page.getByTestId('cycle-held').textContent()).toContain('2');
    const rows = () => page.getByRole('table').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent?.trim())));
    await expect.poll(rows).toEqual([
      ['Zana Ahmetović', '2', 'završio/la'],
      ['Amar Hodžić', '1', 'još ne'],
    ]);
    expect(await page.getByTestId('cycle-completion').textContent()).toMatch(/50\s?%/);
  });

  it('staff record consent for a child under 15 given by a parent, and are told why the child alone cannot give it', async () => {
    const { page } = await signIn('ana.staff');
    await page.getByRole('link', { name: 'Saglasnosti' }).click();
    await expect.poll(() => heading(page)).toBe('Saglasnosti');
    await expect.poll(() => page.getByRole('list', { name: 'Bez pravnog osnova za učešće' }).getByText('Lejla Ljajić').count()).toBe(1);
    await accessible(page);
    await page.getByRole('button', { name: 'Upiši saglasnost: Lejla Ljajić' }).click();

    await page.getByLabel('Dao/la').selectOption('SELF');
    await page.getByRole('button', { name: 'Upiši saglasnost', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Dete mlađe od 15 godina ne može samo da da saglasnost. Mora je dati roditelj ili staratelj.');

    await page.getByLabel('Dao/la').selectOption('PARENT');
    await page.getByRole('button', { name: 'Upiši saglasnost', exact: true }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saglasnost je upisana.' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('list', { name: 'Bez pravnog osnova za učešće' }).getByText('Lejla Ljajić').count()).toBe(0);
    const { participant } = await admin(server, `query ($id: ID!) { participant(id: $id) { consents { purpose status givenBy } } }`, { id: ids.Lejla });
    expect(participant.consents).toEqual([{ purpose: 'PARTICIPATION', status: 'GIVEN', givenBy: 'PARENT' }]);

    // The API itself refuses the child alone, with the same words, when the page's own check is passed by.
    const refused = await page.evaluate(async (id) => {
      const session = await (await fetch('/auth/session')).json();
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ query: 'mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { position } }', variables: { input: { participantId: id, purpose: 'PHOTOS', legalBasis: 'CONSENT', givenBy: 'SELF', date: new Date().toISOString().slice(0, 10) } } }),
      });
      return (await response.json()).errors[0].extensions;
    }, ids.Lejla);
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', field: 'givenBy' });
  });

  it('staff withdraw wrongly logged hours and cancel a mistaken workshop; a volunteer withdraws their own', async () => {
    const logged = async (hours: number) =>
      (await admin(server, `mutation ($input: LogVolunteerHoursInput!) { logVolunteerHours(input: $input) { entry { id } } }`, { input: { volunteerId, centreId, date: todayIn(), hours, activity: `Pomoć ${hours}` } })).logVolunteerHours.entry.id as string;
    await logged(3);
    await logged(7);
    const total = async () => (await admin(server, `query ($id: ID!) { volunteer(id: $id) { totalHours } }`, { id: volunteerId })).volunteer.totalHours as number;
    expect(await total()).toBe(10);

    const { page } = await signIn('ana.staff');
    await page.getByRole('link', { name: 'Volonteri' }).click();
    await expect.poll(() => heading(page)).toBe('Volonteri');
    await accessible(page);
    const hoursList = page.getByRole('list', { name: 'Sati u poslednjih 60 dana' });
    await hoursList.getByRole('button', { name: /Povuci: Marko Petrović 7 h/ }).click();
    await page.getByLabel('Razlog ispravke').fill('Upisano dvaput');
    await page.getByRole('button', { name: 'Povuci ove sate' }).click();
    await expect.poll(total).toBe(3);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Sati su povučeni' }).count()).toBe(1);

    // A workshop entered by mistake is cancelled with a reason.
    const mistaken = await scheduleWorkshop(server, centreId, 'Greškom uneta', `${todayIn()}T15:00:00Z`);
    await page.goto(`${server.origin}/workshops/${mistaken}`);
    await expect.poll(() => heading(page)).toBe('Greškom uneta');
    await page.getByRole('button', { name: 'Otkaži radionicu: Greškom uneta' }).click();
    await page.getByLabel('Razlog ispravke').fill('Uneta dvaput');
    await page.getByRole('button', { name: 'Otkaži: uneta greškom' }).click();
    await expect.poll(async () => (await admin(server, `query ($id: ID!) { workshop(id: $id) { status cancellationReason } }`, { id: mistaken })).workshop).toEqual({ status: 'CANCELLED', cancellationReason: 'Uneta dvaput' });
    await expect.poll(() => page.getByText('Radionica je otkazana.').count()).toBeGreaterThan(0);

    // The volunteer withdraws their own 3 hours.
    const volunteer = await signIn('marko.vol');
    await expect.poll(() => volunteer.page.getByTestId('total-hours').textContent()).toBe('3');
    await volunteer.page.getByRole('button', { name: /Povuci: 3 h/ }).click();
    await volunteer.page.getByLabel('Razlog ispravke').fill('Pogrešan dan');
    await volunteer.page.getByRole('button', { name: 'Povuci ove sate' }).click();
    await expect.poll(() => volunteer.page.getByTestId('total-hours').textContent()).toBe('0');
    expect(await total()).toBe(0);
  });

  it("last week's workshop is found by week and its roster corrected", async () => {
    const lastWeek = await scheduleWorkshop(server, centreId, 'Petak prošle nedelje', `${todayIn(undefined, -7)}T09:00:00Z`);
    await admin(server, `mutation ($input: RecordAttendanceInput!) { recordAttendance(input: $input) { position } }`, { input: { workshopId: lastWeek, participantIds: [ids.Amar, ids.Lejla] } });
    const { page } = await signIn('ana.staff');
    await expect.poll(() => heading(page)).toBe('Radionice');
    expect(await page.getByRole('link', { name: /Petak prošle nedelje/ }).count()).toBe(0);
    await page.getByRole('button', { name: /Prethodna nedelja/ }).click();
    await page.getByRole('link', { name: /Petak prošle nedelje/ }).click();
    await expect.poll(() => heading(page)).toBe('Petak prošle nedelje');
    await page.getByRole('button', { name: 'Ispravi oznaku za Lejla Ljajić' }).click();
    await page.getByLabel('Zašto je oznaka pogrešna?').fill('Nije bila tog dana');
    await page.getByRole('button', { name: 'Ukloni oznaku' }).click();
    await expect.poll(async () => (await admin(server, `query ($id: ID!) { workshop(id: $id) { attendeeCount } }`, { id: lastWeek })).workshop.attendeeCount).toBe(1);
    // Back goes to the week that was shown; a date jumps to its week.
    await page.goBack();
    await expect.poll(() => page.getByRole('link', { name: /Petak prošle nedelje/ }).count()).toBe(1);
    await page.getByLabel('Idi na nedelju datuma').fill(todayIn(undefined, 14));
    await expect.poll(() => page.getByRole('link', { name: /Petak prošle nedelje/ }).count()).toBe(0);
    await accessible(page);
  });

  it('offline, a household is kept on the phone and sent when the connection returns', async () => {
    const { context, page } = await signIn('ana.staff');
    await page.getByRole('link', { name: 'Domaćinstva' }).click();
    await expect.poll(() => heading(page)).toBe('Domaćinstva');
    await page.getByText('Učitava se…').waitFor({ state: 'detached' });
    await context.setOffline(true);
    await page.getByLabel('Vratili su se iz').fill('Nemačka');
    await page.getByRole('button', { name: 'Upiši domaćinstvo' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Sačuvano na ovom uređaju' }).count()).toBe(1);
    await expect.poll(() => page.getByTestId('outbox-summary').textContent()).toContain('1 stavka čeka slanje');
    const households = async () => (await admin(server, `query ($id: ID!) { centre(id: $id) { households { returnedFrom } } }`, { id: centreId })).centre.households as { returnedFrom: string }[];
    expect(await households()).toEqual([]);
    await context.setOffline(false);
    await expect.poll(households, { timeout: 15_000 }).toEqual([{ returnedFrom: 'Nemačka' }]);
    await expect.poll(() => page.getByTestId('outbox-summary').count()).toBe(0);
    await expect.poll(() => page.getByRole('heading', { name: /^H-.*Nemačka/ }).count()).toBe(1);
  });

  it('every new screen has a name on each control and AA contrast, and works in Serbian Cyrillic with search in both scripts', async () => {
    const { page } = await signIn('ana.staff');
    for (const path of ['/households', '/follow-up', '/events/new', '/hours']) {
      await page.goto(`${server.origin}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.getByText('Učitava se…').waitFor({ state: 'detached' });
      await accessible(page);
    }
    await page.getByLabel('Jezik').selectOption('sr-Cyrl');
    await page.goto(`${server.origin}/consent`);
    await expect.poll(() => heading(page)).toBe('Сагласности');
    await page.getByLabel('Претрага по имену или шифри').fill('Хоџић');
    await expect.poll(() => page.getByLabel('Дете').inputValue()).toBe(ids.Amar);
    await accessible(page);
  });

  describe('the defects of issue 20', () => {
    it('after choosing a password through a one-time link, the page goes on to the start page and the password is gone', async () => {
      const created = await fetch(`${server.origin}/auth/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
        body: JSON.stringify({ username: 'nova.staff', role: 'staff', centreIds: [centreId] }),
      });
      const { token } = (await created.json()) as { token: string };
      const context = await newContext(browser, phone);
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${server.origin}/setup#${token}`);
      // A short password: the server's refusal in Serbian.
      await page.getByLabel('Nova lozinka').fill('kratka');
      await page.getByLabel('Ponovite lozinku').fill('kratka');
      await page.getByRole('button', { name: /Sačuvaj|Postavi/ }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toBe('Lozinka mora imati najmanje 10 znakova.');
      await page.getByLabel('Nova lozinka').fill(PASSWORD);
      await page.getByLabel('Ponovite lozinku').fill(PASSWORD);
      await page.getByRole('button', { name: /Sačuvaj|Postavi/ }).click();
      await expect.poll(() => heading(page)).toBe('Radionice');
      expect(page.url()).toBe(`${server.origin}/workshops`);
      expect(await page.locator('input[type=password]').count()).toBe(0);

      // A wrong current password, in Serbian too.
      await page.goto(`${server.origin}/account`);
      await page.getByLabel('Trenutna lozinka').fill('nije-ta-lozinka');
      await page.getByLabel('Nova lozinka').fill('druga-lozinka-2026');
      await page.getByLabel('Ponovite lozinku').fill('druga-lozinka-2026');
      await page.getByRole('button', { name: 'Promeni lozinku' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toBe('Trenutna lozinka nije tačna.');
    });

    it('the live dashboard refreshes every figure together', async () => {
      const { page } = await signIn('milica.coord', desktop);
      await expect.poll(() => page.getByTestId('figure-volunteerHours').textContent()).toBeTruthy();
      await page.getByText('Uživo').first().waitFor();
      const before = await page.getByTestId('figure-volunteerHours').textContent();
      await admin(server, `mutation ($input: LogVolunteerHoursInput!) { logVolunteerHours(input: $input) { entry { id } } }`, { input: { volunteerId, centreId, date: todayIn(), hours: 1.5, activity: 'Pomoć' } });
      await expect.poll(() => page.getByTestId('figure-volunteerHours').textContent(), { timeout: 10_000 }).not.toBe(before);
      const summary = await page.getByTestId('figure-volunteerHours').textContent();
      await expect.poll(() => page.getByTestId('indicator-VOLUNTEER_HOURS').textContent()).toMatch(new RegExp(`^${summary!.replace(/[.,]/g, '[.,]')}`));
    });

    it('on a 360 px phone every menu entry is in view and nothing scrolls sideways', async () => {
      const { page } = await signIn('ana.staff');
      const links = page.getByRole('navigation', { name: 'Glavni meni' }).getByRole('link');
      expect(await links.count()).toBeGreaterThan(5);
      for (const box of await links.evaluateAll((all) => all.map((a) => a.getBoundingClientRect().toJSON()))) {
        expect(box.left).toBeGreaterThanOrEqual(0);
        expect(box.right).toBeLessThanOrEqual(360);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    });

    it('on a long roster: sorted by surname, the connection bar stays in view, saved ticks look done, and the confirmation is not hidden or early', async () => {
      for (let i = 0; i < 25; i++) await registerChild(server, centreId, { givenName: `Dete${i}`, familyName: `Prezime${String(i).padStart(2, '0')}`, sex: 'MALE', birthYear: year - 8, group: 'LOCAL' });
      const workshop = await scheduleWorkshop(server, centreId, 'Duga lista', `${todayIn()}T07:00:00Z`);
      await admin(server, `mutation ($input: RecordAttendanceInput!) { recordAttendance(input: $input) { position } }`, { input: { workshopId: workshop, participantIds: [ids.Zana] } });
      const { page } = await signIn('ana.staff');
      await page.goto(`${server.origin}/workshops/${workshop}`);
      const names = page.getByRole('list', { name: 'Deca centra' }).locator('.tick-name');
      await expect.poll(() => names.count()).toBeGreaterThan(25);
      const order = await names.allTextContents();
      expect(order.slice(0, 4)).toEqual(['Zana Ahmetović', 'Amar Hodžić', 'Lejla Ljajić', 'Đorđe Marković']);

      // Saved ticks: checked, not disabled, and they stay ticked when touched.
      const saved = page.getByRole('checkbox', { name: /Zana Ahmetović/ });
      expect(await saved.isChecked()).toBe(true);
      expect(await saved.isDisabled()).toBe(false);
      await saved.click();
      expect(await saved.isChecked()).toBe(true);

      // The connection bar stays in view at the end of the list.
      await page.getByRole('checkbox', { name: /Prezime24/ }).check();
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      const bar = await page.getByTestId('connection').boundingBox();
      expect(bar!.y).toBeGreaterThanOrEqual(0);
      expect(bar!.y + bar!.height).toBeLessThanOrEqual(740);

      // "Saved and sent" only once the API answered; until then "Sending".
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route('**/graphql', async (route) => {
        if (route.request().postData()?.includes('RecordAttendance')) await held;
        await route.continue();
      });
      // Saving from the top of a long list: the confirmation must be in view, not at the list's end under the save bar.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.getByRole('button', { name: /Sačuvaj 1 oznaku/ }).click();
      const status = page.getByRole('status');
      await expect.poll(() => status.textContent()).toBe('Šalje se…');
      release();
      await expect.poll(() => status.textContent()).toBe('Sačuvano i poslato.');
      // …and the save bar does not cover it.
      const covered = await status.evaluate((element) => {
        const box = element.getBoundingClientRect();
        const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return !(top && (element.contains(top) || top.contains(element)));
      });
      expect(covered).toBe(false);
      const box = await status.boundingBox();
      expect(box!.y).toBeGreaterThanOrEqual(0);
      expect(box!.y + box!.height).toBeLessThanOrEqual(740);
    });
  });
  it('an admin corrects a centre’s municipality written wrongly, with the reason, on a phone', async () => {
    const { page } = await signIn('jelena.admin');
    await page.goto(`${server.origin}/centres`);
    await page.getByRole('button', { name: 'Ispravi Novi Pazar Community Centre' }).click();
    await page.getByRole('listitem').getByLabel('Opština').fill('Novi Pazar (grad)');
    await page.getByLabel('Razlog ispravke').fill('puni naziv opštine');
    await accessible(page);
    await page.getByRole('button', { name: 'Sačuvaj ispravku' }).click();
    await expect.poll(() => page.getByText('Novi Pazar (grad)').count()).toBe(1);
    const stored = await admin(server, `query ($id: ID!) { centre(id: $id) { name municipality } }`, { id: centreId });
    expect(stored.centre).toEqual({ name: 'Novi Pazar Community Centre', municipality: 'Novi Pazar (grad)' });
  });
});
