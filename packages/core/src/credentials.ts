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
  /** The last characters of the token, never the token. */
  tokenPreview: string;
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
}

/** An API key as the admin list shows it. */
export interface ApiKeyActivity extends Omit<ApiKey, 'keyHash'> {
  requestsLast24h: number;
}
