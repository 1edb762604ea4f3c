import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { createLedgerHttpApp, openLedger } from '../../src/app.js';
import { issueLocalToken, loadOrCreateLocalSecret } from '../../src/auth/tokens.js';
import { parseConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';

// Launching Chromium: test/support/chromium.ts, shared with scripts/screenshots.ts.

export const TIME_ZONE = 'Europe/Belgrade';
export const phone = { width: 360, height: 740 };
export const desktop = { width: 1280, height: 800 };

/** A browser context as a centre's phone or a coordinator's laptop: Belgrade time, Serbian by default. */
export function newContext(browser: Browser, viewport: { width: number; height: number }, options: { serviceWorkers?: 'allow' | 'block' } = {}): Promise<BrowserContext> {
  return browser.newContext({
    viewport,
    timezoneId: TIME_ZONE,
    locale: 'sr-Latn-RS',
    serviceWorkers: options.serviceWorkers ?? 'block',
    ...(viewport.width < 500 ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
}

/** Today's date in the deployment's time zone. */
export const todayIn = (timeZone = TIME_ZONE, offsetDays = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + offsetDays * 86_400_000));

/** The ledger and its web app, in-process, listening on 127.0.0.1 only (port 0), with a temporary DATA_DIR. */
export interface WebServer {
  readonly origin: string;
  /** A local admin's bearer token, for preparing data through the API. */
  readonly token: string;
  close(): Promise<void>;
}

/** `env`: more settings, e.g. an identity provider's (test/support/oidc-provider.ts). */
export async function startWebServer(options: { env?: Record<string, string> } = {}): Promise<WebServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'centre-ledger-web-'));
  const config = parseConfig({ TZ: TIME_ZONE, ...options.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0' });
  const ledger = await openLedger(config, createLogger(config.logLevel));
  const app = createLedgerHttpApp(ledger, config, createLogger(config.logLevel));
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const { port } = server.address() as { port: number };
  const token = await issueLocalToken(loadOrCreateLocalSecret(dataDir), { role: 'admin', userId: 'e2e-admin', days: 1 });
  return {
    origin: `http://127.0.0.1:${port}`,
    token,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await ledger.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** An admin's GraphQL call (bearer token), failing loudly. */
export async function admin<T = any>(server: WebServer, document: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${server.origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body: JSON.stringify({ query: document, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length || !body.data) throw new Error(`admin call failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

export const openCentre = async (server: WebServer, name: string, municipality: string) =>
  (
    await admin(server, `mutation ($input: OpenCentreInput!) { openCentre(input: $input) { centre { id } } }`, {
      input: { name, municipality, district: 'Raška' },
    })
  ).openCentre.centre.id as string;

export const registerChild = async (
  server: WebServer,
  centreId: string,
  child: { givenName: string; familyName: string; sex: 'FEMALE' | 'MALE'; birthYear: number; group: 'RETURNEE' | 'LOCAL' },
) =>
  (
    await admin(server, `mutation ($input: RegisterParticipantInput!) { registerParticipant(input: $input) { participant { id } } }`, {
      input: { centreId, ...child },
    })
  ).registerParticipant.participant.id as string;

export const scheduleWorkshop = async (server: WebServer, centreId: string, title: string, startsAt: string, kind = 'PSYCHOSOCIAL') =>
  (
    await admin(server, `mutation ($input: ScheduleWorkshopInput!) { scheduleWorkshop(input: $input) { workshop { id } } }`, {
      input: { centreId, kind, title, startsAt, durationMinutes: 90 },
    })
  ).scheduleWorkshop.workshop.id as string;

export const registerVolunteer = async (server: WebServer, centreId: string, name: string) =>
  (await admin(server, `mutation ($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { volunteer { id } } }`, { input: { centreId, name } }))
    .registerVolunteer.volunteer.id as string;

/** Creates a web account through /auth/users (an admin's bearer token) and sets its password through the one-time link. */
export async function createAccount(
  server: WebServer,
  account: { username: string; role: string; centreIds?: string[]; volunteerId?: string },
  password: string,
): Promise<void> {
  const created = await fetch(`${server.origin}/auth/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body: JSON.stringify(account),
  });
  if (created.status !== 201) throw new Error(`creating ${account.username} answered ${created.status}: ${await created.text()}`);
  const { token } = (await created.json()) as { token: string };
  const setup = await fetch(`${server.origin}/auth/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, password }),
  });
  if (!setup.ok) throw new Error(`setting ${account.username}'s password answered ${setup.status}: ${await setup.text()}`);
}

/**
 * WCAG AA text contrast of what the page shows: every visible text node's colour against the
 * first opaque background behind it, 4.5:1 (3:1 for large text). Disabled controls are exempt.
 * Returns the failures, as "text: ratio".
 */
export function lowContrast(page: import('playwright-core').Page): Promise<string[]> {
  // A string, not a function: tsx would wrap a function's inner functions in helpers the page lacks.
  return page.evaluate(`(() => {
    const parse = (colour) => {
      const m = /rgba?\\(([\\d.]+),\\s*([\\d.]+),\\s*([\\d.]+)(?:,\\s*([\\d.]+))?\\)/.exec(colour);
      return m ? { r: +m[1], g: +m[2], b: +m[3], a: m[4] === undefined ? 1 : +m[4] } : { r: 0, g: 0, b: 0, a: 0 };
    };
    const luminance = ({ r, g, b }) => {
      const channel = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const background = (element) => {
      let layers = [];
      for (let node = element; node; node = node.parentElement) {
        const colour = parse(getComputedStyle(node).backgroundColor);
        if (colour.a > 0) layers.push(colour);
        if (colour.a >= 1) break;
      }
      layers = layers.reverse();
      let result = { r: 255, g: 255, b: 255 };
      for (const layer of layers) result = { r: layer.r * layer.a + result.r * (1 - layer.a), g: layer.g * layer.a + result.g * (1 - layer.a), b: layer.b * layer.a + result.b * (1 - layer.a) };
      return result;
    };
    const failures = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      const text = node.textContent?.trim();
      if (!element || !text || element.closest('svg, option, [disabled], .visually-hidden, noscript')) continue;
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
      const fg = parse(style.color);
      const bg = background(element);
      const [light, dark] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
      const ratio = (light + 0.05) / (dark + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) failures.push(\`\${text.slice(0, 40)}: \${ratio.toFixed(2)}\`);
    }
    return failures;
})()`) as Promise<string[]>;
}

/** Form controls and buttons without a name a screen reader can read (a label, aria-label(ledby), or text). */
export function unlabelled(page: import('playwright-core').Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const missing = [];
    for (const element of document.querySelectorAll('input, select, textarea, button, a[href]')) {
      if (element.type === 'hidden' || element.closest('.visually-hidden')) continue;
      const named =
        (element.labels && element.labels.length > 0 && [...element.labels].some((label) => label.textContent.trim())) ||
        (element.getAttribute('aria-label') || '').trim() ||
        (element.getAttribute('aria-labelledby') && document.getElementById(element.getAttribute('aria-labelledby'))?.textContent.trim()) ||
        ((element.tagName === 'BUTTON' || element.tagName === 'A') && element.textContent.trim());
      if (!named) missing.push(element.outerHTML.slice(0, 80));
    }
    return missing;
  })()`) as Promise<string[]>;
}
