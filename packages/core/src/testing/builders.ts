import type { AuditEvent } from '../audit.js';
import type { ApiKey, AuthorizedApp, PushRegistration } from '../credentials.js';
import type { Session } from '../session.js';
import { hashSecret, newPublicId, newSecret } from '../tokens.js';

const BASE = new Date('2026-01-15T09:00:00.000Z');

/** A realistic session; override what the test is about. */
export function aSession(overrides: Partial<Session> = {}): Session {
  const createdAt = overrides.createdAt ?? BASE;
  return {
    id: newPublicId('ses'),
    tokenHash: hashSecret(newSecret()),
    userId: 'u_ada',
    tenantId: 't_acme',
    kind: 'browser',
    client: {},
    device: {
      browser: 'Chrome',
      browserVersion: '131.0.0.0',
      os: 'Mac OS',
      osVersion: '10.15.7',
      type: 'desktop',
      vendor: 'Apple',
      model: 'Macintosh',
      label: 'Chrome on macOS',
    },
    ip: '81.2.69.142',
    lastIp: '81.2.69.142',
    location: {
      city: 'London',
      region: 'England',
      country: 'United Kingdom',
      countryCode: 'GB',
      isp: null,
      latitude: 51.5,
      longitude: -0.12,
      local: false,
    },
    createdAt,
    lastSeenAt: overrides.lastSeenAt ?? createdAt,
    rememberMe: false,
    status: 'active',
    endedAt: null,
    endReason: null,
    endedBy: null,
    endNote: null,
    activity: { actions: 0, lastPath: null },
    slot: null,
    ...overrides,
  };
}

export function anAuditEvent(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: newPublicId('evt'),
    tenantId: 't_acme',
    at: BASE,
    action: 'login',
    actorId: 'u_ada',
    targetUserId: 'u_ada',
    sessionId: null,
    endReason: null,
    reason: null,
    ip: '81.2.69.142',
    details: {},
    ...overrides,
  };
}

export function anAuthorizedApp(overrides: Partial<AuthorizedApp> = {}): AuthorizedApp {
  return {
    id: newPublicId('app'),
    tenantId: 't_acme',
    userId: 'u_ada',
    name: 'Fleet Reports',
    kind: 'application',
    deviceName: null,
    scopes: ['read:vehicles'],
    tokenPreview: '…x9Qa',
    tokenHash: null,
    createdAt: BASE,
    lastUsedAt: null,
    ...overrides,
  };
}

export function aPushRegistration(overrides: Partial<PushRegistration> = {}): PushRegistration {
  return {
    id: newPublicId('push'),
    tenantId: 't_acme',
    userId: 'u_ada',
    appName: 'Fleet Mobile',
    deviceName: "Ada's iPhone",
    platform: 'ios',
    pushToken: null,
    createdAt: BASE,
    lastUsedAt: null,
    ...overrides,
  };
}

export function anApiKey(overrides: Partial<ApiKey> = {}): ApiKey {
  const secret = newSecret();
  return {
    id: newPublicId('key'),
    tenantId: 't_acme',
    userId: 'u_ada',
    name: 'Reporting export',
    prefix: `sk_${secret.slice(0, 6)}`,
    keyHash: hashSecret(secret),
    scopes: ['read'],
    createdAt: BASE,
    lastUsedAt: null,
    revokedAt: null,
    expiresAt: null,
    ...overrides,
  };
}
