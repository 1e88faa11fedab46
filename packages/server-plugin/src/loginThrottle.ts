import { MINUTE, SessionKitError } from '@sessionkit/core';
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Options as RateLimitOptions, Store } from 'express-rate-limit';
import { sendError } from './http/errorResponses.js';

export type LoginThrottleBudget = 'address' | 'account';

export interface LoginThrottleOptions {
  /**
   * The window both budgets count in. Default 15 minutes: long enough that a budget holds an attacker to a
   * few hundred guesses a day, short enough that a person who ran out waits a coffee break, not a day.
   */
  windowMs?: number;
  /**
   * Failed attempts one client address may make in a window, whichever accounts they name. Default 50. This
   * is the password-spraying limit (one address, one common password, many usernames): an office behind one
   * NAT address shares it, and 50 failures in 15 minutes is more than a busy office mistypes, while a sprayer
   * gets 200 guesses an hour.
   */
  perAddress?: number;
  /**
   * Failed attempts on one account in a window, from every address together. Default 10. This is the
   * credential-stuffing and brute-force limit on one account (many addresses, one username): 40 failures an
   * hour, under ASVS 2.2.1's "no more than 100 failed attempts per hour on a single account", and enough for
   * a person trying every variant of a forgotten password. Anyone who knows a username can spend this budget
   * (the price of every per-account limit): it lasts one window, and `resetAccount` ends it early.
   */
  perAccount?: number;
  /**
   * Which account a request tries. Default: the JSON body's `username` (so `byAccount` goes after the body
   * parser). Return null when the request names none: then only the address budget counts it.
   */
  accountOf?: (req: Request) => string | null | undefined;
  /**
   * IPv6 clients count by this prefix length, because one client holds a whole /64 or /56 and could otherwise
   * take a fresh address per guess. Default 56 (express-rate-limit's); false counts single addresses.
   */
  ipv6Subnet?: number | false;
  /**
   * Where the counts live. Default: this process's memory, which is right for one instance. Behind a load
   * balancer give a shared store (e.g. Redis through rate-limit-redis), a separate one per budget; otherwise
   * each instance grants the full budget and an attacker multiplies it by the number of instances.
   */
  store?: (budget: LoginThrottleBudget) => Store;
}

export interface LoginThrottle {
  /**
   * Counts failed attempts per client address. Mount it before the body parser, so that an address over its
   * budget is refused without its body being read or parsed, and broken bodies count too.
   */
  byAddress: RequestHandler;
  /** Counts failed attempts per account. Mount it after the body parser (it reads the account from the body). */
  byAccount: RequestHandler;
  /** Forgets an account's failures, e.g. when an administrator confirms the person and lifts the block. */
  resetAccount(account: string): Promise<void>;
}

const DEFAULTS = { windowMs: 15 * MINUTE, perAddress: 50, perAccount: 10, ipv6Subnet: 56 as number | false };

/**
 * Rate limits for a host's sign-in (and any other password check, such as a change-password route's current
 * password): one budget per client address and one per account, counting failures only (any answer of 400 or
 * more), so people who sign in never use them up. Over a budget the answer is `429 { error: 'rate_limited' }`
 * with `Retry-After`, and the password is not checked. The counts live in wall-clock windows
 * (express-rate-limit's), not on the kit's clock.
 *
 * The address budget is only as good as `req.ip`: behind a proxy set Express's `trust proxy` to exactly your
 * proxies (a hop count or their addresses), never `true`, or every client picks its own address through
 * `X-Forwarded-For`.
 *
 * ```ts
 * const throttle = createLoginThrottle();
 * app.post('/auth/login', throttle.byAddress, express.json(), throttle.byAccount, login);
 * ```
 */
export function createLoginThrottle(options: LoginThrottleOptions = {}): LoginThrottle {
  const settings = checkOptions(options);
  const accountOf = options.accountOf ?? usernameOf;
  const accountKey = (req: Request): string | null => {
    const account = accountOf(req);
    return typeof account === 'string' && account.length > 0 ? normalizeAccount(account) : null;
  };

  const limiter = (
    budget: LoginThrottleBudget,
    limit: number,
    keyGenerator: RateLimitOptions['keyGenerator'],
    skip?: RateLimitOptions['skip'],
  ) =>
    rateLimit({
      windowMs: settings.windowMs,
      limit,
      keyGenerator,
      ...(skip ? { skip } : {}),
      ...(options.store ? { store: options.store(budget) } : {}),
      // Successful sign-ins give their count back: only failures use up a budget.
      skipSuccessfulRequests: true,
      // No RateLimit headers on every answer: the remaining budget is the attacker's pacing guide.
      standardHeaders: false,
      legacyHeaders: false,
      requestPropertyName: `sessionKitThrottle_${budget}`,
      handler: (req, res, _next, used) => {
        const info = (req as unknown as Record<string, { resetTime?: Date } | undefined>)[
          used.requestPropertyName
        ];
        // express-rate-limit's windows run on the wall clock; the seconds left come from the same clock.
        const seconds = info?.resetTime
          ? Math.max(1, Math.ceil((info.resetTime.getTime() - Date.now()) / 1000))
          : Math.ceil(settings.windowMs / 1000);
        res.set('Retry-After', String(seconds));
        const minutes = Math.ceil(seconds / 60);
        sendError(res, 429, {
          error: 'rate_limited',
          message: `Too many failed attempts. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
        });
      },
    });

  const byAddress = limiter('address', settings.perAddress, (req) =>
    ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? '', settings.ipv6Subnet),
  );
  const byAccount = limiter(
    'account',
    settings.perAccount,
    (req) => accountKey(req) ?? '',
    (req) => accountKey(req) === null,
  );

  return {
    byAddress,
    byAccount,
    async resetAccount(account) {
      await byAccount.resetKey(normalizeAccount(account));
    },
  };
}

function usernameOf(req: Request): string | null {
  const username = (req.body as { username?: unknown } | undefined)?.username;
  return typeof username === 'string' ? username : null;
}

/** One account however its name is typed: "Ada", " ada " and the full-width "ａｄａ" share a budget. */
function normalizeAccount(account: string): string {
  return account.normalize('NFKC').trim().toLowerCase().slice(0, 256);
}

function checkOptions(options: LoginThrottleOptions): typeof DEFAULTS {
  const fail = (option: string, message: string): never => {
    throw new SessionKitError('misconfigured', `createLoginThrottle: \`${option}\` ${message}`);
  };
  if (typeof options !== 'object' || options === null) fail('options', 'must be an object');
  const settings = { ...DEFAULTS };
  for (const key of ['windowMs', 'perAddress', 'perAccount'] as const) {
    const value = options[key];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 1) fail(key, 'must be a whole number of at least 1');
    settings[key] = value;
  }
  if (settings.windowMs < 1000 || settings.windowMs > 2 ** 31 - 1)
    fail('windowMs', 'must be between 1 second and 24 days');
  if (options.ipv6Subnet !== undefined) {
    const subnet = options.ipv6Subnet;
    if (subnet !== false && (!Number.isInteger(subnet) || subnet < 32 || subnet > 64))
      fail('ipv6Subnet', 'must be a prefix length from 32 to 64, or false');
    settings.ipv6Subnet = subnet;
  }
  if (options.accountOf !== undefined && typeof options.accountOf !== 'function')
    fail('accountOf', 'must be a function (req) => account name or null');
  if (options.store !== undefined && typeof options.store !== 'function')
    fail('store', 'must be a function (budget) => a express-rate-limit Store, one per budget');
  return settings;
}
