import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isWrongExpectedRevision, type EventStore, type NewEvent } from '../../src/store/port.js';

/**
 * The behaviour every event store adapter must have. An adapter's test file calls this with a
 * factory that gives a fresh, empty store (or, for a shared server, a store whose streams are
 * unique to the test) and a cleanup.
 */
export function describeEventStoreContract(name: string, open: () => Promise<EventStore>, options: { skip?: string } = {}) {
  const suite = options.skip ? describe.skip : describe;
  suite(`event store contract: ${name}${options.skip ? ` (skipped: ${options.skip})` : ''}`, () => {
    let store: EventStore;
    // Unique stream names keep runs against a shared server apart.
    const run = randomUUID().slice(0, 8);
    const stream = (n: string) => `contract${run}-${n}`;
    const event = (type: string, data: unknown = {}, id: string = randomUUID() as string): NewEvent => ({
      id,
      type,
      data,
      metadata: { actor: { userId: 'u1', role: 'admin' }, correlationId: 'c1', recordedAt: new Date().toISOString() },
    });

    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('given no stream, when a stream is read, then it is empty', async () => {
      expect(await store.readStream(stream('none'))).toEqual([]);
    });

    it('given a new stream, when events are appended, then they are read back in order with revisions from 0', async () => {
      const s = stream('a');
      const result = await store.append(s, [event('One', { n: 1 }), event('Two', { n: 2 })], 'no_stream');
      expect(result.nextRevision).toBe(1n);
      const read = await store.readStream(s);
      expect(read.map((e) => [e.type, e.data, e.revision])).toEqual([
        ['One', { n: 1 }, 0n],
        ['Two', { n: 2 }, 1n],
      ]);
      expect(read[1]!.position).toBe(result.position);
      expect(read[0]!.metadata.actor).toEqual({ userId: 'u1', role: 'admin' });
    });

    it('given a stream, when appending with a stale expected revision, then it is refused and nothing is stored', async () => {
      const s = stream('b');
      await store.append(s, [event('One')], 'no_stream');
      await store.append(s, [event('Two')], 0n);
      const stale = store.append(s, [event('Three')], 0n);
      await expect(stale).rejects.toSatisfy(isWrongExpectedRevision);
      await expect(store.append(s, [event('Again')], 'no_stream')).rejects.toSatisfy(isWrongExpectedRevision);
      await expect(store.append(stream('missing'), [event('X')], 0n)).rejects.toSatisfy(isWrongExpectedRevision);
      expect((await store.readStream(s)).map((e) => e.type)).toEqual(['One', 'Two']);
    });

    it('given appends to several streams, when the log is read, then positions grow in append order', async () => {
      const head = await store.headPosition();
      const ids: string[] = [randomUUID(), randomUUID(), randomUUID()];
      await store.append(stream('c1'), [event('A', {}, ids[0])], 'no_stream');
      await store.append(stream('c2'), [event('B', {}, ids[1])], 'no_stream');
      await store.append(stream('c1'), [event('C', {}, ids[2])], 0n);
      const all = await store.readAll(head, 10_000);
      const mine = all.filter((e) => ids.includes(e.id));
      expect(mine.map((e) => e.type)).toEqual(['A', 'B', 'C']);
      for (let i = 1; i < all.length; i++) expect(all[i]!.position > all[i - 1]!.position).toBe(true);
      expect(await store.headPosition()).toBe(all[all.length - 1]!.position);
      const afterFirst = await store.readAll(mine[0]!.position, 10_000);
      expect(afterFirst.some((e) => e.id === ids[0])).toBe(false);
      expect(afterFirst.some((e) => e.id === ids[2])).toBe(true);
    });

    it('given several streams, when they are read together, then each answers its events after the revision asked, in order', async () => {
      const [a, b, missing] = [stream('m1'), stream('m2'), stream('m-none')];
      await store.append(a, [event('A0', { n: 0 }), event('A1', { n: 1 }), event('A2', { n: 2 })], 'no_stream');
      await store.append(b, [event('B0')], 'no_stream');
      const read = await store.readStreams([{ streamId: a }, { streamId: b, after: 0n }, { streamId: missing }, { streamId: a, after: 0n }, { streamId: b }]);
      expect(read.map((events) => events.map((e) => [e.type, e.revision]))).toEqual([
        [['A0', 0n], ['A1', 1n], ['A2', 2n]],
        [],
        [],
        [['A1', 1n], ['A2', 2n]],
        [['B0', 0n]],
      ]);
      expect(read[0]).toEqual(await store.readStream(a));
      expect(read[3]![1]!.data).toEqual({ n: 2 });
      expect(await store.readStreams([])).toEqual([]);
      expect(await store.readStreams([{ streamId: a, after: 2n }, { streamId: missing, after: 5n }])).toEqual([[], []]);
    });

    it('given an append, when the same event ids are appended again, then nothing is stored twice', async () => {
      const s = stream('d');
      const events = [event('One'), event('Two')];
      const first = await store.append(s, events, 'no_stream');
      const again = await store.append(s, events, 'no_stream');
      expect(again.position).toBe(first.position);
      expect(await store.readStream(s)).toHaveLength(2);
    });

    it('given a command stored with its events, when it is looked up, then its fingerprint, result and position come back', async () => {
      const commandId = `cmd-${randomUUID()}`;
      const appended = await store.append(stream('e'), [event('One')], 'no_stream', {
        command: { commandId, fingerprint: 'f1', result: { id: 'x' } },
      });
      expect(await store.findCommand(commandId)).toEqual({ commandId, fingerprint: 'f1', result: { id: 'x' }, position: appended.position });
      expect(await store.findCommand(`cmd-${randomUUID()}`)).toBeUndefined();
    });

    it('given many async callers appending to one stream, when each retries on conflict, then every event is stored once in order', async () => {
      const s = stream('f');
      const callers = 10;
      const appendOne = async (n: number) => {
        for (;;) {
          const current = await store.readStream(s);
          const expected = current.length === 0 ? 'no_stream' : current[current.length - 1]!.revision;
          try {
            return await store.append(s, [event('N', { n })], expected);
          } catch (error) {
            if (!isWrongExpectedRevision(error)) throw error;
          }
        }
      };
      await Promise.all(Array.from({ length: callers }, (_, n) => appendOne(n)));
      const read = await store.readStream(s);
      expect(read.map((e) => e.revision)).toEqual(Array.from({ length: callers }, (_, i) => BigInt(i)));
      expect(new Set(read.map((e) => (e.data as { n: number }).n)).size).toBe(callers);
    });

    it('given a subscription, when events are appended later, then it delivers them after the start position', async () => {
      const head = await store.headPosition();
      const controller = new AbortController();
      const id = randomUUID();
      const seen = (async () => {
        for await (const batch of store.subscribe(head, controller.signal)) {
          if (batch.some((e) => e.id === id)) return batch.find((e) => e.id === id);
        }
        return undefined;
      })();
      await store.append(stream('g'), [event('Later', {}, id)], 'no_stream');
      const delivered = await seen;
      controller.abort();
      expect(delivered?.type).toBe('Later');
    });
  });
}
