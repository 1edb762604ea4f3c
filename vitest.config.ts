import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// Node (tsx, `npm start`) loads graphql's CommonJS build everywhere, graphql-yoga included. Vite
// would hand the files it transforms the ESM build instead: a second copy, and `instanceof
// GraphQLError` in src/api/errors.ts would fail. One copy in tests, as in production.
const graphql = createRequire(import.meta.url).resolve('graphql');

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphql }] },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
