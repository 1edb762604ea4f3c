import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { Actor } from '../auth/actor.js';
import type { AuditTrail } from '../audit/trail.js';
import type { PersonRead } from './access.js';
import { visibleCentreIds } from '../auth/policy.js';
import type { Commands } from '../commands/index.js';
import { checkCommandId, type CommandContext, type Handled } from '../commands/ledger.js';
import type { ProjectionRunner } from '../projection/runner.js';
import type { NameIndex } from '../people/name-index.js';
import type { CentreScope, ReadModel } from '../read/index.js';

/** Opens a stored `personal` object for reading: null when the person was erased. */
export type OpenPersonal = (subjectId: string, stored: unknown) => Record<string, unknown> | null;

export interface ApiServices {
  readonly commands: Commands;
  readonly read: ReadModel;
  /** Participants' folded names in memory, for finding the same person twice (absent: no matching). */
  readonly names?: NameIndex;
  readonly runner: ProjectionRunner;
  readonly openPersonal: OpenPersonal;
  /** The deployment's time zone: a mutation that answers from its command's state gives local dates in it. */
  readonly timeZone: string;
  /** How long a request waits for the views to reach the writes it must see before answering (ms). */
  readonly readYourWritesTimeoutMs: number;
  /** Who read whose personal data; without one (tools, some tests) nothing is recorded. */
  readonly audit?: AuditTrail;
}

/**
 * Reads see every write this server has answered. A mutation that answers from the views waits
 * for them to apply its events; one that answers from its own stream (AsWritten) does not, so a
 * read that comes after it waits instead: until the views include every write answered before the
 * read arrived. Without writes in flight the views are there already and nothing waits.
 */
export interface ReadBarrier {
  /** A write was answered: the reads that arrive from now on must see `position`. */
  acknowledge(position: bigint): void;
  /** The position of the last write answered. */
  answered(): bigint;
  /** Resolves once the views include every write answered so far; SERVICE_UNAVAILABLE if not in time. */
  pass(): Promise<void>;
}

export function createReadBarrier(runner: ProjectionRunner, timeoutMs: number): ReadBarrier {
  let answered = 0n;
  return {
    acknowledge(position) {
      if (position > answered) answered = position;
    },
    answered: () => answered,
    async pass() {
      const position = answered;
      if (!(await runner.waitFor(position, timeoutMs))) {
        throw viewsBehind(position, `the views have not yet reached position ${position}, written before this read; retry shortly`);
      }
    },
  };
}

/** The services with the barrier the HTTP app shares between its requests (createHttpApp makes it). */
export type BarrierServices = ApiServices & { readonly barrier: ReadBarrier };

export interface ApiContext extends BarrierServices {
  readonly actor: Actor;
  readonly correlationId: string;
  /** The centres this reader may see. */
  readonly scope: CentreScope;
  /** The command context for an input (its commandId, the actor from the token). */
  readonly commandContext: (input: { commandId?: string | null }) => CommandContext;
  /** Waits until the views include a mutation's events, so the answer shows its own write. */
  readonly written: <R>(handled: Pick<Handled<R>, 'result' | 'position'>) => Promise<R & { position: string }>;
  /**
   * For a mutation that answers from its own stream: waits only until the views include the writes
   * answered before it arrived, not its own (the reads after it wait for that: ReadBarrier). Writes
   * then never run further ahead of the views than one round of requests.
   */
  readonly stored: <R>(handled: Pick<Handled<R>, 'result' | 'position'>) => Promise<R & { position: string }>;
  /**
   * Whether the request's credentials still name this actor (same role, centres and volunteer).
   * A live subscription outlasts the check made when it began; it asks again before each answer,
   * so a user given another role, deactivated or signed out does not keep the old access.
   */
  readonly stillSameActor: () => Promise<boolean>;
  /** Whose personal fields this request returned, by `kind:id`: one audit entry when it ends (access.ts). */
  readonly personalReads: Map<string, PersonRead>;
}

/** The views did not reach `position` within READ_YOUR_WRITES_TIMEOUT_MS: retryable, in a second. */
export function viewsBehind(position: bigint, message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true, position: position.toString(), http: { status: 503, headers: { 'retry-after': '1' } } },
  });
}

const sameActor = (a: Actor, b: Actor) =>
  a.userId === b.userId && a.role === b.role && (a.volunteerId ?? null) === (b.volunteerId ?? null) && [...a.centreIds].sort().join('\n') === [...b.centreIds].sort().join('\n');

/**
 * Where a mutation's time went, told to `timing` (the server puts it in the Server-Timing header):
 * `command` from the request's context to its events stored (parsing, the decision, the log's
 * commit), `views` waiting for the views to include them.
 */
export type MutationTiming = (phase: 'command' | 'views', ms: number) => void;

/** `reauthenticate`: who the request's credentials name now (without it, the actor never changes). */
export function createApiContext(
  services: BarrierServices,
  actor: Actor,
  correlationId: string = randomUUID(),
  reauthenticate?: () => Promise<Actor>,
  timing?: MutationTiming,
): ApiContext {
  const started = performance.now();
  const answeredBefore = services.barrier.answered();
  async function answerOnceViewsReach<R>(handled: Pick<Handled<R>, 'result' | 'position'>, position: bigint): Promise<R & { position: string }> {
    const stored = performance.now();
    timing?.('command', stored - started);
    const reached = await services.runner.waitFor(position, services.readYourWritesTimeoutMs);
    timing?.('views', performance.now() - stored);
    // The write is stored, but the views are not where its answer needs them. The same request
    // with the same commandId stores nothing twice and answers once they have caught up.
    if (!reached) {
      throw viewsBehind(handled.position, `recorded (position ${handled.position}), but the views have not caught up with it yet; send the same request again with the same commandId to read the answer`);
    }
    services.barrier.acknowledge(handled.position);
    return { ...handled.result, position: handled.position.toString() };
  }
  return {
    ...services,
    actor,
    correlationId,
    scope: visibleCentreIds(actor),
    commandContext: (input) => ({
      actor,
      correlationId,
      ...(input.commandId !== undefined && input.commandId !== null ? { commandId: checkCommandId(input.commandId) } : {}),
    }),
    personalReads: new Map(),
    written: (handled) => answerOnceViewsReach(handled, handled.position),
    stored: (handled) => answerOnceViewsReach(handled, answeredBefore),
    async stillSameActor() {
      if (!reauthenticate) return true;
      try {
        return sameActor(await reauthenticate(), actor);
      } catch {
        return false;
      }
    },
  };
}
