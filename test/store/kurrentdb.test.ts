import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { streamCategories } from '../../src/domain/catalogue.js';
import { createKurrentDbEventStore, type KurrentDbEventStore } from '../../src/store/kurrentdb.js';
import type { NewEvent } from '../../src/store/port.js';
import { describeEventStoreContract } from './contract.js';

/**
 * Runs against a real server only when KURRENTDB_CONNECTION_STRING names one, e.g.
 * KURRENTDB_CONNECTION_STRING='kurrentdb://localhost:2113?tls=false' npx vitest run test/store
 * Every run writes streams with fresh names, so a shared trial server can be used.
 */
const connectionString = process.env.KURRENTDB_CONNECTION_STRING;
const skip = 'KURRENTDB_CONNECTION_STRING is not set';

const open = (): KurrentDbEventStore =>
  createKurrentDbEventStore({
    connectionString: connectionString!,
    categories: streamCategories,
    // The contract suite names its streams contract<run>-<n>.
    extraStreamPrefixes: ['contract'],
  });

describeEventStoreContract('kurrentdb', async () => open(), connectionString ? {} : { skip });

describe.skipIf(!connectionString)(`kurrentdb command records${connectionString ? '' : ` (skipped: ${skip})`}`, () => {
  let store: KurrentDbEventStore;
  const stream = () => `centre-${randomUUID()}`;
  const event = (type: string): NewEvent => ({
    id: randomUUID(),
    type,
    data: {},
    metadata: { actor: { userId: 'u1', role: 'admin' }, correlationId: 'c1', recordedAt: new Date().toISOString() },
  });

  beforeEach(async () => {
    store = open();
    await store.checkConnection(5_000);
  });
  afterEach(async () => {
    await store.close();
  });

  it('given a command stored with its events, when the log is read, then the record is not among the events', async () => {
    const head = await store.headPosition();
    const commandId = `cmd-${randomUUID()}`;
    const s = stream();

    await store.append(s, [event('CentreOpened')], 'no_stream', { command: { commandId, fingerprint: 'f', result: null } });

    const log = await store.readAll(head, 10_000);
    expect(log.filter((e) => e.streamId === s).map((e) => e.type)).toEqual(['CentreOpened']);
    expect(log.some((e) => e.type === 'CommandHandled' || e.streamId.startsWith('command-'))).toBe(false);
  });

  it('given events stored but their command record lost, when the command is retried at the new end of the stream, then nothing is stored twice and the record points at the first events', async () => {
    const s = stream();
    const commandId = `cmd-${randomUUID()}`;
    const events = [event('CentreOpened'), event('CentreRenamed')];
    const first = await store.append(s, events, 'no_stream');

    const retried = await store.append(s, events, 1n, { command: { commandId, fingerprint: 'f', result: { ok: true } } });

    expect(retried).toEqual(first);
    expect(await store.readStream(s)).toHaveLength(2);
    expect(await store.findCommand(commandId)).toEqual({ commandId, fingerprint: 'f', result: { ok: true }, position: first.position });
  });

  it('given a command that stores no event, when it is recorded, then the record carries the position of the stream end', async () => {
    const s = stream();
    const appended = await store.append(s, [event('CentreOpened')], 'no_stream');
    const commandId = `cmd-${randomUUID()}`;

    const result = await store.append(s, [], 0n, { command: { commandId, fingerprint: 'f', result: 'nothing to do' } });

    expect(result).toEqual({ nextRevision: 0n, position: appended.position });
    expect((await store.findCommand(commandId))?.position).toBe(appended.position);
  });

  it('given a command record, when a record with the same command id is written again, then it is a no-op and the first one stays', async () => {
    const commandId = `cmd-${randomUUID()}`;
    await store.recordCommand({ commandId, fingerprint: 'f1', result: 1, position: 5n });

    await store.recordCommand({ commandId, fingerprint: 'f2', result: 2, position: 9n });

    expect(await store.findCommand(commandId)).toEqual({ commandId, fingerprint: 'f1', result: 1, position: 5n });
  });
});
