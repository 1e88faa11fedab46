import type {
  ApiKeyRecord,
  CreatedApiKeyRecord,
  CreatedAppRecord,
  PushRegistrationRecord,
} from '../httpShapes.js';
import type { Json } from '../jsonShape.js';
import type { HttpContractCase } from './httpContractTypes.js';

// The contract's cases for the credentials the kit issues: API keys, connected apps and push registrations. HTTP_CONTRACT
// runs them among its own, reads with the reads, refusals with the refusals, changes with the changes.

export const CREDENTIAL_READS: readonly HttpContractCase[] = [
  { route: 'GET /api-key-scopes', as: 'person', path: '/api-key-scopes', status: 200 },
  {
    route: 'GET /me/api-keys',
    as: 'person',
    path: '/me/api-keys',
    status: 200,
    says: (body: Json<ApiKeyRecord>[]) =>
      body.some((k) => 'secret' in k) ? ['a list never carries a secret'] : [],
  },
];

export const CREDENTIAL_REFUSALS: readonly HttpContractCase[] = [
  {
    route: 'POST /admin/users/:userId/api-keys',
    as: 'person',
    path: '/admin/users/{person}/api-keys',
    body: { name: 'Mine', scopes: ['read'] },
    status: 403,
    error: 'forbidden',
  },
  {
    route: 'POST /me/api-keys',
    as: 'person',
    path: '/me/api-keys',
    body: { name: 'Contract', scopes: [] },
    status: 400,
    error: 'invalid_input',
    field: 'scopes',
  },
  {
    route: 'POST /me/push-registrations',
    as: 'person',
    path: '/me/push-registrations',
    body: { appName: 'Fleet Mobile', deviceName: 'Pixel 8', platform: 'symbian', pushToken: 'fcm-1' },
    status: 400,
    error: 'invalid_input',
    field: 'platform',
  },
  {
    route: 'POST /me/authorized-apps',
    as: 'person',
    path: '/me/authorized-apps',
    body: { name: 'Reports site', kind: 'website', rights: ['read', 'delete:everything'] },
    status: 400,
    error: 'invalid_input',
    field: 'rights',
  },
  { route: 'GET /audit-events', as: 'person', path: '/audit-events', status: 403, error: 'forbidden' },
];

export const CREDENTIAL_CHANGES: readonly HttpContractCase[] = [
  {
    route: 'POST /me/push-registrations',
    as: 'person',
    path: '/me/push-registrations',
    body: { appName: 'Fleet Mobile', deviceName: 'Pixel 8', platform: 'android', pushToken: 'fcm-contract' },
    status: 201,
    says: (body: Json<PushRegistrationRecord>) =>
      'pushToken' in body ? ['the push token stays on the server'] : [],
  },
  {
    route: 'POST /me/api-keys',
    as: 'person',
    path: '/me/api-keys',
    body: { name: 'Contract', scopes: ['read'] },
    status: 201,
    says: (body: Json<CreatedApiKeyRecord>) =>
      body.secret.startsWith(body.prefix) && body.secret.length > body.prefix.length + 20
        ? []
        : ['the secret starts with the prefix the lists show, and is long'],
    keep: (body: Json<CreatedApiKeyRecord>, found) => {
      found.apiKey = body.id;
    },
  },
  { route: 'DELETE /me/api-keys/:id', as: 'person', path: '/me/api-keys/{apiKey}', status: 200 },
  {
    route: 'POST /me/authorized-apps',
    as: 'person',
    path: '/me/authorized-apps',
    body: { name: 'Reports site', kind: 'website', rights: ['read'] },
    status: 201,
    says: (body: Json<CreatedAppRecord>) =>
      body.token.startsWith(body.tokenPreview) && body.token.length > body.tokenPreview.length + 20
        ? []
        : ['the token starts with the preview the lists show, and is long'],
    keep: (body: Json<CreatedAppRecord>, found) => {
      found.connectedApp = body.id;
    },
  },
  {
    route: 'DELETE /me/authorized-apps/:id',
    as: 'admin',
    path: '/me/authorized-apps/{connectedApp}',
    status: 404,
    error: 'not_found',
  },
  {
    route: 'DELETE /me/authorized-apps/:id',
    as: 'person',
    path: '/me/authorized-apps/{connectedApp}',
    status: 200,
  },
  {
    route: 'DELETE /me/api-keys/:id',
    as: 'person',
    path: '/me/api-keys/{apiKey}',
    status: 404,
    error: 'not_found',
  },
  {
    route: 'POST /admin/users/:userId/api-keys',
    as: 'admin',
    path: '/admin/users/{teamUser}/api-keys',
    body: { name: 'Team export', scopes: ['read'] },
    status: 201,
    keep: (body: Json<CreatedApiKeyRecord>, found) => {
      found.teamKey = body.id;
    },
  },
  {
    route: 'DELETE /me/api-keys/:id',
    as: 'person',
    path: '/me/api-keys/{teamKey}',
    status: 404,
    error: 'not_found',
  },
  {
    route: 'DELETE /api-keys/:id',
    as: 'person',
    path: '/api-keys/{teamKey}',
    status: 403,
    error: 'forbidden',
  },
  { route: 'DELETE /api-keys/:id', as: 'admin', path: '/api-keys/{teamKey}', status: 200 },
];
