import { defineConfig } from 'vitest/config';

// Browser tests against the built api, worker and web started by scripts/test.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.spec.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
