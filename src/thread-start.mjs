// Starts a worker thread on a TypeScript entry (src/threads.ts). A worker does not inherit the
// TypeScript loader that `npm start` runs under, so this plain module registers tsx's first.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
