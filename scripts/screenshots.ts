/**
 * `npm run screenshots`: the web app's main screens at phone (360×740) and desktop (1280×800)
 * width, into docs/screenshots/, on a small generated programme (a temporary DATA_DIR, deleted
 * afterwards). Needs Debian's Chromium (`apt-get install -y chromium`).
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { buildWebIfStale } from '../web/build.js';
import { seeded } from '../src/demo/random.js';
import { chromiumAvailable, chromiumMissing, launchChromium } from '../test/support/chromium.js';
import {
  admin,
  createAccount,
  desktop,
  newContext,
  openCentre,
  phone,
  registerChild,
  registerVolunteer,
  scheduleWorkshop,
  startWebServer,
  todayIn,
  type WebServer,
} from '../test/e2e/support.js';

const out = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const PASSWORD = 'screenshots-2026-lozinka';

if (!chromiumAvailable()) {
  console.error(chromiumMissing);
  process.exit(1);
}

/** A seeded generator, so every run draws the same programme. */
const given = {
  FEMALE: ['Lejla', 'Emina', 'Jovana', 'Amra', 'Milica', 'Selma', 'Ajla', 'Teodora', 'Dženana', 'Sara', 'Ana', 'Belma'],
  MALE: ['Amar', 'Đorđe', 'Haris', 'Stefan', 'Tarik', 'Luka', 'Emir', 'Nikola', 'Adnan', 'Vuk', 'Kenan', 'Filip'],
} as const;
const family = ['Ljajić', 'Hodžić', 'Marković', 'Šabotić', 'Čolović', 'Muratović', 'Petrović', 'Kurtović', 'Nikolić', 'Bihorac', 'Jovanović', 'Zukorlić'];

const addDays = (iso: string, days: number) => {
  const date = new Date(`${iso}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};
const firstOfMonthsBack = (iso: string, months: number) => {
  const date = new Date(`${iso.slice(0, 7)}-01T12:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() - months);
  return date.toISOString().slice(0, 10);
};

async function seed(server: WebServer) {
  const next = seeded(2026).next;
  const today = todayIn();
  const noviPazar = await openCentre(server, 'Novi Pazar Community Centre', 'Novi Pazar');
  const tutin = await openCentre(server, 'Tutin Community Centre', 'Tutin');
  const children: string[] = [];
  for (let i = 0; i < 24; i++) {
    const sex = i % 2 === 0 ? 'FEMALE' : 'MALE';
    children.push(
      await registerChild(server, noviPazar, {
        givenName: given[sex][Math.floor(i / 2) % 12]!,
        familyName: family[(i * 5) % 12]!,
        sex,
        birthYear: 2011 + (i % 8),
        group: i % 3 === 0 ? 'RETURNEE' : 'LOCAL',
      }),
    );
  }
  const tutinChildren: string[] = [];
  for (let i = 0; i < 8; i++) {
    const sex = i % 2 === 0 ? 'MALE' : 'FEMALE';
    tutinChildren.push(await registerChild(server, tutin, { givenName: given[sex][(i + 5) % 12]!, familyName: family[(i * 7 + 3) % 12]!, sex, birthYear: 2012 + (i % 6), group: 'RETURNEE' }));
  }
  const attend = (workshopId: string, participantIds: string[]) =>
    admin(server, `mutation ($input: RecordAttendanceInput!) { recordAttendance(input: $input) { position } }`, { input: { workshopId, participantIds } });

  // About four months of workshops, three a week at Novi Pazar and one at Tutin.
  const titles = ['Igraonica poverenja', 'Pomoć u učenju', 'Kreativna radionica', 'Roditeljski kutak'];
  const kinds = ['PSYCHOSOCIAL', 'SCHOOL_SUPPORT', 'INCLUSIVE', 'PARENTING'];
  const start = firstOfMonthsBack(today, 4);
  for (let day = start, n = 0; day < today; day = addDays(day, 1)) {
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    if (![1, 3, 5].includes(weekday)) continue;
    const k = n++ % 4;
    const id = await scheduleWorkshop(server, noviPazar, titles[k]!, `${day}T15:00:00Z`, kinds[k]);
    const growth = 0.35 + 0.4 * (n / 60);
    const who = children.filter(() => next() < growth);
    if (who.length) await attend(id, who);
    if (weekday === 3) {
      const t = await scheduleWorkshop(server, tutin, 'Igraonica poverenja', `${day}T14:00:00Z`);
      const came = tutinChildren.filter(() => next() < 0.6);
      if (came.length) await attend(t, came);
    }
  }
  // Today's workshop with some children already ticked, and the rest of the week.
  const todays = await scheduleWorkshop(server, noviPazar, 'Igraonica poverenja', `${today}T14:00:00Z`);
  await attend(todays, children.slice(0, 4));
  await scheduleWorkshop(server, noviPazar, 'Pomoć u učenju', `${today}T16:30:00Z`, 'SCHOOL_SUPPORT');
  for (const [offset, title, kind] of [
    [1, 'Kreativna radionica', 'INCLUSIVE'],
    [2, 'Roditeljski kutak', 'PARENTING'],
  ] as const) {
    await scheduleWorkshop(server, noviPazar, title, `${addDays(today, offset)}T15:00:00Z`, kind);
  }

  const marko = await registerVolunteer(server, noviPazar, 'Marko Petrović');
  const activities = ['Pomoć u učenju', 'Igraonica', 'Priprema radionice', 'Kulturni događaj'];
  for (let i = 1; i <= 10; i++) {
    await admin(server, `mutation ($input: LogVolunteerHoursInput!) { logVolunteerHours(input: $input) { position } }`, {
      input: { volunteerId: marko, centreId: i % 4 === 0 ? tutin : noviPazar, date: addDays(today, -i * 6), hours: [2, 3, 2.5, 4][i % 4], activity: activities[i % 4] },
    });
  }
  await admin(server, `mutation ($input: RecordCulturalEventInput!) { recordCulturalEvent(input: $input) { position } }`, {
    input: { centreId: noviPazar, title: 'Dan otvorenih vrata', date: addDays(today, -20), audience: { women: 34, men: 21, girls: 28, boys: 25 } },
  });

  // Targets for the dashboard's default period (five months back to today).
  const from = firstOfMonthsBack(today, 5);
  for (const [indicator, value] of [
    ['PARTICIPANTS_REACHED', 40],
    ['WORKSHOPS_HELD', 80],
    ['WOMEN_AND_GIRLS_SHARE', 0.4],
    ['RETURNEES_REACHED', 20],
    ['VOLUNTEER_HOURS', 60],
    ['CULTURAL_EVENT_AUDIENCE', 200],
  ] as const) {
    await admin(server, `mutation ($input: SetTargetInput!) { setTarget(input: $input) { position } }`, { input: { indicator, value, from, to: today } });
  }

  // Issue 20's areas: a cycle with its sessions, households, consent, a legal adviser's cases, an agreement.
  const gql = (document: string, input: Record<string, unknown>) => admin(server, document, { input });
  const cycle = (
    await gql(`mutation ($input: ScheduleCycleInput!) { scheduleCycle(input: $input) { cycle { id } } }`, {
      centreId: noviPazar, kind: 'SCHOOL_SUPPORT', title: 'Škola uz podršku', plannedSessions: 8, startsOn: addDays(today, -35), endsOn: addDays(today, 21),
    })
  ).scheduleCycle.cycle.id as string;
  for (let k = 0; k < 5; k++) {
    const session = (
      await gql(`mutation ($input: ScheduleWorkshopInput!) { scheduleWorkshop(input: $input) { workshop { id } } }`, {
        centreId: noviPazar, kind: 'SCHOOL_SUPPORT', cycleId: cycle, title: `Škola uz podršku · ${k + 1}`, startsAt: `${addDays(today, -35 + 7 * k)}T13:00:00Z`, durationMinutes: 90,
      })
    ).scheduleWorkshop.workshop.id as string;
    await attend(session, children.slice(0, 8).filter((_, i) => i < 5 || (i + k) % 3 !== 0));
  }
  for (const [from, members] of [['Nemačka', [0, 3, 6]], ['Švedska', [1, 4]], ['Francuska', [2, 5, 7]]] as const) {
    const household = (
      await gql(`mutation ($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { household { id } } }`, { centreId: noviPazar, returnedFrom: from, returnedOn: addDays(today, -400) })
    ).registerHousehold.household.id as string;
    for (const index of members) await gql(`mutation ($input: SetParticipantHouseholdInput!) { setParticipantHousehold(input: $input) { position } }`, { participantId: children[index], householdId: household });
  }
  for (const id of children.slice(0, 16)) {
    await gql(`mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { position } }`, { participantId: id, purpose: 'PARTICIPATION', legalBasis: 'CONSENT', givenBy: 'PARENT', date: addDays(today, -100) });
  }
  for (const [index, problem] of [[0, 'PERSONAL_DOCUMENTS'], [3, 'RESIDENCE_REGISTRATION'], [6, 'HEALTH_INSURANCE']] as const) {
    const legalCase = (
      await gql(`mutation ($input: OpenLegalCaseInput!) { openLegalCase(input: $input) { legalCase { id } } }`, { centreId: noviPazar, participantId: children[index], problem, openedOn: addDays(today, -30) })
    ).openLegalCase.legalCase.id as string;
    for (const [days, serviceLevel] of [[-30, 'INFORMATION'], [-12, 'DRAFTING']] as const) {
      await gql(`mutation ($input: RecordLegalConsultationInput!) { recordLegalConsultation(input: $input) { position } }`, {
        centreId: noviPazar, participantId: children[index], caseId: legalCase, date: addDays(today, days), topic: problem, serviceLevel,
      });
    }
  }
  await gql(`mutation ($input: RecordVolunteerAgreementInput!) { recordVolunteerAgreement(input: $input) { position } }`, { volunteerId: marko, signedOn: addDays(today, -60), validUntil: addDays(today, 300) });
  await createAccount(server, { username: 'vesna.legal', role: 'legal', centreIds: [noviPazar] }, PASSWORD);

  await createAccount(server, { username: 'ana.staff', role: 'staff', centreIds: [noviPazar] }, PASSWORD);
  await createAccount(server, { username: 'milica.coord', role: 'coordinator' }, PASSWORD);
  await createAccount(server, { username: 'marko.vol', role: 'volunteer', volunteerId: marko }, PASSWORD);
  await createAccount(server, { username: 'jelena.admin', role: 'admin' }, PASSWORD);
  return { todays, cycle };
}

async function signedIn(browser: Browser, server: WebServer, viewport: typeof phone, username: string | null, language = 'sr-Latn') {
  const context = await newContext(browser, viewport);
  await context.addInitScript((tag: string) => localStorage.setItem('language', tag), language);
  const page = await context.newPage();
  await page.goto(server.origin);
  if (username) {
    await page.getByLabel(/Korisničko ime|User name|Корисничко име/).fill(username);
    await page.getByLabel(/Lozinka|Password|Лозинка/).fill(PASSWORD);
    await page.getByRole('button', { name: /Prijavi se|Sign in|Пријави се/ }).click();
    await page.getByRole('navigation').waitFor();
  } else {
    await page.getByRole('button', { name: /Prijavi se|Sign in|Пријави се/ }).waitFor();
  }
  return { context, page };
}

async function shot(page: Page, name: string, fullPage = false, top = true) {
  await page.waitForLoadState('networkidle', { timeout: 3000 }).catch(() => undefined);
  if (top) await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(150);
  await page.screenshot({ path: `${out}${name}.png`, fullPage });
  console.log(`docs/screenshots/${name}.png`);
}

mkdirSync(out, { recursive: true });
const [, server, browser] = await Promise.all([buildWebIfStale({ quiet: true }), startWebServer(), launchChromium()]);
try {
  const { todays, cycle } = await seed(server);

  for (const [size, viewport] of [
    ['phone', phone],
    ['desktop', desktop],
  ] as const) {
    const signIn = await signedIn(browser, server, viewport, null);
    await shot(signIn.page, `${size}-sign-in`);
    await signIn.context.close();

    const staff = await signedIn(browser, server, viewport, 'ana.staff');
    await staff.page.getByRole('heading', { name: 'Radionice' }).waitFor();
    await shot(staff.page, `${size}-workshops`);
    await staff.page.goto(`${server.origin}/workshops/${todays}`);
    await staff.page.getByText('upisano').first().waitFor();
    await staff.page.getByRole('checkbox', { name: /Emina/ }).first().check();
    await staff.page.getByRole('checkbox', { name: /Stefan/ }).first().check();
    await staff.page.getByText(/prisutno/).first().evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await shot(staff.page, `${size}-attendance`, false, false);
    if (size === 'phone') {
      await staff.context.setOffline(true);
      await staff.page.getByRole('button', { name: /Sačuvaj/ }).click();
      await staff.page.getByTestId('outbox-summary').click();
      await shot(staff.page, `${size}-attendance-offline`);
      await staff.context.setOffline(false);
      await staff.page.getByRole('button', { name: 'Dodaj dete koje je tek došlo' }).click();
      await staff.page.getByLabel('Ime', { exact: true }).fill('Nejra');
      await staff.page.getByLabel('Prezime').fill('Kajević');
      await staff.page.getByLabel('Pol').selectOption('FEMALE');
      await staff.page.getByLabel('Godina rođenja').fill('2016');
      await staff.page.getByRole('heading', { name: 'Dodaj dete koje je tek došlo' }).evaluate((element) => element.scrollIntoView({ block: 'start' }));
      await shot(staff.page, `${size}-walk-in`, false, false);
    }
    await staff.context.close();

    const coordinator = await signedIn(browser, server, viewport, 'milica.coord');
    await coordinator.page.getByTestId('figure-attendances').waitFor();
    await shot(coordinator.page, `${size}-dashboard`, true);
    await coordinator.context.close();

    // Issue 20: every area a role works in.
    const areas = await signedIn(browser, server, viewport, 'ana.staff');
    for (const [path, name, ready] of [
      [`/cycles/${cycle}`, 'cycle', 'Završetak po detetu'],
      ['/households', 'households', 'Dodaj člana'],
      ['/consent', 'consent', 'Bez pravnog osnova za učešće'],
      ['/volunteers', 'volunteers', 'Kome treba pisani ugovor'],
      ['/events/new', 'event-correction', 'Događaji u poslednja tri meseca'],
    ] as const) {
      await areas.page.goto(`${server.origin}${path}`);
      await areas.page.getByText(ready).first().waitFor();
      await areas.page.getByText('Učitava se…').first().waitFor({ state: 'detached' }).catch(() => undefined);
      if (name === 'event-correction') {
        await areas.page.getByRole('button', { name: /Ispravi publiku/ }).first().click();
        await areas.page.getByRole('button', { name: 'Sačuvaj ispravku' }).evaluate((element) => element.scrollIntoView({ block: 'end' }));
      }
      await shot(areas.page, `${size}-${name}`, size === 'desktop', name !== 'event-correction');
    }
    await areas.page.goto(`${server.origin}/workshops`);
    await areas.page.getByRole('button', { name: /Prethodna nedelja/ }).click();
    await areas.page.getByRole('link').filter({ hasText: 'Igraonica poverenja' }).first().waitFor();
    await shot(areas.page, `${size}-previous-week`);
    await areas.context.close();

    const legal = await signedIn(browser, server, viewport, 'vesna.legal');
    await legal.page.getByRole('heading', { name: 'Pravni predmeti' }).waitFor();
    await legal.page.getByRole('link', { name: /konsultacij/ }).first().waitFor();
    await shot(legal.page, `${size}-legal-cases`);
    await legal.page.getByRole('link', { name: /konsultacij/ }).first().click();
    await legal.page.getByRole('list', { name: 'Konsultacije' }).waitFor();
    await shot(legal.page, `${size}-legal-case`, size === 'desktop');
    await legal.context.close();

    const volunteer = await signedIn(browser, server, viewport, 'marko.vol');
    await volunteer.page.getByTestId('total-hours').waitFor();
    await shot(volunteer.page, `${size}-my-hours`, size === 'phone');
    await volunteer.context.close();
  }

  const english = await signedIn(browser, server, desktop, 'milica.coord', 'en');
  await english.page.getByTestId('figure-attendances').waitFor();
  await english.page.getByText('Show the numbers as a table').first().click();
  await shot(english.page, 'desktop-dashboard-en', true);
  await english.context.close();

  const cyrillic = await signedIn(browser, server, phone, 'ana.staff', 'sr-Cyrl');
  await cyrillic.page.goto(`${server.origin}/workshops/${todays}`);
  await cyrillic.page.getByLabel('Претрага по имену или шифри').fill('Хоџић');
  await cyrillic.page.getByText('уписано').first().waitFor().catch(() => undefined);
  await cyrillic.page.getByLabel('Претрага по имену или шифри').evaluate((element) => element.scrollIntoView({ block: 'center' }));
  await shot(cyrillic.page, 'phone-roster-cyrillic', false, false);
  await cyrillic.context.close();

  const adminUser = await signedIn(browser, server, desktop, 'jelena.admin');
  await adminUser.page.goto(`${server.origin}/users`);
  await adminUser.page.getByRole('cell', { name: 'ana.staff' }).or(adminUser.page.getByRole('rowheader', { name: 'ana.staff' })).first().waitFor();
  await shot(adminUser.page, 'desktop-users', true);
  await adminUser.context.close();
} finally {
  await browser.close();
  await server.close();
}
