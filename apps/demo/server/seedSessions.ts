import type { ClientInfo, SessionKind } from '@sessionkit/core';
import { DAY, HOUR, MINUTE } from '@sessionkit/core';
import type { SeedPlace } from './geo.js';

// The demo account's sessions as data: who signed in, on what, from where, when, and when they left.
// `seed.ts` plays them through core's service.

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

export type Agent = keyof typeof USER_AGENTS;

export interface SeedSession {
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

export const PAGES = [
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
export const SESSIONS: readonly SeedSession[] = [
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
