/** An application (or a mobile device) a user let act for them with a token; removing it revokes the token. */
export interface AuthorizedApp {
  id: string;
  tenantId: string;
  userId: string;
  /** The application's name, or the device's name for mobile logins. */
  name: string;
  kind: 'application' | 'mobile' | 'website';
  deviceName: string | null;
  /** The access rights granted, as the host names them. */
  scopes: string[];
  /**
   * A part of the token a person can recognise, never the whole: its start (`ska_3f9aB2c1`) for tokens the kit
   * issued, the last characters for imported ones.
   */
  tokenPreview: string;
  /** SHA-256 of the token the kit issued; null for an imported app, whose token the kit never checks. */
  tokenHash: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export type PushPlatform = 'ios' | 'android' | 'web';

/** An app allowed to send notifications to one of the user's devices. */
export interface PushRegistration {
  id: string;
  tenantId: string;
  userId: string;
  appName: string;
  deviceName: string;
  platform: PushPlatform;
  /** Where the host's sender pushes to (an APNs or FCM token); null for an imported registration without one. */
  pushToken: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export interface ApiKey {
  id: string;
  tenantId: string;
  /** Who created it; null for account-level keys. */
  userId: string | null;
  name: string;
  /** The key's visible start, e.g. `sk_live_3f9a`. */
  prefix: string;
  /** SHA-256 of the whole key. */
  keyHash: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  /** After this the key is refused; null: it works until revoked. */
  expiresAt: Date | null;
}

/** An API key as the lists show it: never its hash. */
export interface ApiKeyActivity extends Omit<ApiKey, 'keyHash'> {
  requestsLast24h: number;
}

/** A credential that authenticated a request: an API key or an authorized app's token, never a session. */
export type CredentialPrincipal =
  { kind: 'api_key'; key: Omit<ApiKey, 'keyHash'> } | { kind: 'app'; app: Omit<AuthorizedApp, 'tokenHash'> };

/**
 * What checking an API key or app token found. A revoked or expired key is an outcome, with its reason; a
 * removed app leaves nothing behind, so its token is `unknown`, as is any token the kit never issued.
 */
export type CredentialValidation =
  | {
      status: 'active';
      principal: CredentialPrincipal;
      tenantId: string;
      /** The owner; null for an account-level key (imported from another system). */
      userId: string | null;
    }
  | { status: 'ended'; kind: 'api_key'; reason: 'revoked' | 'expired'; keyId: string }
  | { status: 'unknown' };
