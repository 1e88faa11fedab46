import { afterAll, describe } from 'vitest';
import type { StoreContractOptions } from './contractSupport.js';
import { credentialsContract } from './credentialsContract.js';
import { devicesContract } from './devicesContract.js';
import { lifecycleContract } from './lifecycleContract.js';
import { suspensionContract } from './suspensionContract.js';
import { adminViewsContract } from './viewsContract.js';

export type { StoreContractOptions } from './contractSupport.js';

/**
 * The definition of a correct `SessionStore`. Every store runs this very file:
 * `runStoreContract('mongo', { makeStore })` inside a vitest test file.
 */
export function runStoreContract(name: string, options: StoreContractOptions): void {
  describe(`SessionStore contract: ${name}`, () => {
    if (options.teardown) afterAll(options.teardown);
    lifecycleContract(options);
    adminViewsContract(options);
    credentialsContract(options);
    suspensionContract(options);
    devicesContract(options);
  });
}
