import { audienceTotal } from '../src/domain/cultural-events/events.js';
import {
  attendanceChange,
  changeMembersInPlace,
  encodedMembers,
  heldMembers,
  membersBytes,
  ordinalsOf,
  withMembers,
  type Members,
} from './attendee-set.js';
import type { ConsultationView } from './consultations.js';
import { addSessionsInPlace, emptyPackedSessions, hasPackedMember, heldSessions, packedOf, packedOrdinalsBlob, withPackedSessions, type Sessions } from './packed-sessions.js';
import type { CulturalEventView } from './cultural-events.js';
import { serviceRecordHandles, type ServiceRecordView } from './services.js';
import { defineProjection, type EventOfType, type Lookup } from './projection.js';
import type { VolunteerHoursView } from './volunteers.js';
import type { WorkshopView } from './workshops.js';

/** What happened at a centre over a span of local dates: the sums. */
export interface CentreTotals {
  readonly centreId: string;
  /** YYYY-MM-DD for a day, YYYY-MM for a month. */
  readonly span: string;
  readonly attendances: number;
  readonly workshopsHeld: number;
  /** Volunteer hours not retracted, in hundredths (the unit hours are recorded in). */
  readonly hoursHundredths: number;
  readonly consultations: number;
  readonly culturalEvents: number;
  readonly audience: number;
  readonly individualSessions: number;
  readonly referralsMade: number;
  /** Referrals closed on a date in the span with SERVICE_RECEIVED. */
  readonly referralsCompleted: number;
  readonly assistance: number;
}

/**
 * A centre's day: its sums, and the participants who attended, were consulted, served and assisted,
 * each by number with their sessions (packed-sessions.ts), so that a removed tick takes a child out
 * only with their last session that day. Every attendance rewrites its day, so the sets are
 * packed: a few bytes per child instead of JSON lists.
 */
export interface CentreDayView extends CentreTotals {
  /** Stored packed; held decoded while a bulk replay keeps the document (packed-sessions.ts HeldSessions). */
  readonly attendees: Sessions;
  /** Participants with a consultation not retracted, with how many. */
  readonly consulted: Sessions;
  /** Participants with an individual session, a referral made or assistance, with how many. */
  readonly served: Sessions;
  /** Participants given assistance, with how many. */
  readonly assisted: Sessions;
}

/**
 * A centre's calendar month: its sums, and who attended and who was consulted (attendee-set.ts
 * withMembers, base64; held decoded while a bulk replay keeps the document, see HeldMembers).
 */
export interface CentreMonthView extends CentreTotals {
  readonly attendees: Members;
  readonly consulted: Members;
  readonly served: Members;
  readonly assisted: Members;
}

/**
 * A period's figures are sums of its whole months and the days at its edges, and its unique
 * counts the union of their sets (src/read/reach.ts), so a summary never reads the entries.
 */
export const centreSpanId = (centreId: string, span: string) => `${centreId}|${span}`;

export const handledTypes = [
  'AttendanceRecorded',
  'AttendanceRemoved',
  'VolunteerHoursLogged',
  'VolunteerHoursRetracted',
  'LegalConsultationRecorded',
  'LegalConsultationRetracted',
  'CulturalEventRecorded',
  'CulturalEventAudienceCorrected',
  ...serviceRecordHandles,
] as const;
export type Handled = (typeof handledTypes)[number];

/** An event's effect on the figures of the centre and local date it happened on. */
export interface SpanChange {
  readonly centreId: string;
  readonly localDate: string;
  /** What the event adds to the sums (a retraction, a negative amount). */
  readonly sums: () => Sums;
  /** Participant numbers who attended (+1) or whose tick was removed (-1). */
  readonly attendees?: () => SetChange;
  /** Participant numbers consulted (+1) or whose consultation was retracted (-1). */
  readonly consulted?: () => SetChange;
  /** Participant numbers served (an individual session, a referral made, assistance) or whose service was retracted. */
  readonly served?: () => SetChange;
  readonly assisted?: () => SetChange;
}

export interface SetChange {
  readonly ordinals: readonly number[];
  readonly delta: 1 | -1;
}

/** One participant's number in or out of a set (looked up only when a document is evolved). */
function person(participantId: string, delta: 1 | -1, lookup: Lookup): () => SetChange {
  return () => ({ ordinals: ordinalsOf([participantId], lookup), delta });
}

/**
 * The change an event makes, or none. These views come after the workshops view and before the
 * hours, consultations and cultural events views in the runner's order: a workshop is looked up
 * with this attendance applied, an entry as it was before this retraction or correction.
 */
export function changeOf(event: EventOfType<Handled>, lookup: Lookup): SpanChange | undefined {
  switch (event.type) {
    case 'AttendanceRecorded':
    case 'AttendanceRemoved': {
      const workshop = lookup<WorkshopView>('workshops', event.data.workshopId);
      if (!workshop) return undefined;
      // Looked up only when a document is evolved, not when documentIds asks where the event goes.
      let change: ReturnType<typeof attendanceChange> | undefined;
      const counted = () => (change ??= attendanceChange(event, lookup));
      return {
        centreId: workshop.centreId,
        localDate: workshop.localDate,
        sums: () => ({ attendances: counted().pairs, workshopsHeld: counted().workshopsHeld }),
        attendees: counted,
      };
    }
    case 'VolunteerHoursLogged': {
      const hundredths = Math.round(event.data.hours * 100);
      return { centreId: event.data.centreId, localDate: event.data.date, sums: () => ({ hoursHundredths: hundredths }) };
    }
    case 'VolunteerHoursRetracted': {
      const entry = lookup<VolunteerHoursView>('volunteer_hours', event.data.entryId);
      if (!entry || entry.retracted) return undefined;
      const hundredths = Math.round(entry.hours * 100);
      return { centreId: entry.centreId, localDate: entry.date, sums: () => ({ hoursHundredths: -hundredths }) };
    }
    case 'LegalConsultationRecorded': {
      const { centreId, date, participantId } = event.data;
      return {
        centreId,
        localDate: date,
        sums: () => ({ consultations: 1 }),
        consulted: () => ({ ordinals: ordinalsOf([participantId], lookup), delta: 1 }),
      };
    }
    case 'LegalConsultationRetracted': {
      const consultation = lookup<ConsultationView>('consultations', event.data.consultationId);
      if (!consultation || consultation.retracted) return undefined;
      return {
        centreId: consultation.centreId,
        localDate: consultation.date,
        sums: () => ({ consultations: -1 }),
        consulted: () => ({ ordinals: ordinalsOf([consultation.participantId], lookup), delta: -1 }),
      };
    }
    case 'CulturalEventRecorded': {
      const audience = audienceTotal(event.data.audience);
      return {
        centreId: event.data.centreId,
        localDate: event.data.date,
        sums: () => ({ culturalEvents: 1, audience }),
      };
    }
    case 'CulturalEventAudienceCorrected': {
      const culturalEvent = lookup<CulturalEventView>('cultural_events', event.data.culturalEventId);
      if (!culturalEvent) return undefined;
      const difference = audienceTotal(event.data.audience) - audienceTotal(culturalEvent.audience);
      return { centreId: culturalEvent.centreId, localDate: culturalEvent.date, sums: () => ({ audience: difference }) };
    }
    // The services: before service_records in the runner's order, so a retraction or a closing looks up the record as it was.
    case 'IndividualSessionRecorded': {
      const { centreId, date, participantId } = event.data;
      return { centreId, localDate: date, sums: () => ({ individualSessions: 1 }), served: person(participantId, 1, lookup) };
    }
    case 'ReferralMade': {
      const { centreId, date, participantId } = event.data;
      return { centreId, localDate: date, sums: () => ({ referralsMade: 1 }), served: person(participantId, 1, lookup) };
    }
    case 'AssistanceRecorded': {
      const { centreId, date, participantId } = event.data;
      return { centreId, localDate: date, sums: () => ({ assistance: 1 }), served: person(participantId, 1, lookup), assisted: person(participantId, 1, lookup) };
    }
    case 'ReferralClosed': {
      const referral = lookup<ServiceRecordView>('service_records', event.data.referralId);
      // Only a completed referral changes a figure, on its closing date.
      if (!referral || referral.closed || event.data.outcome !== 'SERVICE_RECEIVED') return undefined;
      return { centreId: referral.centreId, localDate: event.data.date, sums: () => ({ referralsCompleted: 1 }) };
    }
    case 'IndividualSessionRetracted': {
      const session = lookup<ServiceRecordView>('service_records', event.data.sessionId);
      if (!session || session.retracted) return undefined;
      return { centreId: session.centreId, localDate: session.date, sums: () => ({ individualSessions: -1 }), served: person(session.participantId, -1, lookup) };
    }
    case 'AssistanceRetracted': {
      const help = lookup<ServiceRecordView>('service_records', event.data.assistanceId);
      if (!help || help.retracted) return undefined;
      return {
        centreId: help.centreId,
        localDate: help.date,
        sums: () => ({ assistance: -1 }),
        served: person(help.participantId, -1, lookup),
        assisted: person(help.participantId, -1, lookup),
      };
    }
  }
}

export const emptyTotals = (id: string): CentreTotals => {
  const [centreId = '', span = ''] = id.split('|');
  return {
    centreId,
    span,
    attendances: 0,
    workshopsHeld: 0,
    hoursHundredths: 0,
    consultations: 0,
    culturalEvents: 0,
    audience: 0,
    individualSessions: 0,
    referralsMade: 0,
    referralsCompleted: 0,
    assistance: 0,
  };
};

/** The sums without the centre: the programme's days and months have them too (programme-spans.ts). */
export type SpanTotals = Omit<CentreTotals, 'centreId'>;

export type SumName = Exclude<keyof SpanTotals, 'span'>;
/** Amounts to add to some of the sums. */
export type Sums = Partial<Record<SumName, number>>;

/** The document with the amounts added to its sums (a copy; the other fields as they were). */
export function withSums<D extends SpanTotals>(doc: D, sums: Sums): D {
  const next: Record<string, unknown> = { ...doc };
  for (const name in sums) next[name] = (next[name] as number) + sums[name as SumName]!;
  return next as D;
}

/** withSums, in place (for a bulk replay's own copy, see Projection.evolveInPlace). */
export function addSumsInPlace(doc: SpanTotals, sums: Sums): void {
  const mutable = doc as unknown as Record<SumName, number>;
  for (const name in sums) mutable[name as SumName] += sums[name as SumName]!;
}

/**
 * changeOf once per event for one view: its documentIds and evolve ask with the same lookup and
 * the other views as they stand at this event. Another lookup (another view, another runner) asks again.
 */
export function changesOnce() {
  let lastEvent: object | undefined;
  let lastLookup: Lookup | undefined;
  let last: SpanChange | undefined;
  return (event: EventOfType<Handled>, lookup: Lookup): SpanChange | undefined => {
    if (event === lastEvent && lookup === lastLookup) return last;
    last = changeOf(event, lookup);
    lastEvent = event;
    lastLookup = lookup;
    return last;
  };
}

export const totalColumns = {
  centre_id: { type: 'TEXT', value: (doc: CentreTotals) => doc.centreId },
  span: { type: 'TEXT', value: (doc: SpanTotals) => doc.span },
  attendances: { type: 'INTEGER', value: (doc: SpanTotals) => doc.attendances },
  workshops_held: { type: 'INTEGER', value: (doc: SpanTotals) => doc.workshopsHeld },
  hours_hundredths: { type: 'INTEGER', value: (doc: SpanTotals) => doc.hoursHundredths },
  consultations: { type: 'INTEGER', value: (doc: SpanTotals) => doc.consultations },
  cultural_events: { type: 'INTEGER', value: (doc: SpanTotals) => doc.culturalEvents },
  audience: { type: 'INTEGER', value: (doc: SpanTotals) => doc.audience },
  individual_sessions: { type: 'INTEGER', value: (doc: SpanTotals) => doc.individualSessions },
  referrals_made: { type: 'INTEGER', value: (doc: SpanTotals) => doc.referralsMade },
  referrals_completed: { type: 'INTEGER', value: (doc: SpanTotals) => doc.referralsCompleted },
  assistance: { type: 'INTEGER', value: (doc: SpanTotals) => doc.assistance },
} as const;

const dayChange = changesOnce();

/** The views a span's change looks up (a centre's or the programme's day or month). */
export const spanReads = ['workshops', 'participants', 'volunteer_hours', 'consultations', 'cultural_events', 'service_records'] as const;

type SetName = 'attendees' | 'consulted' | 'served' | 'assisted';
const setNames: readonly SetName[] = ['attendees', 'consulted', 'served', 'assisted'];

const emptyDay = (id: string): CentreDayView => ({
  ...emptyTotals(id),
  attendees: emptyPackedSessions,
  consulted: emptyPackedSessions,
  served: emptyPackedSessions,
  assisted: emptyPackedSessions,
});

export const centreDays = defineProjection<CentreDayView, Handled>({
  name: 'centre_days',
  // 3: hours, consultations and cultural events joined attendance. 4: the services (service_days before). 5: the sets packed.
  version: 5,
  reads: spanReads,
  handles: handledTypes,
  documentIds: (event, lookup) => {
    const change = dayChange(event, lookup);
    return change ? [centreSpanId(change.centreId, change.localDate)] : [];
  },
  evolve: (doc, event, id, lookup) => {
    const change = dayChange(event, lookup);
    if (!change) return doc;
    const day = doc ?? emptyDay(id);
    const next = { ...withSums(day, change.sums()) };
    for (const name of setNames) {
      const by = change[name]?.();
      if (by) next[name] = withPackedSessions(packedOf(day[name]), by.ordinals, by.delta);
    }
    return next;
  },
  evolveInPlace: (doc, event, id, lookup) => {
    const change = dayChange(event, lookup);
    if (!change) return doc;
    const day = (doc ?? emptyDay(id)) as { -readonly [K in keyof CentreDayView]: CentreDayView[K] };
    addSumsInPlace(day, change.sums());
    for (const name of setNames) {
      const by = change[name]?.();
      if (!by) continue;
      const held = heldSessions(day[name]);
      day[name] = held;
      addSessionsInPlace(held, by.ordinals, by.delta);
    }
    return day;
  },
  columns: {
    ...totalColumns,
    attendee_ordinals: { type: 'BLOB', value: (doc) => packedOrdinalsBlob(doc.attendees) },
    consulted_ordinals: { type: 'BLOB', value: (doc) => packedOrdinalsBlob(doc.consulted) },
    served_ordinals: { type: 'BLOB', value: (doc) => packedOrdinalsBlob(doc.served) },
    assisted_ordinals: { type: 'BLOB', value: (doc) => packedOrdinalsBlob(doc.assisted) },
  },
  indexes: [['span', 'centre_id']],
});

/** The numbers among `ordinals` that are in none of the month's days any more (the days view has applied the event). */
function goneFromMonth(centreId: string, month: string, ordinals: readonly number[], setOf: (day: CentreDayView) => Sessions, lookup: Lookup): number[] {
  const days = Array.from({ length: 31 }, (_, i) => lookup<CentreDayView>('centre_days', centreSpanId(centreId, `${month}-${String(i + 1).padStart(2, '0')}`)));
  return ordinals.filter((ordinal) => !days.some((day) => day !== undefined && hasPackedMember(setOf(day), ordinal)));
}

const monthChange = changesOnce();

const memberSets = [
  ['attendees', (day: CentreDayView) => day.attendees],
  ['consulted', (day: CentreDayView) => day.consulted],
  ['served', (day: CentreDayView) => day.served],
  ['assisted', (day: CentreDayView) => day.assisted],
] as const;

export const centreMonths = defineProjection<CentreMonthView, Handled>({
  name: 'centre_months',
  // 5: sets of participants as lists or bitsets; hours, consultations and cultural events. 6: the services (service_months before).
  version: 6,
  reads: [...spanReads, 'centre_days'],
  handles: handledTypes,
  documentIds: (event, lookup) => {
    const change = monthChange(event, lookup);
    return change ? [centreSpanId(change.centreId, change.localDate.slice(0, 7))] : [];
  },
  evolve: (doc, event, id, lookup) => {
    const change = monthChange(event, lookup);
    if (!change) return doc;
    const month = doc ?? { ...emptyTotals(id), attendees: '', consulted: '', served: '', assisted: '' };
    const members = (current: Members, set: SetChange | undefined, setOf: (day: CentreDayView) => Sessions) =>
      !set
        ? current
        : set.delta === 1
          ? withMembers(encodedMembers(current), set.ordinals, true)
          : withMembers(encodedMembers(current), goneFromMonth(month.centreId, month.span, set.ordinals, setOf, lookup), false);
    return {
      ...withSums(month, change.sums()),
      attendees: members(month.attendees, change.attendees?.(), (day) => day.attendees),
      consulted: members(month.consulted, change.consulted?.(), (day) => day.consulted),
      served: members(month.served, change.served?.(), (day) => day.served),
      assisted: members(month.assisted, change.assisted?.(), (day) => day.assisted),
    };
  },
  evolveInPlace: (doc, event, id, lookup) => {
    const change = monthChange(event, lookup);
    if (!change) return doc;
    const month = (doc ?? { ...emptyTotals(id), attendees: '', consulted: '', served: '', assisted: '' }) as { -readonly [K in keyof CentreMonthView]: CentreMonthView[K] };
    addSumsInPlace(month, change.sums());
    for (const [name, setOf] of memberSets) {
      const set = change[name]?.();
      if (!set) continue;
      const ordinals = set.delta === 1 ? set.ordinals : goneFromMonth(month.centreId, month.span, set.ordinals, setOf, lookup);
      if (ordinals.length === 0) continue;
      const held = heldMembers(month[name]);
      month[name] = held;
      changeMembersInPlace(held, ordinals, set.delta === 1);
    }
    return month;
  },
  columns: {
    ...totalColumns,
    attendee_members: { type: 'BLOB', value: (doc) => membersBytes(doc.attendees) },
    consulted_members: { type: 'BLOB', value: (doc) => membersBytes(doc.consulted) },
    served_members: { type: 'BLOB', value: (doc) => membersBytes(doc.served) },
    assisted_members: { type: 'BLOB', value: (doc) => membersBytes(doc.assisted) },
  },
  indexes: [['span', 'centre_id']],
});
