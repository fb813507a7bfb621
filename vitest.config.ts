import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Each test file in its own child process (PGlite's WebAssembly memory is freed with it), two
    // at a time: the machines have 2 cores, and vitest's default (cores − 1) would run one file
    // at a time. Override with --maxWorkers.
    pool: 'forks',
    maxWorkers: 2,
    // A guard against hangs, not a speed target: two files share 2 cores with whatever else the
    // machine runs, and the heaviest tests (6,000 customers through real processes) take ≈ 45 s
    // alone on a loaded machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
