import { z } from 'zod';
import * as programmes from '../domain/programmes/decider.js';
import { conflictBecause } from '../domain/shared/errors.js';
import { parseInput } from './input.js';

const LateEntryReason = z.object({
  lateEntryReason: z
    .string()
    .trim()
    .max(500, 'must be at most 500 characters')
    .nullish()
    .transform((value) => value || null),
});

/** The reason a client gave for a late entry (any input may carry one; blank is none). */
export const lateEntryReasonOf = (input: unknown): string | null =>
  input && typeof input === 'object' ? parseInput(LateEntryReason, input).lateEntryReason : null;

type Load = (decider: typeof programmes.closedPeriods) => Promise<programmes.ClosedPeriods>;

/**
 * The one place that decides whether a dated entry is late: it reads every closed period (one
 * stream, folded incrementally by the ledger) and refuses an entry at a covered centre and date
 * without a reason, as CONFLICT with reason PERIOD_CLOSED, before anything is stored. A late entry
 * with a reason is stored with it and the reports it changes, in the events' metadata.
 */
export function lateEntryCheck(load: Load) {
  return async function lateEntry(
    at: { centreId: string | undefined; date: string },
    reason: string | null,
  ): Promise<{ reason: string; reportIds: string[] } | undefined> {
    if (!at.centreId) return undefined;
    const closed = await load(programmes.closedPeriods);
    const covering = programmes.closedPeriodsAt(closed, at.centreId, at.date);
    if (covering.length === 0) return undefined;
    if (!reason) {
      throw conflictBecause(
        'PERIOD_CLOSED',
        `${at.date} lies in a closed reporting period (${covering[0]!.from} to ${covering[0]!.to}); send lateEntryReason to record it anyway`,
        'lateEntryReason',
      );
    }
    return { reason, reportIds: covering.map((p) => p.reportId) };
  };
}
