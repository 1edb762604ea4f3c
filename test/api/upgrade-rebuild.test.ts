/**
 * An upgrade that changes projections, as operators run it: the server starts on views built by
 * the earlier version, keeps answering while the new versions are built in the background, and
 * switches over once they have caught up with the log (docs/design.md, "Per-view rebuilds").
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openLedger } from '../../src/app.js';
import { systemActor } from '../../src/auth/actor.js';
import { issueLocalToken, loadOrCreateLocalSecret } from '../../src/auth/tokens.js';
import type { CommandContext } from '../../src/commands/ledger.js';
import { parseConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { graphql, startChildServer, type ChildServer } from '../support/child-server.js';

const dirs: string[] = [];
const servers: ChildServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const OLD_NAME = 'Dom Niš (as the earlier version kept it)';
const SUMMARY = `query { summary { attendances workshopsHeld uniqueParticipants } }`;

/** A centre with children who attended workshops, written through the commands; its id and the true summary. */
async function ledgerWithAttendance(dataDir: string) {
  const config = parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', TZ: 'Europe/Belgrade' });
  const app = await openLedger(config, createLogger('silent'));
  const context: CommandContext = { actor: systemActor, correlationId: randomUUID() };
  try {
    const centreId = (await app.commands.openCentre(context, { name: 'Dom Niš', municipality: 'Niš', district: 'Nišava' })).result.centreId;
    const children: string[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await app.commands.registerParticipant(context, { centreId, givenName: 'Ana', familyName: `Ilić ${i}`, sex: i % 2 ? 'MALE' : 'FEMALE', birthYear: 2012, group: 'RETURNEE' });
      children.push(r.result.participantId);
    }
    const workshops: string[] = [];
    for (let w = 0; w < 6; w++) {
      const r = await app.commands.scheduleWorkshop(context, { centreId, kind: 'PSYCHOSOCIAL', title: 'Group', startsAt: `2025-03-${String(10 + w).padStart(2, '0')}T15:00:00Z`, durationMinutes: 60 });
      workshops.push(r.result.workshopId);
      for (const child of children) await app.commands.recordAttendance(context, { workshopId: r.result.workshopId, participantIds: [child] });
    }
    await app.runner.waitFor(await app.store.headPosition());
    return { centreId, workshops, summary: app.read.summary('all', {}) };
  } finally {
    await app.close();
  }
}

describe('an upgrade that changes projections, on a running server', () => {
  it('given views of an earlier version, when the server starts, then it answers from the old views or with a retryable 503 while the new ones are built, and with the new figures after the switch', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'centre-ledger-upgrade-'));
    dirs.push(dataDir);
    const { workshops, summary } = await ledgerWithAttendance(dataDir);

    // Given: the centres view was built by an earlier version (which kept another name), and the
    // centre days and months views, and the programme's (which read them), did not exist in it.
    const views = new Database(join(dataDir, 'views.db'));
    views.prepare(`UPDATE view_centres SET name = ?, doc = json_set(doc, '$.name', ?)`).run(OLD_NAME, OLD_NAME);
    views.prepare(`UPDATE views_meta SET value = 'an-earlier-version' WHERE key = 'fingerprint:centres'`).run();
    for (const view of ['centre_days', 'centre_months', 'programme_totals', 'programme_sets']) {
      views.exec(`DROP TABLE view_${view}`);
      views.prepare(`DELETE FROM views_meta WHERE key = ?`).run(`fingerprint:${view}`);
    }
    views.close();

    // When: the server starts, building slowly (a few events a step) so that requests arrive meanwhile.
    const server = await startChildServer({ DATA_DIR: dataDir, LOG_LEVEL: 'info', VIEWS_BUILD_BATCH_EVENTS: '3', VIEWS_BUILD_PAUSE_MS: '30' });
    servers.push(server);
    const token = await issueLocalToken(loadOrCreateLocalSecret(dataDir), { role: 'admin', userId: 'upgrade-test', days: 1 });

    const seen = { rebuilding: 0, oldName: 0, unavailable: 0 };
    let wrote = false;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const ready = (await (await fetch(`${server.origin}/readyz`)).json()) as { status: string; rebuilding?: { views: string[]; missing: string[]; position: string } };
      expect(ready.status).toBe('ready');
      if (!ready.rebuilding) break;
      seen.rebuilding += 1;
      expect([...ready.rebuilding.views].sort()).toEqual(['centre_days', 'centre_months', 'centres', 'programme_sets', 'programme_totals']);
      expect(ready.rebuilding.missing.sort()).toEqual(['centre_days', 'centre_months', 'programme_sets', 'programme_totals']);

      // Then, meanwhile: the centre's name from the old view (or the new one, once switched) ...
      const names = await graphql(server.origin, token, `query { centres { name } }`);
      expect(names.errors).toBeUndefined();
      expect([OLD_NAME, 'Dom Niš']).toContain(names.data.centres[0].name);
      if (names.data.centres[0].name === OLD_NAME) seen.oldName += 1;

      // ... and figures that need a view with no old version: refused with a retryable 503, never a wrong count.
      const response = await fetch(`${server.origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: SUMMARY }) });
      const body = (await response.json()) as { data?: { summary: unknown } | null; errors?: { extensions?: Record<string, unknown> }[] };
      if (body.errors) {
        expect(response.status).toBe(503);
        expect(body.errors[0]!.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
        seen.unavailable += 1;
      } else {
        expect(body.data!.summary).toEqual(pick(summary, wrote));
      }

      // A write while the new versions are built: they catch up with it before the switch.
      if (!wrote) {
        const written = await graphql(server.origin, token, `mutation ($input: RecordAttendanceInput!) { recordAttendance(input: $input) { workshop { id } } }`, {
          input: { workshopId: workshops[0], participantIds: [await anotherChild(server, token)] },
        });
        expect(written.errors).toBeUndefined();
        wrote = true;
      }
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    // Then, after the switch: the new figures, the write made during the build included.
    expect(seen.rebuilding).toBeGreaterThan(0);
    expect(seen.oldName).toBeGreaterThan(0);
    expect(seen.unavailable).toBeGreaterThan(0);
    expect(wrote).toBe(true);
    const names = await graphql(server.origin, token, `query { centres { name } }`);
    expect(names.data.centres[0].name).toBe('Dom Niš');
    const after = await graphql(server.origin, token, SUMMARY);
    expect(after.errors).toBeUndefined();
    expect(after.data.summary).toEqual(pick(summary, true));
    // Progress shows in the log.
    expect(server.output.stdout).toContain('building new versions of views in the background');
    expect(server.output.stdout).toContain('switched to the rebuilt views');
  }, 120_000);
});

/** The summary's figures, with the attendance written during the build once it was sent. */
function pick(summary: { attendances: number; workshopsHeld: number; uniqueParticipants: number }, withWrite: boolean) {
  return withWrite
    ? { attendances: summary.attendances + 1, workshopsHeld: summary.workshopsHeld, uniqueParticipants: summary.uniqueParticipants + 1 }
    : { attendances: summary.attendances, workshopsHeld: summary.workshopsHeld, uniqueParticipants: summary.uniqueParticipants };
}

/** A child registered through the API during the build, who has attended nothing yet. */
async function anotherChild(server: ChildServer, token: string): Promise<string> {
  const centres = await graphql(server.origin, token, `query { centres { id } }`);
  const registered = await graphql(server.origin, token, `mutation ($input: RegisterParticipantInput!) { registerParticipant(input: $input) { participant { id } } }`, {
    input: { centreId: centres.data.centres[0].id, givenName: 'Mila', familyName: 'Jovanović', sex: 'FEMALE', birthYear: 2013, group: 'LOCAL' },
  });
  expect(registered.errors).toBeUndefined();
  return registered.data.registerParticipant.participant.id;
}
