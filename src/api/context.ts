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
import { viewsBehind, type Consistency } from './consistency.js';

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

/** The services with the consistency the HTTP app shares between its requests (createHttpApp makes it). */
export type ConsistentServices = ApiServices & { readonly consistency: Consistency };

export interface ApiContext extends ConsistentServices {
  readonly actor: Actor;
  readonly correlationId: string;
  /** The centres this reader may see. */
  readonly scope: CentreScope;
  /** The command context for an input (its commandId, the actor from the token). */
  readonly commandContext: (input: { commandId?: string | null }) => CommandContext;
  /** For a mutation that answers from the views: waits until the views include its own position. */
  readonly answerOnceViewsInclude: <R>(handled: Pick<Handled<R>, 'result' | 'position'>) => Promise<R & { position: string }>;
  /**
   * For a mutation that answers from the state its command left: waits only while the views are
   * further behind the writes answered than the bounded lag (see consistency.ts); the reads after
   * it wait until the views include it.
   */
  readonly answerWithinLag: <R>(handled: Pick<Handled<R>, 'result' | 'position'>) => Promise<R & { position: string }>;
  /**
   * Whether the request's credentials still name this actor (same role, centres and volunteer).
   * A live subscription outlasts the check made when it began; it asks again before each answer,
   * so a user given another role, deactivated or signed out does not keep the old access.
   */
  readonly stillSameActor: () => Promise<boolean>;
  /** Whose personal fields this request returned, by `kind:id`: one audit entry when it ends (access.ts). */
  readonly personalReads: Map<string, PersonRead>;
}

const sameActor = (a: Actor, b: Actor) =>
  a.userId === b.userId && a.role === b.role && (a.volunteerId ?? null) === (b.volunteerId ?? null) && [...a.centreIds].sort().join('\n') === [...b.centreIds].sort().join('\n');

/**
 * Where a mutation's time went, told to `timing` (the server puts it in the Server-Timing header):
 * `command` from the request's context to its events stored (parsing, the decision, the log's
 * commit), `views` waiting for the views (to include its position, or to be within the bounded lag: consistency.ts).
 */
export type MutationTiming = (phase: 'command' | 'views', ms: number) => void;

/** `reauthenticate`: who the request's credentials name now (without it, the actor never changes). */
export function createApiContext(
  services: ConsistentServices,
  actor: Actor,
  correlationId: string = randomUUID(),
  reauthenticate?: () => Promise<Actor>,
  timing?: MutationTiming,
): ApiContext {
  const started = performance.now();
  const { consistency } = services;
  /** Answers a stored write once `wait` is over, timing both phases. */
  async function answer<R>(handled: Pick<Handled<R>, 'result' | 'position'>, wait: () => Promise<void>): Promise<R & { position: string }> {
    const stored = performance.now();
    timing?.('command', stored - started);
    try {
      await wait();
    } catch (error) {
      // The write is stored, but the views are not where its answer needs them. The same request
      // with the same commandId stores nothing twice and answers once they have caught up.
      throw error instanceof GraphQLError
        ? viewsBehind(handled.position, `recorded (position ${handled.position}), but the views have not caught up with it yet; send the same request again with the same commandId to read the answer`)
        : error;
    } finally {
      timing?.('views', performance.now() - stored);
    }
    consistency.answered(handled.position);
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
    answerOnceViewsInclude: (handled) => answer(handled, () => consistency.viewsInclude(handled.position)),
    answerWithinLag: (handled) => answer(handled, () => consistency.viewsWithinLag()),
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
