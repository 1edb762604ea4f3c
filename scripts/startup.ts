/**
 * Start time and memory of the server from its TypeScript sources (`tsx src/main.ts`, as
 * `npm start` ran it before the build) and compiled (`node dist/src/main.js`, as it runs now).
 * Each start is a restart on one small DATA_DIR; the time runs from spawning to /readyz answering
 * 200, the memory is the resident set of the whole process tree (tsx's CLI is a parent process of
 * its own) once ready.
 *
 *   npx tsx scripts/startup.ts [--runs 5]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer, serverBuildIsStale } from '../src/cli/build.js';
import { projectRoot } from '../src/project-root.js';
import { cleanEnvironment, freePort } from '../test/support/child-server.js';

const runsArgument = process.argv.indexOf('--runs');
const runs = runsArgument > 0 ? Number(process.argv[runsArgument + 1]) : 5;
const tsx = join(projectRoot, 'node_modules', '.bin', 'tsx');
const variants = [
  { name: 'tsx src/main.ts', command: tsx, args: ['src/main.ts'] },
  { name: 'node dist/src/main.js', command: process.execPath, args: ['dist/src/main.js'] },
];

/** Resident memory in KiB of a process and all its descendants. */
function treeRssKiB(pid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  let total = 0;
  const visit = (id: number) => {
    const status = existsSync(`/proc/${id}/status`) ? readFileSync(`/proc/${id}/status`, 'utf8') : '';
    total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    for (const child of children.get(id) ?? []) visit(child);
  };
  visit(pid);
  return total;
}

async function startOnce(variant: (typeof variants)[number], dataDir: string) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(variant.command, variant.args, {
    cwd: projectRoot,
    env: { ...cleanEnvironment(), DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    for (;;) {
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((response) => response.ok, () => false);
      if (ready) break;
      if (performance.now() - started > 60_000) throw new Error(`${variant.name} did not get ready within 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const ms = performance.now() - started;
    // A moment for the start's garbage to settle, then the whole tree's resident memory.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    return { ms, rssMiB: treeRssKiB(child.pid!) / 1024 };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

if (serverBuildIsStale()) await buildServer();
const dataDir = mkdtempSync(join(tmpdir(), 'centre-ledger-startup-'));
try {
  await startOnce(variants[1]!, dataDir); // the first start creates the files; not measured
  console.log(`| command | start to ready, median of ${runs} | resident memory once ready |`);
  console.log('| --- | ---: | ---: |');
  for (const variant of variants) {
    const results = [];
    for (let run = 0; run < runs; run++) results.push(await startOnce(variant, dataDir));
    console.log(`| \`${variant.name}\` | ${median(results.map((r) => r.ms)).toFixed(0)} ms | ${median(results.map((r) => r.rssMiB)).toFixed(0)} MiB |`);
  }
  console.log(`Node ${process.version}, ${new Date().toISOString()}`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
