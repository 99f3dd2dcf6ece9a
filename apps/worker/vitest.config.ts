import { defineConfig } from 'vitest/config';

// Files run one after another: the fault tests spawn worker processes and private Redis servers,
// and two cores cannot host several such clusters at once without starving their heartbeats.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 30_000,
    fileParallelism: false,
  },
});
