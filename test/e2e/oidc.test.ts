import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebIfStale } from '../../web/build.js';
import { providerEnv, startFakeProvider, type FakeProvider } from '../support/oidc-provider.js';
import { chromiumAvailable, chromiumMissing, launchChromium } from '../support/chromium.js';
import { desktop, newContext, startWebServer, type WebServer } from './support.js';

/*
 * Signing in through the identity provider in a real browser (Debian's Chromium): the sign-in
 * screen's one button, the provider's redirects, the error the page shows when the provider
 * refuses, and a coordinator's dashboard once signed in. Skipped like web.test.ts without Chromium.
 */

const available = chromiumAvailable();
if (!available && process.env.CI !== 'true') console.warn(`test/e2e/oidc.test.ts skipped: ${chromiumMissing}.`);

describe.skipIf(!available && process.env.CI !== 'true')('signing in through the identity provider in Chromium', () => {
  let provider: FakeProvider;
  let server: WebServer;
  let browser: Browser;

  beforeAll(async () => {
    provider = await startFakeProvider();
    [, server, browser] = await Promise.all([buildWebIfStale({ quiet: true }), startWebServer({ env: providerEnv(provider) }), launchChromium()]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await provider?.close();
  });

  it('given the provider refuses once and then signs a coordinator in, when they press the one button, then they see why, and then the dashboard', async () => {
    const context = await newContext(browser, desktop);
    try {
      const page = await context.newPage();
      const button = page.getByRole('link', { name: 'Prijavi se nalogom svoje organizacije' });

      // Given the provider refuses, when the button is pressed, then the page says so in Serbian and the address is clean.
      provider.failNextWith('access_denied');
      await page.goto(server.origin);
      await button.click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('otkazao ili odbio prijavu');
      expect(new URL(page.url()).search).toBe('');
      await expect.poll(() => page.getByRole('link').filter({ hasText: 'organizacije' }).count()).toBe(1);

      // Given a coordinator at the provider, when the button is pressed, then the API's session opens the dashboard.
      provider.signInAs({ sub: 'idp-coord-9', role: 'coordinator' });
      await button.click();
      await page.getByRole('navigation').waitFor();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Pregled');
      expect(await page.getByRole('alert').count()).toBe(0);

      // When they sign out, then the sign-in button is back and the old session is gone.
      await page.getByRole('button', { name: 'Odjava' }).click();
      await button.waitFor();
      expect((await context.request.get(`${server.origin}/auth/session`)).status()).toBe(401);
    } finally {
      await context.close();
    }
  });
});
