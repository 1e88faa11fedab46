import type {
  ApiKeyInput,
  AppGrant,
  AuthorizedApp,
  CreatedApiKey,
  PushRegistration,
  SessionService,
} from '@sessionkit/core';
import { SYSTEM_ACTOR, SessionKitError } from '@sessionkit/core';
import type { Actor } from '@sessionkit/core';
import type { Request } from 'express';
import type { SessionKitRequestContext } from './kitContext.js';

/** Whose credential: the request's signed-in person, a user id (default tenant), or a user in a tenant. */
export type CredentialOwner = Request | string | { userId: string; tenantId?: string };

/** The host's side of the credentials the kit issues (docs/integration.md, "Credentials"). */
export interface KitCredentials {
  /**
   * Issues a token for an app or device a person signs in with: a mobile app with its device name, a website
   * granted access. Answers the app and its token (`ska_…`), shown this once: give it to the app, which sends
   * it as `Authorization: Bearer …`; `authenticate` then puts `credential: 'app'` on the request. Removing
   * the app (the person's list, or an administrator acting for them) ends the token at its next request.
   */
  authorizeApp(owner: CredentialOwner, grant: AppGrant): Promise<{ app: AuthorizedApp; token: string }>;
  /**
   * Creates an API key for a person, as the `POST /me/api-keys` route does: the secret (`skk_…`) is in the
   * answer only.
   */
  createApiKey(owner: CredentialOwner, input: ApiKeyInput): Promise<CreatedApiKey>;
  /**
   * The person's push registrations that are live, with their push tokens: push to these and no others, so a
   * registration the person removed stops receiving at once.
   */
  livePushRegistrations(owner: CredentialOwner): Promise<PushRegistration[]>;
}

export function kitCredentials(
  service: SessionService,
  defaultTenantId: string,
  contexts: WeakMap<Request, SessionKitRequestContext>,
): KitCredentials {
  const ownerOf = (owner: CredentialOwner): { tenantId: string; userId: string; actor: Actor } => {
    if (typeof owner === 'string') return { tenantId: defaultTenantId, userId: owner, actor: SYSTEM_ACTOR };
    const context = contexts.get(owner as Request);
    if (context && context.userId !== null) {
      const sessionId = context.credential === 'session' ? context.session.id : null;
      const ip = (owner as Request).ip ?? null;
      return {
        tenantId: context.tenantId,
        userId: context.userId,
        actor: { userId: context.userId, sessionId, ip },
      };
    }
    const target = owner as { userId?: unknown; tenantId?: string };
    if (typeof target.userId === 'string')
      return { tenantId: target.tenantId ?? defaultTenantId, userId: target.userId, actor: SYSTEM_ACTOR };
    throw new SessionKitError(
      'unauthenticated',
      'the request has no signed-in person: run authenticate before authorizeApp',
    );
  };
  return {
    async authorizeApp(owner, grant) {
      const { tenantId, userId, actor } = ownerOf(owner);
      return service.credentials.authorizeApp(tenantId, userId, grant, actor);
    },
    async createApiKey(owner, input) {
      const { tenantId, userId, actor } = ownerOf(owner);
      return service.apiKeys.create(tenantId, userId, input, actor);
    },
    async livePushRegistrations(owner) {
      const { tenantId, userId } = ownerOf(owner);
      return service.credentials.livePushRegistrations(tenantId, userId);
    },
  };
}
