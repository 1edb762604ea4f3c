/**
 * How long the most expensive queries take, and how long a health check waits meanwhile
 * (docs/design.md, bounded queries). Starts the server on an existing DATA_DIR (the demo's, or a
 * generated log: `npm run generate -- --events 1000000` into a DATA_DIR of its own), then sends
 * each query while /healthz is asked every 20 ms, and prints a table.
 *
 *   DATA_DIR=./data npx tsx src/bench/bounded-queries.ts
 *   npx tsx src/bench/bounded-queries.ts --data-dir /path/to/1M-log
 *   QUERY_MAX_COST=100000000 QUERY_TIMEOUT_MS=60000 npx tsx src/bench/bounded-queries.ts   (limits lifted)
 */
import { parseArgs } from 'node:util';
import { postGraphql, startLedgerServer, tokenFor } from './spawn.js';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string', default: process.env.DATA_DIR ?? './data' } } });
const dataDir = values['data-dir']!;

/** `n` aliases of one selection: what a client probing the limits sends. */
const aliased = (n: number, selection: string) => `query Q { ${Array.from({ length: n }, (_, i) => `a${i}: ${selection}`).join(' ')} }`;

const everyAttendee = 'centres { workshops { title startsAt attendees { code givenName familyName } } }';
const aMonthOfAttendees = 'centres { workshops(from: "2026-09-01", to: "2026-09-30") { title attendees { code } } }';
const everyParticipant = 'centres { participants { code givenName familyName } }';

async function measure(server: { origin: string; url: string }, token: string, query: string) {
  let healthWorst = 0;
  let probing = true;
  const probes = (async () => {
    while (probing) {
      const started = performance.now();
      // A kept-alive socket the server closed while it was busy fails once; the next probe reconnects.
      await fetch(`${server.origin}/healthz`).then((response) => response.arrayBuffer(), () => undefined);
      healthWorst = Math.max(healthWorst, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const started = performance.now();
  const answer = await postGraphql(server.url, token, query, {}, 120_000);
  const ms = performance.now() - started;
  probing = false;
  await probes;
  const error = answer.body?.errors?.[0];
  const bytes = JSON.stringify(answer.body ?? '').length;
  return { status: answer.status, code: error?.extensions?.code ?? (error ? 'ERROR' : 'ok'), ms, healthWorst, bytes, estimate: (error?.extensions as { estimatedCost?: number } | undefined)?.estimatedCost };
}

// QUERY_MAX_COST and QUERY_TIMEOUT_MS pass through, to compare with the limits lifted.
const limitsEnv = Object.fromEntries((['QUERY_MAX_COST', 'QUERY_TIMEOUT_MS'] as const).flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : [])));
const server = await startLedgerServer({ dataDir, env: limitsEnv });
try {
  const token = await tokenFor(dataDir);
  const cases: [string, string][] = [
    ['every attendee of every workshop, 1 alias', aliased(1, everyAttendee)],
    ['every attendee of every workshop, 5 aliases', aliased(5, everyAttendee)],
    ['one month of attendees, 1 alias', aliased(1, aMonthOfAttendees)],
    ['one month of attendees, 5 aliases', aliased(5, aMonthOfAttendees)],
    ['every participant with names, 1 alias', aliased(1, everyParticipant)],
    ['every participant with names, 20 aliases', aliased(20, everyParticipant)],
  ];
  // The most aliases of one month of attendees that the limit lets through: the worst query within it.
  let accepted = 0;
  for (let n = 1; n <= 64; n *= 2) {
    const estimate = await postGraphql(server.url, token, aliased(n, aMonthOfAttendees), {}, 120_000);
    if (estimate.body?.errors?.[0]?.extensions?.code === 'QUERY_TOO_EXPENSIVE') break;
    accepted = n;
  }
  if (accepted > 0) cases.push([`one month of attendees, ${accepted} aliases (most the limit accepts)`, aliased(accepted, aMonthOfAttendees)]);

  console.log(`bounded queries on ${dataDir}${Object.keys(limitsEnv).length ? ` with ${JSON.stringify(limitsEnv)}` : ''}\n`);
  console.log('| query | answer | ms | worst /healthz wait, ms | bytes |');
  console.log('| --- | --- | ---: | ---: | ---: |');
  for (const [name, query] of cases) {
    const result = await measure(server, token, query);
    const answer = result.code === 'ok' ? `${result.status} ok` : `${result.status} ${result.code}${result.estimate ? ` (estimate ${result.estimate.toLocaleString('en-US')})` : ''}`;
    console.log(`| ${name} | ${answer} | ${result.ms.toFixed(0)} | ${result.healthWorst.toFixed(0)} | ${result.bytes.toLocaleString('en-US')} |`);
  }
} finally {
  await server.stop();
}
