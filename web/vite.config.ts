import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * Writes sw.js, the service worker, from web/sw.ts's compiled template with the list of every file
 * of this build, so the whole app shell is cached on the first visit, not only after a reload.
 */
function serviceWorker(): Plugin {
  return {
    name: 'centre-ledger-service-worker',
    apply: 'build',
    async generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((name) => !name.endsWith('.map'));
      const shell = ['/', '/manifest.webmanifest', '/icon.svg', ...files.filter((name) => name !== 'index.html').map((name) => `/${name}`)];
      const version = createHash('sha256').update(files.sort().join('\n')).digest('hex').slice(0, 12);
      const { transformWithOxc } = await import('vite');
      const source = readFileSync(`${here}sw.ts`, 'utf8');
      const { code } = await transformWithOxc(source, 'sw.ts', { lang: 'ts' });
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: code.replace('__SHELL__', JSON.stringify(shell)).replace('__VERSION__', JSON.stringify(version)),
      });
    },
  };
}

export default defineConfig({
  root: here,
  base: '/',
  publicDir: 'public',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2020', sourcemap: false, chunkSizeWarningLimit: 200 },
  plugins: [serviceWorker()],
  server: { proxy: { '/graphql': 'http://localhost:4000', '/auth': 'http://localhost:4000', '/exports': 'http://localhost:4000' } },
});
