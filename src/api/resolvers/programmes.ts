import { indicatorVersionAt, type ProgrammeView } from '../../../projections/programmes.js';
import { badInput } from '../../domain/shared/errors.js';
import { isoDate } from '../../domain/shared/input.js';
import { readAccess } from '../access.js';
import type { ApiContext } from '../context.js';
import type { Resolvers } from '../generated/resolvers.js';
import { afterWrite, found } from './shared.js';

/**
 * Programmes are donor reporting across centres: admins and coordinators read them (readProgramme).
 * Every type below checks that itself, whatever path reached it.
 */
const guard = <T>(context: ApiContext, value: T): T => {
  readAccess.programme(context);
  return value;
};

function checkedPeriod(from: string, to: string) {
  if (from > to) throw badInput('to', 'to: must not be before from');
}

const definedIndicator = (programme: ProgrammeView | undefined, indicatorId: string) => {
  const indicator = programme?.indicators.find((one) => one.id === indicatorId);
  const version = indicator && indicatorVersionAt(indicator, null);
  return indicator && version ? { ...indicator, version } : undefined;
};

export const programmeResolvers: Resolvers = {
  Query: {
    programmes: (_, __, context) => guard(context, context.read.programmes.programmes()),
    programme: (_, { id }, context) => {
      // Access first: whether a programme exists is itself not for other roles.
      readAccess.programme(context);
      return found(context.read.programmes.programme(id), 'id', 'programme');
    },
  },
  Mutation: {
    defineProgramme: async (_, { input }, context) => {
      const { entity, position } = await afterWrite(context, context.commands.defineProgramme(context.commandContext(input), input), (r) =>
        context.read.programmes.programme(r.programmeId),
      );
      return { programme: entity, position };
    },
    defineIndicator: async (_, { input }, context) => {
      const { entity, position } = await afterWrite(context, context.commands.defineIndicator(context.commandContext(input), input), (r) =>
        definedIndicator(context.read.programmes.programme(r.programmeId), r.indicatorId),
      );
      return { indicator: entity, position };
    },
    closeReportingPeriod: async (_, { input }, context) => {
      const { entity, position } = await afterWrite(context, context.commands.closeReportingPeriod(context.commandContext(input), input), (r) =>
        context.read.programmes.programme(r.programmeId)?.reports.find((report) => report.id === r.reportId),
      );
      return { report: entity, position };
    },
  },
  Programme: {
    id: (p, _, context) => guard(context, p.id),
    name: (p, _, context) => guard(context, p.name),
    donor: (p, _, context) => guard(context, p.donor),
    from: (p, _, context) => guard(context, p.from),
    to: (p, _, context) => guard(context, p.to),
    centres: (p, _, context) => guard(context, p.centreIds.map((id) => found(context.read.centre(id), 'centreIds', 'centre'))),
    reports: (p, _, context) => guard(context, [...p.reports]),
    definitions: (p, _, context) =>
      guard(
        context,
        p.indicators.flatMap((indicator) => {
          const version = indicatorVersionAt(indicator, null);
          return version ? [{ ...indicator, version }] : [];
        }),
      ),
    indicators: (p, args, context) => {
      readAccess.programme(context);
      for (const field of ['from', 'to'] as const) {
        if (!isoDate.safeParse(args[field]).success) throw badInput(field, `${field}: must be a calendar date like 2025-03-14`);
      }
      checkedPeriod(args.from, args.to);
      return context.read.programmes.figures(p, args.from, args.to, args.asOf ?? null);
    },
  },
  ProgrammeIndicator: {
    id: (i, _, context) => guard(context, i.id),
    code: (i, _, context) => guard(context, i.code),
    name: (i, _, context) => guard(context, i.version.name),
    measure: (i, _, context) => guard(context, i.version.measure),
    filter: (i, _, context) => guard(context, i.version.filter),
    target: (i, _, context) => guard(context, i.version.target),
    disaggregateBy: (i, _, context) => guard(context, [...i.version.disaggregateBy]),
    definedAt: (i, _, context) => guard(context, i.version.definedAt),
  },
  IndicatorValue: {
    indicator: (v, _, context) => guard(context, v.indicator),
    value: (v, _, context) => guard(context, v.value),
    target: (v, _, context) => guard(context, v.target),
    progress: (v, _, context) => guard(context, v.progress),
    valueAsReported: (v, _, context) => guard(context, v.valueAsReported),
    // A programme's cells have no SERVICE key (its dimensions are the attendance's).
    cells: (v, _, context) => guard(context, v.cells.map((cell) => ({ ...cell, key: { ...cell.key, service: null } }))),
  },
  Report: {
    id: (r, _, context) => guard(context, r.id),
    from: (r, _, context) => guard(context, r.from),
    to: (r, _, context) => guard(context, r.to),
    closedAt: (r, _, context) => guard(context, r.closedAt),
    note: (r, _, context) => guard(context, r.note),
    lateEntries: (r, _, context) => guard(context, context.read.programmes.lateEntries(r.id)),
  },
  LateEntry: {
    type: (e, _, context) => guard(context, e.type),
    centreId: (e, _, context) => guard(context, e.centreId),
    recordedAt: (e, _, context) => guard(context, e.recordedAt),
    reason: (e, _, context) => guard(context, e.reason),
  },
};
