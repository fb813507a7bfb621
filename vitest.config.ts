import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Each test file in its own child process (PGlite's WebAssembly memory is freed with it), two
    // at a time: the machines have 2 cores, and vitest's default (cores − 1) would run one file
    // at a time. Override with --maxWorkers.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
