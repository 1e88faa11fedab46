import { SessionKitError } from '@sessionkit/core';
import type { NextFunction, Request, Response } from 'express';

/** A body that isn't JSON is refused rather than ignored, so a form post can't pass for an empty body. */
export function requireJsonBody(req: Request, _res: Response, next: NextFunction): void {
  const length = Number(req.headers['content-length'] ?? 0);
  const hasBody = req.headers['transfer-encoding'] !== undefined || length > 0;
  if (hasBody && !req.is('application/json')) {
    return next(new SessionKitError('invalid_input', 'send the body as application/json', { field: 'body' }));
  }
  next();
}
