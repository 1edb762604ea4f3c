/**
 * A mutation answers from the views once they include its events, or, for a workshop's own fields,
 * from the state its command left at once; a query then waits until the views include every write
 * answered before it. When the views do not catch up within READ_YOUR_WRITES_TIMEOUT_MS, the
 * answer says so (retryable) rather than showing stale data.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/auth/actor.js';
import type { ProjectionRunner } from '../../src/projection/runner.js';
import { workshopAsWritten } from '../../src/read/as-written.js';
import { driver, openTestLedger, startHttp, TIME_ZONE, type TestLedger } from '../reporting/support.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * The ledger's runner, but while `behind` is set its views stay where they were when it was set,
 * as views that lag: a wait for any later position answers false.
 */
function laggingRunner(runner: ProjectionRunner) {
  let stoppedAt: bigint | undefined = runner.position();
  const state = {
    get behind() {
      return stoppedAt !== undefined;
    },
    set behind(behind: boolean) {
      stoppedAt = behind ? runner.position() : undefined;
    },
  };
  const lagging: ProjectionRunner = {
    ...runner,
    position: () => stoppedAt ?? runner.position(),
    waitFor: async (position, timeoutMs) => (stoppedAt === undefined ? runner.waitFor(position, timeoutMs) : position <= stoppedAt),
  };
  return { state, lagging };
}

/** How long the views may be behind a write answered before later writes wait for it (src/api/consistency.ts). */
const BOUNDED_LAG_MS = 250;

/**
 * The ledger's runner, but while held its views stay where they were (they keep applying
 * underneath, unseen): a wait answers only once released, as views that take their time.
 */
function heldRunner(runner: ProjectionRunner) {
  let heldAt: bigint | undefined;
  let released: Promise<void> = Promise.resolve();
  let release = () => {};
  const held: ProjectionRunner = {
    ...runner,
    position: () => heldAt ?? runner.position(),
    waitFor: async (position, timeoutMs) => {
      if (heldAt !== undefined && position > heldAt) await released;
      return runner.waitFor(position, timeoutMs);
    },
  };
  return {
    runner: held,
    hold() {
      heldAt = runner.position();
      released = new Promise((resolve) => (release = resolve));
    },
    release() {
      heldAt = undefined;
      release();
    },
  };
}

describe('a mutation whose views lag', () => {
  it('given views that have not caught up, when a centre is opened, then it is stored, the answer is SERVICE_UNAVAILABLE and retryable, and the retry with the same commandId answers it', async () => {
    const test: TestLedger = await openTestLedger();
    cleanups.push(() => test.close());
    const { state, lagging } = laggingRunner(test.ledger.runner);
    const http = await startHttp(test, { runner: lagging });
    cleanups.push(() => http.close());
    const open = `mutation($input: OpenCentreInput!) { openCentre(input: $input) { centre { id name } position } }`;
    const input = { name: 'Sjenica', municipality: 'Sjenica', district: 'Zlatiborski', commandId: 'open-sjenica' };

    const first = await http.gql(open, { input });

    expect(first.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    const head = await test.ledger.store.headPosition();
    expect(head).toBe(1n);
    expect(first.errors?.[0]?.extensions?.position).toBe('1');

    state.behind = false;
    const retried = await http.gql(open, { input });

    expect(retried.errors).toBeUndefined();
    expect(retried.data).toMatchObject({ openCentre: { centre: { name: 'Sjenica' }, position: '1' } });
    expect(await test.ledger.store.headPosition()).toBe(1n);
  });
});

describe('attendance answered from the workshop\'s own stream', () => {
  const record = (select: string) =>
    `mutation($input: RecordAttendanceInput!) { recordAttendance(input: $input) { workshop { ${select} } position } }`;

  async function workshopWithChildren() {
    const test: TestLedger = await openTestLedger();
    cleanups.push(() => test.close());
    const given = driver(test.ledger);
    const centreId = await given.openCentre('Novi Pazar');
    const children = [await given.registerParticipant(centreId), await given.registerParticipant(centreId)];
    const workshopId = await given.scheduleWorkshop(centreId, '2026-03-02');
    const { state, lagging } = laggingRunner(test.ledger.runner);
    state.behind = false;
    const http = await startHttp(test, { runner: lagging });
    cleanups.push(() => http.close());
    return { test, http, state, workshopId, children };
  }

  it('given views that lag, when attendance is recorded asking for the workshop\'s own fields, then it answers at once as written, and a query after it waits for the views rather than answer without it', async () => {
    const { http, state, workshopId, children } = await workshopWithChildren();
    state.behind = true;

    const recorded = await http.gql(record('id status attendeeCount'), { input: { workshopId, participantIds: children } });
    const readWhileBehind = await http.gql(`query($id: ID!) { workshop(id: $id) { status attendeeCount } }`, { id: workshopId });
    state.behind = false;
    const readAfter = await http.gql(`query($id: ID!) { workshop(id: $id) { status attendeeCount } }`, { id: workshopId });

    expect(recorded.errors).toBeUndefined();
    expect(recorded.data).toMatchObject({ recordAttendance: { workshop: { id: workshopId, status: 'HELD', attendeeCount: 2 } } });
    expect(readWhileBehind.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    expect(readWhileBehind.data?.workshop ?? null).toBeNull();
    expect(readAfter.errors).toBeUndefined();
    expect(readAfter.data).toEqual({ workshop: { status: 'HELD', attendeeCount: 2 } });
  });

  it('given views held behind an attendance answered longer than the bounded lag, when more attendance is recorded, then it is stored but answered SERVICE_UNAVAILABLE until the views catch up, and the retry with its commandId answers it', async () => {
    const { test, http, state, workshopId, children } = await workshopWithChildren();
    state.behind = true;
    const second = { workshopId, participantIds: [children[1]], commandId: 'second-tick' };

    const first = await http.gql(record('attendeeCount'), { input: { workshopId, participantIds: [children[0]] } });
    await new Promise((resolve) => setTimeout(resolve, BOUNDED_LAG_MS + 50));
    const refused = await http.gql(record('attendeeCount'), { input: second });
    const storedWhileBehind = await test.ledger.store.headPosition();
    state.behind = false;
    const retried = await http.gql(record('attendeeCount'), { input: second });

    expect(first.data).toMatchObject({ recordAttendance: { workshop: { attendeeCount: 1 } } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    expect(retried.errors).toBeUndefined();
    expect(retried.data).toMatchObject({ recordAttendance: { workshop: { attendeeCount: 2 } } });
    expect(await test.ledger.store.headPosition()).toBe(storedWhileBehind);
  });

  it('given views held back, when attendance is recorded twice within the bounded lag, then both answer at once, and a query sent after them waits and sees both', async () => {
    const { test, workshopId, children } = await workshopWithChildren();
    const held = heldRunner(test.ledger.runner);
    const http = await startHttp(test, { runner: held.runner });
    cleanups.push(() => http.close());
    held.hold();

    const first = await http.gql(record('attendeeCount'), { input: { workshopId, participantIds: [children[0]] } });
    const second = await http.gql(record('attendeeCount'), { input: { workshopId, participantIds: [children[1]] } });
    let answered = false;
    const query = http.gql(`query($id: ID!) { workshop(id: $id) { status attendeeCount } }`, { id: workshopId }).finally(() => (answered = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const answeredWhileHeld = answered;
    held.release();
    const read = await query;

    expect(first.data).toMatchObject({ recordAttendance: { workshop: { attendeeCount: 1 } } });
    expect(second.data).toMatchObject({ recordAttendance: { workshop: { attendeeCount: 2 } } });
    expect(answeredWhileHeld).toBe(false);
    expect(read.errors).toBeUndefined();
    expect(read.data).toEqual({ workshop: { status: 'HELD', attendeeCount: 2 } });
  });

  it('given views that lag, when attendance is recorded, then the attendance export waits for the views too', async () => {
    const { http, state, workshopId, children } = await workshopWithChildren();
    state.behind = true;
    const exportCsv = () => fetch(`${http.origin}/exports/attendance.csv`, { headers: { authorization: 'Bearer test' } });

    await http.gql(record('id'), { input: { workshopId, participantIds: children } });
    const whileBehind = await exportCsv();
    state.behind = false;
    const after = await exportCsv();

    expect(whileBehind.status).toBe(503);
    expect(((await whileBehind.json()) as { errors: { extensions: unknown }[] }).errors[0]!.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(after.status).toBe(200);
    expect((await after.text()).trim().split('\n')).toHaveLength(1 + children.length);
  });

  it('given views that lag, when attendance is recorded asking for the attendees (another view), then it waits for the views as other mutations do', async () => {
    const { http, state, workshopId, children } = await workshopWithChildren();
    state.behind = true;

    const recorded = await http.gql(`mutation($input: RecordAttendanceInput!) { recordAttendance(input: $input) { ...Answer } }
      fragment Answer on WorkshopPayload { workshop { status ... on Workshop { attendees { id } } } }`, { input: { workshopId, participantIds: children } });

    expect(recorded.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
  });

  it('given attendance recorded, removed and a workshop cancelled, when each answer is built from the state its command left, then it equals the workshop the views hold', async () => {
    const test: TestLedger = await openTestLedger();
    cleanups.push(() => test.close());
    const given = driver(test.ledger);
    const { commands, runner, read } = test.ledger;
    const by = (commandId: string) => ({ actor: systemActor, correlationId: commandId, commandId });
    const centreId = await given.openCentre('Sjenica');
    const [a, b, c] = [await given.registerParticipant(centreId), await given.registerParticipant(centreId), await given.registerParticipant(centreId)];
    const held = await given.scheduleWorkshop(centreId, '2026-03-02');
    await given.recordAttendance(held, [a, b]);
    await given.recordAttendance(held, [b, c]);
    const cancelled = await given.scheduleWorkshop(centreId, '2026-03-09');

    const answers = [
      await commands.removeAttendance(by('remove-a'), { workshopId: held, participantId: a, reason: 'ticked by mistake' }),
      await commands.cancelWorkshop(by('cancel'), { workshopId: cancelled, reason: 'snow' }),
      // A repeated command stores nothing and answers with the stream as it is.
      await commands.removeAttendance(by('remove-a'), { workshopId: held, participantId: a, reason: 'ticked by mistake' }),
    ];

    expect(await runner.waitFor(await test.ledger.store.headPosition(), 10_000)).toBe(true);
    // The views name attendees by participant number, the state by id.
    const idOf = new Map(read.participantsByNumber([0, 1, 2]).map((p) => [p.ordinal, p.id]));
    for (const { result, newState } of answers) {
      const { ordinal: _number, attendees, ...own } = read.workshop(result.workshopId)!;
      expect(workshopAsWritten(result.workshopId, newState, TIME_ZONE)).toEqual({ ...own, attendeeIds: attendees.map((n) => idOf.get(n)) });
    }
    expect(answers.map((answer) => answer.stored)).toEqual([true, true, false]);
    expect(read.workshop(held)).toMatchObject({ status: 'HELD', attendees: [b, c].map((id) => read.participant(id)!.ordinal) });
    expect(read.workshop(cancelled)).toMatchObject({ status: 'CANCELLED', cancellationReason: 'snow', facilitator: 'Jelena Petrović' });
  });
});

describe('where a mutation spent its time', () => {
  it('given a server, when a centre is opened, then the answer carries Server-Timing for its command and its wait for the views, and a query carries none', async () => {
    const test: TestLedger = await openTestLedger();
    cleanups.push(() => test.close());
    const http = await startHttp(test);
    cleanups.push(() => http.close());
    const post = (query: string, variables: Record<string, unknown> = {}) =>
      fetch(`${http.origin}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: 'Bearer test' },
        body: JSON.stringify({ query, variables }),
      });

    const opened = await post(`mutation($input: OpenCentreInput!) { openCentre(input: $input) { centre { id } position } }`, {
      input: { name: 'Tutin', municipality: 'Tutin', district: 'Raški' },
    });
    const read = await post(`{ centres { id } }`);

    expect(((await opened.json()) as { errors?: unknown }).errors).toBeUndefined();
    expect(opened.headers.get('server-timing')).toMatch(/^command;dur=\d+\.\d{2}, views;dur=\d+\.\d{2}$/);
    expect(read.headers.get('server-timing')).toBeNull();
  });
});
