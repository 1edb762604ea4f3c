import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebIfStale } from '../../web/build.js';
import { chromiumAvailable, chromiumMissing, launchChromium } from '../support/chromium.js';
import { admin, createAccount, desktop, lowContrast, newContext, openCentre, phone, registerChild, scheduleWorkshop, startWebServer, todayIn, unlabelled, type WebServer } from './support.js';

/*
 * A child's page (Dete) on a phone in Chromium: reached from the workshop's roster, the history as
 * a timeline, a referral made and then closed, the closing made offline and sent when the
 * connection returns. Skipped with a message when Chromium is missing.
 */

const available = chromiumAvailable();
if (!available) console.warn(`test/e2e/child.test.ts skipped: ${chromiumMissing}.`);

const PASSWORD = 'savetovaliste-2026-sigurno';

describe.skipIf(!available)("a child's page in Chromium", () => {
  let server: WebServer;
  let browser: Browser;
  let childId: string;
  let workshopId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const [, started, launched] = await Promise.all([buildWebIfStale({ quiet: true }), startWebServer(), launchChromium()]);
    server = started;
    browser = launched;
    const centreId = await openCentre(server, 'Sjenica Community Centre', 'Sjenica');
    childId = await registerChild(server, centreId, { givenName: 'Amela', familyName: 'Hodžić', sex: 'FEMALE', birthYear: 2014, group: 'RETURNEE' });
    workshopId = await scheduleWorkshop(server, centreId, 'Školska podrška', `${todayIn(undefined, -1)}T08:00:00Z`, 'SCHOOL_SUPPORT');
    await admin(server, `mutation ($input: RecordAttendanceInput!) { recordAttendance(input: $input) { position } }`, { input: { workshopId, participantIds: [childId] } });
    // Another child's referral, open for 40 days: on the staff's start page, to follow up.
    const edin = await registerChild(server, centreId, { givenName: 'Edin', familyName: 'Mujović', sex: 'MALE', birthYear: 2011, group: 'RETURNEE' });
    await admin(server, `mutation ($input: MakeReferralInput!) { makeReferral(input: $input) { position } }`, {
      input: { centreId, participantId: edin, service: 'HEALTH', organisation: 'Dom zdravlja Sjenica', date: todayIn(undefined, -40) },
    });
    await createAccount(server, { username: 'sara.staff', role: 'staff', centreIds: [centreId] }, PASSWORD);
    await createAccount(server, { username: 'vesna.coord', role: 'coordinator' }, PASSWORD);
  }, 60_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  const referrals = async () =>
    (
      await admin<{ participant: { services: { type: string; referral: { status: string; outcome: string | null } | null }[] } }>(
        server,
        `query ($id: ID!) { participant(id: $id) { services { type referral { status outcome } } } }`,
        { id: childId },
      )
    ).participant.services.filter((entry) => entry.type.startsWith('REFERRAL'));

  async function signIn(viewport: typeof phone, username: string) {
    const context = await newContext(browser, viewport);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(server.origin);
    await page.getByLabel('Korisničko ime').fill(username);
    await page.getByLabel('Lozinka').fill(PASSWORD);
    await page.getByRole('button', { name: 'Prijavi se' }).click();
    await page.getByRole('navigation').waitFor();
    return { context, page };
  }

  it("staff see the referrals to follow up on their start page, each linked to the child's page", async () => {
    const { page } = await signIn(phone, 'sara.staff');
    const followUp = page.getByRole('region', { name: 'Upućivanja za praćenje' });
    await followUp.getByRole('link', { name: /Edin Mujović/ }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Dete: Edin Mujović');
    expect(await page.getByRole('list', { name: 'Istorija' }).textContent()).toContain('Dom zdravlja Sjenica');
  }, 60_000);

  it('staff open the child from the roster, see the timeline, make a referral and close it offline', async () => {
    const { context, page } = await signIn(phone, 'sara.staff');

    // From the workshop's roster to the child's page.
    await page.goto(`${server.origin}/workshops/${workshopId}`);
    await page.getByRole('link', { name: 'Stranica deteta: Amela Hodžić' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Dete: Amela Hodžić');
    const timeline = page.getByRole('list', { name: 'Istorija' });
    await expect.poll(() => timeline.getByRole('listitem').count()).toBe(1);
    expect(await timeline.textContent()).toContain('Radionica');
    expect(await page.getByTestId('count-WORKSHOP').textContent()).toBe('1');

    // A referral to the centre for social work.
    await page.getByRole('button', { name: 'Upućivanje' }).click();
    await page.getByLabel('Ustanova').fill('Centar za socijalni rad Sjenica');
    await page.getByLabel('Razlog').fill('Potrebna socijalna pomoć');
    await page.getByRole('button', { name: 'Sačuvaj' }).click();
    await expect.poll(async () => (await referrals()).length, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => timeline.getByRole('listitem').count(), { timeout: 10_000 }).toBe(2);
    expect(await page.getByTestId('count-REFERRAL_MADE').textContent()).toBe('1');
    expect(await lowContrast(page)).toEqual([]);
    expect(await unlabelled(page)).toEqual([]);
    // The page fits a 360 px phone: nothing scrolls sideways.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);

    // Offline: the closing waits on the phone and is sent when the connection returns.
    await context.setOffline(true);
    await expect.poll(() => page.getByTestId('connection').textContent()).toContain('Van mreže');
    await page.getByRole('button', { name: /^Zatvori upućivanje: / }).click();
    await page.getByLabel('Ishod').selectOption('SERVICE_RECEIVED');
    await page.getByRole('button', { name: 'Zatvori upućivanje', exact: true }).click();
    await expect.poll(() => page.getByTestId('outbox-summary').textContent()).toContain('1 stavka čeka slanje');
    expect((await referrals()).map((entry) => entry.referral?.status)).toEqual(['OPEN']);

    await context.setOffline(false);
    await expect.poll(async () => (await referrals()).map((entry) => entry.type), { timeout: 15_000 }).toEqual(['REFERRAL_MADE', 'REFERRAL_CLOSED']);
    expect((await referrals())[1]!.referral).toEqual({ status: 'CLOSED', outcome: 'SERVICE_RECEIVED' });
    await expect.poll(() => page.getByTestId('outbox-summary').count()).toBe(0);
    await expect.poll(() => timeline.getByRole('listitem').count(), { timeout: 10_000 }).toBe(3);
    expect(await timeline.textContent()).toContain('Usluga primljena');
  }, 90_000);

  it('a coordinator sees unique beneficiaries and the referrals beside the workshop figures, and no notes', async () => {
    const { page } = await signIn(desktop, 'vesna.coord');
    await expect.poll(() => page.getByTestId('figure-uniqueBeneficiaries').textContent(), { timeout: 10_000 }).toBe('2');
    expect(await page.getByTestId('figure-referralsMade').textContent()).toBe('2');
    expect(await page.getByTestId('figure-uniqueParticipants').textContent()).toBe('1');
    await page.goto(`${server.origin}/participants/${childId}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Dete:');
    // The coordinator reads the code and the history, never the name nor the referral's reason.
    expect(await page.getByRole('heading', { level: 1 }).textContent()).not.toContain('Amela');
    expect(await page.getByRole('list', { name: 'Istorija' }).textContent()).not.toContain('Potrebna socijalna pomoć');
    expect(await page.getByRole('button', { name: 'Upućivanje' }).count()).toBe(0);
  }, 60_000);
});
