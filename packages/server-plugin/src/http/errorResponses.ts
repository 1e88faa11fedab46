import type { EndReason, SessionKitErrorCode } from '@sessionkit/core';
import { isSessionKitError } from '@sessionkit/core';
import type { ErrorRequestHandler, Response } from 'express';

/** The one place a core error code becomes an HTTP status. */
export const STATUS_BY_CODE: Record<SessionKitErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  limit_reached: 409,
  store_unavailable: 503,
  misconfigured: 500,
};

export type ErrorBody = {
  error: string;
  message: string;
  field?: string;
  reason?: EndReason;
  /** With `session_ended`: the words whoever ended the session gave, when they gave any. */
  note?: string;
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

export function sendUnauthenticated(res: Response): void {
  sendError(res, 401, { error: 'unauthenticated', message: 'sign in first' });
}

export function sendStoreUnavailable(res: Response): void {
  sendError(res, 503, {
    error: 'store_unavailable',
    message: 'session storage is unavailable; try again shortly',
  });
}

interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
}

/**
 * The router's last handler: every failure leaves as a JSON body. Body-parser failures (too large, not JSON)
 * are bad input; anything unexpected is a 500 whose message reveals nothing.
 */
export const errorResponder: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
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
  const parserError = error as BodyParserError;
  if (parserError && typeof parserError === 'object' && typeof parserError.type === 'string') {
    if (parserError.type === 'entity.too.large') {
      return sendError(res, 400, {
        error: 'invalid_input',
        message: 'the request body is too large',
        field: 'body',
      });
    }
    if (parserError.expose && parserError.status && parserError.status < 500) {
      return sendError(res, 400, {
        error: 'invalid_input',
        message:
          parserError.type === 'entity.parse.failed'
            ? 'the request body is not valid JSON'
            : 'the request body cannot be read',
        field: 'body',
      });
    }
  }
  return internal(res, error);
};

function internal(res: Response, error: unknown): void {
  console.error('sessionkit: unexpected error', error instanceof Error ? error.message : error);
  sendError(res, 500, { error: 'internal', message: 'something went wrong' });
}
