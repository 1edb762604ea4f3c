/**
 * A short fuzzing round over HTTP (see test/fuzz/fuzz.ts) for CI; `npm run fuzz` runs a long one.
 */
import { describe, expect, it } from 'vitest';
import { fuzzMutations } from './fuzz.js';

describe('fuzzing every mutation over HTTP', () => {
  it('given thousands of random and malformed inputs, when each is sent, then no answer is a 5xx or an internal error, the server keeps answering, and only successes store events', async () => {
    const report = await fuzzMutations({ runs: 5_000, seed: 4_242, timeLimitMs: 15_000 });
    expect(report.failure).toBeUndefined();
    expect(report.runs).toBeGreaterThan(500);
    expect(report.succeeded).toBeGreaterThan(0);
    expect(report.refused).toBeGreaterThan(0);
  }, 120_000);

  it('given requests that are not GraphQL at all, when they are sent, then each is refused with a 4xx, never a 5xx', async () => {
    const { startServer } = await import('../support/server.js');
    const server = await startServer();
    try {
      const bodies: [string, string][] = [
        ['application/json', '{not json'],
        ['application/json', '[]'],
        ['application/json', 'null'],
        ['application/json', '{"query": 42}'],
        ['application/json', '{"query": "mutation { openCentre(input: {}) { __typename } }", "variables": "x"}'],
        ['application/json', JSON.stringify({ query: `{ ${'centres { '.repeat(40)}id${' }'.repeat(40)} }` })],
        ['application/json', JSON.stringify({ query: 'mutation { openCentre }', variables: { input: 'x'.repeat(1_100_000) } })],
        ['text/plain', 'mutation { x }'],
        ['application/x-www-form-urlencoded', 'query=mutation%20%7B%20x%20%7D'],
      ];
      for (const [contentType, body] of bodies) {
        const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': contentType, authorization: `Bearer ${server.token}` }, body });
        const text = await response.text();
        expect(response.status, `${contentType} ${body.slice(0, 60)} -> ${response.status} ${text.slice(0, 200)}`).toBeLessThan(500);
        expect(text).not.toMatch(/INTERNAL_SERVER_ERROR|unexpected error/i);
      }
      expect((await fetch(`${server.origin}/healthz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  }, 60_000);

  // Found by the fuzzer: a commandId with no UTF-8 form once reached the id derivation.
  it('given a commandId with a lone surrogate ("\\ud800"), then it is refused as bad input on commandId and nothing is stored', async () => {
    const { startServer } = await import('../support/server.js');
    const server = await startServer();
    try {
      const centre = await server.gql(`mutation ($input: OpenCentreInput!) { openCentre(input: $input) { centre { id } } }`, {
        input: { name: 'Surrogate Centre', municipality: 'Tutin', district: 'Raška' },
      });
      const centreId = centre.body.data.openCentre.centre.id as string;
      const before = server.eventCount();
      const response = await server.gql(`mutation ($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { volunteer { id } } }`, {
        input: { centreId, name: 'Vera', commandId: '\ud800' },
      });
      expect(server.eventCount()).toBe(before);
      expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'commandId' });
    } finally {
      await server.close();
    }
  }, 60_000);
});
