import type {
  AdminUserRecord,
  AdminUserRow,
  ApiKeyActivity,
  ApiKeyRecord,
  AuditEvent,
  AuditEventRecord,
  AuthorizedApp,
  AuthorizedAppRecord,
  CreatedApiKey,
  CreatedApiKeyRecord,
  CreatedAppRecord,
  PushRegistration,
  PushRegistrationRecord,
} from '@sessionkit/core';
import { z } from 'zod';
import {
  auditAction,
  booleanText,
  isoDate,
  listParams,
  publicId,
  reasonText,
  userId,
} from '../http/inputs.js';

// Every route's input, declared once: an unknown parameter is a 400 naming it, not silently ignored.

export const noInput = z.strictObject({});
export const idParams = z.strictObject({ id: publicId });
export const userParams = z.strictObject({ userId });
export const userItemParams = z.strictObject({ userId, id: publicId });

const sortedList = <F extends string>(fields: readonly [F, ...F[]]) =>
  z.strictObject({
    ...listParams,
    _sort: z.enum(fields, { error: `must be one of ${fields.join(', ')}` }).optional(),
  });
export const appsQuery = sortedList(['createdAt', 'lastUsedAt', 'name']);
export const pushQuery = sortedList(['createdAt', 'lastUsedAt', 'appName']);
export const apiKeysQuery = sortedList(['createdAt', 'lastUsedAt', 'name', 'requestsLast24h']);

export const mySessionsQuery = z.strictObject({
  ...listParams,
  status: z.enum(['active', 'ended', 'all'], { error: 'must be active, ended or all' }).optional(),
  since: isoDate.optional(),
  _sort: z.enum(['lastSeenAt', 'createdAt'], { error: 'must be lastSeenAt or createdAt' }).optional(),
});
export const adminUsersQuery = z.strictObject({
  ...listParams,
  q: z.string({ error: 'must be text' }).max(200, { error: 'must be at most 200 characters' }).optional(),
  superUser: booleanText.optional(),
  _sort: z
    .enum(['name', 'lastLoginAt', 'lastActiveAt', 'activeSessions', 'department'], {
      error: 'must be name, lastLoginAt, lastActiveAt, activeSessions or department',
    })
    .optional(),
});
export const adminSessionsQuery = z.strictObject({
  ...listParams,
  userId: userId.optional(),
  status: z.enum(['active', 'ended', 'all'], { error: 'must be active, ended or all' }).optional(),
  _sort: z
    .enum(['createdAt', 'lastSeenAt', 'endedAt'], { error: 'must be createdAt, lastSeenAt or endedAt' })
    .optional(),
});
export const auditQuery = z.strictObject({
  ...listParams,
  userId: userId.optional(),
  /** A person's name, email, department or id, matched as the team view's `q` is. */
  q: z.string({ error: 'must be text' }).max(200, { error: 'must be at most 200 characters' }).optional(),
  action: auditAction.optional(),
  /** One bulk force logout's events: the action and its people. */
  bulkId: publicId.optional(),
});
export const accessQuery = z.strictObject({ userId: userId.optional() });
export const loginStatsQuery = z.strictObject({ from: isoDate.optional(), to: isoDate.optional() });
export const optionalReason = z.strictObject({ reason: reasonText.optional() });
export const requiredReason = z.strictObject({
  reason: reasonText.refine((r) => r.length > 0, { error: 'is required' }),
});

// Owned records leave without the tenant and owner the URL already names.
export function appJson(app: AuthorizedApp): AuthorizedAppRecord {
  const { tenantId: _tenantId, userId: _userId, tokenHash: _tokenHash, ...rest } = app;
  return rest;
}

// The push token is where the host's sender pushes: it never leaves through the API.
export function pushJson(registration: PushRegistration): PushRegistrationRecord {
  const { tenantId: _tenantId, userId: _userId, pushToken: _pushToken, ...rest } = registration;
  return rest;
}

export function auditJson(event: AuditEvent): AuditEventRecord {
  const { tenantId: _tenantId, ...rest } = event;
  return rest;
}

/** A row of the team view, with the user id as its `id` for Refine. */
export function adminUserJson(row: AdminUserRow): AdminUserRecord {
  return { id: row.userId, ...row };
}

export function apiKeyJson(key: ApiKeyActivity): ApiKeyRecord {
  const { tenantId: _tenantId, ...rest } = key;
  return rest;
}

export const apiKeyBody = z.strictObject({
  name: z.string({ error: 'must be text' }).max(200, { error: 'must be at most 100 characters' }),
  scopes: z
    .array(z.string({ error: 'must be a scope name' }).max(64), { error: 'must be a list of scopes' })
    .max(50),
  expiresAt: isoDate.nullable().optional(),
});
// A person connects an application or website; a mobile app's sign-in (with its device) is the host's to issue.
export const appBody = z.strictObject({
  name: z.string({ error: 'must be text' }).max(200, { error: 'must be at most 100 characters' }),
  kind: z.enum(['application', 'website'], { error: 'must be application or website' }).optional(),
  rights: z
    .array(z.string({ error: 'must be a right the server offers' }).max(64), {
      error: 'must be a list of rights',
    })
    .max(50),
});
export const pushBody = z.strictObject({
  appName: z
    .string({ error: 'must be text' })
    .max(200, { error: 'must be at most 100 characters' })
    .optional(),
  deviceName: z
    .string({ error: 'must be text' })
    .max(200, { error: 'must be at most 100 characters' })
    .optional(),
  platform: z.enum(['ios', 'android', 'web'], { error: 'must be ios, android or web' }),
  pushToken: z
    .string({ error: 'must be the device token' })
    .max(4096, { error: 'must be at most 4096 characters' }),
});

export function createdAppJson(created: { app: AuthorizedApp; token: string }): CreatedAppRecord {
  return { ...appJson(created.app), token: created.token };
}

export function createdApiKeyJson(created: CreatedApiKey): CreatedApiKeyRecord {
  return { ...apiKeyJson(created.key), secret: created.secret };
}
