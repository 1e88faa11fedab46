import type {
  ApiKeyRecord,
  CreatedApiKeyRecord,
  DirectoryUser,
  PushRegistrationRecord,
} from '@sessionkit/core/browser';
import { API_KEY_SCOPES, NOW } from './fixtures.js';
import type { Handler, Result } from './mockProtocol.js';
import { ISO_DATE, error, page } from './mockProtocol.js';

interface CredentialState {
  keys: ApiKeyRecord[];
  push: PushRegistrationRecord[];
}

const KEY_FIELDS = ['name', 'scopes', 'expiresAt'];
const PUSH_FIELDS = ['appName', 'deviceName', 'platform', 'pushToken'];
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * The mock's answers for the credentials the kit issues: API keys created (the secret answered once) and
 * revoked, the declared scopes, and a device's push registration. As the router checks them, in its words.
 */
export function credentialRoutes(
  state: CredentialState,
  me: () => DirectoryUser,
  directory: readonly DirectoryUser[],
): [string, RegExp, Handler][] {
  let made = 0;
  const create = (userId: string, body: Record<string, unknown>): Result => {
    const bad = checkKey(body);
    if (bad) return bad;
    made++;
    const secret = `skk_${randomText(43)}`;
    const key: ApiKeyRecord = {
      id: `key_new${made}`,
      userId,
      name: String(body.name).trim(),
      prefix: secret.slice(0, 12),
      scopes: [...new Set(body.scopes as string[])],
      createdAt: NOW,
      lastUsedAt: null,
      revokedAt: null,
      expiresAt: typeof body.expiresAt === 'string' ? new Date(body.expiresAt) : null,
      requestsLast24h: 0,
    };
    state.keys.unshift(key);
    return { status: 201, body: { ...key, secret } satisfies CreatedApiKeyRecord };
  };
  const revoke = (key: ApiKeyRecord | undefined): Result => {
    if (!key || key.revokedAt) return error(404, 'not_found', 'no API key with that id');
    key.revokedAt = NOW;
    return { body: key };
  };
  return [
    ['GET', /^\/api-key-scopes$/, () => ({ body: { scopes: API_KEY_SCOPES } })],
    [
      'GET',
      /^\/me\/api-keys$/,
      ({ query }) =>
        page(
          state.keys.filter((k) => k.userId === me().id),
          query,
        ),
    ],
    ['POST', /^\/me\/api-keys$/, ({ body }) => create(me().id, body)],
    [
      'DELETE',
      /^\/me\/api-keys\/([^/]+)$/,
      ({ params }) => revoke(state.keys.find((k) => k.id === params[0] && k.userId === me().id)),
    ],
    [
      'POST',
      /^\/admin\/users\/([^/]+)\/api-keys$/,
      ({ params, body }) =>
        directory.some((u) => u.id === params[0])
          ? create(params[0]!, body)
          : error(404, 'not_found', 'no such user', 'userId'),
    ],
    ['DELETE', /^\/api-keys\/([^/]+)$/, ({ params }) => revoke(state.keys.find((k) => k.id === params[0]))],
    [
      'POST',
      /^\/me\/push-registrations$/,
      ({ body }) => {
        const unknown = Object.keys(body).find((k) => !PUSH_FIELDS.includes(k));
        if (unknown) return error(400, 'invalid_input', `${unknown} is not accepted here`, unknown);
        for (const field of ['appName', 'deviceName', 'pushToken'])
          if (typeof body[field] !== 'string' || !String(body[field]).trim())
            return error(400, 'invalid_input', `${field}: is required`, field);
        if (!['ios', 'android', 'web'].includes(String(body.platform)))
          return error(400, 'invalid_input', 'platform: must be ios, android or web', 'platform');
        const registration: PushRegistrationRecord = {
          id: `push_new${state.push.length + 1}`,
          appName: String(body.appName),
          deviceName: String(body.deviceName),
          platform: body.platform as PushRegistrationRecord['platform'],
          createdAt: NOW,
          lastUsedAt: null,
        };
        state.push.unshift(registration);
        return { status: 201, body: registration };
      },
    ],
  ];
}

function checkKey(body: Record<string, unknown>): Result | null {
  const unknown = Object.keys(body).find((k) => !KEY_FIELDS.includes(k));
  if (unknown) return error(400, 'invalid_input', `${unknown} is not accepted here`, unknown);
  const name = typeof body.name === 'string' ? body.name.trim() : '';
  if (!name) return error(400, 'invalid_input', 'name: give the key a name', 'name');
  if (name.length > 100) return error(400, 'invalid_input', 'name: must be at most 100 characters', 'name');
  const scopes = body.scopes;
  if (!Array.isArray(scopes) || scopes.length === 0)
    return error(
      400,
      'invalid_input',
      `scopes: choose at least one of ${API_KEY_SCOPES.join(', ')}`,
      'scopes',
    );
  const stray = scopes.find((s) => !API_KEY_SCOPES.includes(s as string));
  if (stray !== undefined)
    return error(
      400,
      'invalid_input',
      `scopes: ${String(stray)} is not one of ${API_KEY_SCOPES.join(', ')}`,
      'scopes',
    );
  const expiresAt = body.expiresAt;
  if (expiresAt !== undefined && expiresAt !== null) {
    if (typeof expiresAt !== 'string' || !ISO_DATE.test(expiresAt))
      return error(400, 'invalid_input', 'expiresAt: must be an ISO 8601 date', 'expiresAt');
    if (new Date(expiresAt) <= NOW)
      return error(400, 'invalid_input', 'expiresAt: must be in the future', 'expiresAt');
  }
  return null;
}

function randomText(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => ALPHABET[b % 64]).join('');
}
