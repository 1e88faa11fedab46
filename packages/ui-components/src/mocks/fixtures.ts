import type { Device, DirectoryUser, Location, RiskSignal, SessionPolicy } from '@sessionkit/core/browser';
import { ADMIN_PERMISSION, DEFAULT_POLICY } from '@sessionkit/core/browser';
import type {
  AdminUserRecord,
  ApiKeyRecord,
  AuditEventRecord,
  AuthorizedAppRecord,
  PushRegistrationRecord,
  SessionRecord,
  TeamSessionRecord,
} from '@sessionkit/core/browser';

/** Every story and test reads the clock from here, so relative times and screenshots never drift. */
export const NOW = new Date('2026-03-04T10:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
export const ago = (ms: number) => new Date(NOW.getTime() - ms);

type Place = [
  city: string,
  region: string,
  country: string,
  code: string,
  isp: string,
  lat: number,
  lon: number,
];
const PLACES: Record<string, Place> = {
  lisbon: ['Lisbon', 'Lisbon', 'Portugal', 'PT', 'MEO', 38.72, -9.14],
  berlin: ['Berlin', 'Berlin', 'Germany', 'DE', 'Deutsche Telekom', 52.52, 13.4],
  nyc: ['New York', 'New York', 'United States', 'US', 'Verizon Fios', 40.71, -74.0],
  london: ['London', 'England', 'United Kingdom', 'GB', 'BT', 51.5, -0.12],
  paris: ['Paris', 'Île-de-France', 'France', 'FR', 'Orange', 48.86, 2.35],
  tokyo: ['Tokyo', 'Tokyo', 'Japan', 'JP', 'NTT', 35.68, 139.69],
  saopaulo: ['São Paulo', 'São Paulo', 'Brazil', 'BR', 'Vivo', -23.55, -46.63],
  toronto: ['Toronto', 'Ontario', 'Canada', 'CA', 'Rogers', 43.65, -79.38],
  madrid: ['Madrid', 'Madrid', 'Spain', 'ES', 'Movistar', 40.42, -3.7],
  lagos: ['Lagos', 'Lagos', 'Nigeria', 'NG', 'MTN', 6.52, 3.38],
  sydney: ['Sydney', 'New South Wales', 'Australia', 'AU', 'Telstra', -33.87, 151.21],
  singapore: ['Singapore', 'Singapore', 'Singapore', 'SG', 'Singtel', 1.35, 103.82],
};

export function place(key: keyof typeof PLACES | 'local'): Location {
  if (key === 'local') {
    return {
      city: null,
      region: null,
      country: null,
      countryCode: null,
      isp: null,
      latitude: null,
      longitude: null,
      local: true,
    };
  }
  const [city, region, country, countryCode, isp, latitude, longitude] = PLACES[key]!;
  return { city, region, country, countryCode, isp, latitude, longitude, local: false };
}

const DEVICES = {
  chromeMac: {
    browser: 'Chrome',
    browserVersion: '131.0.6778.86',
    os: 'macOS',
    osVersion: '15.2',
    type: 'desktop',
    vendor: 'Apple',
    model: 'Macintosh',
    label: 'Chrome on macOS',
  },
  safariIphone: {
    browser: 'Mobile Safari',
    browserVersion: '18.2',
    os: 'iOS',
    osVersion: '18.2',
    type: 'mobile',
    vendor: 'Apple',
    model: 'iPhone',
    label: 'Safari on iPhone',
  },
  firefoxWindows: {
    browser: 'Firefox',
    browserVersion: '133.0',
    os: 'Windows',
    osVersion: '11',
    type: 'desktop',
    vendor: null,
    model: null,
    label: 'Firefox on Windows',
  },
  edgeWindows: {
    browser: 'Edge',
    browserVersion: '131.0.2903.70',
    os: 'Windows',
    osVersion: '10',
    type: 'desktop',
    vendor: null,
    model: null,
    label: 'Edge on Windows',
  },
  chromeAndroid: {
    browser: 'Chrome',
    browserVersion: '131.0.6778.104',
    os: 'Android',
    osVersion: '15',
    type: 'mobile',
    vendor: 'Google',
    model: 'Pixel 9',
    label: 'Chrome on Pixel 9',
  },
  safariIpad: {
    browser: 'Mobile Safari',
    browserVersion: '17.6',
    os: 'iOS',
    osVersion: '17.6',
    type: 'tablet',
    vendor: 'Apple',
    model: 'iPad',
    label: 'Safari on iPad',
  },
  chromeLinux: {
    browser: 'Chrome',
    browserVersion: '130.0.6723.116',
    os: 'Linux',
    osVersion: null,
    type: 'desktop',
    vendor: null,
    model: null,
    label: 'Chrome on Linux',
  },
  iosApp: {
    browser: null,
    browserVersion: null,
    os: 'iOS',
    osVersion: '18.1',
    type: 'mobile',
    vendor: 'Apple',
    model: 'iPhone 15 Pro',
    label: 'iPhone 15 Pro',
  },
  cli: {
    browser: null,
    browserVersion: null,
    os: 'Linux',
    osVersion: null,
    type: 'unknown',
    vendor: null,
    model: null,
    label: 'sessionkit-cli',
  },
} satisfies Record<string, Device>;

export type DeviceKey = keyof typeof DEVICES;

let counter = 0;
/** A session with sensible defaults; stories override what they show. */
export function aSession(overrides: Partial<SessionRecord> & { deviceKey?: DeviceKey } = {}): SessionRecord {
  counter += 1;
  const { deviceKey = 'chromeMac', ...rest } = overrides;
  const n = counter.toString(16).padStart(4, '0');
  return {
    id: `ses_${n}9f2c1a7b4e8d3f6a0c5b${n}`,
    userId: 'usr_ana',
    tenantId: 'acme',
    kind: 'browser',
    client: {},
    device: { ...DEVICES[deviceKey] },
    ip: '203.0.113.24',
    lastIp: '203.0.113.24',
    location: place('lisbon'),
    createdAt: ago(3 * DAY),
    lastSeenAt: ago(2 * HOUR),
    rememberMe: true,
    status: 'active',
    endedAt: null,
    endReason: null,
    endedBy: null,
    endNote: null,
    activity: { actions: 148, lastPath: '/settings/security' },
    current: false,
    risk: [],
    ...rest,
  };
}

/** The signed-in user's devices, as in the SaaS source's screen: this laptop, a phone, an office PC, a tablet… */
export function mySessions(): SessionRecord[] {
  counter = 0;
  const suspicious = aSession({
    deviceKey: 'firefoxWindows',
    location: place('lagos'),
    ip: '102.89.34.12',
    lastIp: '102.89.34.12',
    createdAt: ago(5 * HOUR),
    lastSeenAt: ago(40 * MIN),
    activity: { actions: 12, lastPath: '/billing/payment-methods' },
  });
  suspicious.risk = [
    {
      kind: 'new_country',
      level: 'high',
      message: 'Signed in from Nigeria, a country not seen on this account before.',
      sessionId: suspicious.id,
    },
    {
      kind: 'new_device',
      level: 'high',
      message: 'Signed in from Firefox on Windows, a device not seen on this account before.',
      sessionId: suspicious.id,
    },
  ] satisfies RiskSignal[];
  const old = aSession({
    deviceKey: 'safariIpad',
    location: place('paris'),
    ip: '90.84.12.7',
    lastIp: '90.84.12.7',
    createdAt: ago(74 * DAY),
    lastSeenAt: ago(19 * DAY),
    activity: { actions: 1290, lastPath: '/reports/q4' },
  });
  old.risk = [
    {
      kind: 'stale_session',
      level: 'medium',
      message: 'This session was opened 74 days ago and is still signed in.',
      sessionId: old.id,
    },
  ];
  return [
    aSession({
      current: true,
      deviceKey: 'chromeMac',
      lastSeenAt: ago(20 * 1000),
      createdAt: ago(6 * DAY),
      activity: { actions: 2411, lastPath: '/settings/sessions' },
    }),
    aSession({
      deviceKey: 'safariIphone',
      location: place('lisbon'),
      ip: '188.81.40.3',
      lastIp: '188.81.40.9',
      lastSeenAt: ago(2 * HOUR),
      createdAt: ago(12 * DAY),
    }),
    aSession({
      deviceKey: 'edgeWindows',
      location: place('berlin'),
      ip: '91.64.120.17',
      lastIp: '91.64.120.17',
      lastSeenAt: ago(3 * DAY),
      createdAt: ago(9 * DAY),
    }),
    suspicious,
    aSession({
      kind: 'mobile',
      deviceKey: 'iosApp',
      client: { name: 'Acme for iOS', deviceName: 'Ana’s iPhone' },
      location: place('madrid'),
      ip: '83.44.19.201',
      lastIp: '83.44.19.201',
      lastSeenAt: ago(26 * HOUR),
      createdAt: ago(21 * DAY),
    }),
    old,
  ];
}

const CITY_KEYS = Object.keys(PLACES) as (keyof typeof PLACES)[];
const DEVICE_KEYS = Object.keys(DEVICES).filter((k) => k !== 'cli') as DeviceKey[];

/** A large account for the 1,000-session story: deterministic, so the screenshot doesn't change. */
export function manySessions(count: number): SessionRecord[] {
  counter = 0;
  return Array.from({ length: count }, (_, i) =>
    aSession({
      current: i === 0,
      deviceKey: DEVICE_KEYS[i % DEVICE_KEYS.length],
      location: place(CITY_KEYS[(i * 7) % CITY_KEYS.length]!),
      ip: `198.51.${(i * 13) % 255}.${((i * 31) % 254) + 1}`,
      lastIp: `198.51.${(i * 13) % 255}.${((i * 31) % 254) + 1}`,
      lastSeenAt: ago(i === 0 ? 10_000 : (i * 37 * MIN) % (40 * DAY)),
      createdAt: ago(41 * DAY),
    }),
  );
}

export const TEAM: (Omit<
  AdminUserRecord,
  'activeSessions' | 'lastLoginAt' | 'lastLoginIp' | 'lastActiveAt'
> & {
  sessions: {
    deviceKey: DeviceKey;
    place: keyof typeof PLACES | 'local';
    ip: string;
    login: number;
    seen: number;
  }[];
})[] = [
  {
    id: 'usr_ana',
    userId: 'usr_ana',
    name: 'Ana Ribeiro',
    email: 'ana@acme.test',
    role: 'Owner',
    department: 'Executive',
    superUser: true,
    sessions: [
      { deviceKey: 'chromeMac', place: 'lisbon', ip: '203.0.113.24', login: 6 * DAY + 12_345, seen: 20_000 },
      { deviceKey: 'safariIphone', place: 'lisbon', ip: '188.81.40.3', login: 12 * DAY, seen: 2 * HOUR },
    ],
  },
  {
    id: 'usr_dana',
    userId: 'usr_dana',
    name: 'Dana Reyes',
    email: 'dana@acme.test',
    role: 'Admin',
    department: 'IT',
    superUser: true,
    sessions: [
      {
        deviceKey: 'firefoxWindows',
        place: 'toronto',
        ip: '99.230.14.8',
        login: 2 * HOUR + 7_000,
        seen: 4 * MIN,
      },
    ],
  },
  {
    id: 'usr_kofi',
    userId: 'usr_kofi',
    name: 'Kofi Mensah',
    email: 'kofi@acme.test',
    role: 'Member',
    department: 'Sales',
    superUser: false,
    sessions: [
      {
        deviceKey: 'chromeAndroid',
        place: 'london',
        ip: '81.2.69.142',
        login: 3 * HOUR + 41_000,
        seen: 11 * MIN,
      },
      { deviceKey: 'edgeWindows', place: 'london', ip: '81.2.69.150', login: 2 * DAY, seen: 5 * HOUR },
      { deviceKey: 'safariIpad', place: 'paris', ip: '90.84.12.7', login: 9 * DAY, seen: 2 * DAY },
    ],
  },
  {
    id: 'usr_mei',
    userId: 'usr_mei',
    name: 'Mei Tanaka',
    email: 'mei@acme.test',
    role: 'Member',
    department: 'Engineering',
    superUser: false,
    sessions: [
      { deviceKey: 'chromeLinux', place: 'tokyo', ip: '126.72.3.90', login: 30 * MIN + 2_000, seen: 30_000 },
    ],
  },
  {
    id: 'usr_lucas',
    userId: 'usr_lucas',
    name: 'Lucas Almeida',
    email: 'lucas@acme.test',
    role: 'Member',
    department: 'Support',
    superUser: false,
    sessions: [
      { deviceKey: 'chromeMac', place: 'saopaulo', ip: '177.92.55.4', login: 26 * HOUR, seen: 3 * HOUR },
      { deviceKey: 'safariIphone', place: 'saopaulo', ip: '177.92.55.61', login: 4 * DAY, seen: 20 * HOUR },
    ],
  },
  {
    id: 'usr_sofia',
    userId: 'usr_sofia',
    name: 'Sofia Müller',
    email: 'sofia@acme.test',
    role: 'Member',
    department: 'Finance',
    superUser: false,
    sessions: [
      {
        deviceKey: 'edgeWindows',
        place: 'berlin',
        ip: '91.64.120.17',
        login: 5 * HOUR + 18_000,
        seen: 1 * HOUR,
      },
    ],
  },
  {
    id: 'usr_omar',
    userId: 'usr_omar',
    name: 'Omar Haddad',
    email: 'omar@acme.test',
    role: 'Member',
    department: 'Engineering',
    superUser: false,
    sessions: [
      { deviceKey: 'chromeLinux', place: 'local', ip: '10.0.4.17', login: 50 * MIN + 9_000, seen: 90_000 },
    ],
  },
];

/** The team as the host's directory describes them, for the mock server's access answers. */
export function teamDirectory(): DirectoryUser[] {
  return TEAM.map((u) => ({
    id: u.userId,
    tenantId: 'acme',
    name: u.name,
    email: u.email,
    department: u.department,
    superUser: u.superUser,
  }));
}

/** The scopes the mock server declares for API keys, as a host's `apiKeyScopes`. */
export const API_KEY_SCOPES = ['read', 'write', 'sessions:read', 'users:read', 'audit:read'];

/** Who the mock server answers for by default: Ana, the owner, a super user who may do everything. */
export const OWNER: DirectoryUser = {
  id: 'usr_ana',
  tenantId: 'acme',
  name: 'Ana Ribeiro',
  superUser: true,
};

/** An administrator who isn't a super user: under the kit's rule, the super users are out of their reach. */
export const IT_ADMIN: DirectoryUser = {
  id: 'usr_mei',
  tenantId: 'acme',
  name: 'Mei Tanaka',
  permissions: [ADMIN_PERMISSION],
};

export function teamSessions(): TeamSessionRecord[] {
  counter = 100;
  const owner = (userId: string) => {
    const user = TEAM.find((u) => u.userId === userId)!;
    return {
      id: user.userId,
      name: user.name,
      department: user.department,
      role: user.role,
      superUser: user.superUser,
    };
  };
  const active = TEAM.flatMap((user) =>
    user.sessions.map((s) => ({
      ...aSession({
        userId: user.userId,
        deviceKey: s.deviceKey,
        location: place(s.place),
        ip: s.ip,
        lastIp: s.ip,
        createdAt: ago(s.login),
        lastSeenAt: ago(s.seen),
        current: user.userId === 'usr_ana' && s.seen === 20_000,
      }),
      user: owner(user.userId),
      endedByName: null,
    })),
  );
  // The ended-sessions view's rows: one forced out with a reason, one signed out by its owner, one timed out.
  const ended = (
    userId: string,
    deviceKey: DeviceKey,
    where: string,
    ip: string,
    times: { login: number; end: number },
    how: Pick<TeamSessionRecord, 'endReason' | 'endedBy' | 'endNote' | 'endedByName'>,
  ): TeamSessionRecord => ({
    ...aSession({
      userId,
      deviceKey,
      location: place(where),
      ip,
      lastIp: ip,
      createdAt: ago(times.login),
      lastSeenAt: ago(times.end),
      status: 'ended',
      endedAt: ago(times.end),
      ...how,
    }),
    user: owner(userId),
    endedByName: how.endedByName,
  });
  return [
    ...active,
    ended(
      'usr_kofi',
      'firefoxWindows',
      'lagos',
      '102.89.34.12',
      { login: 2 * DAY, end: 2 * DAY - 20 * MIN },
      {
        endReason: 'force_logout',
        endedBy: 'usr_ana',
        endedByName: 'Ana Ribeiro',
        endNote: 'Sign-in from an unknown country',
      },
    ),
    ended(
      'usr_lucas',
      'chromeMac',
      'saopaulo',
      '177.92.55.4',
      { login: 3 * DAY, end: 3 * DAY - 4 * HOUR },
      { endReason: 'logout', endedBy: 'usr_lucas', endedByName: 'Lucas Almeida', endNote: null },
    ),
    ended(
      'usr_sofia',
      'edgeWindows',
      'berlin',
      '91.64.120.17',
      { login: 4 * DAY, end: 4 * DAY - 9 * HOUR },
      { endReason: 'idle_timeout', endedBy: null, endedByName: null, endNote: null },
    ),
  ];
}

export function authorizedApps(): AuthorizedAppRecord[] {
  return [
    {
      id: 'app_1',
      name: 'Fleet Tracker Pro',
      kind: 'application',
      deviceName: null,
      scopes: ['vehicles:read', 'trips:read', 'reports:write'],
      tokenPreview: '…9f3a',
      createdAt: ago(40 * DAY + 3 * HOUR),
      lastUsedAt: ago(12 * MIN),
    },
    {
      id: 'app_2',
      name: 'Driver app',
      kind: 'mobile',
      deviceName: 'Galaxy S24 (Kofi)',
      scopes: ['trips:read', 'messages:write'],
      tokenPreview: '…2b71',
      createdAt: ago(12 * DAY + 5 * HOUR),
      lastUsedAt: ago(2 * HOUR),
    },
    {
      id: 'app_3',
      name: 'Zapier',
      kind: 'application',
      deviceName: null,
      scopes: ['reports:read'],
      tokenPreview: '…c04e',
      createdAt: ago(95 * DAY),
      lastUsedAt: ago(6 * DAY),
    },
    {
      id: 'app_4',
      name: 'Status page',
      kind: 'website',
      deviceName: null,
      scopes: ['status:read'],
      tokenPreview: '…77d0',
      createdAt: ago(200 * DAY),
      lastUsedAt: null,
    },
  ];
}

export function pushRegistrations(): PushRegistrationRecord[] {
  return [
    {
      id: 'push_1',
      appName: 'Acme for iOS',
      deviceName: 'Ana’s iPhone',
      platform: 'ios',
      createdAt: ago(21 * DAY),
      lastUsedAt: ago(3 * HOUR),
    },
    {
      id: 'push_2',
      appName: 'Acme for Android',
      deviceName: 'Pixel 9',
      platform: 'android',
      createdAt: ago(60 * DAY),
      lastUsedAt: ago(2 * DAY),
    },
    {
      id: 'push_3',
      appName: 'Acme web',
      deviceName: 'Chrome on macOS',
      platform: 'web',
      createdAt: ago(7 * DAY),
      lastUsedAt: null,
    },
  ];
}

export function apiKeys(): ApiKeyRecord[] {
  return [
    {
      id: 'key_1',
      userId: 'usr_dana',
      name: 'Production sync',
      prefix: 'sk_live_3f9a',
      scopes: ['sessions:read', 'users:read'],
      createdAt: ago(120 * DAY),
      lastUsedAt: ago(45 * 1000),
      revokedAt: null,
      expiresAt: null,
      requestsLast24h: 18_342,
    },
    {
      id: 'key_5',
      userId: 'usr_ana',
      name: 'Ana’s reporting script',
      prefix: 'skk_Qm7x2Lp0',
      scopes: ['read'],
      createdAt: ago(9 * DAY),
      lastUsedAt: ago(20 * MIN),
      revokedAt: null,
      expiresAt: ago(-81 * DAY),
      requestsLast24h: 212,
    },
    {
      id: 'key_2',
      userId: 'usr_mei',
      name: 'Data warehouse export',
      prefix: 'sk_live_b71c',
      scopes: ['audit:read'],
      createdAt: ago(64 * DAY),
      lastUsedAt: ago(3 * HOUR),
      revokedAt: null,
      expiresAt: null,
      requestsLast24h: 96,
    },
    {
      id: 'key_3',
      userId: null,
      name: 'Staging smoke tests',
      prefix: 'sk_test_0d2e',
      scopes: ['sessions:read'],
      createdAt: ago(30 * DAY),
      lastUsedAt: ago(9 * DAY),
      revokedAt: null,
      expiresAt: null,
      requestsLast24h: 0,
    },
    {
      id: 'key_4',
      userId: 'usr_kofi',
      name: 'Old CRM connector',
      prefix: 'sk_live_91aa',
      scopes: ['users:read'],
      createdAt: ago(400 * DAY),
      lastUsedAt: ago(80 * DAY),
      revokedAt: ago(79 * DAY),
      expiresAt: null,
      requestsLast24h: 0,
    },
  ];
}

export function auditEvents(): AuditEventRecord[] {
  const base = { sessionId: null, endReason: null, reason: null, details: {} };
  const events: AuditEventRecord[] = [
    {
      ...base,
      id: 'aud_1',
      at: ago(4 * MIN),
      action: 'force_logout',
      actorId: 'usr_dana',
      targetUserId: 'usr_kofi',
      reason: 'Laptop reported stolen',
      ip: '99.230.14.8',
      details: { ended: 3 },
    },
    {
      ...base,
      id: 'aud_2',
      at: ago(4 * MIN),
      action: 'session_ended',
      actorId: 'usr_dana',
      targetUserId: 'usr_kofi',
      sessionId: 'ses_00669f2c1a7b4e8d',
      endReason: 'force_logout',
      ip: '99.230.14.8',
    },
    {
      ...base,
      id: 'aud_3',
      at: ago(32 * MIN),
      action: 'login',
      actorId: 'usr_mei',
      targetUserId: 'usr_mei',
      sessionId: 'ses_00079f2c1a7b4e8d',
      ip: '126.72.3.90',
    },
    {
      ...base,
      id: 'aud_4',
      at: ago(2 * HOUR),
      action: 'policy_updated',
      actorId: 'usr_ana',
      targetUserId: null,
      ip: '203.0.113.24',
      details: { field: 'idleTimeout' },
    },
    {
      ...base,
      id: 'aud_5',
      at: ago(5 * HOUR),
      action: 'login_denied',
      actorId: null,
      targetUserId: 'usr_sofia',
      ip: '91.64.120.17',
      details: { max: 2 },
    },
    {
      ...base,
      id: 'aud_6',
      at: ago(26 * HOUR),
      action: 'session_ended',
      actorId: null,
      targetUserId: 'usr_lucas',
      sessionId: 'ses_00129f2c1a7b4e8d',
      endReason: 'idle_timeout',
      ip: null,
    },
    {
      ...base,
      id: 'aud_7',
      at: ago(2 * DAY),
      action: 'app_revoked',
      actorId: 'usr_ana',
      targetUserId: 'usr_ana',
      ip: '203.0.113.24',
      details: { app: 'Zapier' },
    },
    {
      ...base,
      id: 'aud_8',
      at: ago(3 * DAY),
      action: 'revoke_all',
      actorId: 'usr_ana',
      targetUserId: null,
      reason: 'Quarterly credential rotation',
      ip: '203.0.113.24',
      details: { ended: 41 },
    },
  ];
  for (let i = 0; i < 40; i++) {
    const user = TEAM[i % TEAM.length]!;
    events.push({
      ...base,
      id: `aud_l${i}`,
      at: ago(4 * DAY + i * 3 * HOUR),
      action: i % 3 === 2 ? 'session_ended' : 'login',
      actorId: user.userId,
      targetUserId: user.userId,
      endReason: i % 3 === 2 ? 'logout' : null,
      ip: user.sessions[0]!.ip,
      // What the server records with a sign-in.
      details: i % 3 === 2 ? {} : { rememberMe: i % 2 === 0, kind: 'browser' },
    });
  }
  return events;
}

export function policy(overrides: Partial<SessionPolicy> = {}): SessionPolicy {
  return {
    ...structuredClone(DEFAULT_POLICY),
    concurrentSessions: { enabled: true, max: 3, onExceed: 'evict_oldest' },
    ...overrides,
  };
}
