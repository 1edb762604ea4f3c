/**
 * The server's views thread (src/projection/threaded-runner.ts): the views are applied on a
 * thread of their own, and a command's answer still waits until the views include it.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { allProjections } from '../../projections/index.js';
import { openViews } from '../../src/projection/views.js';
import { createSqliteEventStore } from '../../src/store/sqlite.js';
import { driver, openTestLedger, TIME_ZONE, type TestLedger } from '../reporting/support.js';
import { differences, snapshotViews } from '../support/views-snapshot.js';

const opened: TestLedger[] = [];
afterEach(async () => {
  for (const test of opened.splice(0)) await test.close();
});

async function threaded() {
  const test = await openTestLedger({ viewsThread: true });
  opened.push(test);
  return test;
}

describe('the views thread', () => {
  it('given the views on their own thread, when staff record a session, then a read right after the answer shows it', async () => {
    const { ledger } = await threaded();
    const staff = driver(ledger);

    const centreId = await staff.openCentre('Tutin');
    const children = [await staff.registerParticipant(centreId), await staff.registerParticipant(centreId)];
    const workshopId = await staff.scheduleWorkshop(centreId, '2025-03-10');
    await staff.recordAttendance(workshopId, children);

    expect(ledger.read.participantsByNumber(ledger.read.workshop(workshopId)!.attendees).map((p) => p.id)).toEqual([...children].sort());
    expect(ledger.runner.position()).toBe(await ledger.store.headPosition());
  });

  it('given the views on their own thread, when the log has grown, then they equal a rebuild of the same log on one thread', async () => {
    const test = await threaded();
    const staff = driver(test.ledger);
    const centreId = await staff.openCentre('Novi Pazar');
    const children = await Promise.all(Array.from({ length: 6 }, () => staff.registerParticipant(centreId)));
    // Several answers in flight at once, as from several tablets.
    const workshops = await Promise.all(['2025-03-10', '2025-03-11', '2025-04-02'].map((date) => staff.scheduleWorkshop(centreId, date)));
    await Promise.all(workshops.map((workshopId, i) => staff.recordAttendance(workshopId, children.slice(i, i + 4))));
    await staff.removeAttendance(workshops[0]!, children[0]!);
    const volunteerId = await staff.registerVolunteer(centreId);
    await staff.logHours(volunteerId, centreId, '2025-03-10', 2);
    await staff.recordConsultation(centreId, children[1]!, '2025-03-12');

    const log = createSqliteEventStore({ file: test.config.eventsFile });
    const file = join(test.dataDir, 'rebuilt.db');
    const rebuilt = openViews({ file, projections: allProjections({ timeZone: TIME_ZONE }), settings: { timeZone: TIME_ZONE }, source: 'sqlite' });
    try {
      rebuilt.applyBatch(await log.readAll(0n, 10_000));
    } finally {
      rebuilt.close();
      await log.close();
    }
    expect(differences(snapshotViews(test.config.viewsFile), snapshotViews(file))).toEqual([]);
  });

  it.each([true, false])("given the views applied on a thread of their own (%s) and stopped, when a later position is awaited, then the wait answers false at once", async (viewsThread) => {
    const test = await openTestLedger({ viewsThread });
    opened.push(test);
    const staff = driver(test.ledger);
    await staff.openCentre('Vranje');
    const head = await test.ledger.store.headPosition();

    await test.ledger.runner.stop();

    expect(await test.ledger.runner.waitFor(head)).toBe(true);
    const started = Date.now();
    expect(await test.ledger.runner.waitFor(head + 1n, 5_000)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
