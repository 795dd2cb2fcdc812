import { defineConfig } from 'vitest/config';

/** The one vitest configuration; each package's vitest.config.ts re-exports it. */
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // A hang detector, not a speed limit: no verdict may depend on how fast the machine is (work is
    // bounded by counts and virtual time), so the only wall-clock limit is one no healthy test nears
    // even with every core busy.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
    // The JSON report lets .ci/run print one closing line for the whole monorepo.
    reporters: ['default', ['json', { outputFile: 'test-output/vitest.json' }]],
  },
});
