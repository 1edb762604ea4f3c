/**
 * A stand-in server that speaks KurrentDB's gRPC protocol (the Streams service) from memory, for
 * the tests: no KurrentDB can run here. It follows the server's rules as read from KurrentDB's
 * source: expected-revision checks and idempotent appends as in IndexWriter.CheckCommit; commit =
 * prepare = the event's log position; forward reads of `$all` include the start position,
 * subscriptions start after it. A tombstone (hard delete) writes a `$streamDeleted` event at
 * revision 2^63-1 into the stream, as the server does, and from then on a read or an append of the
 * stream fails with the `stream-deleted` exception; tombstoning it again fails the same way.
 */
import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import sharedPb from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb.js';
import streamsGrpc from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_grpc_pb.js';
import streamsPb from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb.js';

type ReadReq = InstanceType<typeof streamsPb.ReadReq>;
type ReadResp = InstanceType<typeof streamsPb.ReadResp>;
type AppendReq = InstanceType<typeof streamsPb.AppendReq>;
type AppendResp = InstanceType<typeof streamsPb.AppendResp>;
type Uuid = InstanceType<typeof sharedPb.UUID>;

interface StoredEvent {
  readonly id: string;
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
}

interface Proposed {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
}

// ---------------------------------------------------------------------------------------------
// The stand-in server

const uuidText = (uuid: Uuid | undefined): string => {
  if (!uuid) throw new Error('an event without an id');
  if (uuid.hasString()) return uuid.getString();
  const structured = uuid.getStructured()!;
  const hex = (bits: string) => BigInt.asUintN(64, BigInt(bits)).toString(16).padStart(16, '0');
  const ms = hex(structured.getMostSignificantBits());
  const ls = hex(structured.getLeastSignificantBits());
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-${ms.slice(12)}-${ls.slice(0, 4)}-${ls.slice(4)}`;
};

const uuidMessage = (id: string, structured: boolean): Uuid => {
  const uuid = new sharedPb.UUID();
  if (!structured) return uuid.setString(id);
  const hex = id.replaceAll('-', '');
  const bits = new sharedPb.UUID.Structured();
  bits.setMostSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(0, 16)}`)).toString());
  bits.setLeastSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(16)}`)).toString());
  return uuid.setStructured(bits);
};

const streamName = (identifier: InstanceType<typeof sharedPb.StreamIdentifier> | undefined) =>
  Buffer.from(identifier!.getStreamName_asU8()).toString('utf8');

export function createStandInServer() {
  const log: StoredEvent[] = [];
  const streams = new Map<string, StoredEvent[]>();
  /** Tombstoned streams: gone for good. */
  const deleted = new Set<string>();
  /** The server's answer for a deleted stream: FAILED_PRECONDITION with the `stream-deleted` exception. */
  const streamDeleted = (name: string) => {
    const metadata = new grpc.Metadata();
    metadata.set('exception', 'stream-deleted');
    metadata.set('stream-name', name);
    return Object.assign(new Error(`Event stream '${name}' is deleted.`), { code: grpc.status.FAILED_PRECONDITION, details: `Event stream '${name}' is deleted.`, metadata });
  };
  // The log opens with records that are not events (the epoch), so no event sits at 0.
  let nextPosition = 4_096n;
  const live = new Set<{ call: grpc.ServerWritableStream<ReadReq, ReadResp>; send: (event: StoredEvent) => void }>();
  /** How many already-delivered events a resubscription sends again (a server resuming a little early). */
  let resendOnResubscribe = 0;

  function write(streamId: string, proposals: readonly Proposed[]): StoredEvent[] {
    const stored = streams.get(streamId) ?? [];
    const written = proposals.map((proposal) => {
      const event = { ...proposal, streamId, revision: BigInt(stored.length), position: nextPosition };
      nextPosition += 128n + BigInt(proposal.data.length + proposal.metadata.length);
      stored.push(event);
      log.push(event);
      return event;
    });
    streams.set(streamId, stored);
    for (const subscriber of live) written.forEach(subscriber.send);
    return written;
  }

  /** System events and another application's stream, as a shared server holds. */
  function addNoise() {
    const json = (value: unknown) => Buffer.from(JSON.stringify(value));
    const noise = (type: string): Proposed => ({ id: randomUUID(), type, contentType: 'application/json', data: json({}), metadata: json({}) });
    write(`$$centre-${randomUUID()}`, [noise('$metadata')]);
    write('$stats-127.0.0.1:2113', [noise('$statsCollected')]);
    write(`orders-${randomUUID()}`, [noise('OrderPlaced')]);
  }

  function appendAnswer(options: InstanceType<typeof streamsPb.AppendReq.Options>, proposals: readonly Proposed[]): AppendResp {
    const name = streamName(options.getStreamIdentifier());
    const stored = streams.get(name) ?? [];
    const current = BigInt(stored.length) - 1n;
    const ids = proposals.map((proposal) => proposal.id);
    const answer = new streamsPb.AppendResp();
    const success = (last: StoredEvent, position: bigint) => {
      const ok = new streamsPb.AppendResp.Success();
      ok.setCurrentRevision(last.revision.toString());
      const at = new streamsPb.AppendResp.Position();
      at.setCommitPosition(position.toString());
      at.setPreparePosition(position.toString());
      ok.setPosition(at);
      return answer.setSuccess(ok);
    };
    const wrong = () => {
      const failure = new streamsPb.AppendResp.WrongExpectedVersion();
      if (current < 0n) failure.setCurrentNoStream(new sharedPb.Empty());
      else failure.setCurrentRevision(current.toString());
      if (options.hasRevision()) failure.setExpectedRevision(options.getRevision());
      else if (options.hasNoStream()) failure.setExpectedNoStream(new sharedPb.Empty());
      else if (options.hasStreamExists()) failure.setExpectedStreamExists(new sharedPb.Empty());
      else failure.setExpectedAny(new sharedPb.Empty());
      return answer.setWrongExpectedVersion(failure);
    };
    /** The stored events that repeat this append from `from` on, if every id matches in order. */
    const repeatedFrom = (from: number) => {
      const repeated = stored.slice(from, from + ids.length);
      return repeated.length === ids.length && repeated.every((event, index) => event.id === ids[index]) ? repeated : undefined;
    };
    // A written append answers with the position of its first event: the transaction, not its last
    // event. An idempotent one answers with its last event (KurrentDB's CheckCommit).
    const fresh = () => {
      const written = write(name, proposals);
      return success(written[written.length - 1]!, written[0]!.position);
    };
    if (options.hasAny()) {
      const repeated = ids.length > 0 ? repeatedFrom(stored.findIndex((event) => event.id === ids[0])) : undefined;
      return repeated ? success(repeated[repeated.length - 1]!, repeated[repeated.length - 1]!.position) : fresh();
    }
    if (options.hasStreamExists()) return current < 0n ? wrong() : fresh();
    const expected = options.hasNoStream() ? -1n : BigInt(options.getRevision());
    if (expected > current) return wrong();
    if (expected < current) {
      const repeated = repeatedFrom(Number(expected + 1n));
      return repeated ? success(repeated[repeated.length - 1]!, repeated[repeated.length - 1]!.position) : wrong();
    }
    return fresh();
  }

  function readEvent(event: StoredEvent, structured: boolean, onAll: boolean): ReadResp {
    const recorded = new streamsPb.ReadResp.ReadEvent.RecordedEvent();
    recorded.setId(uuidMessage(event.id, structured));
    const identifier = new sharedPb.StreamIdentifier();
    identifier.setStreamName(Buffer.from(event.streamId));
    recorded.setStreamIdentifier(identifier);
    recorded.setStreamRevision(event.revision.toString());
    recorded.setCommitPosition(event.position.toString());
    recorded.setPreparePosition(event.position.toString());
    recorded.getMetadataMap().set('type', event.type);
    recorded.getMetadataMap().set('content-type', event.contentType);
    recorded.getMetadataMap().set('created', (BigInt(Date.now()) * 10_000n).toString());
    recorded.setData(event.data);
    recorded.setCustomMetadata(event.metadata);
    const read = new streamsPb.ReadResp.ReadEvent();
    read.setEvent(recorded);
    if (onAll) read.setCommitPosition(event.position.toString());
    else read.setNoPosition(new sharedPb.Empty());
    return new streamsPb.ReadResp().setEvent(read);
  }

  function readStream(call: grpc.ServerWritableStream<ReadReq, ReadResp>, options: InstanceType<typeof streamsPb.ReadReq.Options>) {
    const stream = options.getStream()!;
    if (deleted.has(streamName(stream.getStreamIdentifier()))) return call.emit('error', streamDeleted(streamName(stream.getStreamIdentifier())));
    const stored = streams.get(streamName(stream.getStreamIdentifier()));
    if (!stored) {
      const notFound = new streamsPb.ReadResp.StreamNotFound();
      notFound.setStreamIdentifier(stream.getStreamIdentifier());
      call.write(new streamsPb.ReadResp().setStreamNotFound(notFound));
      return call.end();
    }
    const backwards = options.getReadDirection() === streamsPb.ReadReq.Options.ReadDirection.BACKWARDS;
    const from = stream.hasRevision() ? BigInt(stream.getRevision()) : stream.hasEnd() ? BigInt(stored.length - 1) : 0n;
    const chosen = backwards ? stored.filter((e) => e.revision <= from).reverse() : stored.filter((e) => e.revision >= from);
    const count = options.hasCount() ? Number(options.getCount()) : Infinity;
    const structured = options.getUuidOption()?.hasStructured() ?? false;
    for (const event of chosen.slice(0, count)) call.write(readEvent(event, structured, false));
    call.end();
  }

  function matcher(options: InstanceType<typeof streamsPb.ReadReq.Options>) {
    if (!options.hasFilter()) return () => true;
    const filter = options.getFilter()!;
    const onStreams = filter.hasStreamIdentifier();
    const prefixes = (onStreams ? filter.getStreamIdentifier() : filter.getEventType())!.getPrefixList();
    return (event: StoredEvent) => prefixes.some((prefix) => (onStreams ? event.streamId : event.type).startsWith(prefix));
  }

  function readAll(call: grpc.ServerWritableStream<ReadReq, ReadResp>, options: InstanceType<typeof streamsPb.ReadReq.Options>) {
    const all = options.getAll()!;
    const backwards = options.getReadDirection() === streamsPb.ReadReq.Options.ReadDirection.BACKWARDS;
    const at = all.hasPosition() ? BigInt(all.getPosition()!.getCommitPosition()) : undefined;
    const matches = matcher(options);
    const chosen = backwards
      ? log.filter((e) => at === undefined || e.position < at).reverse()
      : log.filter((e) => at === undefined || e.position >= at);
    const count = options.hasCount() ? Number(options.getCount()) : Infinity;
    const structured = options.getUuidOption()?.hasStructured() ?? false;
    for (const event of chosen.filter(matches).slice(0, count)) call.write(readEvent(event, structured, true));
    call.end();
  }

  function subscribeToAll(call: grpc.ServerWritableStream<ReadReq, ReadResp>, options: InstanceType<typeof streamsPb.ReadReq.Options>) {
    const all = options.getAll()!;
    const matches = matcher(options);
    const structured = options.getUuidOption()?.hasStructured() ?? false;
    const confirmation = new streamsPb.ReadResp.SubscriptionConfirmation();
    confirmation.setSubscriptionId(randomUUID());
    call.write(new streamsPb.ReadResp().setConfirmation(confirmation));
    const after = all.hasPosition() ? BigInt(all.getPosition()!.getCommitPosition()) : all.hasEnd() ? (log[log.length - 1]?.position ?? 0n) : -1n;
    const firstNew = log.findIndex((e) => e.position > after);
    const start = Math.max(0, (firstNew < 0 ? log.length : firstNew) - (after >= 0n ? resendOnResubscribe : 0));
    for (const event of log.slice(start)) if (matches(event)) call.write(readEvent(event, structured, true));
    const checkpoint = new streamsPb.ReadResp.Checkpoint();
    checkpoint.setCommitPosition(nextPosition.toString());
    checkpoint.setPreparePosition(nextPosition.toString());
    call.write(new streamsPb.ReadResp().setCheckpoint(checkpoint));
    call.write(new streamsPb.ReadResp().setCaughtUp(new streamsPb.ReadResp.CaughtUp()));
    const subscriber = { call, send: (event: StoredEvent) => matches(event) && call.write(readEvent(event, structured, true)) };
    live.add(subscriber);
    call.on('cancelled', () => live.delete(subscriber));
    call.on('close', () => live.delete(subscriber));
  }

  const server = new grpc.Server();
  server.addService(streamsGrpc.StreamsService, {
    read(call: grpc.ServerWritableStream<ReadReq, ReadResp>) {
      const options = call.request.getOptions()!;
      if (options.hasStream()) return readStream(call, options);
      if (options.hasSubscription()) return subscribeToAll(call, options);
      return readAll(call, options);
    },
    append(call: grpc.ServerReadableStream<AppendReq, AppendResp>, callback: grpc.sendUnaryData<AppendResp>) {
      let options: InstanceType<typeof streamsPb.AppendReq.Options> | undefined;
      const proposals: Proposed[] = [];
      call.on('data', (request: AppendReq) => {
        if (request.hasOptions()) options = request.getOptions();
        const message = request.getProposedMessage();
        if (!message) return;
        proposals.push({
          id: uuidText(message.getId()),
          type: message.getMetadataMap().get('type')!,
          contentType: message.getMetadataMap().get('content-type')!,
          data: message.getData_asU8(),
          metadata: message.getCustomMetadata_asU8(),
        });
      });
      call.on('end', () => {
        const name = streamName(options!.getStreamIdentifier());
        if (deleted.has(name)) return callback(streamDeleted(name));
        callback(null, appendAnswer(options!, proposals));
      });
    },
    tombstone(call: grpc.ServerUnaryCall<InstanceType<typeof streamsPb.TombstoneReq>, unknown>, callback: grpc.sendUnaryData<unknown>) {
      const name = streamName(call.request.getOptions()!.getStreamIdentifier());
      if (deleted.has(name)) return callback(streamDeleted(name));
      // The tombstone is an event of the stream at revision 2^63-1, in `$all` like any other.
      const marker: StoredEvent = { id: randomUUID(), streamId: name, revision: 2n ** 63n - 1n, position: nextPosition, type: '$streamDeleted', contentType: 'application/octet-stream', data: new Uint8Array(), metadata: new Uint8Array() };
      nextPosition += 128n;
      log.push(marker);
      deleted.add(name);
      for (const subscriber of live) subscriber.send(marker);
      const answer = new streamsPb.TombstoneResp();
      const at = new streamsPb.TombstoneResp.Position();
      at.setCommitPosition(marker.position.toString());
      at.setPreparePosition(marker.position.toString());
      callback(null, answer.setPosition(at));
    },
  });

  return {
    log,
    /** Whether the stream was tombstoned. */
    isDeleted: (name: string) => deleted.has(name),
    addNoise,
    async start(): Promise<number> {
      return new Promise((resolve, reject) =>
        server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port))),
      );
    },
    /** Ends every subscription with UNAVAILABLE, as a lost connection or a leader change does. */
    dropSubscriptions(resend: number) {
      resendOnResubscribe = resend;
      for (const { call } of [...live]) call.emit('error', { code: grpc.status.UNAVAILABLE, details: 'the connection was lost' });
      live.clear();
    },
    stop: () => server.forceShutdown(),
  };
}

