/**
 * People benchmarks (`npx tsx --expose-gc src/bench/people.ts [--participants 100000] [--rows 10000]`):
 *
 * 1. matching: an in-memory name index of N generated participants (src/people/name-index.ts),
 *    built without disk, then lookups of names written differently (Cyrillic, without diacritics,
 *    one slip, a year off): the time per lookup (median, p99, max) and the heap the index holds.
 * 2. import: a participants list of R rows through POST /imports/participants' code path on the
 *    embedded store (a temporary DATA_DIR): the dry run and the real run, end to end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openLedger } from '../app.js';
import { systemActor } from '../auth/actor.js';
import { loadOrCreateLocalSecret } from '../auth/tokens.js';
import { parseConfig } from '../config.js';
import { boysNames, familyNames, girlsNames } from '../demo/names.js';
import { seeded } from '../demo/random.js';
import { foldName } from '../domain/people/matching.js';
import { importParticipants } from '../imports/participants.js';
import { readTable } from '../imports/table.js';
import { createLogger } from '../logger.js';
import { createNameIndexCore } from '../people/name-index.js';

const { values: args } = parseArgs({
  options: { participants: { type: 'string', default: '100000' }, rows: { type: 'string', default: '10000' }, skip: { type: 'string', default: '' } },
});
const skip = new Set(args.skip.split(',').filter(Boolean));
const rng = seeded(17);
const SYLLABLES = ['ba', 'ce', 'di', 'fo', 'gu', 'ha', 'je', 'ki', 'lo', 'mu', 'na', 'pe', 'ri', 'so', 'tu', 'va', 'ze'];
/** A family name of the region, or (most) one made of a root and two syllables: about 100,000 distinct ones. */
const familyName = () => (rng.chance(0.2) ? rng.pick(familyNames) : `${rng.pick(familyNames).slice(0, 3)}${rng.pick(SYLLABLES)}${rng.pick(SYLLABLES)}ović`);
const givenName = () => rng.pick(rng.chance(0.5) ? girlsNames : boysNames);
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

const CYRILLIC: Record<string, string> = { a: 'а', b: 'б', c: 'ц', č: 'ч', ć: 'ћ', d: 'д', đ: 'ђ', e: 'е', f: 'ф', g: 'г', h: 'х', i: 'и', j: 'ј', k: 'к', l: 'л', m: 'м', n: 'н', o: 'о', p: 'п', r: 'р', s: 'с', š: 'ш', t: 'т', u: 'у', v: 'в', z: 'з', ž: 'ж' };
const toCyrillic = (name: string) => [...name].map((c) => { const t = CYRILLIC[c.toLowerCase()]; return t ? (c === c.toLowerCase() ? t : t.toUpperCase()) : c; }).join('');
const withoutDiacritics = (name: string) => name.replace(/đ/g, 'dj').replace(/Đ/g, 'Dj').normalize('NFD').replace(/\p{M}/gu, '');
const slip = (name: string) => (name.length > 3 ? name.slice(0, 2) + name[3] + name[2] + name.slice(4) : name);

function matching(n: number) {
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const index = createNameIndexCore();
  const people: { given: string; family: string; birthYear: number }[] = [];
  const builtAt = performance.now();
  for (let i = 0; i < n; i++) {
    const person = { given: givenName(), family: familyName(), birthYear: 2000 + rng.int(0, 20) };
    people.push(person);
    index.put({ participantId: `p${i}`, centreId: `c${i % 12}`, birthYear: person.birthYear, given: foldName(person.given), family: foldName(person.family) });
  }
  const buildMs = performance.now() - builtAt;
  people.length = Math.min(people.length, 2000);
  gc();
  const heap = process.memoryUsage().heapUsed - heapBefore;
  const variants = [toCyrillic, withoutDiacritics, slip, (s: string) => s.toUpperCase()];
  // Warm-up, so that the figures are the steady state's and not the compiler's first pass.
  for (let i = 0; i < 500; i++) index.find({ givenName: people[i % people.length]!.given, familyName: people[i % people.length]!.family, birthYear: 2010 });
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < 2000; i++) {
    const person = people[i % people.length]!;
    const write = variants[i % variants.length]!;
    const started = performance.now();
    const matches = index.find({ givenName: write(person.given), familyName: write(person.family), birthYear: person.birthYear + (i % 3 === 0 ? 1 : 0) });
    times.push(performance.now() - started);
    if (matches.length > 0) found += 1;
  }
  times.sort((a, b) => a - b);
  console.log(
    `matching: ${n.toLocaleString('en')} participants (${index.families().toLocaleString('en')} distinct family names, ${index.keys().toLocaleString('en')} keys) ` +
      `built in ${(buildMs / 1000).toFixed(2)} s, heap ${mib(heap)}; 2,000 lookups: median ${percentile(times, 0.5).toFixed(3)} ms, ` +
      `p99 ${percentile(times, 0.99).toFixed(3)} ms, max ${times[times.length - 1]!.toFixed(3)} ms; a match found in ${found}/2000`,
  );
}

async function importing(rows: number) {
  const dir = mkdtempSync(join(tmpdir(), 'centre-ledger-import-bench-'));
  const config = parseConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', TZ: 'Europe/Belgrade' });
  // As the server runs it: the views on a thread of their own.
  const ledger = await openLedger(config, createLogger('silent'), { viewsThread: true });
  try {
    const context = { actor: systemActor, correlationId: 'bench' };
    const { result } = await ledger.commands.openCentre(context, { name: 'Bench centre', municipality: 'Novi Pazar', district: 'Raška' });
    await ledger.runner.waitFor(await ledger.store.headPosition());
    // Distinct people, as a real list: names numbered apart so that no row is a duplicate of another.
    const lines = ['ime;prezime;pol;godina_rodjenja;grupa'];
    for (let i = 0; i < rows; i++) lines.push(`${givenName()};${familyName()} ${i};${rng.chance(0.5) ? 'Ž' : 'M'};${2005 + rng.int(0, 15)};${rng.chance(0.4) ? 'povratnik' : 'lokalni'}`);
    const table = await readTable(Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'));
    const deps = { commands: ledger.commands, read: ledger.read, names: ledger.names, secret: loadOrCreateLocalSecret(dir, undefined), timeZone: config.timeZone, prepareKeys: (ids: readonly string[]) => ledger.vault.prepareKeys(ids) };
    for (const dryRun of [true, false]) {
      const started = performance.now();
      const report = await importParticipants(deps, { actor: systemActor, correlationId: 'bench', centreId: result.centreId, dryRun }, table);
      await ledger.runner.waitFor(await ledger.store.headPosition(), 120_000);
      const seconds = (performance.now() - started) / 1000;
      console.log(`import ${dryRun ? '(dry run)' : '(stored)  '}: ${report.rows.toLocaleString('en')} rows, ${report.accepted} accepted, ${report.rejected.length} rejected, ${report.stored} stored in ${seconds.toFixed(1)} s (${Math.round(report.rows / seconds)} rows/s, views included)`);
    }
  } finally {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!skip.has('matching')) matching(Number(args.participants));
if (!skip.has('import')) await importing(Number(args.rows));
