import type { EndReason, ErrorBody, SessionKitErrorCode } from '@sessionkit/core';
import { SessionSuspendedError, isSessionKitError } from '@sessionkit/core';
import type { ErrorRequestHandler, Request, Response } from 'express';

/** The one place a core error code becomes an HTTP status. */
export const STATUS_BY_CODE: Record<SessionKitErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  gone: 410,
  limit_reached: 409,
  store_unavailable: 503,
  misconfigured: 500,
};

export function sendError(res: Response, status: number, body: ErrorBody): void {
  if (res.headersSent) return;
  // authenticate answers on the host's routes too, where nothing else marks the answer as personal.
  res.set('Cache-Control', 'no-store');
  res.status(status).json(body);
}

/**
 * The ended session's own holder learns why, and in the words an administrator gave (`note`): the same answer
 * clears the cookie, so this is the one chance to tell them.
 */
export function sendSessionEnded(res: Response, reason: EndReason, note: string | null = null): void {
  sendError(res, 401, {
    error: 'session_ended',
    message: 'this session has ended',
    reason,
    ...(note ? { note } : {}),
  });
}

/**
 * A request on a suspended person's session, or their sign-in: the administrator's reason and when it ends.
 * The cookie stays: the same session works again once the suspension ends.
 */
export function sendSessionSuspended(res: Response, reason: string, until: Date): void {
  if (res.headersSent) return;
  res.set('Cache-Control', 'no-store');
  res.status(401).json({
    error: 'session_suspended',
    message: 'your sessions are suspended',
    reason,
    until: until.toISOString(),
  });
}

export function sendUnauthenticated(res: Response): void {
  sendError(res, 401, { error: 'unauthenticated', message: 'sign in first' });
}

export function sendStoreUnavailable(res: Response): void {
  sendError(res, 503, {
    error: 'store_unavailable',
    message: 'session storage is unavailable; try again shortly',
  });
}

/** The routes of a router or app (`router.stack`, `app.router.stack`): their patterns name the path parameters. */
export interface RouteTable {
  stack: ReadonlyArray<{ route?: { path?: unknown } | undefined }>;
}

export interface RequestErrorAnswer {
  status: number;
  body: ErrorBody;
}

/** The kinds of body-parser (`type`) failures that are the client's doing, and the part of the request at fault. */
const UNREADABLE_BODY: Record<string, { field: string; message: string }> = {
  'entity.parse.failed': { field: 'body', message: 'the request body is not valid JSON' },
  'entity.too.large': { field: 'body', message: 'the request body is too large' },
  'request.aborted': { field: 'body', message: 'the request body ended before its Content-Length' },
  'request.size.invalid': {
    field: 'body',
    message: 'the request body is not as long as its Content-Length says',
  },
  'encoding.unsupported': {
    field: 'content-encoding',
    message: 'content-encoding: must be identity, gzip, deflate or br',
  },
  'charset.unsupported': { field: 'content-type', message: 'content-type: the charset must be utf-8' },
};

/**
 * The answer for a request that Express or the body parser could not read: a path parameter with a broken
 * `%` escape, a body that is not JSON, too large, cut short, compressed wrongly or in an unknown encoding.
 * These are the client's mistakes, so they are 400s naming the part at fault; null for any other error.
 * Hosts can call it from their own error handler; pass the router (or `app.router`) whose routes were tried,
 * so the answer names the path parameter.
 */
export function unreadableRequest(
  error: unknown,
  req: Request,
  routes?: RouteTable,
): RequestErrorAnswer | null {
  if (!error || typeof error !== 'object') return null;
  const bad = (field: string, message: string): RequestErrorAnswer => ({
    status: 400,
    body: { error: 'invalid_input', message, field },
  });
  // The router decodes path parameters before any handler runs and throws a URIError when it can't.
  if (error instanceof URIError) {
    const field = (routes && paramWithBrokenEscape(req.path, routes)) ?? 'path';
    return bad(field, `${field}: is not valid percent-encoding`);
  }
  const failure = error as { type?: unknown; status?: unknown; statusCode?: unknown; errno?: unknown };
  if (typeof failure.type === 'string') {
    const known = UNREADABLE_BODY[failure.type];
    if (known) return bad(known.field, known.message);
  }
  const status = typeof failure.status === 'number' ? failure.status : failure.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return null;
  // zlib's own error, which the body parser passes on with a 400: the compressed body is corrupt or truncated.
  if (typeof failure.errno === 'number') {
    const encoding = String(req.headers['content-encoding'] ?? 'compressed').slice(0, 20);
    return bad('body', `the request body is not valid ${encoding} data`);
  }
  return bad('request', 'the request cannot be read');
}

/** Which path parameter holds the segment that doesn't decode, judged by the routes' patterns. */
function paramWithBrokenEscape(path: string, routes: RouteTable): string | null {
  const segments = path.length > 1 && path.endsWith('/') ? path.slice(0, -1).split('/') : path.split('/');
  const broken = segments.findIndex((segment) => !decodes(segment));
  if (broken < 0) return null;
  for (const layer of routes.stack) {
    const pattern = layer.route?.path;
    if (typeof pattern !== 'string') continue;
    const parts = pattern.split('/');
    if (parts.length !== segments.length || !parts[broken]?.startsWith(':')) continue;
    const fits = parts.every(
      (part, i) => part.startsWith(':') || part.toLowerCase() === segments[i]?.toLowerCase(),
    );
    if (fits) return parts[broken].slice(1);
  }
  return null;
}

function decodes(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/**
 * The router's last handler: every failure leaves as a JSON body. Requests that can't be read are bad input
 * (see `unreadableRequest`); anything unexpected is a 500 whose message reveals nothing.
 */
export function errorResponder(routes?: RouteTable): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (error instanceof SessionSuspendedError) return sendSessionSuspended(res, error.reason, error.until);
    if (isSessionKitError(error)) {
      const status = STATUS_BY_CODE[error.code];
      if (status === 503) return sendStoreUnavailable(res);
      if (status >= 500) return internal(res, error);
      return sendError(res, status, {
        error: error.code,
        message: error.message,
        ...(error.field ? { field: error.field } : {}),
      });
    }
    const unreadable = unreadableRequest(error, req, routes);
    if (unreadable) return sendError(res, unreadable.status, unreadable.body);
    return internal(res, error);
  };
}

function internal(res: Response, error: unknown): void {
  console.error('sessionkit: unexpected error', error instanceof Error ? error.message : error);
  sendError(res, 500, { error: 'internal', message: 'something went wrong' });
}
