// The access rule is core's (the UI's mock and the router share it); hosts configure it here.
export type { AccessAction, AccessAnswer, AccessRequest, AuthorizeHook } from '@sessionkit/core';
export {
  ACT_ON_BEHALF_PERMISSION,
  ADMIN_PERMISSION,
  defaultAuthorize,
  isSessionAdmin,
} from '@sessionkit/core';
export type {
  AccountChange,
  AccountTarget,
  ImportCredentialsInput,
  InDefaultTenant,
  IssueSessionInput,
  SessionKit,
} from './createSessionKit.js';
export type { RiskSignalAlert } from '@sessionkit/core';
export type { SessionKitCookieOptions, SessionKitOptions } from './kitOptions.js';
export type { SessionKitRequestContext } from './kitContext.js';
export { createSessionKit } from './createSessionKit.js';
export type { ExpressSessionOptions } from './modes/expressSession.js';
export type { JwtAuthenticateOptions, JwtIssueInput, JwtIssueResult, JwtMode } from './modes/jwt.js';
export type { LoginThrottle, LoginThrottleBudget, LoginThrottleOptions } from './loginThrottle.js';
export { createLoginThrottle } from './loginThrottle.js';
export type { RequestErrorAnswer, RouteTable } from './http/errorResponses.js';
export { STATUS_BY_CODE, unreadableRequest } from './http/errorResponses.js';
export { limitReachedBody } from './http/sessionJson.js';
export type { MongoSessionStoreOptions } from './mongo/storeOptions.js';
export { MongoSessionStore } from './mongo/mongoSessionStore.js';
