import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Node resolves `graphql` to its CommonJS build (the package has no "exports"), Vite to the
    // ESM one; tests must load the same single copy the server does, or `instanceof` checks
    // between graphql-tools' types and ours fail.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.int.test.ts'],
          environment: 'node',
          globalSetup: ['test/globalSetup.ts'],
          // One Neo4j serves every file; files in parallel would trip over each other's writes and timeouts.
          fileParallelism: false,
          // The first run may download Neo4j and a cold JVM start takes ~10 s on a 2-core machine.
          hookTimeout: 120_000,
          testTimeout: 120_000,
        },
      },
    ],
  },
});
