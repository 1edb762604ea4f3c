import { defaultFieldResolver, GraphQLObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { authorize, can, type Action } from '../auth/policy.js';
import type { ConsultationView } from '../../projections/consultations.js';
import type { ParticipantView } from '../../projections/participants.js';
import type { ServiceRecordView } from '../../projections/services.js';
import type { ServiceEntryView } from '../read/services.js';
import type { VolunteerView } from '../../projections/volunteers.js';
import type { ApiContext } from './context.js';

/**
 * The read side of the access rules, in one place: resolvers ask here and never test a role.
 * Each check throws FORBIDDEN; on a nullable field that nulls the field and leaves the rest.
 */
export const readAccess = {
  programme: (context: ApiContext) => authorize(context.actor, 'readProgramme'),
  centre: (context: ApiContext, centreId: string) => authorize(context.actor, 'readCentreSummary', { centreId }),
  participant: (context: ApiContext, participant: ParticipantView) =>
    authorize(context.actor, 'readParticipant', { centreId: participant.centreId }),
  participantsOf: (context: ApiContext, centreId: string) => authorize(context.actor, 'readParticipant', { centreId }),
  participantNames: (context: ApiContext, participant: ParticipantView) =>
    authorize(context.actor, 'readParticipantNames', { centreId: participant.centreId }),
  consultationsOf: (context: ApiContext, centreId: string) => authorize(context.actor, 'readConsultationDetails', { centreId }),
  consultation: (context: ApiContext, consultation: ConsultationView) =>
    authorize(context.actor, 'readConsultationDetails', { centreId: consultation.centreId }),
  mayReadConsultation: (context: ApiContext, consultation: ConsultationView) =>
    can(context.actor, 'readConsultationDetails', { centreId: consultation.centreId }),
  /** A volunteer sees their own record; centre readers see their centre's volunteers. */
  volunteer: (context: ApiContext, volunteer: { id: string; centreId: string }) => {
    if (context.actor.volunteerId === volunteer.id) return;
    authorize(context.actor, 'readCentreSummary', { centreId: volunteer.centreId });
  },
  /** An individual session, referral or assistance: for those who read participants at the service's own centre. */
  serviceRecord: (context: ApiContext, record: ServiceRecordView) => authorize(context.actor, 'readParticipant', { centreId: record.centreId }),
  /** A centre's list of services (open referrals). */
  servicesOf: (context: ApiContext, centreId: string) => authorize(context.actor, 'readParticipant', { centreId }),
  /** Notes, reasons and descriptions of services: staff and legal advisers of the service's centre, and admins. */
  serviceNotes: (context: ApiContext, centreId: string) => authorize(context.actor, 'readServiceNotes', { centreId }),
  /** An entry of a person's history: for readers of the service's centre or of the person's own centre. */
  serviceEntry: (context: ApiContext, entry: ServiceEntryView) => {
    if (can(context.actor, 'readParticipant', { centreId: entry.participantCentreId })) return;
    authorize(context.actor, 'readParticipant', { centreId: entry.centreId });
  },
  /** Volunteers' names are personal data too: for the volunteer and their centre's staff. */
  volunteerName: (context: ApiContext, volunteer: { id: string; centreId: string }) => {
    if (context.actor.volunteerId === volunteer.id) return;
    authorize(context.actor, 'readParticipantNames', { centreId: volunteer.centreId });
  },
  accessLog: (context: ApiContext) => authorize(context.actor, 'readAccessLog'),
};

// ---------------------------------------------------------------------------------------------
// Objects that guard themselves

/**
 * The view behind an object in its GraphQL shape (a node built by a resolver, whose related fields
 * are getters): nodes are told it once, where they are built (`owned`), so that the guards below
 * find the object's centre and person. A view is its own.
 */
const views = new WeakMap<object, object>();
export function owned<T extends object>(node: T, view: { readonly centreId: string }): T {
  views.set(node, view);
  return node;
}
/** The view of an object (or of the object a roster entry stands for). */
function viewOf<V = { centreId?: string }>(object: object): V {
  return (views.get(object) ?? views.get(Object.getPrototypeOf(object) as object) ?? object) as V;
}
const ownerOf = (object: object): string | undefined => viewOf<{ centreId?: string }>(object).centreId;

/**
 * An object reached through a roster (a workshop's attendees, a cycle's participants, an hours
 * entry's volunteer) carries the roster's centre: whoever may read that centre reads the object's
 * `onRoster` fields (a visiting child's code on the centre's own roster) and nothing more of it.
 */
const ROSTER = Symbol('roster');
type OnRoster = { readonly [ROSTER]?: string };
export const onRosterOf = <T extends object>(object: T, centreId: string): T => onRoster(object, centreId);
function onRoster<T extends object>(object: T, centreId: string): T {
  // A thin object over the view (views may be shared between requests, so never marked themselves).
  const entry = Object.create(object) as { [ROSTER]?: string };
  entry[ROSTER] = centreId;
  return entry as T;
}

/**
 * A person found as a possible match of a search at a centre (similarParticipants, the list of
 * possible duplicates) carries that centre: whoever may read names there sees the `onMatch` fields
 * of a match registered elsewhere (enough to recognise the person: code, centre, birth year), and
 * never their names.
 */
const MATCH = Symbol('match');
type OnMatch = { readonly [MATCH]?: string };
/**
 * A participant moved away by the staff of `fromCentreId`: the answer of the transfer shows them
 * what a search shows (code, centre, birth year), so they see where the person went, not more.
 */
export const movedFrom = <T extends object>(participant: T, fromCentreId: string | undefined): T =>
  fromCentreId === undefined ? participant : asMatch(participant, fromCentreId);

function asMatch<T extends object>(object: T, centreId: string): T {
  const entry = Object.create(object) as { [MATCH]?: string };
  entry[MATCH] = centreId;
  return entry as T;
}

/** Whose personal data a field returned: ids and codes only, for the audit trail. */
export interface PersonRead {
  readonly kind: 'participant' | 'household' | 'volunteer';
  readonly id: string;
  readonly code?: string;
}

type Check<T> = (context: ApiContext, object: T) => void;

/** How a type finds whose it is and what reading each of its fields needs. */
export interface Guard<T = any> {
  /** What reading any field needs, from the object's own centre (or volunteer): throws FORBIDDEN. */
  readonly read: Check<T>;
  /** Fields that need something else than `read` (names, consultation details). */
  readonly fields?: { readonly [field: string]: Check<T> };
  /** Fields anyone who reached the object may read: its identity, not data about anyone. */
  readonly open?: readonly string[];
  /** Fields a roster of another centre shows (see ROSTER). */
  readonly onRoster?: readonly string[];
  /** Fields a possible match shows to the centre that searched (see MATCH). */
  readonly onMatch?: readonly string[];
  /** Fields returning possible matches, with the centre that searched for them. */
  readonly matches?: { readonly [field: string]: (object: T) => string | undefined };
  /** Fields returning objects that are on this object's roster, with the roster's centre. */
  readonly rosters?: { readonly [field: string]: (object: T) => string | undefined };
  /** Fields holding a person's personal data: each one returned is recorded in the audit trail. */
  readonly personal?: { readonly fields: readonly string[]; readonly whose: (object: T, context: ApiContext) => PersonRead | undefined };
}

/** `action` at the object's own centre; an object whose centre is unknown is read only by those who may read anywhere. */
const at =
  (action: Action) =>
  (context: ApiContext, object: object): void => {
    const centreId = ownerOf(object);
    authorize(context.actor, action, centreId === undefined ? {} : { centreId });
  };

/** Volunteer-bound objects: the volunteer themself, or readers of the volunteer's centre. */
const volunteerOf =
  (find: (object: any, context: ApiContext) => { id: string; centreId: string } | undefined) =>
  (context: ApiContext, object: object): void => {
    const volunteer = find(object, context);
    if (volunteer === undefined) return authorize(context.actor, 'readCentreSummary', {});
    readAccess.volunteer(context, volunteer);
  };

const pick = ({ id, code }: { id: string; code: string }) => ({ id, code });

const participantRead = (context: ApiContext, participant: { id: string }) => {
  const view = context.read.participant(participant.id);
  return view ? ({ kind: 'participant', id: view.id, code: view.code } as const) : undefined;
};

/**
 * A service record (individual session, referral, assistance): read by readers of participants at
 * its centre; its personal text only by those who may read the centre's notes. Its participant may
 * be registered anywhere, so the record's centre sees their id and code, as on a roster.
 */
const serviceRecord = (text: 'notes' | 'reason' | 'description'): Guard<ServiceRecordView> => ({
  read: (context, record) => readAccess.serviceRecord(context, record),
  fields: { [text]: (context: ApiContext, record: ServiceRecordView) => readAccess.serviceNotes(context, record.centreId) },
  rosters: { participant: (record) => record.centreId },
  personal: { fields: [text], whose: (record, context) => participantRead(context, { id: record.participantId }) },
});

/**
 * Every object type that holds centre-scoped or personal data, and how it guards itself. The
 * guards wrap the type's resolvers when the schema is built (guardSchema), so a type is guarded
 * on every path that returns it: a top-level query, a nested list, a mutation's answer. A field
 * added to one of these types (by `extend type`) is guarded by `read` without saying so.
 */
export const guards: { readonly [type: string]: Guard } = {
  Centre: {
    // A centre's identity is public to whoever reached it; its figures and lists are not.
    open: ['id', 'name', 'municipality', 'district'],
    read: (context, centre: { id: string }) => readAccess.centre(context, centre.id),
    fields: {
      participants: (context, centre) => readAccess.participantsOf(context, centre.id),
      participantsWithoutLegalBasis: (context, centre) => readAccess.participantsOf(context, centre.id),
      households: (context, centre) => readAccess.participantsOf(context, centre.id),
      followUp: (context, centre) => readAccess.participantsOf(context, centre.id),
      legalConsultations: (context, centre) => readAccess.consultationsOf(context, centre.id),
    },
  },
  Participant: {
    read: at('readParticipant'),
    onRoster: ['id', 'code'],
    onMatch: ['id', 'code', 'centre', 'birthYear'],
    fields: {
      // After erasure the names are null for everyone, without an error.
      givenName: (context, participant: ParticipantView) => participant.erased || readAccess.participantNames(context, participant),
      familyName: (context, participant: ParticipantView) => participant.erased || readAccess.participantNames(context, participant),
    },
    personal: { fields: ['givenName', 'familyName'], whose: (p: ParticipantView) => ({ kind: 'participant', id: p.id, code: p.code }) },
  },
  Household: {
    read: at('readParticipant'),
    fields: { returnedFrom: at('readParticipantNames') },
    personal: { fields: ['returnedFrom'], whose: (h: object) => ({ kind: 'household', ...pick(viewOf<{ id: string; code: string }>(h)) }) },
  },
  Workshop: {
    read: at('readCentreSummary'),
    rosters: { attendees: (workshop: { centreId: string }) => workshop.centreId },
  },
  Cycle: { read: at('readCentreSummary') },
  CycleParticipant: {
    // A row of the cycle's roster: read with the cycle; its participant is on that roster.
    read: at('readCentreSummary'),
    rosters: { participant: (row: object) => ownerOf(row) },
  },
  Volunteer: {
    read: volunteerOf((volunteer) => volunteer),
    onRoster: ['id'],
    fields: { name: (context, volunteer: VolunteerView) => readAccess.volunteerName(context, volunteer) },
    personal: { fields: ['name'], whose: (v: VolunteerView) => ({ kind: 'volunteer', id: v.id }) },
  },
  VolunteerHoursEntry: {
    // Hours count for the centre they were given at: its readers, the volunteer themself, and the
    // readers of the volunteer's own centre (their hours anywhere decide whether they need an agreement).
    read: (context, entry: { volunteerId: string; centreId: string }) => {
      if (context.actor.volunteerId === entry.volunteerId) return;
      if (can(context.actor, 'readCentreSummary', { centreId: entry.centreId })) return;
      readAccess.volunteer(context, context.read.volunteer(entry.volunteerId) ?? { id: entry.volunteerId, centreId: '' });
    },
    rosters: { volunteer: (entry: { centreId: string }) => entry.centreId },
  },
  VolunteerAgreement: { read: volunteerOf((agreement: { volunteerId: string }, context) => context.read.volunteer(agreement.volunteerId)) },
  VolunteerNeedingAgreement: { read: volunteerOf((row: { volunteer: VolunteerView }) => row.volunteer) },
  LegalConsultation: {
    read: at('readConsultationDetails'),
    personal: { fields: ['topic', 'outcome'], whose: (c: ConsultationView, context) => participantRead(context, { id: c.participantId }) },
  },
  LegalCase: {
    read: at('readConsultationDetails'),
    personal: { fields: ['problem', 'outcome'], whose: (c: object, context) => participantRead(context, { id: viewOf<{ participantId: string }>(c).participantId }) },
  },
  CulturalEvent: { read: at('readCentreSummary') },
  FollowUp: { read: (context, row: { participant: ParticipantView }) => readAccess.participant(context, row.participant) },
  Target: {
    read: (context, target: { centreId: string | null }) =>
      target.centreId === null ? readAccess.programme(context) : readAccess.centre(context, target.centreId),
  },
  AccessLogEntry: { read: (context) => readAccess.accessLog(context) },
  // Possible matches: only those who may read names at the centre that searched get here (the queries check it).
  SimilarParticipant: {
    read: (context, match: { askedAt?: string }) => authorize(context.actor, 'readParticipantNames', match.askedAt ? { centreId: match.askedAt } : {}),
    matches: { participant: (match: { askedAt?: string }) => match.askedAt },
  },
  PossibleDuplicate: {
    read: (context, pair: { askedAt?: string }) => authorize(context.actor, 'readParticipantNames', pair.askedAt ? { centreId: pair.askedAt } : {}),
    matches: { participant: (pair: { askedAt?: string }) => pair.askedAt, other: (pair: { askedAt?: string }) => pair.askedAt },
  },
  // Donors' programmes span centres: admins and coordinators read them (see schema/programmes.graphql).
  Programme: { read: (context) => readAccess.programme(context) },
  ProgrammeIndicator: { read: (context) => readAccess.programme(context) },
  IndicatorValue: { read: (context) => readAccess.programme(context) },
  Report: { read: (context) => readAccess.programme(context) },
  LateEntry: { read: (context) => readAccess.programme(context) },
  IndividualSession: serviceRecord('notes'),
  Referral: serviceRecord('reason'),
  Assistance: serviceRecord('description'),
  ServiceEntry: {
    // An entry of a person's history: readers of the service's centre or of the person's own centre.
    read: (context, entry: ServiceEntryView) => readAccess.serviceEntry(context, entry),
    fields: { notes: (context, entry: ServiceEntryView) => readAccess.serviceNotes(context, entry.centreId) },
    personal: { fields: ['notes'], whose: (entry: ServiceEntryView, context) => participantRead(context, { id: entry.participantId }) },
  },
};

/**
 * Value types without a centre of their own, each returned only by guarded fields of the type
 * named (the schema test checks it): they are read with that object or not at all.
 */
export const containedTypes: { readonly [type: string]: string } = {
  Participation: 'Participant',
  WorkshopKindSessions: 'Participation',
  Consent: 'Participant',
  Audience: 'CulturalEvent',
  AccessedPerson: 'AccessLogEntry',
  IndicatorCell: 'IndicatorValue',
  IndicatorCriteria: 'ProgrammeIndicator',
};

/**
 * Types that hold no one's data and no single centre's records, so need no guard. Kept short on
 * purpose: the schema test fails for a type in none of these lists.
 * - counts, computed only for the centres a reader may see (the query checks the scope):
 *   ActivitySummary, SexCounts, IndicatorRow, BreakdownCell, BreakdownKey, LegalCaseBreakdownCell;
 * - District: a name, its centres (which guard themselves) and counts, for programme readers only;
 * - every `…Payload` (a mutation's answer: its position, ids, and objects that guard themselves).
 */
export const publicTypes: readonly string[] = [
  'ActivitySummary',
  'SexCounts',
  'IndicatorRow',
  'BreakdownCell',
  'BreakdownKey',
  'LegalCaseBreakdownCell',
  'District',
];
export const isPublicType = (name: string) => publicTypes.includes(name) || name.endsWith('Payload');

/** The checks of one field of a guarded type, before its own resolver runs. */
function checkField(guard: Guard, field: string, object: object & OnRoster & OnMatch, context: ApiContext): void {
  if (guard.open?.includes(field)) return;
  const search = object[MATCH];
  if (search !== undefined && guard.onMatch?.includes(field) && can(context.actor, 'readParticipantNames', { centreId: search })) return;
  const roster = object[ROSTER];
  if (roster !== undefined && guard.onRoster?.includes(field) && can(context.actor, 'readCentreSummary', { centreId: roster })) return;
  guard.read(context, object);
  guard.fields?.[field]?.(context, object);
}

const putOnRoster = (value: unknown, centreId: string | undefined): unknown => {
  if (centreId === undefined || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => putOnRoster(item, centreId));
  return onRoster(value, centreId);
};

/** The objects whose person a request has already recorded. */
const recorded = new WeakMap<ApiContext, WeakSet<object>>();

function guardedResolver(guard: Guard, field: string, resolve: GraphQLFieldResolver<any, ApiContext>): GraphQLFieldResolver<any, ApiContext> {
  const roster = guard.rosters?.[field];
  const match = guard.matches?.[field];
  const personal = guard.personal?.fields.includes(field) ? guard.personal.whose : undefined;
  return (object, args, context, info) => {
    checkField(guard, field, object, context);
    const value = resolve(object, args, context, info);
    if (personal) {
      const record = (returned: unknown) => {
        if (returned === null || returned === undefined) return;
        // Once per object and request: a consultation's topic and outcome name one person.
        let seen = recorded.get(context);
        if (!seen) recorded.set(context, (seen = new WeakSet()));
        if (seen.has(object)) return;
        seen.add(object);
        const person = personal(object, context);
        if (person) context.personalReads.set(`${person.kind}:${person.id}`, person);
      };
      if (value instanceof Promise) return value.then((v) => (record(v), v));
      record(value);
    }
    if (match !== undefined) {
      const centreId = match(object);
      const mark = (v: unknown) => (centreId === undefined || v === null || typeof v !== 'object' ? v : asMatch(v, centreId));
      return value instanceof Promise ? value.then(mark) : mark(value);
    }
    if (roster === undefined) return value;
    const centreId = roster(object);
    return value instanceof Promise ? value.then((v) => putOnRoster(v, centreId)) : putOnRoster(value, centreId);
  };
}

/**
 * Wraps the resolvers of every guarded type in the schema. A guard for a type the schema does not
 * have is a mistake in the table, and stops the start.
 */
export function guardSchema(schema: GraphQLSchema): GraphQLSchema {
  for (const [name, guard] of Object.entries(guards)) {
    const type = schema.getType(name);
    if (!(type instanceof GraphQLObjectType)) throw new Error(`access.ts guards ${name}, which is not an object type of the schema`);
    for (const [fieldName, field] of Object.entries(type.getFields())) {
      field.resolve = guardedResolver(guard, fieldName, field.resolve ?? defaultFieldResolver);
    }
  }
  return schema;
}
