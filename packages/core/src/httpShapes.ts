// The JSON the kit's HTTP API answers (docs/http-api.md), defined once for the server that writes it, the UI
// that reads it and the contract tests that hold both to it. Each type is the in-memory form (dates as `Date`);
// on the wire the dates are ISO strings (`Json<T>`), and the shape beside each type turns one into the other.
import type { AccessAnswer } from './access.js';
import type { AuditAction, AuditEvent } from './audit.js';
import { AUDIT_ACTIONS } from './audit.js';
import type { ApiKeyActivity, AuthorizedApp, PushRegistration } from './credentials.js';
import {
  arrayOf,
  boolean,
  date,
  nullable,
  number,
  object,
  oneOf,
  optional,
  recordOf,
  scalar,
  string,
} from './jsonShape.js';
import { effectivePolicyShape, sessionPolicyShape } from './policyShapes.js';
import type { EffectivePolicy } from './rolePolicies.js';
import type { Shape } from './jsonShape.js';
import type { RiskKind, RiskSignal } from './risk.js';
import type { EndReason, PublicSession } from './session.js';
import { END_REASONS } from './session.js';
import type { AdminSummary, AdminUserRow, LoginStats } from './serviceTypes.js';

/** The owner of a session in the administrators' lists: the directory's words, or the id when it has none. */
export interface SessionUserRecord {
  id: string;
  name: string;
  department: string | null;
  role: string | null;
  superUser: boolean;
}

/** A session as the API answers it: never its token hash. */
export type SessionRecord = PublicSession & {
  /** True for the session making the request. */
  current: boolean;
  /** The risk signals of this session; empty when there are none. */
  risk: RiskSignal[];
  /** Present in administrators' lists, absent in a person's own. */
  user?: SessionUserRecord;
  /** In a person's own list: the sign-in alert they have not answered yet ("Was this you?"). */
  alert?: SessionAlertRecord;
};

/** An unanswered sign-in alert on a session. */
export interface SessionAlertRecord {
  id: string;
  signals: RiskKind[];
  createdAt: Date;
}

/** A named or trusted device (`PATCH /me/sessions/:id/device`). */
export interface DeviceRecordJson {
  deviceKey: string;
  name: string | null;
  trusted: boolean;
  updatedAt: Date;
}

/** What a "this wasn't me" link is about (`POST /alerts/lookup`), before it is used. */
export interface SignInAlertLookupRecord {
  alertId: string;
  signals: RiskKind[];
  createdAt: Date;
  expiresAt: Date;
  status: 'open' | 'confirmed' | 'denied';
  /** The link can no longer be used: answered or expired. */
  spent: boolean;
  session: { device: string; location: string | null; createdAt: Date; active: boolean } | null;
}

/** The answer to "this wasn't me" (`POST /alerts/not-me`, `POST /me/sessions/:id/not-me`). */
export interface SignInAlertDenialRecord {
  alertId: string;
  /** The session was still signed in and is now signed out. */
  ended: boolean;
  /** Always true: the person is asked to change their password (`GET /me/password-change`). */
  passwordChangeRequired: true;
}

/** Whether the person was asked to change their password after answering "this wasn't me". */
export interface PasswordChangeAskRecord {
  required: boolean;
  askedAt: Date | null;
}

/**
 * One of a person's sessions in full (`GET /me/sessions/:id`): with how often they signed in from that
 * device within the history the account keeps.
 */
export type SessionDetailsRecord = Omit<SessionRecord, 'user'> & {
  deviceSignIns: { count: number; days: number };
  /** The rules the person's sessions live under, with the source of each value (the account, or a role). */
  effectivePolicy: EffectivePolicy;
};

/**
 * A session in an administrator's list or answer, which always names its owner, and, once ended by someone,
 * them too: the directory's name, or the id when it has none; null when nobody did (it lapsed, or the system
 * ended it).
 */
export type TeamSessionRecord = SessionRecord & { user: SessionUserRecord; endedByName: string | null };

/** One session of the account in full (`GET /admin/sessions/:id`): with its owner's effective policy. */
export type AdminSessionDetailsRecord = TeamSessionRecord & { effectivePolicy: EffectivePolicy };

/** One row of the team view (`GET /admin/users`): a signed-in user; `id` is the user id, for Refine. */
export type AdminUserRecord = AdminUserRow & { id: string };

/** An authorized app as the API shows it: without the tenant and owner the URL already names. */
export type AuthorizedAppRecord = Omit<AuthorizedApp, 'tenantId' | 'userId' | 'tokenHash'>;

/**
 * A push registration as the API shows it: without the tenant and owner the URL already names, nor the push
 * token, which only the host's sender needs (`kit.livePushRegistrations`).
 */
export type PushRegistrationRecord = Omit<PushRegistration, 'tenantId' | 'userId' | 'pushToken'>;

/** An API key with its recent use, as the administrators' list shows it: never its hash. */
export type ApiKeyRecord = Omit<ApiKeyActivity, 'tenantId'>;

/** The answer that creates an API key: the key, and its secret, which no other answer ever carries. */
export type CreatedApiKeyRecord = ApiKeyRecord & { secret: string };
/** An app a person just connected, with its token: the one answer that carries it. */
export type CreatedAppRecord = AuthorizedAppRecord & { token: string };

/** The scopes an API key may be given, as the host declared them. */
export interface ApiKeyScopesRecord {
  scopes: string[];
}

export type AuditEventRecord = Omit<AuditEvent, 'tenantId'>;

export type LoginStatsRecord = LoginStats;

export type AdminSummaryRecord = AdminSummary;

/** The answer of the routes that end many sessions at once. */
export interface EndedCount {
  ended: number;
}

/** Every refusal and failure: a code, a sentence, and the field at fault for bad input. */
export interface ErrorBody {
  /** A `SessionKitErrorCode`, or `session_ended`, `csrf`, `internal` (docs/http-api.md, "Errors"). */
  error: string;
  message: string;
  field?: string;
  /** With `session_ended`: why it ended. */
  reason?: EndReason;
  /** With `session_ended`: the words whoever ended the session gave, when they gave any. */
  note?: string;
}

/** The 409 of a login refused under `deny_new`, listing the sessions one of which may be given up. */
export interface LimitReachedBody extends ErrorBody {
  error: 'limit_reached';
  max: number;
  /** The user's active sessions, to choose one to give up (`replaceSessionId` at the next login). */
  sessions: SessionRecord[];
}

const riskSignal = object<RiskSignal>({
  kind: oneOf(['new_country', 'new_device', 'stale_session', 'unrecognized_ip', 'impossible_travel']),
  level: oneOf(['high', 'medium', 'low']),
  message: string,
  sessionId: string,
});

const sessionUser = object<SessionUserRecord>({
  id: string,
  name: string,
  department: nullable(string),
  role: nullable(string),
  superUser: boolean,
});

const endReason = oneOf<EndReason>(END_REASONS);

const sessionFields = {
  id: string,
  userId: string,
  tenantId: string,
  kind: oneOf(['browser', 'mobile', 'api']),
  client: object<PublicSession['client']>({ name: optional(string), deviceName: optional(string) }),
  device: object<PublicSession['device']>({
    browser: nullable(string),
    browserVersion: nullable(string),
    os: nullable(string),
    osVersion: nullable(string),
    type: oneOf(['desktop', 'mobile', 'tablet', 'tv', 'wearable', 'console', 'embedded', 'unknown']),
    vendor: nullable(string),
    model: nullable(string),
    label: string,
    detectedLabel: optional(string),
    trusted: optional(boolean),
  }),
  ip: string,
  lastIp: string,
  location: nullable(
    object<NonNullable<PublicSession['location']>>({
      city: nullable(string),
      region: nullable(string),
      country: nullable(string),
      countryCode: nullable(string),
      isp: nullable(string),
      latitude: nullable(number),
      longitude: nullable(number),
      local: boolean,
    }),
  ),
  createdAt: date,
  lastSeenAt: date,
  rememberMe: boolean,
  status: oneOf(['active', 'ended']),
  endedAt: nullable(date),
  endReason: nullable(endReason),
  endedBy: nullable(string),
  endNote: nullable(string),
  activity: object<PublicSession['activity']>({ actions: number, lastPath: nullable(string) }),
  current: boolean,
  risk: arrayOf(riskSignal),
  alert: optional(
    object<SessionAlertRecord>({
      id: string,
      signals: arrayOf(oneOf<RiskKind>(['new_country', 'new_device', 'impossible_travel'])),
      createdAt: date,
    }),
  ),
} as const;

const authorizedAppFields = {
  id: string,
  name: string,
  kind: oneOf(['application', 'mobile', 'website']),
  deviceName: nullable(string),
  scopes: arrayOf(string),
  tokenPreview: string,
  createdAt: date,
  lastUsedAt: nullable(date),
} as const;

const apiKeyFields = {
  id: string,
  userId: nullable(string),
  name: string,
  prefix: string,
  scopes: arrayOf(string),
  createdAt: date,
  lastUsedAt: nullable(date),
  revokedAt: nullable(date),
  expiresAt: nullable(date),
  requestsLast24h: number,
} as const;

const session = object<SessionRecord>({ ...sessionFields, user: optional(sessionUser) });

const errorFields = {
  error: string,
  message: string,
  field: optional(string),
  reason: optional(endReason),
  note: optional(string),
} as const;

/**
 * The shape of each kind of answer, for `reviveJson` (dates become `Date`s) and the contract tests
 * (`shapeErrors`). Lists answer an array of their items, with the total in `x-total-count`.
 */
export const HTTP_SHAPES = {
  session,
  /** A session in a person's own list: it doesn't name its owner, who is asking. */
  ownSession: object<Omit<SessionRecord, 'user'>>(sessionFields),
  ownSessionDetails: object<SessionDetailsRecord>({
    ...sessionFields,
    deviceSignIns: object<SessionDetailsRecord['deviceSignIns']>({ count: number, days: number }),
    effectivePolicy: effectivePolicyShape,
  }),
  teamSession: object<TeamSessionRecord>({
    ...sessionFields,
    user: sessionUser,
    endedByName: nullable(string),
  }),
  adminUser: object<AdminUserRecord>({
    id: string,
    userId: string,
    name: string,
    email: nullable(string),
    role: nullable(string),
    department: nullable(string),
    superUser: boolean,
    activeSessions: number,
    lastLoginAt: date,
    lastLoginIp: string,
    lastActiveAt: date,
  }),
  adminSummary: object<AdminSummaryRecord>({
    activeUsers: number,
    activeSessions: number,
    superUsers: number,
  }),
  authorizedApp: object<AuthorizedAppRecord>(authorizedAppFields),
  createdApp: object<CreatedAppRecord>({ ...authorizedAppFields, token: string }),
  pushRegistration: object<PushRegistrationRecord>({
    id: string,
    appName: string,
    deviceName: string,
    platform: oneOf(['ios', 'android', 'web']),
    createdAt: date,
    lastUsedAt: nullable(date),
  }),
  apiKey: object<ApiKeyRecord>(apiKeyFields),
  createdApiKey: object<CreatedApiKeyRecord>({ ...apiKeyFields, secret: string }),
  apiKeyScopes: object<ApiKeyScopesRecord>({ scopes: arrayOf(string) }),
  auditEvent: object<AuditEventRecord>({
    id: string,
    at: date,
    action: oneOf<AuditAction>(AUDIT_ACTIONS),
    actorId: nullable(string),
    targetUserId: nullable(string),
    sessionId: nullable(string),
    endReason: nullable(endReason),
    reason: nullable(string),
    ip: nullable(string),
    details: recordOf(scalar),
  }),
  loginStats: object<LoginStatsRecord>({
    from: date,
    to: date,
    logins: number,
    logouts: number,
    days: arrayOf(object<LoginStats['days'][number]>({ date: string, logins: number, logouts: number })),
  }),
  policy: sessionPolicyShape,
  adminSessionDetails: object<AdminSessionDetailsRecord>({
    ...sessionFields,
    user: sessionUser,
    endedByName: nullable(string),
    effectivePolicy: effectivePolicyShape,
  }),
  endedCount: object<EndedCount>({ ended: number }),
  signInAlertLookup: object<SignInAlertLookupRecord>({
    alertId: string,
    signals: arrayOf(oneOf<RiskKind>(['new_country', 'new_device', 'impossible_travel'])),
    createdAt: date,
    expiresAt: date,
    status: oneOf(['open', 'confirmed', 'denied']),
    spent: boolean,
    session: nullable(
      object<NonNullable<SignInAlertLookupRecord['session']>>({
        device: string,
        location: nullable(string),
        createdAt: date,
        active: boolean,
      }),
    ),
  }),
  signInAlertDenial: object<SignInAlertDenialRecord>({
    alertId: string,
    ended: boolean,
    passwordChangeRequired: boolean as Shape<true>,
  }),
  passwordChangeAsk: object<PasswordChangeAskRecord>({ required: boolean, askedAt: nullable(date) }),
  access: object<AccessAnswer>({
    actions: object<AccessAnswer['actions']>({
      manage_own: boolean,
      read_policy: boolean,
      admin: boolean,
      act_on_behalf: boolean,
    }),
    target: optional(
      object<NonNullable<AccessAnswer['target']>>({
        userId: string,
        actions: object<NonNullable<AccessAnswer['target']>['actions']>({
          admin: boolean,
          act_on_behalf: boolean,
        }),
      }),
    ),
  }),
  error: object<ErrorBody>(errorFields),
  limitReached: object<LimitReachedBody>({
    ...errorFields,
    error: oneOf(['limit_reached']),
    max: number,
    sessions: arrayOf(session),
  }),
};
