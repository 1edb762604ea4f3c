/**
 * Compiles the server to JavaScript in dist/ (tsconfig.build.json), so that production runs plain
 * Node without tsx's loader: `npm run build` always, and `npm start` (prestart) with --if-stale
 * only when dist/ is missing or older than its sources, as web/build.ts does for the web app.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from '../project-root.js';

const sources = ['src', 'projections', 'tsconfig.json', 'tsconfig.build.json', 'package.json'].map((name) => join(projectRoot, name));
export const distDir = join(projectRoot, 'dist');
/** Written last, once tsc succeeded: a build that failed half-way is never taken for a fresh one. */
const stamp = join(distDir, '.built');

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export function serverBuildIsStale(): boolean {
  return !existsSync(stamp) || Math.max(...sources.map(newest)) > statSync(stamp).mtimeMs;
}

export async function buildServer(): Promise<void> {
  // From scratch: a source that was deleted leaves no module behind in dist/.
  rmSync(distDir, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, [tsc, '-p', join(projectRoot, 'tsconfig.build.json')], { cwd: projectRoot }, (error, stdout) =>
      error ? reject(new Error(`the server's build failed:\n${stdout || error.message}`)) : resolve(),
    );
  });
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--if-stale') && !serverBuildIsStale()) {
    console.log('dist/ is up to date');
  } else {
    const started = Date.now();
    try {
      await buildServer();
      console.log(`compiled the server into dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (error) {
      console.error((error as Error).message);
      process.exitCode = 1;
    }
  }
}
