import type {
  ClientInfo,
  CredentialImport,
  GeoResolver,
  ImportedApiKey,
  ImportedAuthorizedApp,
  ImportedPushRegistration,
  SessionKind,
  SessionStore,
  UserDirectory,
} from '@sessionkit/core';
import { DAY, HOUR, MINUTE, ManualClock, SessionService, newSecret, tokenPreview } from '@sessionkit/core';
import { TENANT_ID } from './directory.js';
import type { SeedPlace } from './geo.js';
import { SEED_PLACES } from './geo.js';

/** Real User-Agent strings, so the labels and versions come out of core's parser as they would in production. */
export const USER_AGENTS = {
  chromeMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  safariMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  safariIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  chromeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  firefoxUbuntu: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  chromeAndroid:
    'Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Mobile Safari/537.36',
  mobileAppIos:
    'AcmeMobile/4.12.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) CFNetwork/1568.200.51 Darwin/24.1.0',
  mobileAppAndroid: 'AcmeMobile/4.12.0 (Linux; Android 14; Pixel 8 Build/AP2A.240905.003)',
} as const;

type Agent = keyof typeof USER_AGENTS;

interface SeedSession {
  user: string;
  agent: Agent;
  place: SeedPlace;
  /** How long ago it was opened, and last seen. */
  opened: number;
  seen: number;
  rememberMe?: boolean;
  kind?: SessionKind;
  client?: ClientInfo;
  /** Ended this long ago with a logout (history for the ended list and the login stats). */
  loggedOut?: number;
}

const PAGES = [
  '/dashboard',
  '/reports/pipeline',
  '/settings/security/sessions',
  '/customers',
  '/invoices',
  '/tickets',
];

const mobileApp = (deviceName: string): ClientInfo => ({ name: 'Acme Mobile', deviceName });

/** A short working session that ended with a logout, `days` ago. */
function history(
  user: string,
  agent: Agent,
  place: SeedPlace,
  days: number,
  client?: ClientInfo,
): SeedSession {
  const opened = days * DAY + 3 * HOUR;
  return {
    user,
    agent,
    place,
    opened,
    seen: opened - 2 * HOUR,
    loggedOut: opened - 2 * HOUR - 10 * MINUTE,
    ...(client ? { kind: 'mobile' as const, client } : {}),
  };
}

/**
 * The account's history, oldest first, so risk signals judge each login against what came before it:
 * Sam's last login (a new country and a new device) is the suspicious one; Priya's Safari tab is weeks old.
 */
const SESSIONS: readonly SeedSession[] = [
  // Each device's first sign-in, weeks ago: what makes it "seen before" for the risk signals later.
  history('admin', 'safariIphone', 'sanFrancisco', 26),
  history('admin', 'chromeMac', 'sanFrancisco', 25),
  history('admin', 'firefoxUbuntu', 'sanFrancisco', 24),
  history('kenji', 'firefoxUbuntu', 'tokyo', 24),
  history('kenji', 'mobileAppAndroid', 'tokyo', 22, mobileApp("Kenji's Pixel 8")),
  history('maria', 'chromeWindows', 'madrid', 23),
  history('maria', 'safariIphone', 'madrid', 22),
  history('sam', 'chromeWindows', 'newYork', 27),
  history('sam', 'safariIphone', 'newYork', 21),
  history('priya', 'mobileAppIos', 'london', 20, mobileApp("Priya's iPhone 15 Pro")),
  history('lena', 'chromeMac', 'berlin', 20),
  history('lena', 'firefoxUbuntu', 'berlin', 19),
  history('tom', 'chromeWindows', 'toronto', 18),
  // Working days of logins and logouts over the last two weeks: the login stats and the ended list.
  ...[13, 12, 11, 10, 7, 6, 5, 4, 3].flatMap((day): SeedSession[] => [
    {
      user: 'sam',
      agent: 'chromeWindows',
      place: 'newYork',
      opened: day * DAY + 8 * HOUR,
      seen: day * DAY + HOUR,
      loggedOut: day * DAY + 50 * MINUTE,
    },
    {
      user: 'lena',
      agent: 'chromeMac',
      place: 'berlin',
      opened: day * DAY + 9 * HOUR,
      seen: day * DAY + 2 * HOUR,
      loggedOut: day * DAY + 2 * HOUR - 5 * MINUTE,
    },
    {
      user: 'tom',
      agent: 'chromeWindows',
      place: 'toronto',
      opened: day * DAY + 7 * HOUR,
      seen: day * DAY + 30 * MINUTE,
      loggedOut: day * DAY + 20 * MINUTE,
    },
  ]),
  {
    user: 'priya',
    agent: 'safariMac',
    place: 'london',
    opened: 38 * DAY,
    seen: 25 * MINUTE,
    rememberMe: true,
  },
  {
    user: 'kenji',
    agent: 'firefoxUbuntu',
    place: 'tokyo',
    opened: 16 * DAY,
    seen: 3 * HOUR,
    rememberMe: true,
  },
  {
    user: 'admin',
    agent: 'safariIphone',
    place: 'sanFrancisco',
    opened: 12 * DAY,
    seen: 2 * HOUR,
    rememberMe: true,
  },
  {
    user: 'maria',
    agent: 'chromeWindows',
    place: 'madrid',
    opened: 9 * DAY,
    seen: 40 * MINUTE,
    rememberMe: true,
  },
  {
    user: 'kenji',
    agent: 'mobileAppAndroid',
    place: 'tokyo',
    opened: 8 * DAY,
    seen: 5 * HOUR,
    rememberMe: true,
    kind: 'mobile',
    client: mobileApp("Kenji's Pixel 8"),
  },
  {
    user: 'priya',
    agent: 'mobileAppIos',
    place: 'london',
    opened: 6 * DAY,
    seen: 70 * MINUTE,
    rememberMe: true,
    kind: 'mobile',
    client: mobileApp("Priya's iPhone 15 Pro"),
  },
  { user: 'sam', agent: 'safariIphone', place: 'newYork', opened: 5 * DAY, seen: 4 * HOUR, rememberMe: true },
  {
    user: 'lena',
    agent: 'firefoxUbuntu',
    place: 'berlin',
    opened: 4 * DAY,
    seen: 12 * MINUTE,
    rememberMe: true,
  },
  {
    user: 'admin',
    agent: 'chromeMac',
    place: 'sanFrancisco',
    opened: 3 * DAY,
    seen: 8 * MINUTE,
    rememberMe: true,
  },
  {
    user: 'tom',
    agent: 'chromeWindows',
    place: 'toronto',
    opened: 2 * DAY,
    seen: (3 * DAY) / 2,
    rememberMe: true,
  },
  {
    user: 'maria',
    agent: 'safariIphone',
    place: 'madrid',
    opened: 2 * DAY,
    seen: 6 * HOUR,
    rememberMe: true,
  },
  { user: 'sam', agent: 'chromeWindows', place: 'newYork', opened: 20 * HOUR, seen: 2 * MINUTE },
  { user: 'admin', agent: 'firefoxUbuntu', place: 'sanFrancisco', opened: 6 * HOUR, seen: 3 * HOUR },
  { user: 'sam', agent: 'chromeAndroid', place: 'lagos', opened: 35 * MINUTE, seen: 9 * MINUTE },
];

export interface SeedOptions {
  store: SessionStore;
  directory: UserDirectory;
  geo: GeoResolver;
  policyDefaults: unknown;
  /** "Now" for the seed: the host's clock at start-up. */
  now: Date;
}

export interface SeedSummary {
  sessions: number;
  activeSessions: number;
}

/**
 * Builds the demo account through core's own service, with a clock set back in time, so every document is
 * one the kit itself would have written: labels, places, audit events, slots and all.
 */
export async function seedDemo(options: SeedOptions): Promise<SeedSummary> {
  const clock = new ManualClock(options.now);
  const service = new SessionService({
    store: options.store,
    clock,
    geo: options.geo,
    directory: options.directory,
    policyDefaults: options.policyDefaults,
    policyCacheMs: 0,
  });
  const now = options.now.getTime();
  const at = (ago: number) => clock.set(now - ago);
  const userId = (name: string) => `usr_${name}`;
  const secrets = new Map<string, string>();
  let active = 0;

  for (const [index, s] of SESSIONS.entries()) {
    const place = SEED_PLACES[s.place];
    at(s.opened);
    const result = await service.issue({
      tenantId: TENANT_ID,
      userId: userId(s.user),
      ip: place.ip,
      userAgent: USER_AGENTS[s.agent],
      rememberMe: s.rememberMe ?? false,
      kind: s.kind ?? 'browser',
      ...(s.client ? { client: s.client } : {}),
    });
    if (result.status !== 'issued') throw new Error(`seed: login ${index} was refused by the demo policy`);
    // Requests every few hours keep the session inside the idle timeout, as a person using it would.
    for (let ago = s.opened - 3 * HOUR; ago > s.seen; ago -= 5 * HOUR + (index % 4) * 17 * MINUTE) {
      at(ago);
      await service.validate(result.secret, { ip: place.ip, path: PAGES[((ago / HOUR) % PAGES.length) | 0] });
    }
    at(s.seen);
    await service.validate(result.secret, { ip: place.ip, path: PAGES[index % PAGES.length] });
    if (s.loggedOut !== undefined) {
      at(s.loggedOut);
      await service.endBySecret(result.secret, { userId: userId(s.user), ip: place.ip }, 'logout');
    } else {
      active++;
      secrets.set(`${s.user}:${s.agent}`, result.secret);
    }
  }

  // Tom's laptop was reported stolen: an administrator forced him out, then he signed in again on a new one.
  const admin = { userId: userId('admin'), ip: SEED_PLACES.sanFrancisco.ip };
  at(30 * HOUR);
  const tomEnded = await service.revokeAllForUser(TENANT_ID, userId('tom'), {
    actor: admin,
    reason: 'Laptop reported stolen — replacement issued by IT',
  });
  active -= tomEnded;
  at(29 * HOUR);
  const tom = await service.issue({
    tenantId: TENANT_ID,
    userId: userId('tom'),
    ip: SEED_PLACES.toronto.ip,
    userAgent: USER_AGENTS.chromeWindows,
    rememberMe: true,
  });
  if (tom.status === 'issued') {
    active++;
    at(45 * MINUTE);
    await service.validate(tom.secret, { ip: SEED_PLACES.toronto.ip, path: '/invoices' });
  }

  // Olivia left the company: her account is deactivated and her last session ended with it.
  at(10 * DAY);
  const olivia = await service.issue({
    tenantId: TENANT_ID,
    userId: userId('olivia'),
    ip: SEED_PLACES.newYork.ip,
    userAgent: USER_AGENTS.chromeMac,
  });
  at(10 * DAY - 2 * HOUR);
  if (olivia.status === 'issued')
    await service.onUserDeactivated(TENANT_ID, userId('olivia'), { actor: admin });

  clock.set(now);
  await service.importCredentials(demoCredentials(now));
  return { sessions: SESSIONS.length + 2, activeSessions: active };
}

/**
 * The account's other credentials, as an import: apps people authorized, devices that get notifications, and
 * API keys with the requests of their last day.
 */
function demoCredentials(now: number): CredentialImport {
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
