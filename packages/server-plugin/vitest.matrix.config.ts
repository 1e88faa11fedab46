import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The older majors the peer ranges promise, Express 4 and mongoose 8 (installed as the `express4` and
 * `mongoose8` aliases), under the HTTP suite and the Mongo store's contract. `pnpm test` runs this after the
 * main run (Express 5, mongoose 9); the source and the tests import `express` and `mongoose` as a host's code
 * would, and the aliases swap the package under them.
 */
export default defineConfig({
  ...base,
  resolve: {
    alias: [
      { find: /^express$/, replacement: 'express4' },
      { find: /^express\/package\.json$/, replacement: 'express4/package.json' },
      { find: /^mongoose$/, replacement: 'mongoose8' },
    ],
  },
  test: {
    ...base.test,
    include: [
      'test/access.test.ts',
      'test/accountFlows.test.ts',
      'test/authenticate.test.ts',
      'test/httpContract.test.ts',
      'test/loginThrottle.test.ts',
      'test/malformedInput.test.ts',
      'test/mongoStore.contract.test.ts',
      'test/peerVersions.test.ts',
      'test/routes.test.ts',
      'test/unauthenticated.test.ts',
      'test/unhandledRejections.test.ts',
      'test/unreadableRequest.test.ts',
    ],
    env: {
      SESSIONKIT_EXPRESS_MAJOR: '4',
      SESSIONKIT_MONGOOSE_MAJOR: '8',
      // Views read straight from the collections: every query the contract makes goes through mongoose.
      SESSIONKIT_CONTRACT_VIEWS: 'database',
    },
    // Coverage is the main run's measure; this run checks behaviour on other majors.
    coverage: { ...base.test?.coverage, enabled: false },
  },
});
