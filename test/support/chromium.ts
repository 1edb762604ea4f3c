import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * Launching Debian's Chromium (`apt-get install -y chromium`) through playwright-core, never a
 * downloaded browser: one place for the browser tests (test/e2e/) and `npm run screenshots`
 * (scripts/screenshots.ts), which both compile it (tsconfig.json and scripts/tsconfig.json).
 */

export const CHROMIUM = '/usr/bin/chromium';
export const chromiumAvailable = () => existsSync(CHROMIUM);
/** What to tell someone without it. */
export const chromiumMissing = `${CHROMIUM} is missing (apt-get install -y chromium)`;

/** The flags the project runs Chromium with; Playwright gives every launch a fresh temporary user-data-dir. */
export const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: chromiumFlags, timeout: 30_000 });
}
