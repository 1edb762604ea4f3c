/**
 * The fast paths of src/projection/views.ts (trusted events, the document cache, bulk rebuilds)
 * must build exactly the views the plain path builds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { allProjections } from '../../projections/index.js';
import type { ProjectionSettings } from '../../projections/projection.js';
import type { LedgerEventType } from '../../src/domain/catalogue.js';
import { openViews, type Views, type ViewsOptions } from '../../src/projection/views.js';
import type { RecordedEvent } from '../../src/store/port.js';
import { storedEvent, type DataOf } from '../support/projection.js';
import { differences, snapshotViews } from '../support/views-snapshot.js';

const dir = mkdtempSync(join(tmpdir(), 'ledger-views-rebuild-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const newFile = () => join(dir, `views-${files++}.db`);

const opened: Views[] = [];
afterEach(() => {
  for (const views of opened.splice(0)) {
    try {
      views.close();
    } catch {
      // closed by the test
    }
  }
});

const settings: ProjectionSettings = { timeZone: 'Europe/Belgrade' };
function open(file: string, options: Partial<ViewsOptions> = {}): Views {
  const views = openViews({ file, projections: allProjections(settings), settings, synchronous: 'NORMAL', ...options });
  opened.push(views);
  return views;
}

/** The views' indexes as `table (columns)`: their names carry the view's fingerprint. */
const indexesOf = (views: Views) =>
  (views.db.prepare(`SELECT sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL`).pluck().all() as string[]).map((sql) => sql.replace(/^CREATE INDEX \S+ ON /, ''));

let position = 0;
function event<T extends LedgerEventType>(type: T, data: DataOf<T>): RecordedEvent {
  position += 1;
  return storedEvent(position, type, data, { correlationId: 'views-rebuild-test', recordedAt: new Date(Date.UTC(2025, 2, 10, 10, 0, position)).toISOString() });
}

/** A small programme: centres, participants, workshops with attendance, corrections, volunteers' hours. */
function programme(): RecordedEvent[] {
  position = 0;
  const log: RecordedEvent[] = [];
  for (const c of ['c1', 'c2']) log.push(event('CentreOpened', { centreId: c, name: `Centre ${c}`, municipality: 'Niš', district: 'Nišava' }));
  for (let p = 0; p < 30; p++) {
    log.push(
      event('ParticipantRegistered', {
        participantId: `p${p}`,
        code: `CODE-${p}`,
        centreId: p % 2 ? 'c1' : 'c2',
        sex: p % 3 ? 'FEMALE' : 'MALE',
        birthYear: 2012 + (p % 5),
        group: p % 4 ? 'LOCAL' : 'RETURNEE',
        personal: { givenName: 'Ana', familyName: 'Nikolić' },
      }),
    );
  }
  log.push(event('VolunteerRegistered', { volunteerId: 'v1', centreId: 'c1', personal: { name: 'Vera' } } as DataOf<'VolunteerRegistered'>));
  for (let w = 0; w < 40; w++) {
    const workshopId = `w${w}`;
    log.push(
      event('WorkshopScheduled', { workshopId, centreId: w % 2 ? 'c1' : 'c2', kind: 'SCHOOL_SUPPORT', title: 'Homework club', startsAt: `2025-03-${String(1 + (w % 28)).padStart(2, '0')}T15:00:00Z`, durationMinutes: 60 }),
    );
    const attendees = Array.from({ length: 8 + (w % 5) }, (_, i) => `p${(w + i * 3) % 30}`);
    log.push(event('AttendanceRecorded', { workshopId, participantIds: [...new Set(attendees)] }));
    if (w % 7 === 3) log.push(event('AttendanceRemoved', { workshopId, participantId: attendees[0]!, reason: 'ticked by mistake' }));
    if (w % 7 === 4) log.push(event('AttendanceRecorded', { workshopId, participantIds: [`p${(w + 1) % 30}`] }));
    if (w % 5 === 0) {
      log.push(event('VolunteerHoursLogged', { entryId: `h${w}`, volunteerId: 'v1', centreId: 'c1', date: `2025-03-${String(1 + (w % 28)).padStart(2, '0')}`, hours: 2, activity: 'homework club' }));
    }
  }
  log.push(event('ParticipantErased', { participantId: 'p3', reason: 'asked to be forgotten' }));
  return log;
}

function applyInBatches(views: Views, log: readonly RecordedEvent[], size: number, trusted: boolean) {
  for (let i = 0; i < log.length; i += size) views.applyBatch(log.slice(i, i + size), { trusted });
}

describe('views fast paths', () => {
  const log = programme();

  it('given one log, when it is applied trusted or parsed, in small or large batches, with or without a cache, then the views are the same', () => {
    const reference = newFile();
    const plain = open(reference, { cachedDocuments: 0 });
    for (const e of log) plain.applyBatch([e]);
    plain.close();
    const expected = snapshotViews(reference);
    expect(expected.tables.view_attendance!.rows).toBeGreaterThanOrEqual(300);

    for (const [size, trusted, cachedDocuments, cachedDocumentBytes] of [
      [1, true, 20_000, undefined],
      [7, true, 20_000, undefined],
      [50, false, 20_000, undefined],
      [1_000, true, 20_000, undefined],
      [13, true, 4, undefined],
      // A cache that holds a few documents by size, not by count (the server's kind of bound).
      [3, true, 20_000, 3_000],
    ] as const) {
      const file = newFile();
      const views = open(file, { cachedDocuments, ...(cachedDocumentBytes === undefined ? {} : { cachedDocumentBytes }) });
      applyInBatches(views, log, size, trusted);
      views.close();
      expect(differences(snapshotViews(file), expected), `batches of ${size}, trusted ${trusted}, cache ${cachedDocuments} (${cachedDocumentBytes ?? 'any'} bytes)`).toEqual([]);
    }
  });

  it('given a bulk rebuild on empty views (in place or in a disposable file), when it ends, then the views and their indexes are as a plain build makes them', () => {
    const reference = newFile();
    const plain = open(reference);
    applyInBatches(plain, log, 10, false);
    plain.close();
    const expected = snapshotViews(reference);

    // A disposable file keeps changed documents in the cache and writes each once, when the cache
    // forgets it (a cache of 6 forgets often) or at endBulk.
    for (const [disposableFile, cachedDocuments] of [[false, undefined], [true, undefined], [true, 6]] as const) {
      const file = newFile();
      const views = open(file, cachedDocuments === undefined ? {} : { cachedDocuments });
      views.beginBulk({ disposableFile });
      applyInBatches(views, log, 25, true);
      views.endBulk();
      expect(indexesOf(views)).toEqual(expect.arrayContaining(['view_workshops (centre_id, local_date)', 'view_workshops (local_date)', 'view_consultations (participant_id)']));
      expect(views.db.pragma('journal_mode', { simple: true })).toBe('wal');
      views.close();
      expect(differences(snapshotViews(file), expected), `disposableFile ${disposableFile}, cache ${cachedDocuments}`).toEqual([]);
    }
  });

  it('given an interrupted bulk rebuild, when the views are opened again, then their indexes are back', () => {
    const file = newFile();
    const views = open(file);
    views.beginBulk();
    applyInBatches(views, log.slice(0, 50), 10, true);
    views.close();
    const again = open(file);
    expect(indexesOf(again).filter((index) => index === 'view_workshops (local_date)')).toHaveLength(1);
    expect(again.checkpoint()).toBe(50n);
  });

  it('given two connections applying alternately to one file, when documents they both cached change, then neither applies a stale copy', () => {
    const reference = newFile();
    const single = open(reference);
    applyInBatches(single, log, 5, true);
    single.close();
    const expected = snapshotViews(reference);

    const file = newFile();
    const first = open(file);
    const second = open(file);
    for (let i = 0, turn = 0; i < log.length; i += 5, turn++) (turn % 2 ? second : first).applyBatch(log.slice(i, i + 5), { trusted: true });
    first.close();
    second.close();
    expect(differences(snapshotViews(file), expected)).toEqual([]);
  });

  it('given a document one connection has cached, when another connection changes it, then the first applies its next event to the changed document', () => {
    position = 0;
    const setup = [
      event('CentreOpened', { centreId: 'c1', name: 'Centre', municipality: 'Niš', district: 'Nišava' }),
      ...['p1', 'p2', 'p3'].map((participantId, i) =>
        event('ParticipantRegistered', { participantId, code: `CODE-${i}`, centreId: 'c1', sex: 'FEMALE', birthYear: 2014, group: 'LOCAL', personal: { givenName: 'Ana', familyName: 'Nikolić' } }),
      ),
      event('WorkshopScheduled', { workshopId: 'w1', centreId: 'c1', kind: 'INCLUSIVE', title: 'Crafts', startsAt: '2025-03-10T15:00:00Z', durationMinutes: 60 }),
      event('AttendanceRecorded', { workshopId: 'w1', participantIds: ['p1', 'p2'] }),
    ];
    const removal = event('AttendanceRemoved', { workshopId: 'w1', participantId: 'p1', reason: 'mistake' });
    const later = event('AttendanceRecorded', { workshopId: 'w1', participantIds: ['p3'] });
    const file = newFile();
    const first = open(file);
    const second = open(file);
    first.applyBatch(setup, { trusted: true });
    second.applyBatch([removal], { trusted: true });
    first.applyBatch([later], { trusted: true });
    const doc = JSON.parse((first.db.prepare(`SELECT doc FROM view_workshops WHERE id = 'w1'`).get() as { doc: string }).doc);
    // p2 and p3 by their numbers.
    expect(doc.attendees).toEqual([1, 2]);
  });
});
