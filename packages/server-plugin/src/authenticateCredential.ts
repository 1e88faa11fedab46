import type { CredentialValidation, DirectoryUser, SessionService } from '@sessionkit/core';
import type { Response } from 'express';
import { sendError } from './http/errorResponses.js';
import type { ApiKeyRequestContext, AppRequestContext } from './kitContext.js';

/**
 * Checks an API key or app token (told from a session secret by its prefix) with one store read by its hash.
 * Answers the request's context, `answered` when it refused the request, or `not_a_credential` when the store
 * knows no such key or app: the caller then tries it as a session secret, since a host's adopted session
 * secrets may look like anything.
 */
export async function authenticateCredential(
  service: SessionService,
  token: string,
  res: Response,
  userOf: (tenantId: string, userId: string) => Promise<DirectoryUser | undefined>,
  options: { imported?: boolean } = {},
): Promise<ApiKeyRequestContext | AppRequestContext | 'answered' | 'not_a_credential'> {
  const checked: CredentialValidation = await service.credentials.validateToken(token, options);
  if (checked.status === 'unknown') return 'not_a_credential';
  if (checked.status === 'ended') {
    sendError(res, 401, {
      error: 'api_key_ended',
      message: checked.reason === 'revoked' ? 'this API key was revoked' : 'this API key has expired',
      reason: checked.reason,
    });
    return 'answered';
  }
  const { tenantId, userId, principal } = checked;
  const user = (userId === null ? undefined : await userOf(tenantId, userId)) ?? null;
  if (principal.kind === 'api_key')
    return { credential: 'api_key', apiKey: principal.key, userId, user, tenantId, via: 'bearer' };
  return {
    credential: 'app',
    app: principal.app,
    userId: principal.app.userId,
    user,
    tenantId,
    via: 'bearer',
  };
}
