import type { Schema } from 'mongoose';

type Definition = Record<string, unknown>;

// The credentials' collections (see models.ts for the rules every collection keeps).

export interface OwnedDoc {
  _id: string;
  tenantId: string;
  userId: string;
  createdAt: Date;
  [field: string]: unknown;
}

export interface ApiKeyDoc {
  _id: string;
  tenantId: string;
  userId: string | null;
  name: string;
  prefix: string;
  keyHash: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  /** Absent on keys stored before keys could expire. */
  expiresAt?: Date | null;
}

export interface ApiKeyUsageDoc {
  /**
   * `<keyId>:<hour>:<writer>`: one counter per key, hour and writing process (`<keyId>:<hour>` for older
   * ones), so counting is one upsert no other process races, and totals one range read.
   */
  _id: string;
  tenantId: string;
  keyId: string;
  hour: number;
  count: number;
}

/** The schemas of authorized apps, push registrations, API keys and their use counters. */
export function credentialSchemas(schema: (definition: Definition, collection: string) => Schema) {
  const owned = (extra: Definition, collection: string) => {
    const s = schema(
      {
        _id: { type: String, required: true },
        tenantId: { type: String, required: true },
        userId: { type: String, required: true },
        createdAt: { type: Date, required: true },
        lastUsedAt: { type: Date, default: null },
        ...extra,
      },
      collection,
    );
    s.index({ tenantId: 1, userId: 1, createdAt: -1, _id: -1 });
    return s;
  };
  const authorizedApps = owned(
    {
      name: { type: String, required: true },
      kind: { type: String, required: true },
      deviceName: { type: String, default: null },
      scopes: { type: [String], default: [] },
      tokenPreview: { type: String, required: true },
      tokenHash: { type: String, default: null },
    },
    'authorized_apps',
  );
  // The per-request read of an app token (an index hit on MongoDB; FerretDB reads the small collection). Not
  // unique: imported apps have no hash, and a unique index counts every null as the same value.
  authorizedApps.index({ tokenHash: 1 });
  const pushRegistrations = owned(
    {
      appName: { type: String, required: true },
      deviceName: { type: String, required: true },
      platform: { type: String, required: true },
      pushToken: { type: String, default: null },
    },
    'push_registrations',
  );

  const apiKeys = schema(
    {
      _id: { type: String, required: true },
      tenantId: { type: String, required: true },
      userId: { type: String, default: null },
      name: { type: String, required: true },
      prefix: { type: String, required: true },
      keyHash: { type: String, required: true },
      scopes: { type: [String], default: [] },
      createdAt: { type: Date, required: true },
      lastUsedAt: { type: Date, default: null },
      revokedAt: { type: Date, default: null },
      expiresAt: { type: Date, default: null },
    },
    'api_keys',
  );
  apiKeys.index({ keyHash: 1 }, { unique: true });
  apiKeys.index({ tenantId: 1, createdAt: -1, _id: -1 });

  const apiKeyUsage = schema(
    {
      _id: { type: String, required: true },
      tenantId: { type: String, required: true },
      keyId: { type: String, required: true },
      hour: { type: Number, required: true },
      count: { type: Number, required: true },
    },
    'api_key_usage',
  );
  apiKeyUsage.index({ tenantId: 1, keyId: 1, hour: 1 });
  return { authorizedApps, pushRegistrations, apiKeys, apiKeyUsage };
}
