/**
 * The crash test (test/crash/crash.ts) at CI size: 5 kills of the real server under 12 concurrent
 * writers. `npm run test:crash` runs 20 or more.
 */
import { describe, expect, it } from 'vitest';
import { runningChildren } from '../../src/bench/spawn.js';
import { runCrashTest } from './crash.js';

describe('crash safety', () => {
  it('given a server killed with SIGKILL five times under heavy concurrent writes, when it restarts, then every acknowledged mutation is in the log once, nothing twice, the views were never ahead of the log, and they equal a fresh rebuild', async () => {
    const lines: string[] = [];
    const report = await runCrashTest({ kills: 5, concurrency: 12, seed: 20_26, loadMs: [300, 1_200], log: (line) => lines.push(line) });
    expect(report.problems, lines.join('\n')).toEqual([]);
    expect(report.acknowledged).toBeGreaterThan(100);
    expect(runningChildren()).toEqual([]);
  }, 180_000);
});
