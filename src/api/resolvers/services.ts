import type { ServiceRecordView } from '../../../projections/services.js';
import { badInput } from '../../domain/shared/errors.js';
import { localDateOf } from '../../domain/shared/time.js';
import type { ServiceEntryView } from '../../read/services.js';
import { readAccess } from '../access.js';
import type { ApiContext } from '../context.js';
import type { Resolvers } from '../generated/resolvers.js';
import { afterWrite, found } from './shared.js';

type Written = { sessionId: string } | { referralId: string } | { assistanceId: string };
const recordIdOf = (result: Written) => ('sessionId' in result ? result.sessionId : 'referralId' in result ? result.referralId : result.assistanceId);

/** Every service mutation answers with its record as the views hold it once they include the write. */
const serviceWrite =
  <F extends string>(
    name: 'recordIndividualSession' | 'retractIndividualSession' | 'makeReferral' | 'closeReferral' | 'recordAssistance' | 'retractAssistance',
    field: F,
  ) =>
  async (_: unknown, { input }: { input: { commandId?: string | null } }, context: ApiContext) => {
    const handled = context.commands[name](context.commandContext(input), input) as Promise<{ result: Written; position: bigint }>;
    const { entity, position } = await afterWrite(context, handled, (r) => context.read.services.record(recordIdOf(r)));
    return { [field]: entity, position } as { [K in F]: ServiceRecordView } & { position: string };
  };

/** One record of a type by id (NOT_FOUND otherwise), for those who read participants at its centre. */
const typed = (type: ServiceRecordView['type'], what: string) => (context: ApiContext, record: ServiceRecordView | undefined) => {
  const one = record?.type === type ? record : found<ServiceRecordView>(undefined, 'id', what);
  readAccess.serviceRecord(context, one);
  return one;
};

/** A record's personal text (notes, reason, description), for those who may read it; null once the person is erased. */
function personalText(context: ApiContext, record: ServiceRecordView, field: 'notes' | 'reason' | 'description'): string | null {
  readAccess.serviceNotes(context, record.centreId);
  const value = context.openPersonal(record.participantId, record.personal)?.[field];
  return typeof value === 'string' ? value : null;
}

/** The parts of a record every reader of it sees: each field checks access from the record's own centre. */
const recordFields = {
  id: (record: ServiceRecordView, _: unknown, context: ApiContext) => {
    readAccess.serviceRecord(context, record);
    return record.id;
  },
  centre: (record: ServiceRecordView, _: unknown, context: ApiContext) => {
    readAccess.serviceRecord(context, record);
    return found(context.read.centre(record.centreId), 'centreId', 'centre');
  },
  participant: (record: ServiceRecordView, _: unknown, context: ApiContext) => {
    readAccess.serviceRecord(context, record);
    return found(context.read.participant(record.participantId), 'participantId', 'participant');
  },
  date: (record: ServiceRecordView, _: unknown, context: ApiContext) => {
    readAccess.serviceRecord(context, record);
    return record.date;
  },
};

const guarded =
  <T>(read: (record: ServiceRecordView) => T) =>
  (record: ServiceRecordView, _: unknown, context: ApiContext): T => {
    readAccess.serviceRecord(context, record);
    return read(record);
  };

/** An entry's field, for readers of the service's centre or of the person's own centre. */
const entryField =
  <T>(read: (entry: ServiceEntryView, context: ApiContext) => T) =>
  (entry: ServiceEntryView, _: unknown, context: ApiContext): T => {
    readAccess.serviceEntry(context, entry);
    return read(entry, context);
  };

/** The record behind an entry of one of these types, or null. */
const entryRecord = (type: ServiceRecordView['type']) =>
  entryField((entry) => {
    if (entry.record?.type !== type) return null;
    return entry.record;
  });

export const serviceResolvers: Resolvers = {
  Query: {
    individualSession: (_, { id }, context) => typed('INDIVIDUAL_SESSION', 'individual session')(context, context.read.services.record(id)),
    referral: (_, { id }, context) => typed('REFERRAL', 'referral')(context, context.read.services.record(id)),
    assistance: (_, { id }, context) => typed('ASSISTANCE', 'assistance')(context, context.read.services.record(id)),
  },
  Mutation: {
    recordIndividualSession: serviceWrite('recordIndividualSession', 'session'),
    retractIndividualSession: serviceWrite('retractIndividualSession', 'session'),
    makeReferral: serviceWrite('makeReferral', 'referral'),
    closeReferral: serviceWrite('closeReferral', 'referral'),
    recordAssistance: serviceWrite('recordAssistance', 'assistance'),
    retractAssistance: serviceWrite('retractAssistance', 'assistance'),
  },
  IndividualSession: {
    ...recordFields,
    kind: guarded((record) => record.kind as never),
    durationMinutes: guarded((record) => record.durationMinutes ?? 0),
    retracted: guarded((record) => record.retracted !== null),
    notes: (record, _, context) => personalText(context, record, 'notes'),
  },
  Referral: {
    ...recordFields,
    service: guarded((record) => record.service as never),
    organisation: guarded((record) => record.organisation ?? ''),
    status: guarded((record) => (record.closed ? 'CLOSED' : 'OPEN')),
    outcome: guarded((record) => record.closed?.outcome ?? null),
    closedOn: guarded((record) => record.closed?.date ?? null),
    reason: (record, _, context) => personalText(context, record, 'reason'),
  },
  Assistance: {
    ...recordFields,
    kind: guarded((record) => record.kind as never),
    value: guarded((record) => record.value),
    currency: guarded((record) => record.currency),
    retracted: guarded((record) => record.retracted !== null),
    description: (record, _, context) => personalText(context, record, 'description'),
  },
  ServiceEntry: {
    id: entryField((entry) => entry.id),
    date: entryField((entry) => entry.date),
    type: entryField((entry) => entry.type),
    centre: entryField((entry, context) => found(context.read.centre(entry.centreId), 'centreId', 'centre')),
    workshopKind: entryField((entry) => entry.workshopKind),
    individualSession: entryRecord('INDIVIDUAL_SESSION'),
    referral: entryRecord('REFERRAL'),
    assistance: entryRecord('ASSISTANCE'),
    // Whatever the entry, the notes are for those who may read the service centre's personal text:
    // a coordinator gets null with FORBIDDEN on every entry's notes, never a mix that tells which have some.
    notes: (entry, _, context) => {
      readAccess.serviceEntry(context, entry);
      readAccess.serviceNotes(context, entry.centreId);
      if (entry.consultation) {
        readAccess.consultation(context, entry.consultation);
        const outcome = context.openPersonal(entry.participantId, entry.consultation.personal)?.['outcome'];
        return typeof outcome === 'string' ? outcome : null;
      }
      if (!entry.record || entry.type === 'REFERRAL_CLOSED') return null;
      const field = entry.record.type === 'INDIVIDUAL_SESSION' ? 'notes' : entry.record.type === 'REFERRAL' ? 'reason' : 'description';
      const value = context.openPersonal(entry.participantId, entry.record.personal)?.[field];
      return typeof value === 'string' ? value : null;
    },
  },
  Participant: {
    services: (participant, _, context) => {
      readAccess.participant(context, participant);
      // A person merged from several records has one history (src/read/merges.ts).
      return context.read.services.history(participant.id, context.read.merges.recordsOf(participant.id));
    },
  },
  Centre: {
    openReferrals: (centre, { olderThanDays }, context) => {
      readAccess.servicesOf(context, centre.id);
      if (!Number.isInteger(olderThanDays) || olderThanDays < 0 || olderThanDays > 36_500) {
        throw badInput('olderThanDays', 'olderThanDays: must be a whole number from 0 to 36500');
      }
      // Today's local date in the deployment's time zone (TZ, which the process runs in).
      return context.read.services.openReferrals(centre.id, olderThanDays, localDateOf(new Date(), Intl.DateTimeFormat().resolvedOptions().timeZone));
    },
  },
};
