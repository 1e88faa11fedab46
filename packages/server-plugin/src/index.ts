export type { AccessAction, AccessRequest, AuthorizeHook } from './access.js';
export { ACT_ON_BEHALF_PERMISSION, ADMIN_PERMISSION, defaultAuthorize, isSessionAdmin } from './access.js';
export type {
  AccountTarget,
  ImportCredentialsInput,
  InDefaultTenant,
  IssueSessionInput,
  SessionKit,
} from './createSessionKit.js';
export type { SessionKitCookieOptions, SessionKitOptions } from './kitOptions.js';
export type { SessionKitRequestContext } from './kitContext.js';
export { createSessionKit } from './createSessionKit.js';
export type { LoginThrottle, LoginThrottleBudget, LoginThrottleOptions } from './loginThrottle.js';
export { createLoginThrottle } from './loginThrottle.js';
export type { ErrorBody, RequestErrorAnswer, RouteTable } from './http/errorResponses.js';
export { STATUS_BY_CODE, unreadableRequest } from './http/errorResponses.js';
export type { LimitReachedBody, SessionJson, SessionUserJson } from './http/sessionJson.js';
export { limitReachedBody } from './http/sessionJson.js';
export type { MongoSessionStoreOptions } from './mongo/mongoSessionStore.js';
export { MongoSessionStore } from './mongo/mongoSessionStore.js';
