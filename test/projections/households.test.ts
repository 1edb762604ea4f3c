import { describe, expect, it } from 'vitest';
import { householdMembers, households, type HouseholdView } from '../../projections/households.js';
import { columnsOf, docOf, inLogOrder, project, recorded } from '../support/projection.js';

const sealed = { v: 1 as const, ciphertext: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=' };
const household = (householdId: string, returnedOn?: string) =>
  recorded('HouseholdRegistered', { householdId, code: `H-${householdId}`, centreId: 'c1', ...(returnedOn ? { returnedOn } : {}), personal: sealed }, { at: '2025-01-15T10:00:00.000Z' });
const participant = (participantId: string, householdId?: string) =>
  recorded(
    'ParticipantRegistered',
    { participantId, code: `CODE-${participantId}`, centreId: 'c1', sex: 'FEMALE', birthYear: 2015, group: 'RETURNEE', ...(householdId ? { householdId } : {}), personal: sealed },
    { at: '2025-01-16T10:00:00.000Z' },
  );
const moved = (participantId: string, householdId: string, at: string) => recorded('ParticipantHouseholdSet', { participantId, householdId }, { at });

describe('households view', () => {
  it('given a household registered, then the view holds its code, centre, return date and sealed personal data', () => {
    const view = project(households, [household('h1', '2024-11-02')]);

    expect(docOf(view, 'h1')).toStrictEqual<HouseholdView>({
      id: 'h1',
      code: 'H-h1',
      centreId: 'c1',
      returnedOn: '2024-11-02',
      personal: sealed,
      registeredAt: '2025-01-15T10:00:00.000Z',
    });
    expect(columnsOf(households, docOf(view, 'h1'))).toStrictEqual({ centre_id: 'c1', code: 'H-h1' });
  });

  it('given a household without a return date, then returnedOn is null', () => {
    expect(docOf(project(households, [household('h1')]), 'h1').returnedOn).toBeNull();
  });
});

describe('household members view', () => {
  it('given participants registered with and without a household, then only members have a document', () => {
    const view = project(householdMembers, inLogOrder([participant('p1', 'h1'), participant('p2')]));

    expect([...view.keys()]).toEqual(['p1']);
    expect(docOf(view, 'p1')).toStrictEqual({ participantId: 'p1', householdId: 'h1', since: '2025-01-16T10:00:00.000Z', changedAt: 1 });
    expect(columnsOf(householdMembers, docOf(view, 'p1'))).toStrictEqual({ household_id: 'h1', changed_at: 1 });
  });

  it('given a member, when they are moved to another household, then the new household replaces the old from that instant', () => {
    const view = project(householdMembers, inLogOrder([participant('p1', 'h1'), moved('p1', 'h2', '2025-02-01T09:00:00.000Z')]));

    // changedAt is the log position of the move, for readers that refresh what changed.
    expect(docOf(view, 'p1')).toStrictEqual({ participantId: 'p1', householdId: 'h2', since: '2025-02-01T09:00:00.000Z', changedAt: 2 });
  });

  it('given a participant without a household, when they are put in one, then they become a member', () => {
    const view = project(householdMembers, [participant('p2'), moved('p2', 'h1', '2025-02-01T09:00:00.000Z')]);

    expect(householdMembers.columns['household_id']!.value(docOf(view, 'p2'))).toBe('h1');
  });
});
