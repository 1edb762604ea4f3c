import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/auth/actor.js';
import { measures, measureSources } from '../../src/read/measures.js';
import { driver, openTestLedger, type TestLedger } from '../reporting/support.js';

/*
 * A live report keeps the scope's rows between requests while the views do not change
 * (src/read/measure-aggregates.ts). A coordinator who asks again after any entry sees it, whether
 * the views are applied on their own thread (another connection commits) or in-process.
 */
const open = { kinds: [], sexes: [], groups: [], ageGroups: [], minSessions: null };
const participants = (sources: ReturnType<ReturnType<typeof measureSources>>) => measures.UNIQUE_PARTICIPANTS(sources, open, ['SEX']);

describe('a live report asked again', () => {
  let test: TestLedger | undefined;
  afterEach(async () => {
    await test?.close();
    test = undefined;
  });

  for (const viewsThread of [true, false]) {
    it(`given attendance recorded after a report (views ${viewsThread ? 'on their thread' : 'in-process'}), then the next report counts it`, async () => {
      test = await openTestLedger({ viewsThread });
      const d = driver(test.ledger);
      const centre = await d.openCentre('Novi Pazar');
      const [amra, emir] = [await d.registerParticipant(centre, { sex: 'FEMALE' }), await d.registerParticipant(centre, { sex: 'MALE' })];
      const workshop = await d.scheduleWorkshop(centre, '2025-03-12');
      await d.recordAttendance(workshop, [amra!]);
      const sourcesOf = measureSources(test.ledger.views.db);
      const scope = { centreIds: [centre], from: '2025-03-01', to: '2025-03-31', asOf: null };

      const first = sourcesOf(scope);
      expect(participants(first).value).toBe(1);
      // Nothing written since: the same rows, read once.
      expect(sourcesOf(scope)).toBe(first);

      await d.recordAttendance(workshop, [emir!]);
      const after = sourcesOf(scope);
      expect(after).not.toBe(first);
      expect(participants(after)).toMatchObject({ value: 2, cells: [{ key: { sex: 'FEMALE' }, value: 1 }, { key: { sex: 'MALE' }, value: 1 }] });
    });
  }

  it('given two periods that share months, when entries land in them after both were reported, then each period counts them', async () => {
    test = await openTestLedger({ viewsThread: true });
    const d = driver(test.ledger);
    const centre = await d.openCentre('Novi Pazar');
    const [amra, emir, lejla] = [await d.registerParticipant(centre, { sex: 'FEMALE' }), await d.registerParticipant(centre, { sex: 'MALE' }), await d.registerParticipant(centre, { sex: 'FEMALE' })];
    const march = await d.scheduleWorkshop(centre, '2025-03-12');
    await d.recordAttendance(march, [amra!]);
    const sourcesOf = measureSources(test.ledger.views.db);
    // Whole months, and months with days at their edges: both read the same centre's March.
    const quarter = { centreIds: [centre], from: '2025-01-01', to: '2025-03-31', asOf: null };
    const fromMidFebruary = { centreIds: [centre], from: '2025-02-14', to: '2025-03-31', asOf: null };
    const beneficiaries = (scope: typeof quarter) => measures.UNIQUE_BENEFICIARIES(sourcesOf(scope), open, ['SEX']);
    expect(beneficiaries(quarter).value).toBe(1);
    expect(beneficiaries(fromMidFebruary).value).toBe(1);

    // A second person in the same March row, a new kind in March, a consultation on an edge day.
    await d.recordAttendance(march, [emir!]);
    await d.recordAttendance(await d.scheduleWorkshop(centre, '2025-03-20', 'SCHOOL_SUPPORT'), [amra!]);
    await d.recordConsultation(centre, lejla!, '2025-02-20');

    expect(beneficiaries(fromMidFebruary)).toMatchObject({ value: 3, cells: [{ key: { sex: 'FEMALE' }, value: 2 }, { key: { sex: 'MALE' }, value: 1 }] });
    expect(beneficiaries(quarter)).toMatchObject({ value: 3, cells: [{ key: { sex: 'FEMALE' }, value: 2 }, { key: { sex: 'MALE' }, value: 1 }] });
    expect(measures.UNIQUE_PARTICIPANTS(sourcesOf(quarter), { ...open, kinds: ['SCHOOL_SUPPORT'] }, []).value).toBe(1);
    // A day outside the later period is not counted in it.
    await d.recordConsultation(centre, await d.registerParticipant(centre, { sex: 'MALE' })!, '2025-02-13');
    expect(beneficiaries(fromMidFebruary).value).toBe(3);
    expect(beneficiaries(quarter).value).toBe(4);
  });

  it('given a report, when two of its people are merged, then the next report counts them once', async () => {
    test = await openTestLedger({ viewsThread: true });
    const d = driver(test.ledger);
    const centre = await d.openCentre('Novi Pazar');
    const [amra, amra2] = [await d.registerParticipant(centre, { sex: 'FEMALE' }), await d.registerParticipant(centre, { sex: 'FEMALE' })];
    await d.recordAttendance(await d.scheduleWorkshop(centre, '2025-03-12'), [amra!, amra2!]);
    const sourcesOf = measureSources(test.ledger.views.db);
    const scope = { centreIds: [centre], from: '2025-01-01', to: '2025-12-31', asOf: null };
    expect(participants(sourcesOf(scope)).value).toBe(2);

    const { position } = await test.ledger.commands.mergeParticipants(
      { actor: systemActor, correlationId: 'kept-rows-test', commandId: randomUUID() },
      { keepId: amra!, duplicateId: amra2!, reason: 'the same child' },
    );
    expect(await test.ledger.runner.waitFor(position, 10_000)).toBe(true);
    expect(participants(sourcesOf(scope))).toMatchObject({ value: 1, cells: [{ key: { sex: 'FEMALE' }, value: 1 }] });
  });
});
