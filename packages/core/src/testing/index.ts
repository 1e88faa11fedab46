export type { StoreContractOptions } from './storeContract.js';
export { runStoreContract } from './storeContract.js';
export { aPushRegistration, aSession, anApiKey, anAuditEvent, anAuthorizedApp } from './builders.js';
export type { HttpCaller, HttpContractCase, HttpContractOptions, HttpFetch } from './httpContract.js';
export { HTTP_CONTRACT, runHttpContract } from './httpContract.js';
