import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { centres } from '../../projections/centres.js';
import { allProjections } from '../../projections/index.js';
import { defineProjection, type AnyProjection, type ProjectionSettings } from '../../projections/projection.js';
import type { LedgerEventType } from '../../src/domain/catalogue.js';
import { openViews, ViewBeingBuilt, type Views, type ViewsOptions } from '../../src/projection/views.js';
import type { RecordedEvent } from '../../src/store/port.js';
import { storedEvent, type DataOf } from '../support/projection.js';

const dir = mkdtempSync(join(tmpdir(), 'ledger-views-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
const newFile = () => join(dir, `views-${files++}.db`);

const opened: Views[] = [];
afterEach(() => {
  for (const views of opened.splice(0)) {
    try {
      views.close();
    } catch {
      // already closed by the test
    }
  }
});

const belgrade: ProjectionSettings = { timeZone: 'Europe/Belgrade' };

function open(file: string, options: Partial<ViewsOptions> = {}): Views {
  const settings = options.settings ?? belgrade;
  const views = openViews({ file, projections: allProjections(settings), settings, synchronous: 'NORMAL', ...options });
  opened.push(views);
  return views;
}

const event = <T extends LedgerEventType>(position: number, type: T, data: DataOf<T>, streamId = `s-${position}`): RecordedEvent =>
  storedEvent(position, type, data, { streamId, correlationId: 'views-test', recordedAt: `2025-03-10T10:00:${String(position).padStart(2, '0')}.000Z` });

const centreOpened = (position: number, centreId: string) => event(position, 'CentreOpened', { centreId, name: `Centre ${centreId}`, municipality: 'Niš', district: 'Nišava' });
const participant = (position: number, participantId: string) =>
  event(position, 'ParticipantRegistered', {
    participantId,
    code: `CODE-${participantId}`,
    centreId: 'c1',
    sex: 'FEMALE',
    birthYear: 2013,
    group: 'RETURNEE',
    personal: { givenName: 'Ana', familyName: 'Nikolić' },
  });
const workshop = (position: number, workshopId: string, startsAt = '2025-03-09T23:30:00Z') =>
  event(position, 'WorkshopScheduled', { workshopId, centreId: 'c1', kind: 'SCHOOL_SUPPORT', title: 'Homework club', startsAt, durationMinutes: 60 });
const attended = (position: number, workshopId: string, participantIds: string[]) => event(position, 'AttendanceRecorded', { workshopId, participantIds });

const rows = (views: Views, table: string) =>
  views.db.prepare(`SELECT * FROM view_${table} ORDER BY id`).all() as ({ id: string; doc: string } & Record<string, unknown>)[];
const ids = (views: Views, table: string) => rows(views, table).map((row) => row.id);
/** A row view's rows in the order they were appended. */
const attendanceRows = (views: Views) =>
  views.db.prepare(`SELECT participant, workshop, recorded_at, removed_at FROM view_attendance ORDER BY rowid`).all() as {
    participant: number;
    workshop: number;
    recorded_at: number;
    removed_at: number | null;
  }[];

const firstBatch = [centreOpened(1, 'c1'), participant(2, 'p1'), participant(3, 'p2'), workshop(4, 'w1'), attended(5, 'w1', ['p1', 'p2'])];

describe('openViews', () => {
  it('given new views, when a batch is applied, then the documents, their columns and the checkpoint are written together', () => {
    const views = open(newFile());
    expect(views.checkpoint()).toBe(0n);

    views.applyBatch(firstBatch);

    expect(views.checkpoint()).toBe(5n);
    expect(ids(views, 'centres')).toEqual(['c1']);
    expect(ids(views, 'participants')).toEqual(['p1', 'p2']);
    expect(attendanceRows(views).map((row) => [row.participant, row.workshop, row.removed_at])).toEqual([
      [0, 0, null],
      [1, 0, null],
    ]);
    const [w1] = rows(views, 'workshops');
    expect(w1).toMatchObject({ id: 'w1', centre_id: 'c1', local_date: '2025-03-10', starts_at: '2025-03-09T23:30:00.000Z', kind: 'SCHOOL_SUPPORT', status: 'HELD' });
    expect(JSON.parse(w1!.doc)).toMatchObject({ id: 'w1', status: 'HELD', attendees: [0, 1], localDate: '2025-03-10' });
  });

  it('given a batch applied, when several events in a later batch change one document, then each event sees the previous one', () => {
    const views = open(newFile());
    views.applyBatch(firstBatch);

    views.applyBatch([
      event(6, 'AttendanceRemoved', { workshopId: 'w1', participantId: 'p1', reason: 'mistake' }),
      event(7, 'AttendanceRemoved', { workshopId: 'w1', participantId: 'p2', reason: 'mistake' }),
      attended(8, 'w1', ['p2']),
    ]);

    expect(views.checkpoint()).toBe(8n);
    expect(rows(views, 'workshops')[0]).toMatchObject({ status: 'HELD' });
    expect(JSON.parse(rows(views, 'workshops')[0]!.doc).attendees).toEqual([1]);
    // Each removal closed the row the earlier batch appended; p2 came back in a row of its own.
    expect(attendanceRows(views).map((row) => [row.participant, row.removed_at !== null])).toEqual([
      [0, true],
      [1, true],
      [1, false],
    ]);
  });

  it('given views with a checkpoint, when they are opened again with the same projections and settings, then the checkpoint and documents are kept', () => {
    const file = newFile();
    const first = open(file);
    first.applyBatch(firstBatch);
    first.close();
    const onRebuildNeeded = vi.fn();

    const again = open(file, { onRebuildNeeded });

    expect(again.checkpoint()).toBe(5n);
    expect(ids(again, 'participants')).toEqual(['p1', 'p2']);
    expect(rows(again, 'workshops')[0]).toMatchObject({ local_date: '2025-03-10' });
    expect(onRebuildNeeded).not.toHaveBeenCalled();
  });

  it('given views built for Europe/Belgrade, when they are opened for UTC, then every view gets a new version built beside the old one, which answers until the switch', () => {
    const file = newFile();
    const first = open(file);
    first.applyBatch(firstBatch);
    first.close();
    const onRebuildNeeded = vi.fn();

    const utc = open(file, { settings: { timeZone: 'UTC' }, onRebuildNeeded });

    expect(onRebuildNeeded).toHaveBeenCalledTimes(1);
    expect(utc.checkpoint()).toBe(5n);
    expect(utc.building()).toMatchObject({ position: 0n, missing: [] });
    expect(utc.building()!.views).toHaveLength(allProjections(belgrade).length);
    // Until the switch, the old version answers: the workshop on its Belgrade date.
    expect(rows(utc, 'workshops')[0]).toMatchObject({ local_date: '2025-03-10' });

    utc.applyToBuild(firstBatch);
    expect(utc.switchOver()).toHaveLength(allProjections(belgrade).length);

    // Rebuilt from the log, the workshop now falls on its UTC date.
    expect(utc.building()).toBeUndefined();
    expect(rows(utc, 'workshops')[0]).toMatchObject({ local_date: '2025-03-09' });
  });

  it('given views built by one version of a projection, when it is opened with a new version, then only that view is rebuilt and the others keep their rows and follow the log', () => {
    const file = newFile();
    const first = open(file);
    first.applyBatch(firstBatch);
    first.close();

    const bumped = allProjections(belgrade).map((p) => (p.name === 'centres' ? { ...p, version: p.version + 1 } : p));
    const again = open(file, { projections: bumped });

    expect(again.checkpoint()).toBe(5n);
    expect(again.building()?.views).toEqual(['centres']);
    expect(ids(again, 'centres')).toEqual(['c1']);
    expect(ids(again, 'participants')).toEqual(['p1', 'p2']);

    // A write during the build: the views that did not change apply it; the old centres do not.
    again.applyBatch([centreOpened(6, 'c2'), participant(7, 'p3')]);
    expect(ids(again, 'participants')).toEqual(['p1', 'p2', 'p3']);
    expect(ids(again, 'centres')).toEqual(['c1']);

    // The build reads the log up to the views' checkpoint, never past it, and only then switches.
    again.applyToBuild(firstBatch);
    expect(again.switchOver()).toEqual([]);
    again.applyToBuild([centreOpened(6, 'c2'), participant(7, 'p3'), centreOpened(8, 'c3')]);
    expect(again.building()?.position).toBe(7n);
    expect(again.switchOver()).toEqual(['centres']);
    expect(ids(again, 'centres')).toEqual(['c1', 'c2']);

    // Switched: the new version follows the log with the others.
    again.applyBatch([centreOpened(8, 'c3')]);
    expect(ids(again, 'centres')).toEqual(['c1', 'c2', 'c3']);
  });

  it('given a new version of the workshops projection, when the views are opened, then the views that read workshops are rebuilt with it and the others are not', () => {
    const file = newFile();
    const first = open(file);
    first.applyBatch(firstBatch);
    first.close();

    const bumped = allProjections(belgrade).map((p) => (p.name === 'workshops' ? { ...p, version: p.version + 1 } : p));
    const again = open(file, { projections: bumped });

    expect([...again.building()!.views].sort()).toEqual(['attendance', 'centre_day_contacts', 'centre_days', 'centre_month_contacts', 'centre_months', 'programme_sets', 'programme_totals', 'workshops']);
  });

  it('given a new version of the attendance rows, when a removal arrives while it is built, then the build closes that child\'s row through its index and the switch serves both periods', () => {
    const file = newFile();
    const first = open(file);
    first.applyBatch(firstBatch);
    first.close();

    const bumped = allProjections(belgrade).map((p) => (p.name === 'attendance' ? { ...p, version: p.version + 1 } : p));
    const again = open(file, { projections: bumped });
    expect(again.building()?.views).toEqual(['attendance']);
    const buildTable = (again.db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'view\\_attendance\\_\\_%' ESCAPE '\\'`).pluck().get() as string);
    // The index a removal finds its row through is there from the build's first row.
    expect(again.db.prepare(`SELECT sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?`).pluck().all(buildTable)).toEqual([
      expect.stringMatching(/\(workshop\)$/),
    ]);

    const later = [event(6, 'AttendanceRemoved', { workshopId: 'w1', participantId: 'p1', reason: 'mistake' }), attended(7, 'w1', ['p1'])];
    again.applyBatch(later);
    again.applyToBuild([...firstBatch, ...later]);
    expect(again.switchOver()).toEqual(['attendance']);

    expect(attendanceRows(again).map((row) => [row.participant, row.recorded_at, row.removed_at])).toEqual([
      [0, Date.parse('2025-03-10T10:00:05.000Z'), Date.parse('2025-03-10T10:00:06.000Z')],
      [1, Date.parse('2025-03-10T10:00:05.000Z'), null],
      [0, Date.parse('2025-03-10T10:00:07.000Z'), null],
    ]);
  });

  it('given a new view with no earlier version, when a query reads it before the switch, then it is refused as being built, never answered from an empty table', () => {
    const file = newFile();
    const first = open(file, { projections: allProjections(belgrade).filter((p) => p.name !== 'centres') });
    first.applyBatch(firstBatch);
    first.close();

    const again = open(file);

    expect(again.building()).toMatchObject({ views: ['centres'], missing: ['centres'] });
    expect(() => rows(again, 'centres')).toThrow(ViewBeingBuilt);
    expect(() => again.db.prepare(`SELECT count(*) FROM view_centres`).get()).toThrow(/being rebuilt/);
    again.applyToBuild(firstBatch);
    again.switchOver();
    expect(ids(again, 'centres')).toEqual(['c1']);
  });

  it('given a projection that looks up a view it does not list in reads, when an event reaches it, then the batch fails and names the missing declaration', () => {
    const sneaky = defineProjection<{ id: string }, 'CentreOpened'>({
      name: 'sneaky',
      version: 1,
      handles: ['CentreOpened'],
      documentIds: (e, lookup) => (lookup('centres', e.data.centreId) ? [] : [e.data.centreId]),
      evolve: (_doc, e) => ({ id: e.data.centreId }),
      columns: {},
    });
    const views = open(newFile(), { projections: [centres, sneaky as AnyProjection] });

    expect(() => views.applyBatch([centreOpened(1, 'c1')])).toThrow(/does not list in `reads`/);
  });

  it('given an event type the catalogue does not know, when its batch is applied, then it is reported and skipped, and the rest of the batch applies', () => {
    const onUnknownEvent = vi.fn();
    const views = open(newFile(), { onUnknownEvent });
    const stranger: RecordedEvent = { ...centreOpened(2, 'c-x'), id: 'stranger', type: 'EventFromANewerVersion', data: { somethingId: 'x1' } };

    views.applyBatch([centreOpened(1, 'c1'), stranger, centreOpened(3, 'c2')]);

    expect(onUnknownEvent).toHaveBeenCalledTimes(1);
    expect(onUnknownEvent).toHaveBeenCalledWith(stranger);
    expect(ids(views, 'centres')).toEqual(['c1', 'c2']);
    expect(views.checkpoint()).toBe(3n);
  });

  it('given an unknown event last in its batch, when it is applied, then the checkpoint still moves past it', () => {
    const onUnknownEvent = vi.fn();
    const views = open(newFile(), { onUnknownEvent });

    views.applyBatch([centreOpened(1, 'c1'), { ...centreOpened(2, 'c-x'), type: 'SomethingNew' }]);

    expect(onUnknownEvent).toHaveBeenCalledTimes(1);
    expect(views.checkpoint()).toBe(2n);
  });

  it('given a known event type no projection handles, when it is applied, then it is not reported as unknown', () => {
    const onUnknownEvent = vi.fn();
    const views = open(newFile(), { onUnknownEvent, projections: [centres] });

    views.applyBatch([centreOpened(1, 'c1'), participant(2, 'p1')]);

    expect(onUnknownEvent).not.toHaveBeenCalled();
    expect(views.checkpoint()).toBe(2n);
  });

  it('given a document rewritten with its indexed column kept and then changed, when it is read through that index, then the index finds it by its current value only', () => {
    const byMunicipality = defineProjection<{ name: string; municipality: string }, 'CentreOpened'>({
      name: 'by_municipality',
      version: 1,
      handles: ['CentreOpened'],
      documentIds: (e) => [e.data.centreId],
      evolve: (_doc, e) => ({ name: e.data.name, municipality: e.data.municipality }),
      columns: { name: { type: 'TEXT', value: (doc) => doc.name }, municipality: { type: 'TEXT', value: (doc) => doc.municipality } },
      indexes: [['municipality']],
    });
    const views = open(newFile(), { projections: [byMunicipality as AnyProjection] });
    const opened = (position: number, name: string, municipality: string) => event(position, 'CentreOpened', { centreId: 'c1', name, municipality, district: 'Nišava' });
    const index = views.db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'view_by_municipality' AND sql IS NOT NULL`).pluck().get() as string;
    const inMunicipality = (municipality: string) =>
      views.db.prepare(`SELECT id, name, json_extract(doc, '$.name') AS doc_name FROM view_by_municipality INDEXED BY ${index} WHERE municipality = ?`).all(municipality);

    views.applyBatch([opened(1, 'Centre one', 'Niš')]);
    // Only the name changes: the row is updated in place, and the index still finds it.
    views.applyBatch([opened(2, 'Centre one, renamed', 'Niš')]);
    expect(inMunicipality('Niš')).toEqual([{ id: 'c1', name: 'Centre one, renamed', doc_name: 'Centre one, renamed' }]);

    views.applyBatch([opened(3, 'Centre one, moved', 'Leskovac')]);
    expect(inMunicipality('Niš')).toEqual([]);
    expect(inMunicipality('Leskovac')).toEqual([{ id: 'c1', name: 'Centre one, moved', doc_name: 'Centre one, moved' }]);
  });

  it('given a projection that fails on its third event, when a batch hits the failure, then the whole batch rolls back: neither documents nor checkpoint move', () => {
    let calls = 0;
    const fragile = defineProjection<{ id: string; n: number }, 'CentreOpened'>({
      name: 'fragile',
      version: 1,
      handles: ['CentreOpened'],
      documentIds: (e) => [e.data.centreId],
      evolve: (_doc, e) => {
        calls += 1;
        if (calls === 3) throw new Error('evolve failed on its third event');
        return { id: e.data.centreId, n: calls };
      },
      columns: { n: { type: 'INTEGER', value: (doc) => doc.n } },
    });
    const projections: AnyProjection[] = [centres, fragile as AnyProjection];
    const views = open(newFile(), { projections });
    views.applyBatch([centreOpened(1, 'c1')]);
    expect(views.checkpoint()).toBe(1n);

    const batch = [centreOpened(2, 'c2'), participant(3, 'p1'), centreOpened(4, 'c3'), centreOpened(5, 'c4')];
    expect(() => views.applyBatch(batch)).toThrow('evolve failed on its third event');

    expect(views.checkpoint()).toBe(1n);
    expect(ids(views, 'centres')).toEqual(['c1']);
    expect(rows(views, 'fragile').map((row) => [row.id, row.n])).toEqual([['c1', 1]]);

    // The runner retries from the checkpoint: the same batch, once evolve no longer fails, applies in full.
    views.applyBatch(batch);
    expect(views.checkpoint()).toBe(5n);
    expect(ids(views, 'centres')).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(ids(views, 'fragile')).toEqual(['c1', 'c2', 'c3', 'c4']);
  });
});
