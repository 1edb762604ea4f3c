import type Database from 'better-sqlite3';

/** How many of each kind the views hold, for the query cost estimate (src/api/guards/cost.ts). */
export interface ViewSizes {
  /** Rows per GraphQL object type (Centre, Participant, Workshop, …). */
  readonly byType: Readonly<Record<string, number>>;
  /** Attendance pairs (a child at a session), over every workshop. */
  readonly attendances: number;
  /** Cycle sessions and household members: the items of those nested lists. */
  readonly cycleSessions: number;
  readonly householdMembers: number;
  /** Days between the first and the last workshop: a period's share of it scales a list's estimate. */
  readonly spanDays: number;
}

const tables: Record<string, string> = {
  Centre: 'view_centres',
  Participant: 'view_participants',
  Workshop: 'view_workshops',
  Volunteer: 'view_volunteers',
  VolunteerHoursEntry: 'view_volunteer_hours',
  LegalConsultation: 'view_consultations',
  CulturalEvent: 'view_cultural_events',
  Household: 'view_households',
  LegalCase: 'view_legal_cases',
  Cycle: 'view_cycles',
  Consent: 'view_consent',
  VolunteerAgreement: 'view_volunteer_agreements',
};

/**
 * Counts read at most every `maxAgeMs` (a count over a large view takes milliseconds; a request
 * must not pay it each time). A table that does not exist counts 0.
 */
export function sizesReader(db: Database.Database, maxAgeMs = 30_000) {
  let cached: { at: number; sizes: ViewSizes } | undefined;
  const count = (sql: string): number => {
    try {
      return Number((db.prepare(sql).pluck().get() as number | null) ?? 0);
    } catch {
      return 0;
    }
  };
  return (): ViewSizes => {
    if (cached && Date.now() - cached.at < maxAgeMs) return cached.sizes;
    const byType = Object.fromEntries(Object.entries(tables).map(([type, table]) => [type, count(`SELECT count(*) FROM ${table}`)]));
    const first = count(`SELECT julianday(min(local_date)) FROM view_workshops WHERE local_date BETWEEN '1900-01-01' AND '2100-12-31'`);
    const last = count(`SELECT julianday(max(local_date)) FROM view_workshops WHERE local_date BETWEEN '1900-01-01' AND '2100-12-31'`);
    const sizes: ViewSizes = {
      byType,
      attendances: count(`SELECT sum(attendances) FROM view_centre_months`),
      cycleSessions: count(`SELECT count(*) FROM view_cycle_sessions`),
      householdMembers: count(`SELECT count(*) FROM view_household_members`),
      spanDays: Math.max(1, last - first + 1),
    };
    cached = { at: Date.now(), sizes };
    return sizes;
  };
}
