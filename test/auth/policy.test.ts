import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roles, type Actor, type Role } from '../../src/auth/actor.js';
import { accessTable, actions, authorize, can, visibleCentreIds, type Action, type Scope } from '../../src/auth/policy.js';
import { isDomainError } from '../../src/domain/shared/errors.js';

const actors = {
  admin: { userId: 'a', role: 'admin', centreIds: [] },
  coordinator: { userId: 'k', role: 'coordinator', centreIds: [] },
  staff: { userId: 's', role: 'staff', centreIds: ['C'] },
  legal: { userId: 'l', role: 'legal', centreIds: ['C'] },
  volunteer: { userId: 'v', role: 'volunteer', centreIds: [], volunteerId: 'V' },
} satisfies Record<Role, Actor>;
type Who = keyof typeof actors;

/**
 * The contract's "Access" table, written out again here by hand rather than read from the policy,
 * with the wrong-centre and wrong-volunteer cases each row implies. C is the staff's and legal
 * adviser's centre, D another one; V is the volunteer's own id, W another volunteer's.
 */
const contract: readonly [string, Action, Scope, readonly Who[]][] = [
  ['open a centre', 'openCentre', {}, ['admin']],

  ['register participants and volunteers, workshops, attendance, cultural events at C', 'manageCentreActivity', { centreId: 'C' }, ['admin', 'staff']],
  ['… at another centre D', 'manageCentreActivity', { centreId: 'D' }, ['admin']],
  ['… with no centre named', 'manageCentreActivity', {}, ['admin']],

  ['log hours of volunteer V at C', 'logVolunteerHours', { centreId: 'C', volunteerId: 'V' }, ['admin', 'staff', 'volunteer']],
  ['log hours of volunteer V at another centre D', 'logVolunteerHours', { centreId: 'D', volunteerId: 'V' }, ['admin', 'volunteer']],
  ['log hours of another volunteer W at C', 'logVolunteerHours', { centreId: 'C', volunteerId: 'W' }, ['admin', 'staff']],
  ['log hours of another volunteer W at D', 'logVolunteerHours', { centreId: 'D', volunteerId: 'W' }, ['admin']],

  ['record legal consultations at C', 'recordLegalConsultation', { centreId: 'C' }, ['admin', 'legal']],
  ['… at another centre D', 'recordLegalConsultation', { centreId: 'D' }, ['admin']],

  ['read summaries of C', 'readCentreSummary', { centreId: 'C' }, ['admin', 'coordinator', 'staff', 'legal']],
  ['… of another centre D', 'readCentreSummary', { centreId: 'D' }, ['admin', 'coordinator']],

  ['read the programme summary and all centres', 'readProgramme', {}, ['admin', 'coordinator']],

  ["read the code and participation of a participant registered at C", 'readParticipant', { centreId: 'C' }, ['admin', 'coordinator', 'staff', 'legal']],
  ['… of one registered at another centre D', 'readParticipant', { centreId: 'D' }, ['admin', 'coordinator']],

  ["read the names of a participant registered at C", 'readParticipantNames', { centreId: 'C' }, ['admin', 'staff', 'legal']],
  ['… of one registered at another centre D', 'readParticipantNames', { centreId: 'D' }, ['admin']],

  ["read a consultation's topic and outcome at C", 'readConsultationDetails', { centreId: 'C' }, ['admin', 'legal']],
  ['… at another centre D', 'readConsultationDetails', { centreId: 'D' }, ['admin']],

  ['erase a participant', 'eraseParticipant', {}, ['admin']],

  ['register participants at C (legal advisers: their clients)', 'registerParticipant', { centreId: 'C' }, ['admin', 'staff', 'legal']],
  ['… at another centre D', 'registerParticipant', { centreId: 'D' }, ['admin']],

  ['record individual sessions, referrals and assistance at C', 'recordService', { centreId: 'C' }, ['admin', 'staff', 'legal']],
  ['… at another centre D', 'recordService', { centreId: 'D' }, ['admin']],

  ["read a service's notes at C", 'readServiceNotes', { centreId: 'C' }, ['admin', 'staff', 'legal']],
  ['… at another centre D', 'readServiceNotes', { centreId: 'D' }, ['admin']],

  ['set a programme target', 'setTarget', {}, ['admin', 'coordinator']],
  ['set a target for centre C', 'setTarget', { centreId: 'C' }, ['admin', 'coordinator']],
  ['read who read whose personal data (the access log)', 'readAccessLog', {}, ['admin']],

  ["define a donor's programme and its indicators, close its periods", 'manageProgrammes', {}, ['admin', 'coordinator']],
  ['… covering centre C', 'manageProgrammes', { centreId: 'C' }, ['admin', 'coordinator']],
];

const cases = contract.flatMap(([row, action, scope, allowed]) =>
  (Object.keys(actors) as Who[]).map((who) => ({ row, action, scope, who, allowed: allowed.includes(who) })),
);

describe('the access table', () => {
  it.each(cases)('given a $who, when they $row ($action), then allowed is $allowed', ({ action, scope, who, allowed }) => {
    const actor = actors[who];
    expect(can(actor, action, scope)).toBe(allowed);
    if (allowed) {
      expect(() => authorize(actor, action, scope)).not.toThrow();
    } else {
      let error: unknown;
      try {
        authorize(actor, action, scope);
      } catch (caught) {
        error = caught;
      }
      expect(isDomainError(error) && error.code).toBe('FORBIDDEN');
      expect((error as Error).message).toContain(`a ${actor.role} may not`);
    }
  });

  it('given every action of the policy, when the contract rows are listed, then each action has a row (none left undecided)', () => {
    const covered = new Set(contract.map(([, action]) => action));
    expect(actions.filter((action) => !covered.has(action))).toEqual([]);
    expect(Object.keys(accessTable).sort()).toEqual([...actions].sort());
  });

  it('given a staff member of two centres, when they act at either or at a third, then only their two centres are allowed', () => {
    const staff: Actor = { userId: 's2', role: 'staff', centreIds: ['C', 'D'] };
    expect(can(staff, 'manageCentreActivity', { centreId: 'C' })).toBe(true);
    expect(can(staff, 'manageCentreActivity', { centreId: 'D' })).toBe(true);
    expect(can(staff, 'manageCentreActivity', { centreId: 'E' })).toBe(false);
  });

  it('given a volunteer token without a volunteer id, when hours are logged for an unnamed volunteer, then it is refused', () => {
    const odd: Actor = { userId: 'x', role: 'volunteer', centreIds: [] };
    expect(can(odd, 'logVolunteerHours', {})).toBe(false);
    expect(can(odd, 'logVolunteerHours', { volunteerId: undefined })).toBe(false);
  });
});

describe('properties of the policy', () => {
  const id = fc.constantFrom('C', 'D', 'E', 'V', 'W', '');
  const scope = fc.record({ centreId: fc.option(id, { nil: undefined }), volunteerId: fc.option(id, { nil: undefined }) });
  const action = fc.constantFrom(...actions);

  it('given a staff member or legal adviser, when they act at a centre not theirs, then nothing is allowed', () => {
    fc.assert(
      fc.property(fc.constantFrom<Role>('staff', 'legal'), fc.subarray(['C', 'D']), action, id, fc.option(id, { nil: undefined }), (role, centreIds, act, centreId, volunteerId) => {
        fc.pre(!centreIds.includes(centreId));
        expect(can({ userId: 'u', role, centreIds }, act, { centreId, volunteerId })).toBe(false);
      }),
    );
  });

  it('given a coordinator, when any action is tried anywhere, then names, consultation details and every write are refused', () => {
    const coordinatorNever: Action[] = ['openCentre', 'manageCentreActivity', 'logVolunteerHours', 'recordLegalConsultation', 'readParticipantNames', 'readConsultationDetails', 'eraseParticipant'];
    fc.assert(
      fc.property(fc.constantFrom(...coordinatorNever), scope, (act, where) => {
        expect(can(actors.coordinator, act, where)).toBe(false);
      }),
    );
  });

  it('given a volunteer, when any action is tried, then only logging their own hours is allowed', () => {
    fc.assert(
      fc.property(action, scope, (act, where) => {
        expect(can(actors.volunteer, act, where)).toBe(act === 'logVolunteerHours' && where.volunteerId === 'V');
      }),
    );
  });

  it('given any actor, action and scope, when authorized, then it throws exactly when can says no', () => {
    const actor = fc.constantFrom(...Object.values(actors));
    fc.assert(
      fc.property(actor, action, scope, (who, act, where) => {
        let threw = false;
        try {
          authorize(who, act, where);
        } catch {
          threw = true;
        }
        expect(threw).toBe(!can(who, act, where));
      }),
    );
  });
});

describe('visibleCentreIds', () => {
  it.each<[Who, 'all' | string[]]>([
    ['admin', 'all'],
    ['coordinator', 'all'],
    ['staff', ['C']],
    ['legal', ['C']],
    ['volunteer', []],
  ])('given a %s, when summaries are filtered, then they see %j', (who, expected) => {
    expect(visibleCentreIds(actors[who])).toEqual(expected);
  });

  it('given a coordinator, when participant names are filtered, then no centre is visible', () => {
    expect(visibleCentreIds(actors.coordinator, 'readParticipantNames')).toEqual([]);
    expect(visibleCentreIds(actors.legal, 'readConsultationDetails')).toEqual(['C']);
    expect(visibleCentreIds(actors.staff, 'readConsultationDetails')).toEqual([]);
  });

  it('given every role, when the table is read, then each role has a decision for each action', () => {
    for (const act of actions) for (const role of roles) expect(['anywhere', 'ownCentre', 'ownVolunteer', 'never']).toContain(accessTable[act][role]);
  });
});
