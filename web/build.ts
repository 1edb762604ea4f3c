import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Builds the web app into web/dist when it is missing or older than its sources: `npm start`
 * runs this first (prestart), and so does the browser test. Run directly: `tsx web/build.ts`.
 */
const web = fileURLToPath(new URL('.', import.meta.url));
const sources = ['src', 'public', 'index.html', 'vite.config.ts', 'sw.ts'].map((name) => join(web, name));
const built = join(web, 'dist', 'index.html');

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export function webBuildIsStale(): boolean {
  return !existsSync(built) || Math.max(...sources.map(newest)) > statSync(built).mtimeMs;
}

/**
 * Runs `vite build` in a child process with NODE_ENV=production: inside vitest (NODE_ENV=test) an
 * in-process build would be a development build, without the service worker and twice the size.
 */
export async function buildWebIfStale(options: { force?: boolean; quiet?: boolean } = {}): Promise<boolean> {
  if (!options.force && !webBuildIsStale()) return false;
  // Test files run in parallel workers: one builds, the others wait and then find it fresh.
  return withBuildLock(async () => {
    if (!options.force && !webBuildIsStale()) return false;
    await viteBuild(options.quiet ?? false);
    return true;
  });
}

const lock = join(web, '.build.lock');

async function withBuildLock<T>(run: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock left by a build that died long ago is taken over.
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return await run();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

async function viteBuild(quiet: boolean): Promise<void> {
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  const args = [vite, 'build', '--config', join(web, 'vite.config.ts'), ...(quiet ? ['--logLevel', 'warn'] : [])];
  await new Promise<void>((resolve, reject) => {
    const child = execFile(process.execPath, args, { env: { ...process.env, NODE_ENV: 'production' } }, (error, _stdout, stderr) =>
      error ? reject(new Error(`vite build failed: ${stderr || error.message}`)) : resolve(),
    );
    if (!quiet) child.stdout?.pipe(process.stdout);
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const built = await buildWebIfStale({ force: process.argv.includes('--force') });
  if (!built) console.log('web/dist is up to date');
}
