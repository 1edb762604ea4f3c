/**
 * Progress for long command-line runs, on stderr: a bar redrawn in place (rate, ETA) when stderr
 * is a terminal, plain lines every few seconds otherwise (CI logs, files, pipes).
 */
export interface Progress {
  /** The work done so far, out of the total given at creation. */
  update(done: number): void;
  /** Ends the bar with a last line. */
  finish(done: number): void;
}

const duration = (seconds: number) => {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : m > 0 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
};

const count = (n: number) => n.toLocaleString('en-US');

export function createProgress(label: string, total: number, unit = 'events', stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = stream.isTTY === true;
  const started = performance.now();
  let lastDraw = 0;
  const line = (done: number) => {
    const seconds = (performance.now() - started) / 1000;
    const rate = done / Math.max(seconds, 1e-6);
    const share = total > 0 ? Math.min(1, done / total) : 1;
    const eta = rate > 0 ? (total - done) / rate : Infinity;
    return { seconds, rate, share, eta };
  };
  return {
    update(done) {
      const now = performance.now();
      if (now - lastDraw < (tty ? 200 : 5_000)) return;
      lastDraw = now;
      const { rate, share, eta } = line(done);
      if (tty) {
        const width = 28;
        const filled = Math.round(share * width);
        const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
        stream.write(`\r${label} ${bar} ${(share * 100).toFixed(1).padStart(5)}% ${count(done)}/${count(total)} ${unit}  ${count(Math.round(rate))} ${unit}/s  ETA ${duration(eta)}   `);
      } else {
        stream.write(`${label}: ${count(done)}/${count(total)} ${unit} (${(share * 100).toFixed(1)}%), ${count(Math.round(rate))} ${unit}/s, ETA ${duration(eta)}\n`);
      }
    },
    finish(done) {
      const { seconds, rate } = line(done);
      stream.write(`${tty ? '\r\x1b[2K' : ''}${label}: ${count(done)} ${unit} in ${duration(seconds)} (${count(Math.round(rate))} ${unit}/s)\n`);
    },
  };
}
