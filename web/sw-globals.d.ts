/** Filled in by vite.config.ts when the service worker is built. */
declare const __SHELL__: string[];
declare const __VERSION__: string;
