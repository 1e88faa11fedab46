export type { StoreContractOptions } from './storeContract.js';
export { runStoreContract } from './storeContract.js';
export { aPushRegistration, aSession, anApiKey, anAuditEvent, anAuthorizedApp } from './builders.js';
