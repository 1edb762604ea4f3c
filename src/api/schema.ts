import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createSchema } from 'graphql-yoga';
import type { ApiContext } from './context.js';
import { centreResolvers } from './resolvers/centres.js';
import { consentResolvers } from './resolvers/consent.js';
import { culturalEventResolvers } from './resolvers/cultural-events.js';
import { cycleResolvers } from './resolvers/cycles.js';
import { householdResolvers } from './resolvers/households.js';
import { legalAidResolvers } from './resolvers/legal-aid.js';
import { legalCaseResolvers } from './resolvers/legal-cases.js';
import { participantResolvers } from './resolvers/participants.js';
import { programmeResolvers } from './resolvers/programmes.js';
import { reportingResolvers } from './resolvers/reporting.js';
import { summaryResolvers } from './resolvers/summary.js';
import { volunteerResolvers } from './resolvers/volunteers.js';
import { workshopResolvers } from './resolvers/workshops.js';
import { DateScalar, DateTimeScalar } from './scalars.js';

const schemaDir = fileURLToPath(new URL('../../schema/', import.meta.url));

/** The SDL of every area, as codegen reads it. */
export const typeDefs = readdirSync(schemaDir)
  .filter((file) => file.endsWith('.graphql'))
  .sort()
  .map((file) => readFileSync(`${schemaDir}${file}`, 'utf8'));

export function createLedgerSchema() {
  return createSchema<ApiContext>({
    typeDefs,
    resolvers: [
      { Date: DateScalar, DateTime: DateTimeScalar },
      centreResolvers,
      participantResolvers,
      workshopResolvers,
      volunteerResolvers,
      legalAidResolvers,
      culturalEventResolvers,
      summaryResolvers,
      cycleResolvers,
      householdResolvers,
      legalCaseResolvers,
      consentResolvers,
      programmeResolvers,
      // Last: it also adds `asOf` to Centre.summary and Query.summary by wrapping the resolvers above.
      reportingResolvers,
    ],
  });
}
