import { createSchema, createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budgetPlugin, withDeadlines } from '../../src/api/guards/budget.js';
import { listLength } from '../../src/api/guards/cost.js';
import type { ViewSizes } from '../../src/read/sizes.js';
import { startServer, type TestServer } from '../support/server.js';

const sizes: ViewSizes = { byType: { Centre: 4, Workshop: 400, Participant: 200 }, attendances: 4_000, cycleSessions: 0, householdMembers: 0, spanDays: 100 };

describe('list lengths', () => {
  it('given the views hold 4 centres, 400 workshops and 4,000 attendances, then the lists are estimated from them, nested lists per parent, a period by its share', () => {
    expect(listLength('Query', 'centres', 'Centre', {}, sizes)).toBe(4);
    expect(listLength('Centre', 'workshops', 'Workshop', {}, sizes)).toBe(100);
    expect(listLength('Workshop', 'attendees', 'Participant', {}, sizes)).toBe(10);
    // Centres × their workshops × attendees = every attendance.
    expect(4 * 100 * 10).toBe(sizes.attendances);
    expect(listLength('Centre', 'workshops', 'Workshop', { from: '2026-01-01', to: '2026-01-10' }, sizes)).toBe(10);
    expect(listLength('Query', 'workshops', 'Workshop', { centreId: 'c' }, sizes)).toBe(100);
    expect(listLength('Query', 'breakdown', 'BreakdownCell', {}, sizes)).toBeGreaterThan(1);
  });
});

describe('the time budget', () => {
  it('given a query still resolving a list past its budget, then it stops between items and answers one TIMEOUT error, no partial data', async () => {
    let resolved = 0;
    const busy = (ms: number) => {
      const until = Date.now() + ms;
      while (Date.now() < until);
    };
    const schema = withDeadlines(
      createSchema({
        typeDefs: 'type Item { n: Int! } type Query { items: [Item!]! }',
        resolvers: { Query: { items: () => Array.from({ length: 1_000 }, (_, n) => ({ n })) }, Item: { n: (item: { n: number }) => (resolved++, busy(1), item.n) } },
      }),
    );
    const yoga = createYoga({
      schema,
      context: () => ({ read: { sizes: () => sizes } }),
      plugins: [budgetPlugin({ maxCost: 1_000_000, budgetMs: 100 })],
      logging: false,
    });
    const started = Date.now();
    const response = await yoga.fetch('http://x/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ items { n } }' }) });
    const body = await response.json();
    expect(body.data ?? null).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions.code).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(resolved).toBeLessThan(1_000);
  });
});

describe('over HTTP', () => {
  let server: TestServer;
  let centreId: string;
  beforeAll(async () => {
    server = await startServer({ env: { QUERY_MAX_COST: '2000' } });
    centreId = (await server.gql(`mutation { openCentre(input: { name: "C", municipality: "M", district: "D" }) { centre { id } } }`)).body.data.openCentre.centre.id;
    for (let i = 0; i < 20; i++) {
      await server.gql(`mutation($i: RegisterParticipantInput!) { registerParticipant(input: $i) { participant { id } } }`, {
        i: { centreId, givenName: `Ana${i}`, familyName: 'B', sex: 'FEMALE', birthYear: 2012, group: 'LOCAL' },
      });
    }
  });
  afterAll(() => server.close());

  const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: centres { participants { code } }`).join(' ')} }`;

  it('given a list query within the limit, then it answers', async () => {
    const answer = await server.gql(aliased(10));
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.a9[0].participants).toHaveLength(20);
  });

  it('given aliases that multiply a list past the limit, then QUERY_TOO_EXPENSIVE before it runs, with the estimate', async () => {
    const answer = await server.gql(aliased(60));
    expect(answer.body.data ?? null).toBeNull();
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_EXPENSIVE', maxCost: 2000 });
    // 60 aliases × 1 centre × (1 + 20 participants × 2 fields): the list sizes count, not the document's length.
    expect(answer.body.errors?.[0]?.extensions?.estimatedCost).toBe(60 * (1 + 20 * 2));
  });

  it('given a mutation, then it is never refused by the query budget', async () => {
    const answer = await server.gql(`mutation { openCentre(input: { name: "C2", municipality: "M", district: "D" }) { centre { id } } }`);
    expect(answer.body.errors).toBeUndefined();
  });
});
