import type { ApiKey, AuthorizedApp, PushPlatform, PushRegistration } from './credentials.js';
import { SessionKitError } from './errors.js';
import { requireText, validDate } from './newSession.js';
import { hashSecret, newPublicId } from './tokens.js';

/** An application a user authorized in another system (or a seed), brought in as it is. */
export interface ImportedAuthorizedApp {
  tenantId: string;
  userId: string;
  /** The application's name, or the device's name for a mobile login. */
  name: string;
  kind: AuthorizedApp['kind'];
  /** Default null. */
  deviceName?: string | null;
  /** The access rights granted, as the host names them. Default none. */
  scopes?: readonly string[];
  /** The last characters of the app's token as the source shows them (at most 16), never the token. */
  tokenPreview: string;
  /** Default: now. */
  createdAt?: Date;
  /** Default null (never used). Not before `createdAt`. */
  lastUsedAt?: Date | null;
}

/** An app allowed to notify one of the user's devices, from another system (or a seed). */
export interface ImportedPushRegistration {
  tenantId: string;
  userId: string;
  appName: string;
  deviceName: string;
  platform: PushPlatform;
  /** Where the host's sender pushes to. Default null: listed, but not live for `livePushRegistrations`. */
  pushToken?: string | null;
  /** Default: now. */
  createdAt?: Date;
  /** Default null (never used). Not before `createdAt`. */
  lastUsedAt?: Date | null;
}

/** An API key from another system (or a seed). Give the key itself or its hash, never both. */
export interface ImportedApiKey {
  tenantId: string;
  /** Who created it. Default null: an account-level key. */
  userId?: string | null;
  name: string;
  /** The key the client holds (at least 22 characters): only its SHA-256 is kept. */
  key?: string;
  /** The key's SHA-256 in hex, as `hashSecret` makes it, when the source kept only that. */
  keyHash?: string;
  /** The visible start the lists show (`sk_live_3f9a`), at most 16 characters; with `key`, its start. */
  prefix: string;
  /** Default none. */
  scopes?: readonly string[];
  /** Default: now. */
  createdAt?: Date;
  /** Default null. The key ends up last used at the latest of this and `uses`. */
  lastUsedAt?: Date | null;
  /** Default null: the key works. */
  revokedAt?: Date | null;
  /** Default null: the key works until revoked. */
  expiresAt?: Date | null;
  /**
   * Requests the source counted, each in its hour: what "requests in the last 24 hours" reads. Each is one
   * store write, so give the last day's, not the whole history.
   */
  uses?: readonly Date[];
}

/** What `importCredentials` takes: any of the three lists. */
export interface CredentialImport {
  authorizedApps?: readonly ImportedAuthorizedApp[];
  pushRegistrations?: readonly ImportedPushRegistration[];
  apiKeys?: readonly ImportedApiKey[];
}

/** The ids the imported records were given, each list in input order. */
export interface CredentialImportResult {
  authorizedApps: string[];
  pushRegistrations: string[];
  apiKeys: string[];
}

/** Checked records, ready to store: nothing is written until every item has passed. */
export interface CheckedCredentials {
  authorizedApps: AuthorizedApp[];
  pushRegistrations: PushRegistration[];
  /** `hashField` names the key in errors: `apiKeys[2].key` or `apiKeys[2].keyHash`. */
  apiKeys: { key: ApiKey; uses: Date[]; hashField: string }[];
}

const LISTS = ['authorizedApps', 'pushRegistrations', 'apiKeys'] as const;
const APP_KINDS: readonly AuthorizedApp['kind'][] = ['application', 'mobile', 'website'];
const PLATFORMS: readonly PushPlatform[] = ['ios', 'android', 'web'];
// Previews and prefixes are shown in lists: short, so that no whole secret ends up on a screen.
const MAX_VISIBLE = 16;

/** Checks every item of an import and builds its records; throws `invalid_input` naming the first bad field. */
export function checkCredentialImport(input: unknown, now: Date): CheckedCredentials {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw invalid(
      'credentials',
      'credentials must be an object with authorizedApps, pushRegistrations or apiKeys',
    );
  const unknown = Object.keys(input).find((k) => !(LISTS as readonly string[]).includes(k));
  if (unknown !== undefined) throw invalid(unknown, `${unknown} is not something that can be imported`);
  const lists = input as Record<(typeof LISTS)[number], unknown>;
  const checked: CheckedCredentials = {
    authorizedApps: itemsOf(lists.authorizedApps, 'authorizedApps').map(([item, field]) =>
      checkApp(item, field, now),
    ),
    pushRegistrations: itemsOf(lists.pushRegistrations, 'pushRegistrations').map(([item, field]) =>
      checkPush(item, field, now),
    ),
    apiKeys: itemsOf(lists.apiKeys, 'apiKeys').map(([item, field]) => checkKey(item, field, now)),
  };
  const hashes = new Map<string, string>();
  for (const { key, hashField } of checked.apiKeys) {
    const first = hashes.get(key.keyHash);
    if (first !== undefined) throw invalid(hashField, `${hashField} is the same key as ${first}`);
    hashes.set(key.keyHash, hashField);
  }
  return checked;
}

type Field = (name: string) => string;

function itemsOf(list: unknown, name: string): [Record<string, unknown>, Field][] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw invalid(name, `${name} must be a list`);
  return list.map((item: unknown, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      throw invalid(`${name}[${i}]`, `${name}[${i}] must be an object`);
    return [item as Record<string, unknown>, (field: string) => `${name}[${i}].${field}`];
  });
}

function checkApp(item: Record<string, unknown>, field: Field, now: Date): AuthorizedApp {
  const times = timesOf(item, field, now);
  return {
    id: newPublicId('app'),
    tenantId: text(item.tenantId, field('tenantId')),
    userId: text(item.userId, field('userId')),
    name: text(item.name, field('name')),
    kind: oneOf(item.kind, APP_KINDS, field('kind')),
    deviceName: optionalText(item.deviceName, field('deviceName')),
    scopes: scopesOf(item.scopes, field('scopes')),
    tokenPreview: visible(item.tokenPreview, field('tokenPreview')),
    // An imported app's token lives in the other system: the kit lists it but never checks it.
    tokenHash: null,
    createdAt: times.createdAt,
    lastUsedAt: times.lastUsedAt,
  };
}

function checkPush(item: Record<string, unknown>, field: Field, now: Date): PushRegistration {
  const times = timesOf(item, field, now);
  return {
    id: newPublicId('push'),
    tenantId: text(item.tenantId, field('tenantId')),
    userId: text(item.userId, field('userId')),
    appName: text(item.appName, field('appName')),
    deviceName: text(item.deviceName, field('deviceName')),
    platform: oneOf(item.platform, PLATFORMS, field('platform')),
    pushToken: optionalText(item.pushToken, field('pushToken')),
    createdAt: times.createdAt,
    lastUsedAt: times.lastUsedAt,
  };
}

function checkKey(
  item: Record<string, unknown>,
  field: Field,
  now: Date,
): CheckedCredentials['apiKeys'][number] {
  const times = timesOf(item, field, now);
  const prefix = visible(item.prefix, field('prefix'));
  let keyHash: string;
  if (item.key !== undefined) {
    if (item.keyHash !== undefined)
      throw invalid(field('keyHash'), `give ${field('key')} or ${field('keyHash')}, not both`);
    if (typeof item.key !== 'string' || item.key.length < 22)
      throw invalid(field('key'), `${field('key')} must be at least 22 characters (128 bits)`);
    if (!item.key.startsWith(prefix))
      throw invalid(field('prefix'), `${field('prefix')} must be the start of the key`);
    keyHash = hashSecret(item.key);
  } else {
    if (typeof item.keyHash !== 'string' || !/^[0-9a-f]{64}$/.test(item.keyHash))
      throw invalid(
        field('keyHash'),
        `${field('keyHash')} must be a SHA-256 in lowercase hex (or give ${field('key')})`,
      );
    keyHash = item.keyHash;
  }
  const revokedAt = item.revokedAt == null ? null : validDate(item.revokedAt, field('revokedAt'));
  if (revokedAt && revokedAt < times.createdAt) throw notBefore(field('revokedAt'), field('createdAt'));
  if (item.uses !== undefined && !Array.isArray(item.uses))
    throw invalid(field('uses'), `${field('uses')} must be a list of dates`);
  const uses = ((item.uses ?? []) as unknown[]).map((use, i) => {
    const at = validDate(use, `${field('uses')}[${i}]`);
    if (at < times.createdAt) throw notBefore(`${field('uses')}[${i}]`, field('createdAt'));
    return at;
  });
  return {
    key: {
      id: newPublicId('key'),
      tenantId: text(item.tenantId, field('tenantId')),
      userId: item.userId == null ? null : text(item.userId, field('userId')),
      name: text(item.name, field('name')),
      prefix,
      keyHash,
      scopes: scopesOf(item.scopes, field('scopes')),
      createdAt: times.createdAt,
      lastUsedAt: times.lastUsedAt,
      revokedAt,
      expiresAt: item.expiresAt == null ? null : validDate(item.expiresAt, field('expiresAt')),
    },
    uses,
    hashField: field(item.key !== undefined ? 'key' : 'keyHash'),
  };
}

function timesOf(item: Record<string, unknown>, field: Field, now: Date) {
  const createdAt = validDate(item.createdAt ?? now, field('createdAt'));
  const lastUsedAt = item.lastUsedAt == null ? null : validDate(item.lastUsedAt, field('lastUsedAt'));
  if (lastUsedAt && lastUsedAt < createdAt) throw notBefore(field('lastUsedAt'), field('createdAt'));
  return { createdAt: new Date(createdAt), lastUsedAt: lastUsedAt && new Date(lastUsedAt) };
}

function text(value: unknown, field: string): string {
  requireText(value, field);
  return value as string;
}

function optionalText(value: unknown, field: string): string | null {
  return value == null ? null : text(value, field);
}

function visible(value: unknown, field: string): string {
  const shown = text(value, field);
  if (shown.length > MAX_VISIBLE) throw invalid(field, `${field} must be at most ${MAX_VISIBLE} characters`);
  return shown;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (!allowed.includes(value as T)) throw invalid(field, `${field} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function scopesOf(value: unknown, field: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalid(field, `${field} must be a list of scopes`);
  return value.map((scope: unknown, i) => text(scope, `${field}[${i}]`));
}

function notBefore(field: string, earlier: string): SessionKitError {
  return invalid(field, `${field} must not be before ${earlier}`);
}

export function invalid(field: string, message: string): SessionKitError {
  return new SessionKitError('invalid_input', message, { field });
}
