/*
 * The service worker: keeps the app shell (index.html and every built file) so the page opens
 * with no connection. It never touches the API: /graphql, /auth and /exports always go to the
 * network, and what waits to be sent lives in the page's IndexedDB outbox, not here.
 * vite.config.ts fills in the shell's file list and a version per build.
 */

interface ExtendableEventLike extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEventLike extends ExtendableEventLike {
  readonly request: Request;
  respondWith(response: Promise<Response> | Response): void;
}
interface ServiceWorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEventLike) => void): void;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  readonly location: Location;
}

const worker = self as unknown as ServiceWorkerScope;
const SHELL: string[] = __SHELL__;
const CACHE = `centre-ledger-shell-${__VERSION__}`;
const API = /^\/(graphql|auth|exports|healthz|readyz)(\/|\.|$)/;

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith('centre-ledger-shell-') && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== worker.location.origin || API.test(url.pathname)) return;
  if (request.mode === 'navigate') {
    // The page's routes: the network's index.html when there is one, the cached one otherwise.
    event.respondWith(
      fetch(request).catch(async () => (await caches.match('/', { ignoreSearch: true })) ?? Response.error()),
    );
    return;
  }
  // Built files have hashed names: the cached copy is always right.
  event.respondWith(caches.match(request).then((cached) => cached ?? fetch(request)));
});
