import { defineConfig } from 'vitest/config';

// End-to-end tests: each file starts the built demo and drives real Chromium. One file at a time keeps
// two cores for the browser and the server; time moves through the demo's test clock, never by sleeping.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.test.ts', 'server/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
