import { defineConfig } from 'vitest/config';

/** Unit tests are pure and fast; integration tests use real SQLite files and real HTTP on loopback. */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.{ts,tsx}'], environment: 'node' } },
      {
        test: {
          // `npm run bench` only: datacenter-scale figures, one file after another on a quiet machine.
          name: 'bench',
          include: ['test/bench/**/*.bench.test.ts'],
          environment: 'node',
          globalSetup: ['test/bench/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 600_000,
          hookTimeout: 600_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
