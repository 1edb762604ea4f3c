import { emptyAttendeeSet, hasOrdinal, ordinalsBlob, ordinalsOf, withMembers, withSessions, type AttendeeSet } from './attendee-set.js';
import { centreSpanId } from './centre-days.js';
import { defineProjection, type EventOfType, type Lookup } from './projection.js';
import { serviceRecordHandles, type ServiceRecordView } from './services.js';

/**
 * The services of a centre over a day or a calendar month, pre-aggregated as centre_days and
 * centre_months are for workshops (see docs/design.md), so that a summary reads a few rows per
 * centre and never the records: the counts, and by participant number who was served (an
 * individual session, a referral made or assistance) and who was assisted.
 */
export interface ServiceTotals {
  readonly centreId: string;
  /** YYYY-MM-DD for a day, YYYY-MM for a month. */
  readonly span: string;
  readonly individualSessions: number;
  readonly referralsMade: number;
  /** Referrals closed on a date in the span with SERVICE_RECEIVED. */
  readonly referralsCompleted: number;
  readonly assistance: number;
}

/** A day keeps how many services each participant had, so a retraction takes them out only with their last. */
export interface ServiceDayView extends ServiceTotals {
  readonly served: AttendeeSet;
  readonly assisted: AttendeeSet;
}

/** A month keeps its members (attendee-set.ts withMembers, base64); a removal asks the month's days. */
export interface ServiceMonthView extends ServiceTotals {
  readonly served: string;
  readonly assisted: string;
}

type Handled = (typeof serviceRecordHandles)[number];

interface SetChange {
  readonly ordinals: readonly number[];
  readonly delta: 1 | -1;
}

interface ServiceChange {
  readonly centreId: string;
  readonly localDate: string;
  readonly totals: (doc: ServiceTotals) => ServiceTotals;
  readonly served?: () => SetChange;
  readonly assisted?: () => SetChange;
}

/**
 * An event's effect on the figures of its centre and date, or none. These views come before
 * service_records in the runner's order: a retraction looks up the record as it was before it.
 */
function changeOf(event: EventOfType<Handled>, lookup: Lookup): ServiceChange | undefined {
  const person = (participantId: string, delta: 1 | -1) => () => ({ ordinals: ordinalsOf([participantId], lookup), delta });
  switch (event.type) {
    case 'IndividualSessionRecorded': {
      const { centreId, date, participantId } = event.data;
      return { centreId, localDate: date, totals: (d) => ({ ...d, individualSessions: d.individualSessions + 1 }), served: person(participantId, 1) };
    }
    case 'ReferralMade': {
      const { centreId, date, participantId } = event.data;
      return { centreId, localDate: date, totals: (d) => ({ ...d, referralsMade: d.referralsMade + 1 }), served: person(participantId, 1) };
    }
    case 'AssistanceRecorded': {
      const { centreId, date, participantId } = event.data;
      return {
        centreId,
        localDate: date,
        totals: (d) => ({ ...d, assistance: d.assistance + 1 }),
        served: person(participantId, 1),
        assisted: person(participantId, 1),
      };
    }
    case 'ReferralClosed': {
      const referral = lookup<ServiceRecordView>('service_records', event.data.referralId);
      // Only a completed referral changes a figure, on its closing date.
      if (!referral || referral.closed || event.data.outcome !== 'SERVICE_RECEIVED') return undefined;
      return { centreId: referral.centreId, localDate: event.data.date, totals: (d) => ({ ...d, referralsCompleted: d.referralsCompleted + 1 }) };
    }
    case 'IndividualSessionRetracted': {
      const session = lookup<ServiceRecordView>('service_records', event.data.sessionId);
      if (!session || session.retracted) return undefined;
      return {
        centreId: session.centreId,
        localDate: session.date,
        totals: (d) => ({ ...d, individualSessions: d.individualSessions - 1 }),
        served: person(session.participantId, -1),
      };
    }
    case 'AssistanceRetracted': {
      const help = lookup<ServiceRecordView>('service_records', event.data.assistanceId);
      if (!help || help.retracted) return undefined;
      return {
        centreId: help.centreId,
        localDate: help.date,
        totals: (d) => ({ ...d, assistance: d.assistance - 1 }),
        served: person(help.participantId, -1),
        assisted: person(help.participantId, -1),
      };
    }
  }
}

const emptyTotals = (id: string): ServiceTotals => {
  const [centreId = '', span = ''] = id.split('|');
  return { centreId, span, individualSessions: 0, referralsMade: 0, referralsCompleted: 0, assistance: 0 };
};

const totalColumns = {
  centre_id: { type: 'TEXT', value: (doc: ServiceTotals) => doc.centreId },
  span: { type: 'TEXT', value: (doc: ServiceTotals) => doc.span },
  individual_sessions: { type: 'INTEGER', value: (doc: ServiceTotals) => doc.individualSessions },
  referrals_made: { type: 'INTEGER', value: (doc: ServiceTotals) => doc.referralsMade },
  referrals_completed: { type: 'INTEGER', value: (doc: ServiceTotals) => doc.referralsCompleted },
  assistance: { type: 'INTEGER', value: (doc: ServiceTotals) => doc.assistance },
} as const;

export const serviceDays = defineProjection<ServiceDayView, Handled>({
  name: 'service_days',
  version: 1,
  reads: ['participants', 'service_records'],
  handles: serviceRecordHandles,
  documentIds: (event, lookup) => {
    const change = changeOf(event, lookup);
    return change ? [centreSpanId(change.centreId, change.localDate)] : [];
  },
  evolve: (doc, event, id, lookup) => {
    const change = changeOf(event, lookup);
    if (!change) return doc;
    const day = doc ?? { ...emptyTotals(id), served: emptyAttendeeSet, assisted: emptyAttendeeSet };
    const served = change.served?.();
    const assisted = change.assisted?.();
    return {
      ...day,
      ...change.totals(day),
      served: served ? withSessions(day.served, served.ordinals, served.delta) : day.served,
      assisted: assisted ? withSessions(day.assisted, assisted.ordinals, assisted.delta) : day.assisted,
    };
  },
  columns: {
    ...totalColumns,
    served_ordinals: { type: 'BLOB', value: (doc) => ordinalsBlob(doc.served) },
    assisted_ordinals: { type: 'BLOB', value: (doc) => ordinalsBlob(doc.assisted) },
  },
  indexes: [['span', 'centre_id']],
});

/** The numbers among `ordinals` that none of the month's days holds any more (service_days has applied the event). */
function goneFromMonth(centreId: string, month: string, ordinals: readonly number[], setOf: (day: ServiceDayView) => AttendeeSet, lookup: Lookup): number[] {
  const days = Array.from({ length: 31 }, (_, i) => lookup<ServiceDayView>('service_days', centreSpanId(centreId, `${month}-${String(i + 1).padStart(2, '0')}`)));
  return ordinals.filter((ordinal) => !days.some((day) => day !== undefined && hasOrdinal(setOf(day), ordinal)));
}

export const serviceMonths = defineProjection<ServiceMonthView, Handled>({
  name: 'service_months',
  version: 1,
  reads: ['participants', 'service_records', 'service_days'],
  handles: serviceRecordHandles,
  documentIds: (event, lookup) => {
    const change = changeOf(event, lookup);
    return change ? [centreSpanId(change.centreId, change.localDate.slice(0, 7))] : [];
  },
  evolve: (doc, event, id, lookup) => {
    const change = changeOf(event, lookup);
    if (!change) return doc;
    const month = doc ?? { ...emptyTotals(id), served: '', assisted: '' };
    const members = (current: string, set: SetChange | undefined, setOf: (day: ServiceDayView) => AttendeeSet) =>
      !set
        ? current
        : set.delta === 1
          ? withMembers(current, set.ordinals, true)
          : withMembers(current, goneFromMonth(month.centreId, month.span, set.ordinals, setOf, lookup), false);
    return {
      ...month,
      ...change.totals(month),
      served: members(month.served, change.served?.(), (day) => day.served),
      assisted: members(month.assisted, change.assisted?.(), (day) => day.assisted),
    };
  },
  columns: {
    ...totalColumns,
    served_members: { type: 'BLOB', value: (doc) => Buffer.from(doc.served, 'base64') },
    assisted_members: { type: 'BLOB', value: (doc) => Buffer.from(doc.assisted, 'base64') },
  },
  indexes: [['span', 'centre_id']],
});
