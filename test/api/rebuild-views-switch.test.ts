/**
 * REBUILD_VIEWS, as an operator uses it: the named views and those that read them are built again
 * from the log in the background while the server answers from their current version, and the
 * request is carried out once (src/projection/rebuild-request.ts).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { allProjections } from '../../projections/index.js';
import { openLedger } from '../../src/app.js';
import { systemActor } from '../../src/auth/actor.js';
import { issueLocalToken, loadOrCreateLocalSecret } from '../../src/auth/tokens.js';
import type { CommandContext } from '../../src/commands/ledger.js';
import { parseConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { requestViewRebuilds, viewsToRebuild } from '../../src/projection/rebuild-request.js';
import { graphql, startChildServer, type ChildServer } from '../support/child-server.js';

const dirs: string[] = [];
const servers: ChildServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const TITLE = 'Art group';
const DAMAGED = 'a title the views got wrong';
const QUERY = `query ($id: ID!) { workshop(id: $id) { title } summary { attendances workshopsHeld uniqueParticipants } }`;

/** A centre whose children attended workshops, written through the commands; a workshop's id and the true summary. */
async function ledgerWithAttendance(dataDir: string) {
  const config = parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', TZ: 'Europe/Belgrade' });
  const app = await openLedger(config, createLogger('silent'));
  const context: CommandContext = { actor: systemActor, correlationId: randomUUID() };
  try {
    const centreId = (await app.commands.openCentre(context, { name: 'Dom Kraljevo', municipality: 'Kraljevo', district: 'Raška' })).result.centreId;
    const children: string[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await app.commands.registerParticipant(context, { centreId, givenName: 'Luka', familyName: `Petrović ${i}`, sex: i % 2 ? 'MALE' : 'FEMALE', birthYear: 2013, group: 'LOCAL' });
      children.push(r.result.participantId);
    }
    const workshops: string[] = [];
    for (let w = 0; w < 5; w++) {
      const r = await app.commands.scheduleWorkshop(context, { centreId, kind: 'INCLUSIVE', title: TITLE, startsAt: `2025-04-${String(7 + w).padStart(2, '0')}T14:00:00Z`, durationMinutes: 90 });
      workshops.push(r.result.workshopId);
      for (const child of children) await app.commands.recordAttendance(context, { workshopId: r.result.workshopId, participantIds: [child] });
    }
    await app.runner.waitFor(await app.store.headPosition());
    return { workshopId: workshops[0]!, summary: app.read.summary('all', {}) };
  } finally {
    await app.close();
  }
}

describe('REBUILD_VIEWS', () => {
  it('names the views that read the requested ones too, and refuses a name that is no view', () => {
    const projections = allProjections({ timeZone: 'Europe/Belgrade' });
    // When: the workshops are asked for. Then: the attendance rows and the centre and programme spans, which read them, come too.
    expect(viewsToRebuild(projections, ['workshops'])).toEqual(expect.arrayContaining(['workshops', 'attendance', 'centre_days', 'centre_months', 'programme_totals', 'programme_sets']));
    expect(viewsToRebuild(projections, ['workshops'])).not.toContain('participants');
    expect(() => requestViewRebuilds('/nonexistent/views.db', projections, ['workshop'])).toThrow(/REBUILD_VIEWS names workshop, which no view is/);
  });

  it('given views with a damaged workshop, when the server starts with REBUILD_VIEWS=workshops, then it answers from the current views (or a retryable 503) during the build, the log\'s figures after it, and builds nothing again at the next start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'centre-ledger-rebuild-views-'));
    dirs.push(dataDir);
    const { workshopId, summary } = await ledgerWithAttendance(dataDir);

    // Given: the views got a workshop's title wrong (as a projection bug fixed without a version bump would leave it).
    const views = new Database(join(dataDir, 'views.db'));
    views.prepare(`UPDATE view_workshops SET doc = json_set(doc, '$.title', ?) WHERE id = ?`).run(DAMAGED, workshopId);
    views.close();

    // When: the server starts asked to rebuild the workshops, slowly (a few events a step) so that requests arrive meanwhile.
    const env = { DATA_DIR: dataDir, LOG_LEVEL: 'info', REBUILD_VIEWS: 'workshops', VIEWS_BUILD_BATCH_EVENTS: '3', VIEWS_BUILD_PAUSE_MS: '30' };
    const server = await startChildServer(env);
    servers.push(server);
    const token = await issueLocalToken(loadOrCreateLocalSecret(dataDir), { role: 'admin', userId: 'rebuild-views-test', days: 1 });
    const truth = { attendances: summary.attendances, workshopsHeld: summary.workshopsHeld, uniqueParticipants: summary.uniqueParticipants };

    const seen = { rebuilding: 0, damaged: 0, unavailable: 0 };
    const deadline = Date.now() + 60_000;
    for (;;) {
      const ready = (await (await fetch(`${server.origin}/readyz`)).json()) as { status: string; rebuilding?: { views: string[]; missing: string[]; position: string; of: string } };
      expect(ready.status).toBe('ready');
      if (!ready.rebuilding) break;
      seen.rebuilding += 1;
      expect(ready.rebuilding.views).toEqual(expect.arrayContaining(['workshops', 'attendance', 'centre_days']));
      // Every view has a current version to answer from.
      expect(ready.rebuilding.missing).toEqual([]);
      expect(BigInt(ready.rebuilding.position)).toBeLessThanOrEqual(BigInt(ready.rebuilding.of));

      // Then, meanwhile: the current (damaged) version or, once switched, the rebuilt one; the figures never wrong.
      const response = await fetch(`${server.origin}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: QUERY, variables: { id: workshopId } }),
      });
      const body = (await response.json()) as { data?: { workshop: { title: string }; summary: unknown } | null; errors?: { extensions?: Record<string, unknown> }[] };
      if (body.errors) {
        expect(response.status).toBe(503);
        expect(body.errors[0]!.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
        seen.unavailable += 1;
      } else {
        expect([DAMAGED, TITLE]).toContain(body.data!.workshop.title);
        if (body.data!.workshop.title === DAMAGED) seen.damaged += 1;
        expect(body.data!.summary).toEqual(truth);
      }
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    // Then, after the switch: the workshop as the log says, the same figures, and the progress in the log.
    expect(seen.rebuilding).toBeGreaterThan(0);
    expect(seen.damaged).toBeGreaterThan(0);
    const after = await graphql(server.origin, token, QUERY, { id: workshopId });
    expect(after.errors).toBeUndefined();
    expect(after.data.workshop.title).toBe(TITLE);
    expect(after.data.summary).toEqual(truth);
    expect(server.output.stdout).toContain('REBUILD_VIEWS: building new versions of these views in the background');
    // Logged by the views' thread just after the switch that /readyz already shows.
    for (let i = 0; i < 50 && !server.output.stdout.includes('switched to the rebuilt views'); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.output.stdout).toContain('switched to the rebuilt views');
    await server.stop();

    // When: the server starts again with the variable still set. Then: nothing is built again.
    const again = await startChildServer(env);
    servers.push(again);
    const ready = (await (await fetch(`${again.origin}/readyz`)).json()) as { rebuilding?: unknown };
    expect(ready.rebuilding).toBeUndefined();
    expect(again.output.stdout).not.toContain('REBUILD_VIEWS: building');
    const still = await graphql(again.origin, token, QUERY, { id: workshopId });
    expect(still.data.workshop.title).toBe(TITLE);
  }, 120_000);
});
