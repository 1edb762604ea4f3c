import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isStoreUnavailable } from '../../src/store/port.js';
import { checkConnection, createKurrentDbEventStore } from '../../src/store/kurrentdb.js';
import { streamCategories } from '../../src/domain/catalogue.js';

/** A port that was free a moment ago and that nothing listens on now. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('a KurrentDB server that cannot be reached', () => {
  it('given a connection string with a password and a closed port, when the connection is checked, then it fails within 10 s naming the host and port but not the password', async () => {
    const port = await closedPort();
    const connectionString = `kurrentdb://admin:secret@127.0.0.1:${port}?tls=false`;
    const started = Date.now();

    const error = await checkConnection(connectionString, 5_000).then(
      () => undefined,
      (failure: unknown) => failure,
    );

    expect(Date.now() - started).toBeLessThan(10_000);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain(`127.0.0.1:${port}`);
    expect(message).not.toContain('secret');
    expect(isStoreUnavailable(error)).toBe(true);
  }, 15_000);

  it('given a store on a closed port, when an event is appended, then the caller gets a retryable StoreUnavailable without the password', async () => {
    const port = await closedPort();
    const store = createKurrentDbEventStore({
      connectionString: `kurrentdb://admin:secret@127.0.0.1:${port}?tls=false`,
      categories: streamCategories,
      attempts: 1,
    });
    try {
      const event = {
        id: '0b8f5a4e-1c2d-4e3f-8a9b-0c1d2e3f4a5b',
        type: 'CentreOpened',
        data: {},
        metadata: { actor: { userId: 'u1', role: 'admin' }, correlationId: 'c1', recordedAt: new Date().toISOString() },
      };

      const error = await store.append('centre-unreachable', [event], 'no_stream').then(
        () => undefined,
        (failure: unknown) => failure,
      );

      expect(isStoreUnavailable(error)).toBe(true);
      expect((error as Error).message).toContain(`127.0.0.1:${port}`);
      expect((error as Error).message).not.toContain('secret');
    } finally {
      await store.close();
    }
  }, 15_000);
});
