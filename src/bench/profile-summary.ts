/**
 * Where a thread's time went, from a V8 CPU profile (a server run with
 * `BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" npm run bench …` writes one per thread):
 * the share of each source file and of each function's own time, over a window of seconds.
 * Without --from, it prints the thread's busy share second by second, to find the load's window.
 *
 *   npx tsx src/bench/profile-summary.ts DIR/CPU.….cpuprofile [--from 47 --to 58] [--top 30]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { from: { type: 'string' }, to: { type: 'string' }, top: { type: 'string', default: '25' } },
});
if (!positionals[0]) throw new Error('name a .cpuprofile file');
const profile = JSON.parse(readFileSync(positionals[0], 'utf8')) as Profile;
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
// Paths shortened to the package or the repository's own file.
const fileOf = ({ url, functionName }: ProfileNode['callFrame']) =>
  url === '' ? functionName : url.replace(/.*node_modules\/(@[^/]+\/[^/]+|[^/]+)\/.*/, '$1').replace(/^file:\/\/.*?\/(src|projections|dist)\//, '$1/');
const functionOf = (frame: ProfileNode['callFrame']) => `${frame.functionName || '(anonymous)'} ${fileOf(frame)}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;

const busyBySecond = new Map<number, { idle: number; busy: number }>();
const byFile = new Map<string, number>();
const byFunction = new Map<string, number>();
const from = values.from === undefined ? undefined : Number(values.from);
const to = Number(values.to ?? Infinity);
let elapsed = 0;
let total = 0;
profile.samples.forEach((id, index) => {
  const delta = profile.timeDeltas[index] ?? 0;
  elapsed += delta;
  const second = Math.floor(elapsed / 1e6);
  const frame = nodes.get(id)!.callFrame;
  const bucket = busyBySecond.get(second) ?? { idle: 0, busy: 0 };
  bucket[frame.functionName === '(idle)' ? 'idle' : 'busy'] += delta;
  busyBySecond.set(second, bucket);
  if (from === undefined || second < from || second >= to) return;
  total += delta;
  byFile.set(fileOf(frame), (byFile.get(fileOf(frame)) ?? 0) + delta);
  byFunction.set(functionOf(frame), (byFunction.get(functionOf(frame)) ?? 0) + delta);
});

if (from === undefined) {
  console.log('busy share by second (second:percent):');
  console.log([...busyBySecond].map(([second, { idle, busy }]) => `${second}:${Math.round((100 * busy) / (idle + busy || 1))}`).join(' '));
} else {
  const top = (shares: Map<string, number>) =>
    [...shares]
      .sort((a, b) => b[1] - a[1])
      .slice(0, Number(values.top))
      .map(([name, time]) => `${((100 * time) / total).toFixed(1).padStart(5)}%  ${name}`)
      .join('\n');
  console.log(`${(total / 1e6).toFixed(1)} s sampled from second ${from} to ${to}\n\nby file:\n${top(byFile)}\n\nby function (own time):\n${top(byFunction)}`);
}
