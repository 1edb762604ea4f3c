/**
 * Helpers for the "Services" contract tests over real HTTP: services.graphql's own operations,
 * sent in one document with core.graphql (they use its Summary fragment), as clients send them.
 */
import { coreContract, loadContract, type Operation } from '../support/operations.js';
import type { TestServer } from '../support/server.js';
import { ok } from '../field/helpers.js';

export type ServicesOperationName =
  | 'RecordIndividualSession'
  | 'MakeReferral'
  | 'CloseReferral'
  | 'RecordAssistance'
  | 'OpenReferrals'
  | 'Services'
  | 'ServiceHistory'
  | 'ServiceNotes';

let document: string | undefined;

export function servicesOp(name: ServicesOperationName): Operation {
  document ??= `${coreContract().source}\n${loadContract('services.graphql').source}`;
  return { ...loadContract('services.graphql').op(name), document };
}

/** The deployment's local today (Europe/Belgrade) and days around it. */
export const localToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Belgrade', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

export async function recordSession(server: TestServer, input: Record<string, unknown>, token?: string) {
  return server.gql(servicesOp('RecordIndividualSession'), { input: { kind: 'COUNSELLING', durationMinutes: 45, ...input } }, token ? { token } : {});
}

export async function makeReferral(server: TestServer, input: Record<string, unknown>, token?: string) {
  return server.gql(
    servicesOp('MakeReferral'),
    { input: { service: 'SOCIAL_WORK_CENTRE', organisation: 'Centar za socijalni rad Novi Pazar', ...input } },
    token ? { token } : {},
  );
}

export async function referralId(server: TestServer, input: Record<string, unknown>): Promise<string> {
  return ok(await makeReferral(server, input)).makeReferral.referral.id as string;
}
