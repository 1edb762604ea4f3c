/**
 * A mutation answers from the views once they include its events. When they do not within
 * READ_YOUR_WRITES_TIMEOUT_MS, the answer says so (retryable) rather than showing stale data.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ProjectionRunner } from '../../src/projection/runner.js';
import { openTestLedger, startHttp, type TestLedger } from '../reporting/support.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The ledger's runner, but waits answer false while `behind` is set, as when the views lag. */
function laggingRunner(runner: ProjectionRunner) {
  const state = { behind: true };
  const lagging: ProjectionRunner = { ...runner, waitFor: async (position, timeoutMs) => !state.behind && runner.waitFor(position, timeoutMs) };
  return { state, lagging };
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
