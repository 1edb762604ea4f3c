import { describe, expect, it } from 'vitest';
import { op } from '../support/operations.js';
import { addDays, attend, expectRefused, fieldOp, ok, openCentre, registerParticipant, scheduleWorkshop, useServer } from './helpers.js';

/** A spring cycle in Belgrade time; the sessions are 16:00 local (UTC+1 in March). */
const cycleInput = (centreId: string, extra: Record<string, unknown> = {}) => ({
  centreId,
  kind: 'PSYCHOSOCIAL',
  title: 'Spring group, 8–10 years',
  plannedSessions: 10,
  startsOn: '2025-03-01',
  endsOn: '2025-03-31',
  ...extra,
});
const sessionAt = (day: number) => `2025-03-${String(day).padStart(2, '0')}T16:00:00+01:00`;

describe('cycles over HTTP', () => {
  const server = useServer();

  async function scheduleCycle(centreId: string, extra: Record<string, unknown> = {}) {
    const data = ok(await server().gql(fieldOp('ScheduleCycle'), { input: cycleInput(centreId, extra) }));
    return data.scheduleCycle;
  }

  it('ScheduleCycle answers the cycle as scheduled and a position', async () => {
    const centreId = await openCentre(server());
    const { cycle, position } = await scheduleCycle(centreId);
    expect(cycle).toEqual({
      id: expect.any(String),
      kind: 'PSYCHOSOCIAL',
      title: 'Spring group, 8–10 years',
      plannedSessions: 10,
      startsOn: '2025-03-01',
      endsOn: '2025-03-31',
    });
    expect(position).toMatch(/^\d+$/);
  });

  it('ScheduleCycle refuses bad input on the field, storing nothing', async () => {
    const centreId = await openCentre(server());
    const send = (extra: Record<string, unknown>) => () => server().gql(fieldOp('ScheduleCycle'), { input: cycleInput(centreId, extra) });
    await expectRefused(server(), send({ plannedSessions: 0 }), 'BAD_USER_INPUT', 'plannedSessions');
    await expectRefused(server(), send({ plannedSessions: 101 }), 'BAD_USER_INPUT', 'plannedSessions');
    await expectRefused(server(), send({ endsOn: '2025-02-28' }), 'BAD_USER_INPUT', 'endsOn');
    await expectRefused(server(), send({ title: '  ' }), 'BAD_USER_INPUT', 'title');
    await expectRefused(server(), send({ centreId: 'no-such-centre' }), 'NOT_FOUND', 'centreId');
  });

  it('ScheduleCycleSession: a session within the cycle names it; a workshop without one has cycle null', async () => {
    const centreId = await openCentre(server());
    const { cycle } = await scheduleCycle(centreId);
    const data = ok(await server().gql(fieldOp('ScheduleCycleSession'), {
      input: { centreId, kind: 'PSYCHOSOCIAL', title: 'Session 1', startsAt: sessionAt(3), durationMinutes: 90, cycleId: cycle.id },
    }));
    expect(data.scheduleWorkshop.workshop.cycle).toEqual({ id: cycle.id });
    const plain = ok(await server().gql(fieldOp('ScheduleCycleSession'), {
      input: { centreId, kind: 'PSYCHOSOCIAL', title: 'Drop-in', startsAt: sessionAt(4), durationMinutes: 90 },
    }));
    expect(plain.scheduleWorkshop.workshop.cycle).toBeNull();
  });

  it('ScheduleCycleSession refuses a session outside the cycle’s dates, of another kind or at another centre (BAD_USER_INPUT on cycleId) and an unknown cycle (NOT_FOUND)', async () => {
    const centreId = await openCentre(server());
    const otherCentreId = await openCentre(server());
    const { cycle } = await scheduleCycle(centreId);
    const send = (input: Record<string, unknown>) => () =>
      server().gql(fieldOp('ScheduleCycleSession'), {
        input: { centreId, kind: 'PSYCHOSOCIAL', title: 'Session', startsAt: sessionAt(10), durationMinutes: 90, cycleId: cycle.id, ...input },
      });
    // 2025-03-31T22:30Z is 00:30 on April 1 in Belgrade (UTC+2 from March 30).
    await expectRefused(server(), send({ startsAt: '2025-03-31T22:30:00Z' }), 'BAD_USER_INPUT', 'cycleId');
    await expectRefused(server(), send({ startsAt: '2025-02-28T16:00:00+01:00' }), 'BAD_USER_INPUT', 'cycleId');
    await expectRefused(server(), send({ kind: 'SCHOOL_SUPPORT' }), 'BAD_USER_INPUT', 'cycleId');
    await expectRefused(server(), send({ centreId: otherCentreId }), 'BAD_USER_INPUT', 'cycleId');
    await expectRefused(server(), send({ cycleId: 'no-such-cycle' }), 'NOT_FOUND', 'cycleId');
    // The last local day of the cycle is still in it: 2025-03-31T21:30Z is 23:30 local.
    ok(await send({ startsAt: '2025-03-31T21:30:00Z' })());
  });

  it('CycleProgress: sessionsHeld counts held sessions; exactly 70% completes, 60% does not; completionRate is their share', async () => {
    const centreId = await openCentre(server());
    const { cycle } = await scheduleCycle(centreId);
    const [amra, berin, cana] = [
      await registerParticipant(server(), centreId),
      await registerParticipant(server(), centreId),
      await registerParticipant(server(), centreId),
    ];
    const sessions: string[] = [];
    for (let day = 2; day <= 11; day++) sessions.push(await scheduleWorkshop(server(), { centreId, startsAt: sessionAt(day), cycleId: cycle.id }));
    // A session with nobody and a cancelled one are not held.
    await scheduleWorkshop(server(), { centreId, startsAt: sessionAt(12), cycleId: cycle.id });
    const cancelled = await scheduleWorkshop(server(), { centreId, startsAt: sessionAt(13), cycleId: cycle.id });
    ok(await server().gql(op('CancelWorkshop'), { input: { workshopId: cancelled, reason: 'facilitator ill' } }));
    // A workshop of the same kind outside the cycle does not count for it.
    const dropIn = await scheduleWorkshop(server(), { centreId, startsAt: sessionAt(14) });
    await attend(server(), dropIn, [amra.id, berin.id, cana.id]);

    for (const [index, workshopId] of sessions.entries()) {
      const attendees = [amra.id]; // 10 of 10
      if (index < 7) attendees.push(berin.id); // 7 of 10: exactly 70%
      if (index < 6) attendees.push(cana.id); // 6 of 10
      await attend(server(), workshopId, attendees);
    }

    const progress = ok(await server().gql(fieldOp('CycleProgress'), { id: cycle.id })).cycle;
    expect(progress.id).toBe(cycle.id);
    expect(progress.sessionsHeld).toBe(10);
    const byId = new Map(progress.participants.map((p: { participant: { id: string } }) => [p.participant.id, p]));
    expect(byId.get(amra.id)).toEqual({ participant: { id: amra.id, code: amra.code }, sessionsAttended: 10, completed: true });
    expect(byId.get(berin.id)).toEqual({ participant: { id: berin.id, code: berin.code }, sessionsAttended: 7, completed: true });
    expect(byId.get(cana.id)).toEqual({ participant: { id: cana.id, code: cana.code }, sessionsAttended: 6, completed: false });
    expect(progress.participants).toHaveLength(3);
    expect(progress.completionRate).toBeCloseTo(2 / 3, 10);

    // Removing Berin from one session drops him below 70%.
    ok(await server().gql(op('RemoveAttendance'), { input: { workshopId: sessions[0], participantId: berin.id, reason: 'ticked by mistake' } }));
    const after = ok(await server().gql(fieldOp('CycleProgress'), { id: cycle.id })).cycle;
    expect(after.participants.find((p: { participant: { id: string } }) => p.participant.id === berin.id)).toMatchObject({ sessionsAttended: 6, completed: false });
    expect(after.completionRate).toBeCloseTo(1 / 3, 10);
  });

  it('CycleProgress of a cycle nobody attended: no participants, completionRate null; an unknown cycle is NOT_FOUND', async () => {
    const centreId = await openCentre(server());
    const { cycle } = await scheduleCycle(centreId);
    expect(ok(await server().gql(fieldOp('CycleProgress'), { id: cycle.id })).cycle).toEqual({
      id: cycle.id,
      sessionsHeld: 0,
      completionRate: null,
      participants: [],
    });
    const missing = await server().gql(fieldOp('CycleProgress'), { id: 'no-such-cycle' });
    expect(missing.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });

  it('Indicators: CYCLE_COMPLETION counts children under 18 at the cycle’s end, over cycles ending in the period', async () => {
    const centreId = await openCentre(server());
    const { cycle } = await scheduleCycle(centreId, { startsOn: '2025-04-01', endsOn: '2025-04-30', plannedSessions: 10 });
    // Under 18 in 2025: born 2008 (17) and later; born 2007 is 18.
    const child1 = await registerParticipant(server(), centreId, { birthYear: 2015 });
    const child2 = await registerParticipant(server(), centreId, { birthYear: 2008 });
    const adult = await registerParticipant(server(), centreId, { birthYear: 2007 });
    for (let day = 1; day <= 10; day++) {
      const workshopId = await scheduleWorkshop(server(), { centreId, startsAt: `2025-04-${String(day).padStart(2, '0')}T16:00:00+02:00`, cycleId: cycle.id });
      const attendees = [child2.id, adult.id]; // both 10 of 10
      if (day <= 7) attendees.push(child1.id); // 7 of 10: completes
      await attend(server(), workshopId, attendees);
    }
    const child3 = await registerParticipant(server(), centreId, { birthYear: 2016 });
    const another = ok(await server().gql(fieldOp('ScheduleCycle'), { input: cycleInput(centreId, { startsOn: '2025-04-01', endsOn: '2025-04-20' }) })).scheduleCycle.cycle;
    for (let day = 1; day <= 3; day++) {
      const workshopId = await scheduleWorkshop(server(), { centreId, startsAt: `2025-04-${String(day + 10).padStart(2, '0')}T10:00:00+02:00`, cycleId: another.id });
      // child3: 3 of 3, completes; child1: 1 of 3 in this cycle, does not.
      await attend(server(), workshopId, day === 3 ? [child3.id, child1.id] : [child3.id]);
    }
    const value = async (from: string, to: string) => {
      const rows = ok(await server().gql(fieldOp('Indicators'), { from, to, centreId })).indicators as { indicator: string; value: number | null }[];
      return rows.find((row) => row.indicator === 'CYCLE_COMPLETION')?.value;
    };
    // Both cycles end in April: child1 completes the first (7/10) but not the second (1/3), child2 and child3 complete.
    expect(await value('2025-04-01', '2025-04-30')).toBeCloseTo(3 / 4, 10);
    // Only the second cycle ends by April 20.
    expect(await value('2025-04-01', '2025-04-20')).toBeCloseTo(1 / 2, 10);
    expect(await value('2025-05-01', '2025-05-31')).toBeNull();
  });
});
