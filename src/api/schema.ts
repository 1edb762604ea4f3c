import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { createSchema } from 'graphql-yoga';
import { guardSchema } from './access.js';
import type { ApiContext } from './context.js';
import { auditResolvers } from './resolvers/audit.js';
import { centreResolvers } from './resolvers/centres.js';
import { consentResolvers } from './resolvers/consent.js';
import { culturalEventResolvers } from './resolvers/cultural-events.js';
import { cycleResolvers } from './resolvers/cycles.js';
import { householdResolvers } from './resolvers/households.js';
import { legalAidResolvers } from './resolvers/legal-aid.js';
import { legalCaseResolvers } from './resolvers/legal-cases.js';
import { participantResolvers } from './resolvers/participants.js';
import { peopleResolvers } from './resolvers/people.js';
import { programmeResolvers } from './resolvers/programmes.js';
import { reportingResolvers } from './resolvers/reporting.js';
import { serviceResolvers } from './resolvers/services.js';
import { summaryResolvers } from './resolvers/summary.js';
import { volunteerResolvers } from './resolvers/volunteers.js';
import { workshopResolvers } from './resolvers/workshops.js';
import { DateScalar, DateTimeScalar } from './scalars.js';
import { projectRoot } from '../project-root.js';

const schemaDir = join(projectRoot, 'schema') + sep;

/** The SDL of every area, as codegen reads it. */
export const typeDefs = readdirSync(schemaDir)
  .filter((file) => file.endsWith('.graphql'))
  .sort()
  .map((file) => readFileSync(`${schemaDir}${file}`, 'utf8'));

/** The executable schema; every type that holds centre-scoped or personal data guards itself (access.ts). */
export function createLedgerSchema() {
  const schema = createSchema<ApiContext>({
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
      serviceResolvers,
      peopleResolvers,
      programmeResolvers,
      // Last: it also adds `asOf` to Centre.summary and Query.summary by wrapping the resolvers above.
      reportingResolvers,
      auditResolvers,
    ],
  });
  return guardSchema(schema);
}
