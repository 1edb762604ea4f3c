/**
 * Counting "as of an instant": only what had been recorded at that instant (the events'
 * `metadata.recordedAt` ≤ asOf), with every later correction undone.
 *
 * The approach: the views already keep, in their documents, when each fact was recorded and when
 * it was withdrawn, so an as-of count is the same SQL as the live count with a different condition
 * on each row, evaluated over those instants with SQLite's JSON functions:
 *
 * - attendance: a pair (a child's rows at a workshop, view_attendance) counts if one of its periods was
 *   recorded at or before T and not removed by T (removedAt null or after T). A pair's periods never overlap, so it counts at most once.
 *   The workshop needs no condition of its own: a workshop with a pair standing at T was scheduled
 *   before it, and was not cancelled at T (only a workshop without attendees can be cancelled, and
 *   none can be added after). Participants and centres never change what the counts read.
 * - volunteer hours and consultations: `loggedAt`/`recordedAt` ≤ T and not `retracted.at` ≤ T.
 * - cultural events: `recordedAt` ≤ T; the audience is the last count in `audienceHistory`
 *   recorded by T (the history is there only once an audience was corrected).
 *
 * Exactness rests on one format: the ledger writes `recordedAt` with `Date#toISOString()` (UTC,
 * milliseconds), so instants compare correctly as strings once asOf is written the same way
 * ({@link asOfInstant}; finer fractions are cut, which keeps `recordedAt ≤ asOf` exact). The
 * attendance rows keep the same instants as milliseconds, compared with @asOf in milliseconds.
 *
 * Cost: nothing for queries without asOf (the SQL is unchanged and uses the columns). With asOf,
 * each row in the period is checked by reading its JSON document (attendance: its row's instants);
 * rows are still found through the same indexes (centre and date), so the cost grows with the rows
 * of the period, not the log.
 * The live views themselves got no new columns; only cultural events got a new (optional) field.
 */

/** An instant as the ledger writes `recordedAt`: UTC with milliseconds. */
export const asOfInstant = (asOf: string): string => new Date(asOf).toISOString();

/**
 * The attendance periods of the workshops `w`, one row `a` each (see projections/attendance.ts),
 * with the child `ap` (by number): use with {@link attendanceCounts}, and {@link attendee} for the
 * child's id. Written after `JOIN`.
 */
export const attendancePairs = `view_attendance a ON a.workshop = w.ordinal JOIN view_participants ap ON ap.ordinal = a.participant`;

/** The child of an attendance period `a`. */
export const attendee = `ap.id`;

/**
 * @asOf (an instant as {@link asOfInstant} writes it) in milliseconds since the epoch, as the
 * attendance rows keep their instants: whole seconds, then the three digits of milliseconds.
 */
const asOfMilliseconds = `(strftime('%s', @asOf) * 1000 + CAST(substr(@asOf, 21, 3) AS INTEGER))`;

/**
 * An attendance period `a` (of workshop `w`) that counts: open now, or (asOf) standing at @asOf.
 * A child's periods never overlap, so at most one of a pair's periods counts.
 */
export const attendanceCounts = (asOf: boolean) =>
  asOf
    ? `(a.recorded_at <= ${asOfMilliseconds} AND (a.removed_at IS NULL OR a.removed_at > ${asOfMilliseconds}))`
    : `(a.removed_at IS NULL AND w.status = 'HELD')`;

/**
 * A row of volunteer hours or consultations that counts. `recordedAtPath` names the document's
 * field holding when it was recorded; `retracted.at` holds when it was withdrawn.
 */
export const entryCounts = (asOf: boolean, recordedAtPath: '$.loggedAt' | '$.recordedAt', table = '') => {
  const doc = table ? `${table}.doc` : 'doc';
  const active = table ? `${table}.active` : 'active';
  return asOf
    ? `(${doc} ->> '${recordedAtPath}' <= @asOf AND (${doc} ->> '$.retracted.at' IS NULL OR ${doc} ->> '$.retracted.at' > @asOf))`
    : `${active} = 1`;
};

/** A cultural event (row of view_cultural_events) that counts. */
export const culturalEventCounts = (asOf: boolean) => (asOf ? `doc ->> '$.recordedAt' <= @asOf` : '1 = 1');

/** A cultural event's audience total: now, or the last count recorded by @asOf. */
export const culturalEventAudience = (asOf: boolean) =>
  asOf
    ? `CASE WHEN doc -> '$.audienceHistory' IS NULL THEN audience_total ELSE (
         SELECT (tally.value ->> '$.audience.women') + (tally.value ->> '$.audience.men')
              + (tally.value ->> '$.audience.girls') + (tally.value ->> '$.audience.boys')
           FROM json_each(doc, '$.audienceHistory') AS tally
          WHERE tally.value ->> '$.at' <= @asOf
          ORDER BY tally.key DESC LIMIT 1) END`
    : 'audience_total';
