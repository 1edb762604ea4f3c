import type { CycleView } from '../../../projections/cycles.js';
import type { ParticipantView } from '../../../projections/participants.js';
import { owned, readAccess } from '../access.js';
import type { ApiContext } from '../context.js';
import type { Resolvers, ResolversTypes } from '../generated/resolvers.js';
import { afterWrite, centresFor, found, periodOf } from './shared.js';

/** A type's GraphQL shape, as a resolver may return it (not a promise of it). */
export type Node<T> = Exclude<T, Promise<unknown>>;

/** A computation done at most once, when first asked for. */
export function once<T>(compute: () => T): () => T {
  let value: { readonly v: T } | undefined;
  return () => (value ??= { v: compute() }).v;
}

/**
 * Cycle has no codegen mapper (codegen.ts names none), so resolvers return it in its GraphQL
 * shape: plain fields copied from the view, measured and related fields as getters that run only
 * when a query selects them, and then once.
 */
export function cycleNode(context: ApiContext, cycle: CycleView): Node<ResolversTypes['Cycle']> {
  const progress = once(() => context.read.cycles.progress(cycle.id));
  const participants = once(() => {
    const rows = progress().participants;
    const byId = new Map<string, ParticipantView>(context.read.participants(rows.map((row) => row.participantId)).map((p) => [p.id, p]));
    // Each row is on the cycle's roster: read with the cycle (access.ts).
    return rows.map((row) =>
      owned(
        {
          participant: found(byId.get(row.participantId), 'participantId', 'participant'),
          sessionsAttended: row.sessionsAttended,
          completed: row.completed,
        },
        cycle,
      ),
    );
  });
  return owned({
    id: cycle.id,
    kind: cycle.kind,
    title: cycle.title,
    plannedSessions: cycle.plannedSessions,
    startsOn: cycle.startsOn,
    endsOn: cycle.endsOn,
    get centre() {
      return found(context.read.centre(cycle.centreId), 'centreId', 'centre');
    },
    get sessions() {
      return context.read.cycles.sessionsOf(cycle.id);
    },
    get sessionsHeld() {
      return progress().sessionsHeld;
    },
    get completionRate() {
      return progress().completionRate;
    },
    get participants() {
      return participants();
    },
  }, cycle);
}

export const cycleResolvers: Resolvers = {
  Query: {
    cycle: (_, { id }, context) => {
      const cycle = found(context.read.cycles.cycle(id), 'id', 'cycle');
      readAccess.centre(context, cycle.centreId);
      return cycleNode(context, cycle);
    },
    cycles: (_, args, context) =>
      context.read.cycles.cyclesAtCentres(centresFor(context, args.centreId), periodOf(args)).map((cycle) => cycleNode(context, cycle)),
  },
  Mutation: {
    scheduleCycle: async (_, { input }, context) => {
      const { entity, position } = await afterWrite(context, context.commands.scheduleCycle(context.commandContext(input), input), (r) =>
        context.read.cycles.cycle(r.cycleId),
      );
      return { cycle: cycleNode(context, entity), position };
    },
  },
  Workshop: {
    cycle: (workshop, _, context) => {
      const cycleId = context.read.cycles.cycleIdOfWorkshop(workshop.id);
      const cycle = cycleId === undefined ? undefined : context.read.cycles.cycle(cycleId);
      return cycle ? cycleNode(context, cycle) : null;
    },
  },
  Centre: {
    cycles: (centre, args, context) => {
      readAccess.centre(context, centre.id);
      return context.read.cycles.cyclesAtCentres([centre.id], periodOf(args)).map((cycle) => cycleNode(context, cycle));
    },
  },
};
