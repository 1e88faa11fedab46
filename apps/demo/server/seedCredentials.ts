import type {
  CredentialImport,
  ImportedApiKey,
  ImportedAuthorizedApp,
  ImportedPushRegistration,
} from '@sessionkit/core';
import { DAY, HOUR, MINUTE, newSecret, tokenPreview } from '@sessionkit/core';
import { TENANT_ID } from './directory.js';

/**
 * The account's other credentials, as an import: apps people authorized, devices that get notifications, and
 * API keys with the requests of their last day.
 */
export function demoCredentials(now: number): CredentialImport {
  const ago = (ms: number) => new Date(now - ms);
  const app = (
    user: string,
    name: string,
    kind: 'application' | 'mobile' | 'website',
    deviceName: string | null,
    scopes: string[],
    created: number,
    used: number | null,
  ): ImportedAuthorizedApp => ({
    tenantId: TENANT_ID,
    userId: `usr_${user}`,
    name,
    kind,
    deviceName,
    scopes,
    tokenPreview: tokenPreview(newSecret()),
    createdAt: ago(created),
    lastUsedAt: used === null ? null : ago(used),
  });
  const push = (
    user: string,
    appName: string,
    deviceName: string,
    platform: 'ios' | 'android' | 'web',
    created: number,
    used: number | null,
  ): ImportedPushRegistration => ({
    tenantId: TENANT_ID,
    userId: `usr_${user}`,
    appName,
    deviceName,
    platform,
    createdAt: ago(created),
    lastUsedAt: used === null ? null : ago(used),
  });
  const key = (
    name: string,
    user: string | null,
    scopes: string[],
    created: number,
    revoked: number | null,
    usedAgo: number[] = [],
  ): ImportedApiKey => {
    // The key itself is thrown away: only its hash and visible prefix are kept, as for a real key.
    const secret = `sk_live_${newSecret()}`;
    return {
      tenantId: TENANT_ID,
      userId: user ? `usr_${user}` : null,
      name,
      key: secret,
      prefix: secret.slice(0, 12),
      scopes,
      createdAt: ago(created),
      revokedAt: revoked === null ? null : ago(revoked),
      uses: usedAgo.map(ago),
    };
  };
  return {
    authorizedApps: [
      ...['admin', 'sam', 'priya', 'kenji'].flatMap((user) => [
        app(user, 'Slack', 'application', null, ['notifications:write', 'profile:read'], 45 * DAY, 3 * HOUR),
        app(user, 'Google Calendar', 'website', null, ['calendar:read'], 90 * DAY, 2 * DAY),
      ]),
      app(
        'admin',
        "Morgan's iPhone 15",
        'mobile',
        "Morgan's iPhone 15",
        ['sessions:read', 'vehicles:read', 'messages:write'],
        30 * DAY,
        2 * HOUR,
      ),
      app('admin', 'Grafana', 'application', null, ['metrics:read'], 120 * DAY, 20 * MINUTE),
      app(
        'sam',
        "Sam's iPhone 14",
        'mobile',
        "Sam's iPhone 14",
        ['sessions:read', 'messages:write'],
        21 * DAY,
        4 * HOUR,
      ),
      app(
        'priya',
        "Priya's iPhone 15 Pro",
        'mobile',
        "Priya's iPhone 15 Pro",
        ['approvals:write', 'reports:read'],
        6 * DAY,
        70 * MINUTE,
      ),
      app(
        'kenji',
        "Kenji's Pixel 8",
        'mobile',
        "Kenji's Pixel 8",
        ['sessions:read', 'alerts:read'],
        8 * DAY,
        5 * HOUR,
      ),
    ],
    pushRegistrations: [
      push('admin', 'Acme Mobile', "Morgan's iPhone 15", 'ios', 30 * DAY, 35 * MINUTE),
      push('admin', 'Acme Alerts', 'Chrome on macOS', 'web', 3 * DAY, 6 * HOUR),
      push('sam', 'Acme Mobile', "Sam's iPhone 14", 'ios', 21 * DAY, 4 * HOUR),
      push('priya', 'Acme Mobile', "Priya's iPhone 15 Pro", 'ios', 6 * DAY, 70 * MINUTE),
      push('kenji', 'Acme Mobile', "Kenji's Pixel 8", 'android', 8 * DAY, 5 * HOUR),
    ],
    apiKeys: [
      // A request every 11 minutes over the last day, the newest three minutes ago.
      key('CRM sync', 'admin', ['contacts:read', 'contacts:write'], 60 * DAY, null, [
        ...Array.from({ length: 131 }, (_, i) => 3 * MINUTE + i * 11 * MINUTE),
      ]),
      key('Data warehouse export', 'priya', ['reports:read'], 75 * DAY, null, [
        30 * HOUR,
        26 * HOUR,
        6 * HOUR,
        5 * HOUR,
      ]),
      key('Billing webhook (new)', 'priya', ['invoices:write'], 2 * DAY, null),
      key('Zapier (old)', 'admin', ['contacts:read'], 200 * DAY, 20 * DAY, [21 * DAY]),
    ],
  };
}
