import { readdirSync, readFileSync } from 'node:fs';

/** CPU time the kernel counts in clock ticks (USER_HZ, 100 on Linux). */
const TICK_MS = 10;

/** CPU ms used so far by each thread of a process, by thread id (Linux /proc; empty elsewhere). */
export function threadCpu(pid: number): Map<string, number> {
  const used = new Map<string, number>();
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return used;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      // Fields after the command name: utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      used.set(tid, (Number(fields[11]) + Number(fields[12])) * TICK_MS);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return used;
}

/**
 * The CPU a process used between two samples, per request: in all, on its main thread (the
 * requests), and on its busiest other thread (in the ledger, the views' thread; Node names no
 * threads, so it is told apart by what it does).
 */
export function cpuPerRequest(pid: number, before: Map<string, number>, after: Map<string, number>, requests: number) {
  let total = 0;
  let busiestOther = 0;
  for (const [tid, ms] of after) {
    const used = ms - (before.get(tid) ?? 0);
    total += used;
    if (tid !== String(pid) && used > busiestOther) busiestOther = used;
  }
  const main = (after.get(String(pid)) ?? 0) - (before.get(String(pid)) ?? 0);
  const per = (ms: number) => (requests > 0 ? ms / requests : NaN);
  return { process: per(total), main: per(main), otherThread: per(busiestOther) };
}
