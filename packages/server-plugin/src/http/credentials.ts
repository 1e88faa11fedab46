import { createHmac, timingSafeEqual } from 'node:crypto';
import { parse as parseCookieHeader } from 'cookie';
import type { CookieOptions, Request, Response } from 'express';

export interface CookieSettings {
  /** `__Host-sk_session` by default when Secure (see SessionKitCookieOptions). */
  name: string;
  /** Default true; turn off only for local http. */
  secure: boolean;
  /** Default `lax`. */
  sameSite: 'lax' | 'strict' | 'none';
  domain: string | undefined;
  /** Default `/`. */
  path: string;
  /** The readable CSRF cookie, `__Host-sk_csrf` by default when Secure. */
  csrfName: string;
}

export const CSRF_HEADER = 'x-csrf-token';

export type Credential = { secret: string; via: 'cookie' | 'bearer' };

/**
 * The secret a request carries: a Bearer token wins over the cookie, so an API client that also holds a
 * browser cookie is judged by the credential it chose to send.
 */
export function readCredential(req: Request, cookieName: string): Credential | null {
  const authorization = req.headers.authorization;
  if (typeof authorization === 'string') {
    const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(authorization);
    if (match?.[1]) return { secret: match[1], via: 'bearer' };
  }
  const secret = readCookie(req, cookieName);
  return secret ? { secret, via: 'cookie' } : null;
}

export function readCookie(req: Request, name: string): string | null {
  const header = req.headers.cookie;
  if (typeof header !== 'string' || header.length === 0) return null;
  const value = parseCookieHeader(header)[name];
  return value ? value : null;
}

/** The readable CSRF token: an HMAC of the session's token hash, so it can't be forged without the server key. */
export function csrfToken(csrfSecret: string, tokenHash: string): string {
  return createHmac('sha256', csrfSecret).update(`sk_csrf:${tokenHash}`).digest('base64url');
}

export function csrfMatches(csrfSecret: string, tokenHash: string, presented: unknown): boolean {
  if (typeof presented !== 'string' || presented.length === 0 || presented.length > 128) return false;
  const expected = Buffer.from(csrfToken(csrfSecret, tokenHash));
  const given = Buffer.from(presented);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function setSessionCookies(
  res: Response,
  settings: CookieSettings,
  values: { secret: string; csrf: string; maxAgeMs: number | null },
): void {
  const base: CookieOptions = {
    secure: settings.secure,
    sameSite: settings.sameSite,
    path: settings.path,
    ...(settings.domain ? { domain: settings.domain } : {}),
    // Without remember me the cookie lives as long as the browser session; the server still enforces the policy.
    ...(values.maxAgeMs === null ? {} : { maxAge: values.maxAgeMs }),
  };
  // A stored copy of this answer would hand the session to whoever the cache serves it to next.
  res.set('Cache-Control', 'no-store');
  res.cookie(settings.name, values.secret, { ...base, httpOnly: true });
  // Readable by the page's script, which echoes it in the x-csrf-token header.
  res.cookie(settings.csrfName, values.csrf, { ...base, httpOnly: false });
}

/**
 * Hands the page the CSRF token of a session whose own credential is the host's (`expressSession` with
 * `csrf: true`): only the readable cookie, and only when the page doesn't hold this token yet.
 */
export function keepCsrfCookie(req: Request, res: Response, settings: CookieSettings, token: string): void {
  if (readCookie(req, settings.csrfName) === token) return;
  res.cookie(settings.csrfName, token, {
    secure: settings.secure,
    sameSite: settings.sameSite,
    path: settings.path,
    ...(settings.domain ? { domain: settings.domain } : {}),
    httpOnly: false,
  });
}

export function clearSessionCookies(res: Response, settings: CookieSettings): void {
  const base: CookieOptions = {
    secure: settings.secure,
    sameSite: settings.sameSite,
    path: settings.path,
    ...(settings.domain ? { domain: settings.domain } : {}),
  };
  res.set('Cache-Control', 'no-store');
  res.clearCookie(settings.name, { ...base, httpOnly: true });
  res.clearCookie(settings.csrfName, { ...base, httpOnly: false });
}
