import { domainError } from '../domain/shared/errors.js';
import type { Actor, Role } from './actor.js';

/** Everything the access rules distinguish. A resolver names one of these, never a role. */
export const actions = [
  'openCentre',
  'manageCentreActivity',
  'logVolunteerHours',
  'recordLegalConsultation',
  'readCentreSummary',
  'readProgramme',
  'readParticipant',
  'readParticipantNames',
  'readConsultationDetails',
  'eraseParticipant',
  'setTarget',
  'registerParticipant',
  'recordService',
  'readServiceNotes',
  'readAccessLog',
  'manageProgrammes',
] as const;
export type Action = (typeof actions)[number];

/**
 * Where a role may do an action:
 * - `anywhere`: at every centre, for every volunteer;
 * - `ownCentre`: only when `scope.centreId` is one of the actor's centres;
 * - `ownVolunteer`: only when `scope.volunteerId` is the actor's own volunteer (at any centre);
 * - `never`.
 */
export type Reach = 'anywhere' | 'ownCentre' | 'ownVolunteer' | 'never';

/** What an action is about: the centre it happens at (for a participant, the centre they are registered at), the volunteer it is for. */
export interface Scope {
  readonly centreId?: string;
  readonly volunteerId?: string;
}

/**
 * The contract's access table, one row per action. Typed as a full matrix so that a new role or
 * action does not compile until every cell of its row or column has been decided.
 */
export const accessTable: { readonly [A in Action]: { readonly [R in Role]: Reach } } = {
  // staff and legal: of centre C (ownCentre = at C); volunteer: volunteer V (ownVolunteer = for V only).
  openCentre:              { admin: 'anywhere', coordinator: 'never',    staff: 'never',     legal: 'never',     volunteer: 'never' },
  // register participants and volunteers, schedule/cancel workshops, record/remove attendance, cultural events, consent
  manageCentreActivity:    { admin: 'anywhere', coordinator: 'never',    staff: 'ownCentre', legal: 'never',     volunteer: 'never' },
  logVolunteerHours:       { admin: 'anywhere', coordinator: 'never',    staff: 'ownCentre', legal: 'never',     volunteer: 'ownVolunteer' },
  // consultations and legal cases
  recordLegalConsultation: { admin: 'anywhere', coordinator: 'never',    staff: 'never',     legal: 'ownCentre', volunteer: 'never' },
  readCentreSummary:       { admin: 'anywhere', coordinator: 'anywhere', staff: 'ownCentre', legal: 'ownCentre', volunteer: 'never' },
  // the programme-wide summary and the list of all centres
  readProgramme:           { admin: 'anywhere', coordinator: 'anywhere', staff: 'never',     legal: 'never',     volunteer: 'never' },
  // a participant's code and participation; scope is the centre they are registered at
  readParticipant:         { admin: 'anywhere', coordinator: 'anywhere', staff: 'ownCentre', legal: 'ownCentre', volunteer: 'never' },
  // givenName, familyName
  readParticipantNames:    { admin: 'anywhere', coordinator: 'never',    staff: 'ownCentre', legal: 'ownCentre', volunteer: 'never' },
  // a consultation's topic and outcome; scope is the consultation's centre
  readConsultationDetails: { admin: 'anywhere', coordinator: 'never',    staff: 'never',     legal: 'ownCentre', volunteer: 'never' },
  eraseParticipant:        { admin: 'anywhere', coordinator: 'never',    staff: 'never',     legal: 'never',     volunteer: 'never' },
  setTarget:               { admin: 'anywhere', coordinator: 'anywhere', staff: 'never',     legal: 'never',     volunteer: 'never' },
  // legal advisers register their clients at their centres, staff everyone at theirs
  registerParticipant:     { admin: 'anywhere', coordinator: 'never',    staff: 'ownCentre', legal: 'ownCentre', volunteer: 'never' },
  // individual sessions, referrals and assistance, and their corrections; scope is the service's centre
  recordService:           { admin: 'anywhere', coordinator: 'never',    staff: 'ownCentre', legal: 'ownCentre', volunteer: 'never' },
  // a service's notes, a referral's reason, an assistance's description; scope is the service's centre
  readServiceNotes:        { admin: 'anywhere', coordinator: 'never',    staff: 'ownCentre', legal: 'ownCentre', volunteer: 'never' },
  // who read whose personal data (the audit trail)
  readAccessLog:           { admin: 'anywhere', coordinator: 'never',    staff: 'never',     legal: 'never',     volunteer: 'never' },
  // define donors' programmes and their indicators, close their reporting periods
  manageProgrammes:        { admin: 'anywhere', coordinator: 'anywhere', staff: 'never',     legal: 'never',     volunteer: 'never' },
};

const wording: { readonly [A in Action]: string } = {
  openCentre: 'open a centre',
  manageCentreActivity: "manage this centre's participants, volunteers, workshops and events",
  logVolunteerHours: 'log these volunteer hours',
  recordLegalConsultation: 'record legal consultations at this centre',
  readCentreSummary: "read this centre's summary",
  readProgramme: 'read the programme summary or all centres',
  readParticipant: 'read this participant',
  readParticipantNames: "read this participant's names",
  readConsultationDetails: "read this consultation's details",
  eraseParticipant: 'erase a participant',
  setTarget: 'set targets',
  registerParticipant: 'register participants at this centre',
  recordService: 'record individual sessions, referrals or assistance at this centre',
  readServiceNotes: "read this service's notes",
  readAccessLog: 'read the access log',
  manageProgrammes: "define programmes or close their reporting periods",
};

/** Whether `reach` covers `scope` for this actor. A missing centre or volunteer id never matches: when in doubt, no. */
function reaches(reach: Reach, actor: Actor, scope: Scope): boolean {
  switch (reach) {
    case 'anywhere':
      return true;
    case 'ownCentre':
      return scope.centreId !== undefined && actor.centreIds.includes(scope.centreId);
    case 'ownVolunteer':
      return scope.volunteerId !== undefined && actor.volunteerId !== undefined && scope.volunteerId === actor.volunteerId;
    case 'never':
      return false;
  }
}

export function can(actor: Actor, action: Action, scope: Scope = {}): boolean {
  return reaches(accessTable[action][actor.role], actor, scope);
}

/** Throws `FORBIDDEN` unless the actor may do the action in that scope. Call it before anything is stored or read. */
export function authorize(actor: Actor, action: Action, scope: Scope = {}): void {
  if (!can(actor, action, scope)) throw domainError('FORBIDDEN', `a ${actor.role} may not ${wording[action]}`);
}

/**
 * The centres whose records the actor may see for an action (by default, summaries): `'all'`, or a
 * list to filter by. Empty when the action is not centre-bound for this role (a volunteer).
 */
export function visibleCentreIds(actor: Actor, action: Action = 'readCentreSummary'): 'all' | readonly string[] {
  switch (accessTable[action][actor.role]) {
    case 'anywhere':
      return 'all';
    case 'ownCentre':
      return actor.centreIds;
    case 'ownVolunteer':
    case 'never':
      return [];
  }
}
