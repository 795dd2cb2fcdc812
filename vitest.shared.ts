import { defineConfig } from 'vitest/config';

/** The one vitest configuration; each package's vitest.config.ts re-exports it. */
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // The JSON report lets .ci/run print one closing line for the whole monorepo.
    reporters: ['default', ['json', { outputFile: 'test-output/vitest.json' }]],
  },
});
