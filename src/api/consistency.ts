import type express from 'express';
import { GraphQLError, getOperationAST, type ExecutionArgs } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ProjectionRunner } from '../projection/runner.js';
import { errorBody } from './csv.js';

/**
 * Read-your-writes, in one place. The contract's rule: a query sent after a mutation was answered
 * sees its effect. Writes land in the log at once; the views' thread applies them a little later.
 * So every wait here names the position it waits for:
 *
 * - `viewsInclude(P)`: the views have applied position P (a mutation that answers from the views; a
 *   client that wrote through another server and sends `x-await-position`).
 * - `viewsIncludeAnswered()`: the views include every write answered before this read arrived
 *   (every query, subscription and export passes this first).
 * - `viewsWithinLag()`: the views are no more than `maxLagPositions` positions and `maxLagMs`
 *   milliseconds behind the writes answered (a mutation that answers from the state its command
 *   left). Writes then never run far ahead of the views, and a query after them waits at most
 *   that much of the views' work, without every write waiting for the one before it.
 *
 * Without writes in flight the views are there already and nothing waits. A wait that does not
 * end within `timeoutMs` answers SERVICE_UNAVAILABLE, retryable, rather than stale data.
 */
export interface Consistency {
  viewsInclude(position: bigint, message?: string): Promise<void>;
  viewsIncludeAnswered(): Promise<void>;
  viewsWithinLag(): Promise<void>;
  /** A write was answered at `position`: every read that arrives from now on must see it. */
  answered(position: bigint): void;
  /** The position of the last write answered. */
  lastAnswered(): bigint;
}

export interface ConsistencyOptions {
  /** How long a request waits for the views before answering SERVICE_UNAVAILABLE (READ_YOUR_WRITES_TIMEOUT_MS). */
  readonly timeoutMs: number;
  /** How many positions the views may be behind the writes answered (default 64). */
  readonly maxLagPositions?: number;
  /** How long a write answered may wait for the views before later writes wait for it (default 250 ms). */
  readonly maxLagMs?: number;
  readonly now?: () => number;
}

export function createConsistency(runner: ProjectionRunner, options: ConsistencyOptions): Consistency {
  const { timeoutMs } = options;
  const maxLagPositions = BigInt(options.maxLagPositions ?? 64);
  const maxLagMs = options.maxLagMs ?? 250;
  const now = options.now ?? (() => performance.now());
  let answered = 0n;
  /** Writes answered that the views may not include yet, in the order answered. */
  let unapplied: { readonly position: bigint; readonly at: number }[] = [];

  async function viewsInclude(position: bigint, message = `the views have not yet reached position ${position}; retry shortly`) {
    if (!(await runner.waitFor(position, timeoutMs))) throw viewsBehind(position, message);
  }

  /** The position the views must reach for the lag to be within bounds. */
  function lagTarget(): bigint {
    const applied = runner.position();
    if (unapplied.length > 0 && unapplied[0]!.position <= applied) unapplied = unapplied.filter((write) => write.position > applied);
    let target = answered - maxLagPositions;
    const overdue = now() - maxLagMs;
    for (const write of unapplied) {
      if (write.at > overdue) break;
      if (write.position > target) target = write.position;
    }
    return target;
  }

  return {
    viewsInclude,
    viewsIncludeAnswered: () => viewsInclude(answered, `the views have not yet reached position ${answered}, written before this read; retry shortly`),
    async viewsWithinLag() {
      const target = lagTarget();
      if (target > runner.position()) await viewsInclude(target, `the views are behind the writes answered (position ${target}); retry shortly`);
    },
    answered(position) {
      if (position <= answered) return;
      answered = position;
      if (position > runner.position()) unapplied.push({ position, at: now() });
    },
    lastAnswered: () => answered,
  };
}

/** The views did not reach `position` within READ_YOUR_WRITES_TIMEOUT_MS: retryable, in a second. */
export function viewsBehind(position: bigint, message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true, position: position.toString(), http: { status: 503, headers: { 'retry-after': '1' } } },
  });
}

/**
 * A client that wrote through one server and reads through another sends the `position` its
 * mutation answered; the read waits (bounded) until this server's views have reached it.
 */
export const AWAIT_POSITION_HEADER = 'x-await-position';

export async function awaitPositionHeader(consistency: Consistency, header: string | null) {
  if (header === null) return;
  if (!/^\d{1,20}$/.test(header.trim())) {
    throw new GraphQLError(`${AWAIT_POSITION_HEADER} must be a position as a string of digits`, {
      extensions: { code: 'BAD_USER_INPUT', field: AWAIT_POSITION_HEADER, http: { status: 400 } },
    });
  }
  const position = BigInt(header.trim());
  await consistency.viewsInclude(position, `this server's views have not reached position ${position} yet; retry shortly`);
}

/** Queries and subscriptions wait until the views include the writes answered before them; mutations never wait on other writes here. */
export function consistencyPlugin(): Plugin<{ consistency: Consistency }> {
  const pass = (args: ExecutionArgs, stop: (result: { errors: GraphQLError[] }) => void) => {
    if (getOperationAST(args.document, args.operationName)?.operation === 'mutation') return;
    return (args.contextValue as { consistency: Consistency }).consistency.viewsIncludeAnswered().catch((error: GraphQLError) => stop({ errors: [error] }));
  };
  return {
    onExecute: ({ args, setResultAndStopExecution }) => pass(args, setResultAndStopExecution),
    onSubscribe: ({ args, setResultAndStopExecution }) => pass(args, setResultAndStopExecution),
  };
}

/** The CSV exports read the views as queries do: after the writes answered before them. */
export function exportsConsistency(consistency: Consistency): express.RequestHandler {
  return (_req, res, next) => {
    consistency.viewsIncludeAnswered().then(
      () => next(),
      (error: GraphQLError) => {
        res.status(503).setHeader('retry-after', '1').json(errorBody('SERVICE_UNAVAILABLE', error.message));
      },
    );
  };
}
