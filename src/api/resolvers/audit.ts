import { badInput } from '../../domain/shared/errors.js';
import { readAccess } from '../access.js';
import type { Resolvers } from '../generated/resolvers.js';

/** An instant as the trail stores it (UTC), so that bounds with any offset compare rightly. */
const utc = (field: 'from' | 'to', value: string | null | undefined) => {
  if (value === null || value === undefined) return null;
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) throw badInput(field, `${field}: must be an instant like 2025-03-14T16:00:00Z`);
  return instant.toISOString();
};

export const auditResolvers: Resolvers = {
  Query: {
    accessLog: (_, args, context) => {
      readAccess.accessLog(context);
      const from = utc('from', args.from);
      const to = utc('to', args.to);
      if (from && to && from > to) throw badInput('to', 'to: must not be before from');
      return (context.audit?.entriesAbout(args.participantId, { from, to }) ?? []).map((entry) => ({
        ...entry,
        people: entry.people.map((person) => ({ kind: person.kind.toUpperCase(), id: person.id, code: person.code ?? null })),
      }));
    },
  },
};
