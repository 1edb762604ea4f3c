/**
 * GET /metrics (METRICS=true): what an operator's Prometheus scrapes. Counts by operation name and
 * error code, the views' lag and the store's health; never a name, an id or a variable.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_OPERATION_NAMES } from '../../src/metrics/metrics.js';
import { startServer, type TestServer } from '../support/server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const scrape = async (origin: string) => {
  const response = await fetch(`${origin}/metrics`);
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
};

/** The value of one sample line, e.g. ledger_graphql_errors_total{code="FORBIDDEN"}. */
const sample = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

const openCentre = `mutation OpenCentre($input: OpenCentreInput!) { openCentre(input: $input) { centre { id } } }`;
const register = `mutation RegisterParticipant($input: RegisterParticipantInput!) { registerParticipant(input: $input) { participant { id } } }`;

describe('metrics', () => {
  it('given METRICS unset, when /metrics is asked for, then it is not served', async () => {
    server = await startServer();
    const answer = await scrape(server.origin);
    expect(answer.status).toBe(404);
    expect(answer.text).not.toContain('ledger_graphql_requests_total');
  });

  it('given METRICS=true and some traffic, when Prometheus scrapes, then it reads requests and durations by operation, errors by code and the views caught up', async () => {
    server = await startServer({ env: { METRICS: 'true' } });
    const opened = await server.gql(openCentre, { input: { name: 'Sjenica Community Centre', municipality: 'Sjenica', district: 'Raška' } }, { operationName: 'OpenCentre' });
    const centreId = opened.body.data.openCentre.centre.id as string;
    const person = { centreId, givenName: 'Emina', familyName: 'Hodžić', sex: 'FEMALE', birthYear: 2014, group: 'RETURNEE' };
    await server.gql(register, { input: person }, { operationName: 'RegisterParticipant' });
    const volunteer = await server.tokenFor({ role: 'volunteer', volunteerId: 'v-1' });
    const refused = await server.gql(register, { input: person }, { operationName: 'RegisterParticipant', token: volunteer });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await server.gql('query Centres { centres { id } }', {}, { operationName: 'Centres' });
    await server.gql('query Centres { centres { id } }', {}, { operationName: 'Centres', token: null });
    await server.gql('query Probe { centres { noSuchField } }', {}, { operationName: 'Probe' });

    const answer = await scrape(server.origin);

    expect(answer.status).toBe(200);
    expect(answer.type).toContain('text/plain');
    expect(sample(answer.text, 'ledger_graphql_requests_total{operation="RegisterParticipant",type="mutation"}')).toBe(2);
    expect(sample(answer.text, 'ledger_graphql_requests_total{operation="Centres",type="query"}')).toBe(1);
    expect(sample(answer.text, 'ledger_graphql_request_duration_seconds_count{operation="OpenCentre",type="mutation"}')).toBe(1);
    expect(sample(answer.text, 'ledger_graphql_errors_total{code="FORBIDDEN"}')).toBe(1);
    expect(sample(answer.text, 'ledger_graphql_errors_total{code="UNAUTHENTICATED"}')).toBe(1);
    expect(sample(answer.text, 'ledger_graphql_errors_total{code="GRAPHQL_VALIDATION_FAILED"}')).toBe(1);
    expect(sample(answer.text, 'ledger_views_lag_positions')).toBe(0);
    expect(sample(answer.text, 'ledger_log_head_position')).toBeGreaterThanOrEqual(2);
    expect(sample(answer.text, 'ledger_store_appends_in_flight')).toBe(0);
    expect(sample(answer.text, 'ledger_store_errors_total{kind="unavailable"}') ?? 0).toBe(0);
    expect(answer.text).toContain('ledger_store_reconnects_total 0');
    expect(answer.text).toContain('ledger_mutations_in_flight 0');
    // Nothing of what was sent: no name, no id, no variable.
    for (const secret of ['Emina', 'Hodžić', centreId, 'Sjenica']) expect(answer.text).not.toContain(secret);
  });

  it('given operation names a client makes up, when they are many, then the labels stay bounded: past the cap they count as other', async () => {
    server = await startServer({ env: { METRICS: 'true' } });
    await server.gql('query { centres { id } }');
    for (let n = 0; n < MAX_OPERATION_NAMES + 20; n++) await server.gql(`query Q${n} { centres { id } }`, {}, { operationName: `Q${n}` });

    const answer = await scrape(server.origin);

    const labelled = answer.text.split('\n').filter((line) => line.startsWith('ledger_graphql_requests_total{'));
    expect(labelled).toHaveLength(MAX_OPERATION_NAMES + 2);
    expect(sample(answer.text, 'ledger_graphql_requests_total{operation="anonymous",type="query"}')).toBe(1);
    expect(sample(answer.text, 'ledger_graphql_requests_total{operation="other",type="query"}')).toBe(20);
  });
});
