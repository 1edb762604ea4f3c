import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allProjections } from '../../projections/index.js';
import { systemActor } from '../../src/auth/actor.js';
import type { LedgerEventType } from '../../src/domain/catalogue.js';
import { openViews } from '../../src/projection/views.js';
import { centreActivityReader } from '../../src/read/reach.js';
import type { RecordedEvent } from '../../src/store/port.js';
import { storedEvent, type DataOf } from '../support/projection.js';
import { driver, openTestLedger, type Driver, type TestLedger } from './support.js';

/**
 * The programme's summary reads the programme's own days and months (projections/programme-spans.ts);
 * a list of centres reads each centre's. Both must give the same figures for the same people.
 */
describe("the programme's summary from its own days and months", () => {
  let test: TestLedger;
  let d: Driver;
  let [tutin, novi, quiet] = ['', '', ''];
  let [amra, edin] = ['', ''];
  const workshops = new Map<string, string>();
  const periods = [
    { from: '2025-01-01', to: '2025-12-31' }, // whole months only
    { from: '2025-03-10', to: '2025-04-05' }, // the days at both edges
    { from: '2025-03-15', to: '2025-03-15' }, // one day
    { from: '2025-03-01', to: '2025-03-31' }, // one month
    {}, // everything
  ];
  const programme = (period: { from?: string; to?: string }) => test.ledger.read.summary('all', period);
  /** The same period over the centres that did anything, one by one: the centres' own rows. */
  const overCentres = (period: { from?: string; to?: string }) => test.ledger.read.summary([tutin, novi], period);

  beforeAll(async () => {
    test = await openTestLedger();
    d = driver(test.ledger);
    tutin = await d.openCentre('Tutin', 'Raška');
    novi = await d.openCentre('Novi Pazar', 'Raška');
    quiet = await d.openCentre('Sjenica', 'Zlatibor'); // opened, nothing recorded: the centres' path is not every centre
    amra = await d.registerParticipant(tutin, { sex: 'FEMALE', group: 'RETURNEE' });
    edin = await d.registerParticipant(novi, { sex: 'MALE' });
    for (const [name, centre, date] of [
      ['tutin-15', tutin, '2025-03-15'],
      ['novi-15', novi, '2025-03-15'],
      ['novi-april', novi, '2025-04-02'],
    ] as const) {
      workshops.set(name, await d.scheduleWorkshop(centre, date));
    }
    // Amra at both centres on the same day, and again in April; Edin once.
    await d.recordAttendance(workshops.get('tutin-15')!, [amra]);
    await d.recordAttendance(workshops.get('novi-15')!, [amra, edin]);
    await d.recordAttendance(workshops.get('novi-april')!, [amra]);
    await d.recordConsultation(novi, amra, '2025-03-20');
    await d.logHours(await d.registerVolunteer(tutin), tutin, '2025-03-31', 2.5);
  });
  afterAll(() => test.close());

  it('given a child at two centres on one day, when the programme is summarised, then she counts once and the sums add both centres', () => {
    const march = programme({ from: '2025-03-01', to: '2025-03-31' });
    expect(march).toMatchObject({ attendances: 3, workshopsHeld: 2, uniqueParticipants: 2, uniqueReturnees: 1, uniqueParticipantsBySex: { female: 1, male: 1, other: 0 }, legalConsultations: 1, volunteerHours: 2.5 });
    expect(march.uniqueBeneficiaries).toBe(2);
    expect(quiet).not.toBe('');
  });

  it('given any period, then the programme says what the centres that did something say together', () => {
    for (const period of periods) expect(programme(period)).toEqual(overCentres(period));
  });

  it('given her tick removed at one centre, then she still counts; removed at the other too, she counts only in April', async () => {
    await d.removeAttendance(workshops.get('tutin-15')!, amra);
    expect(programme({ from: '2025-03-15', to: '2025-03-15' })).toMatchObject({ attendances: 2, uniqueParticipants: 2 });

    await d.removeAttendance(workshops.get('novi-15')!, amra);
    expect(programme({ from: '2025-03-15', to: '2025-03-15' })).toMatchObject({ attendances: 1, uniqueParticipants: 1, uniqueReturnees: 0 });
    expect(programme({ from: '2025-03-10', to: '2025-04-05' })).toMatchObject({ attendances: 2, uniqueParticipants: 2 });
    for (const period of periods) expect(programme(period)).toEqual(overCentres(period));
    // And what the entries themselves say (asOf reads them, not the days and months).
    for (const period of periods) expect(programme(period)).toEqual(test.ledger.read.summary('all', period, '2999-01-01T00:00:00.000Z'));
  });
});

describe("one person under two records, at two centres, in the programme's summary", () => {
  let test: TestLedger;
  afterAll(() => test.close());

  it('given two records of one child who each attended and got assistance at a different centre, when they are merged, then the programme, the centres together and the breakdown by SERVICE count her once', async () => {
    test = await openTestLedger();
    const d = driver(test.ledger);
    const context = () => ({ actor: systemActor, correlationId: 'programme-summary-test', commandId: randomUUID() });
    const settled = async (handled: Promise<{ position: bigint }>) => expect(await test.ledger.runner.waitFor((await handled).position, 10_000)).toBe(true);
    const [tutin, novi] = [await d.openCentre('Tutin', 'Raška'), await d.openCentre('Novi Pazar', 'Raška')];
    await d.openCentre('Sjenica', 'Zlatibor');
    const [first, second] = [await d.registerParticipant(tutin), await d.registerParticipant(novi)];
    for (const [centreId, participantId] of [[tutin, first], [novi, second]] as const) {
      await d.recordAttendance(await d.scheduleWorkshop(centreId, '2025-03-15'), [participantId]);
      await settled(test.ledger.commands.recordAssistance(context(), { centreId, participantId, kind: 'HYGIENE_KIT', value: 0, currency: 'RSD', date: '2025-03-16' }));
    }
    const period = { from: '2025-03-01', to: '2025-03-31' };
    expect(test.ledger.read.summary('all', period)).toMatchObject({ uniqueParticipants: 2, assistanceRecipients: 2 });

    await settled(test.ledger.commands.mergeParticipants(context(), { keepId: first, duplicateId: second, reason: 'registered twice' }));

    const programme = test.ledger.read.summary('all', period);
    expect(programme).toMatchObject({ attendances: 2, uniqueParticipants: 1, assistanceRecipients: 1, uniqueBeneficiaries: 1 });
    expect(test.ledger.read.summary([tutin, novi], period)).toEqual(programme);
    const cells = test.ledger.read.services.breakdown('all', period, null, ['SERVICE']);
    expect(cells.find((cell) => cell.key.service === 'ASSISTANCE')).toMatchObject({ services: 2, uniqueParticipants: 1 });
  });
});

describe("while an upgrade builds the programme's views", () => {
  const settings = { timeZone: 'Europe/Belgrade' };
  const dir = mkdtempSync(join(tmpdir(), 'programme-upgrade-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const event = <T extends LedgerEventType>(position: number, type: T, data: DataOf<T>): RecordedEvent =>
    storedEvent(position, type, data, { correlationId: 'programme-upgrade', recordedAt: '2025-03-20T10:00:00.000Z' });
  const log = [
    event(1, 'CentreOpened', { centreId: 'c1', name: 'Tutin', municipality: 'Tutin', district: 'Raška' }),
    event(2, 'CentreOpened', { centreId: 'c2', name: 'Novi Pazar', municipality: 'Novi Pazar', district: 'Raška' }),
    ...['p1', 'p2'].map((participantId, i) =>
      event(3 + i, 'ParticipantRegistered', { participantId, code: `C-${participantId}`, centreId: 'c1', sex: 'FEMALE', birthYear: 2013, group: 'RETURNEE', personal: { givenName: 'Ana', familyName: 'Nikolić' } }),
    ),
    event(5, 'WorkshopScheduled', { workshopId: 'w1', centreId: 'c1', kind: 'SCHOOL_SUPPORT', title: 'Homework club', startsAt: '2025-03-15T10:00:00Z', durationMinutes: 60 }),
    event(6, 'WorkshopScheduled', { workshopId: 'w2', centreId: 'c2', kind: 'SCHOOL_SUPPORT', title: 'Homework club', startsAt: '2025-03-15T12:00:00Z', durationMinutes: 60 }),
    event(7, 'AttendanceRecorded', { workshopId: 'w1', participantIds: ['p1', 'p2'] }),
    event(8, 'AttendanceRecorded', { workshopId: 'w2', participantIds: ['p1'] }),
  ];

  it('given views kept before the programme had its own days and months, when they are being built, then the programme summary answers from every centre\'s rows, and after the switch from its own, the same', () => {
    const file = join(dir, 'views.db');
    const before = openViews({ file, settings, synchronous: 'NORMAL', projections: allProjections(settings).filter((p) => !p.name.startsWith('programme_')) });
    before.applyBatch(log);
    before.close();

    const views = openViews({ file, settings, synchronous: 'NORMAL', projections: allProjections(settings) });
    try {
      expect(views.building()).toMatchObject({ missing: ['programme_totals', 'programme_sets'] });
      const activity = centreActivityReader(views.db);
      const expected = { attendances: 3, workshops: 2, participants: 2 };
      for (const [from, to] of [['2025-03-01', '2025-03-31'], ['2025-03-10', '2025-03-20']] as const) expect(activity('all', from, to)).toMatchObject(expected);
      const during = activity('all', '2025-03-10', '2025-03-20');

      views.applyToBuild(log);
      views.switchOver();

      expect(views.building()).toBeUndefined();
      expect(activity('all', '2025-03-10', '2025-03-20')).toEqual(during);
      expect(activity(['c2', 'c1'], '2025-03-10', '2025-03-20')).toEqual(during);
    } finally {
      views.close();
    }
  });
});
