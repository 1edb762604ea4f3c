/**
 * The dashboard queries the benchmarks time (the same documents and periods as section 4 of
 * src/bench/run.ts): the programme's year, a centre's month, one child's participation, and the
 * programme with every centre's year, with periods ending on the log's last workshop day.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';

export const summaryFields = `workshopsHeld attendances uniqueParticipants uniqueParticipantsBySex { female male other } uniqueReturnees volunteerHours legalConsultations culturalEvents culturalEventAudience`;

export interface DashboardQuery {
  readonly name: string;
  /** The period asked, for the report's label ("2025-11-29 to 2026-11-28"). */
  readonly period?: string;
  /** Answers every centre's figures: fewer samples where a section counts them. */
  readonly heavy?: boolean;
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

/** The queries, with their periods and ids read from the log's views (read-only). */
export function dashboardQueries(dataDir: string): DashboardQuery[] {
  const views = new Database(join(dataDir, 'views.db'), { readonly: true, fileMustExist: true });
  const last = (views.prepare(`SELECT max(local_date) AS d FROM view_workshops`).get() as { d: string }).d;
  const centreId = (views.prepare(`SELECT centre_id AS id, count(*) AS n FROM view_workshops GROUP BY centre_id ORDER BY n DESC LIMIT 1`).get() as { id: string }).id;
  const participantId = (
    views.prepare(`SELECT p.id AS id FROM view_attendance a JOIN view_participants p ON p.ordinal = a.participant WHERE a.rowid = (SELECT max(rowid) / 2 FROM view_attendance)`).get() as
      | { id: string }
      | undefined
  )?.id;
  views.close();
  const day = (date: string, delta: number) => new Date(Date.parse(`${date}T12:00:00Z`) + delta * 86_400_000).toISOString().slice(0, 10);
  const year: [string, string] = [day(last, -364), last];
  const month: [string, string] = [`${day(`${last.slice(0, 7)}-01`, -1).slice(0, 7)}-01`, day(`${last.slice(0, 7)}-01`, -1)];
  return [
    { name: 'programme summary, one year', period: `${year[0]} to ${year[1]}`, query: `query ($from: Date, $to: Date) { summary(from: $from, to: $to) { ${summaryFields} } }`, variables: { from: year[0], to: year[1] } },
    {
      name: 'centre summary, one month',
      period: `${month[0]} to ${month[1]}`,
      query: `query ($id: ID!, $from: Date, $to: Date) { centre(id: $id) { id name summary(from: $from, to: $to) { ${summaryFields} } } }`,
      variables: { id: centreId, from: month[0], to: month[1] },
    },
    ...(participantId
      ? [
          {
            name: "one child's participation",
            query: `query ($id: ID!) { participant(id: $id) { id code participation { sessionsAttended byKind { kind sessions } firstAttendedOn lastAttendedOn legalConsultations } } }`,
            variables: { id: participantId },
          },
        ]
      : []),
    {
      name: 'ProgrammeDashboard (programme and every centre), one year',
      heavy: true,
      query: `query ($from: Date, $to: Date) { summary(from: $from, to: $to) { ${summaryFields} } centres { id name summary(from: $from, to: $to) { ${summaryFields} } } }`,
      variables: { from: year[0], to: year[1] },
    },
  ];
}
