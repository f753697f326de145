import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // A keychain and a PostgreSQL, found or started before any test.
    globalSetup: ['test/support/vitest-global-setup.ts'],
    // Every output and event is checked against the contract in tests.
    env: { ALGA_CONSOLE_STRICT: '1', LOG_LEVEL: 'warn' },
    pool: 'forks',
  },
});
