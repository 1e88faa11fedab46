import type {
  ApiKeyRecord,
  AuthorizedAppRecord,
  CreatedApiKeyRecord,
  CreatedAppRecord,
  DirectoryUser,
  PushRegistrationRecord,
} from '@sessionkit/core/browser';
import { API_KEY_SCOPES, NOW } from './fixtures.js';
import type { Handler, Result } from './mockProtocol.js';
import { ISO_DATE, error, page, removeRow } from './mockProtocol.js';

interface CredentialState {
  keys: ApiKeyRecord[];
  apps: AuthorizedAppRecord[];
  appOwners: Map<string, string>;
  push: PushRegistrationRecord[];
}

const KEY_FIELDS = ['name', 'scopes', 'expiresAt'];
const APP_FIELDS = ['name', 'kind', 'rights'];
const PUSH_FIELDS = ['appName', 'deviceName', 'platform', 'pushToken'];
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * The mock's answers for the credentials the kit issues: API keys created (the secret answered once) and
 * revoked, the declared scopes, an app a person connects (its token answered once), and a device's push
 * registration. As the router checks them, in its words.
 */
export function credentialRoutes(
  state: CredentialState,
  { me, viewerId }: { me: () => DirectoryUser; viewerId: string },
  directory: readonly DirectoryUser[],
): [string, RegExp, Handler][] {
  let made = 0;
  // The fixtures' apps are the stories' viewer's; one connected through the mock is whoever connected it.
  const mine = (app: { id: string }) => (state.appOwners.get(app.id) ?? viewerId) === me().id;
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
    ['GET', /^\/me\/authorized-apps$/, ({ query }) => page(state.apps.filter(mine), query)],
    [
      'DELETE',
      /^\/me\/authorized-apps\/([^/]+)$/,
      ({ params }) =>
        state.apps.some((a) => a.id === params[0] && mine(a))
          ? removeRow(state.apps, params[0]!)
          : error(404, 'not_found', 'no authorized app with that id'),
    ],
    ['GET', /^\/admin\/users\/([^/]+)\/authorized-apps$/, ({ query }) => page(state.apps, query)],
    [
      'DELETE',
      /^\/admin\/users\/[^/]+\/authorized-apps\/([^/]+)$/,
      ({ params }) => removeRow(state.apps, params[0]!),
    ],
    ['GET', /^\/me\/push-registrations$/, ({ query }) => page(state.push, query)],
    ['DELETE', /^\/me\/push-registrations\/([^/]+)$/, ({ params }) => removeRow(state.push, params[0]!)],
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
      /^\/me\/authorized-apps$/,
      ({ body }) => {
        const bad = checkApp(body);
        if (bad) return bad;
        made++;
        const token = `ska_${randomText(43)}`;
        const app: AuthorizedAppRecord = {
          id: `app_new${made}`,
          name: String(body.name).trim(),
          kind: body.kind === 'application' ? 'application' : 'website',
          deviceName: null,
          scopes: [...new Set(body.rights as string[])],
          tokenPreview: token.slice(0, 12),
          createdAt: NOW,
          lastUsedAt: null,
        };
        state.apps.unshift(app);
        state.appOwners.set(app.id, me().id);
        return { status: 201, body: { ...app, token } satisfies CreatedAppRecord };
      },
    ],
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

function checkApp(body: Record<string, unknown>): Result | null {
  const unknown = Object.keys(body).find((k) => !APP_FIELDS.includes(k));
  if (unknown) return error(400, 'invalid_input', `${unknown} is not accepted here`, unknown);
  const name = typeof body.name === 'string' ? body.name.trim() : '';
  if (!name) return error(400, 'invalid_input', 'name: is required', 'name');
  if (body.kind !== undefined && body.kind !== 'website' && body.kind !== 'application')
    return error(400, 'invalid_input', 'kind: must be application or website', 'kind');
  const rights = body.rights;
  if (!Array.isArray(rights) || rights.length === 0)
    return error(400, 'invalid_input', 'rights: choose at least one', 'rights');
  const stray = rights.find((r) => !API_KEY_SCOPES.includes(r as string));
  if (stray !== undefined)
    return error(
      400,
      'invalid_input',
      `rights: ${JSON.stringify(stray)} is not one the server offers (${API_KEY_SCOPES.join(', ')})`,
      'rights',
    );
  return null;
}

function randomText(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => ALPHABET[b % 64]).join('');
}
