import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
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
