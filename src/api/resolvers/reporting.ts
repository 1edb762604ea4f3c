import { createPubSub, filter, map, pipe, Repeater, type PubSub } from 'graphql-yoga';
import { badInput, domainError, notFound } from '../../domain/shared/errors.js';
import type { ProjectionRunner } from '../../projection/runner.js';
import type { CentreScope, Period } from '../../read/index.js';
import type { District, TargetOwner } from '../../read/reporting.js';
import type { ActivitySummary } from '../../read/summary.js';
import { readAccess } from '../access.js';
import type { ApiContext } from '../context.js';
import type { Resolvers } from '../generated/resolvers.js';
import { afterWrite, centresFor, found, periodOf } from './shared.js';

// ---------------------------------------------------------------------------------------------
// Live summaries

/**
 * One feed per runner: the runner tells it each time the views advance, and it publishes at most
 * once per THROTTLE_MS (the first at once, the rest of a burst together at the end of the window),
 * so an open dashboard hears of a recorded session within that time and a bulk import costs a few
 * recounts a second, not one per event.
 */
const THROTTLE_MS = 250;
type Feed = PubSub<{ viewsAdvanced: [] }>;
const feeds = new WeakMap<ProjectionRunner, Feed>();

function feedOf(runner: ProjectionRunner): Feed {
  let feed = feeds.get(runner);
  if (feed) return feed;
  const pubsub: Feed = createPubSub<{ viewsAdvanced: [] }>();
  feed = pubsub;
  feeds.set(runner, feed);
  let lastPublished = 0;
  let pending: NodeJS.Timeout | undefined;
  const publish = () => {
    lastPublished = Date.now();
    pubsub.publish('viewsAdvanced');
  };
  runner.onAdvance?.(() => {
    if (pending) return;
    const wait = lastPublished + THROTTLE_MS - Date.now();
    if (wait <= 0) return publish();
    pending = setTimeout(() => {
      pending = undefined;
      publish();
    }, wait);
    pending.unref();
  });
  return feed;
}

/**
 * The summary now, then again each time the views advance and it has changed. Before each, the
 * credentials are checked again: a subscription whose user got another role or other centres, was
 * deactivated or signed out ends with UNAUTHENTICATED rather than go on with the access it began with.
 */
function liveSummaries(context: ApiContext, count: () => ActivitySummary): AsyncIterable<ActivitySummary> {
  let last: string | undefined;
  return pipe(
    Repeater.merge([[undefined], feedOf(context.runner).subscribe('viewsAdvanced')]),
    map(async () => {
      if (!(await context.stillSameActor())) throw domainError('UNAUTHENTICATED', 'your access changed since this subscription began; subscribe again');
      return count();
    }),
    filter((summary: ActivitySummary) => {
      const seen = JSON.stringify(summary);
      if (seen === last) return false;
      last = seen;
      return true;
    }),
  );
}

// ---------------------------------------------------------------------------------------------

/** A closed period from the arguments; `to` before `from` is BAD_USER_INPUT on `to`. */
function checkedPeriod(args: { from?: string | null; to?: string | null }): Period {
  const period = periodOf(args);
  if (period.from && period.to && period.from > period.to) throw badInput('to', 'to: must not be before from');
  return period;
}

/** Scope of a report: the centre named (which must exist and be visible), else all the reader may see. */
function reportScope(context: ApiContext, centreId?: string | null): { scope: CentreScope; owner: TargetOwner } {
  if (centreId) return { scope: centresFor(context, centreId), owner: { centreId } };
  // The programme's targets are for the whole programme; a reader who sees only some centres
  // gets their figures without them.
  return { scope: context.scope, owner: context.scope === 'all' ? { centreId: null } : 'none' };
}

function wholeNumberArgument(field: string, value: number, min: number, max: number) {
  if (!Number.isInteger(value) || value < min || value > max) throw badInput(field, `${field}: must be a whole number from ${min} to ${max}`);
}

function districtsOf(context: ApiContext, args: { from?: string | null; to?: string | null; asOf?: string | null }, name?: string) {
  readAccess.programme(context);
  const period = checkedPeriod(args);
  const districts: District[] = context.read.reporting.districts(context.scope).filter((d) => name === undefined || d.name === name);
  return districts.map((district) => ({
    name: district.name,
    centres: district.centreIds.map((id) => found(context.read.centre(id), 'centreId', 'centre')),
    // One count over all the district's centres, so a participant seen at two of them counts once.
    summary: context.read.summary(district.centreIds, period, args.asOf),
  }));
}

export const reportingResolvers: Resolvers = {
  Query: {
    indicators: (_, args, context) => {
      checkedPeriod(args);
      const { scope, owner } = reportScope(context, args.centreId);
      return context.read.reporting.indicators({ scope, period: { from: args.from, to: args.to }, asOf: args.asOf ?? null }, owner);
    },
    breakdown: (_, args, context) => {
      const period = checkedPeriod(args);
      const { scope } = reportScope(context, args.centreId);
      // With SERVICE, every service of the period is split, not only attendance (src/read/services.ts).
      if (args.by.includes('SERVICE')) return context.read.services.breakdown(scope, period, args.asOf ?? null, args.by);
      return context.read.reporting
        .breakdown({ scope, period, asOf: args.asOf ?? null }, args.by.filter((d) => d !== 'SERVICE'))
        .map((cell) => ({ ...cell, key: { ...cell.key, service: null }, services: cell.attendances }));
    },
    districts: (_, args, context) => districtsOf(context, args),
    district: (_, args, context) => {
      const [district] = districtsOf(context, args, args.name);
      if (!district) throw notFound('name', 'no centre is in a district of this name');
      return district;
    },
    targets: (_, args, context) => {
      const scope = centresFor(context, args.centreId);
      return context.read.reporting.targets(scope, args.centreId);
    },
  },
  Mutation: {
    setTarget: async (_, { input }, context) => {
      const { entity, position } = await afterWrite(context, context.commands.setTarget(context.commandContext(input), input), (r) =>
        context.read.reporting.targetById(r.targetId),
      );
      return { target: entity, position };
    },
  },
  Centre: {
    followUp: (centre, args, context) => {
      readAccess.participantsOf(context, centre.id);
      wholeNumberArgument('minSessions', args.minSessions, 1, 1000);
      wholeNumberArgument('regularWeeks', args.regularWeeks, 1, 104);
      wholeNumberArgument('absentWeeks', args.absentWeeks, 1, 104);
      if (args.absentWeeks >= args.regularWeeks) throw badInput('absentWeeks', 'absentWeeks: must be less than regularWeeks');
      return context.read.followUp({ centreId: centre.id, ...args });
    },
  },
  Subscription: {
    centreSummaryUpdated: {
      subscribe: (_, args, context) => {
        const period = checkedPeriod(args);
        const centre = found(context.read.centre(args.centreId), 'centreId', 'centre');
        readAccess.centre(context, centre.id);
        return liveSummaries(context, () => context.read.summary([centre.id], period));
      },
      resolve: (summary: ActivitySummary) => summary,
    },
    programmeSummaryUpdated: {
      subscribe: (_, args, context) => {
        readAccess.programme(context);
        const period = checkedPeriod(args);
        return liveSummaries(context, () => context.read.summary(context.scope, period));
      },
      resolve: (summary: ActivitySummary) => summary,
    },
  },
};
