import type Database from 'better-sqlite3';
import type { HouseholdView } from '../../projections/households.js';
import type { ParticipantView } from '../../projections/participants.js';
import { documentReader } from './documents.js';

/** Households and their members (the household_members view says who belongs where now). */
export function householdReader(db: Database.Database) {
  const households = documentReader<HouseholdView>(db, 'households');
  const householdOf = db.prepare<[string], { householdId: string }>(`SELECT household_id AS householdId FROM view_household_members WHERE id = ?`);
  const members = db.prepare<[string], { doc: string }>(
    // A participant merged into another is that person, listed once (src/read/merges.ts).
    `SELECT p.doc FROM view_participants p JOIN view_household_members m ON m.id = p.id
      WHERE m.household_id = ? AND p.merged_into IS NULL ORDER BY p.code`,
  );
  const codeTaken = db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM view_households WHERE code = ?`);

  return {
    household: (id: string) => households.get(id),
    householdByCode: (code: string) => households.where('code = @code', { code })[0],
    householdsOfCentre: (centreId: string) => households.where('centre_id = @centreId', { centreId }, 'code'),
    householdIdOf: (participantId: string) => householdOf.get(participantId)?.householdId,
    membersOf: (householdId: string) => members.all(householdId).map((row) => JSON.parse(row.doc) as ParticipantView),
    isHouseholdCodeTaken: (code: string) => (codeTaken.get(code)?.n ?? 0) > 0,
  };
}

export type HouseholdReader = ReturnType<typeof householdReader>;
