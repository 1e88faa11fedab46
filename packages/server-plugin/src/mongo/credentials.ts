import type { ApiKey, AuthorizedApp, PushRegistration } from '@sessionkit/core';
import { HOUR } from '@sessionkit/core';
import { fromApiKeyDoc, fromOwnedDoc } from './docs.js';
import type { ApiKeyDoc, OwnedDoc, SessionKitModels } from './models.js';

/** Authorized apps, push registrations, API keys and their use. */
export class MongoCredentials {
  readonly #models: SessionKitModels;

  constructor(models: SessionKitModels) {
    this.#models = models;
  }

  async insertAuthorizedApp(app: AuthorizedApp): Promise<void> {
    const { id, ...rest } = app;
    await this.#models.authorizedApps.create([{ _id: id, ...rest }]);
  }

  async listAuthorizedApps(tenantId: string, userId: string): Promise<AuthorizedApp[]> {
    return (await this.#listOwned(this.#models.authorizedApps, tenantId, userId)).map(appOf);
  }

  async deleteAuthorizedApp(tenantId: string, userId: string, id: string): Promise<AuthorizedApp | null> {
    const doc = await this.#deleteOwned(this.#models.authorizedApps, tenantId, userId, id);
    return doc && appOf(doc);
  }

  async findAuthorizedAppByHash(tokenHash: string): Promise<AuthorizedApp | null> {
    const doc = await this.#models.authorizedApps.findOne({ tokenHash }).lean<OwnedDoc>();
    return doc ? appOf(doc) : null;
  }

  async recordAuthorizedAppUse(tenantId: string, id: string, at: Date): Promise<boolean> {
    const doc = await this.#models.authorizedApps.findOne({ _id: id }).lean<OwnedDoc>();
    if (!doc || doc.tenantId !== tenantId) return false;
    const last = (doc.lastUsedAt as Date | null | undefined) ?? null;
    if (last === null || at > last)
      await this.#models.authorizedApps.updateOne({ _id: id }, { $max: { lastUsedAt: at } });
    return last === null;
  }

  async insertPushRegistration(registration: PushRegistration): Promise<void> {
    const { id, ...rest } = registration;
    await this.#models.pushRegistrations.create([{ _id: id, ...rest }]);
  }

  async listPushRegistrations(tenantId: string, userId: string): Promise<PushRegistration[]> {
    return (await this.#listOwned(this.#models.pushRegistrations, tenantId, userId)).map(pushOf);
  }

  async deletePushRegistration(
    tenantId: string,
    userId: string,
    id: string,
  ): Promise<PushRegistration | null> {
    const doc = await this.#deleteOwned(this.#models.pushRegistrations, tenantId, userId, id);
    return doc && pushOf(doc);
  }

  async #listOwned(model: SessionKitModels['authorizedApps'], tenantId: string, userId: string) {
    return model.find({ tenantId, userId }).sort({ createdAt: -1, _id: -1 }).lean<OwnedDoc[]>();
  }

  async #deleteOwned(
    model: SessionKitModels['authorizedApps'],
    tenantId: string,
    userId: string,
    id: string,
  ) {
    // Read by `_id` alone and check the owner in code; delete by `_id` and owner so another user's never goes.
    const doc = await model.findOne({ _id: id }).lean<OwnedDoc>();
    if (!doc || doc.tenantId !== tenantId || doc.userId !== userId) return null;
    const result = await model.deleteOne({ _id: id, tenantId, userId });
    return result.deletedCount === 1 ? doc : null;
  }

  async insertApiKey(key: ApiKey): Promise<void> {
    const { id, ...rest } = key;
    await this.#models.apiKeys.create([{ _id: id, ...rest }]);
  }

  async listApiKeys(tenantId: string): Promise<ApiKey[]> {
    const docs = await this.#models.apiKeys
      .find({ tenantId })
      .sort({ createdAt: -1, _id: -1 })
      .lean<ApiKeyDoc[]>();
    return docs.map(fromApiKeyDoc);
  }

  async findApiKeyByHash(keyHash: string): Promise<ApiKey | null> {
    // An index hit on MongoDB (unique on keyHash, the shard key a sharded deployment would give this
    // collection); FerretDB reads the collection, which holds keys, not sessions: few and small.
    const doc = await this.#models.apiKeys.findOne({ keyHash }).lean<ApiKeyDoc>();
    return doc ? fromApiKeyDoc(doc) : null;
  }

  async findApiKeyById(tenantId: string, id: string): Promise<ApiKey | null> {
    const doc = await this.#models.apiKeys.findOne({ _id: id }).lean<ApiKeyDoc>();
    return doc && doc.tenantId === tenantId ? fromApiKeyDoc(doc) : null;
  }

  async revokeApiKey(tenantId: string, id: string, revokedAt: Date): Promise<ApiKey | null> {
    const doc = await this.#models.apiKeys.findOne({ _id: id }).lean<ApiKeyDoc>();
    if (!doc || doc.tenantId !== tenantId || (doc.revokedAt ?? null) !== null) return null;
    const result = await this.#models.apiKeys.updateOne(
      { _id: id, revokedAt: null },
      { $set: { revokedAt } },
    );
    return result.modifiedCount === 1 ? fromApiKeyDoc({ ...doc, revokedAt }) : null;
  }

  async recordApiKeyUse(
    tenantId: string,
    keyId: string,
    at: Date,
    options: { count?: number; writer?: string } = {},
  ): Promise<boolean> {
    const key = await this.#models.apiKeys.findOne({ _id: keyId }).lean<ApiKeyDoc>();
    if (!key || key.tenantId !== tenantId) return false;
    const hour = Math.floor(at.getTime() / HOUR);
    // A counter per writer: FerretDB's updates are read-then-write, so two processes adding to one counter at
    // once could lose one's count; each adding to its own can't.
    await this.#models.apiKeyUsage.updateOne(
      { _id: `${keyId}:${hour}:${options.writer ?? 'shared'}` },
      { $inc: { count: options.count ?? 1 }, $setOnInsert: { tenantId, keyId, hour } },
      { upsert: true },
    );
    const last = key.lastUsedAt ?? null;
    if (last === null || at > last) {
      await this.#models.apiKeys.updateOne({ _id: keyId }, { $max: { lastUsedAt: at } });
    }
    return last === null;
  }

  async countApiKeyRequests(
    tenantId: string,
    keyIds: readonly string[],
    since: Date,
  ): Promise<Map<string, number>> {
    const counts = new Map<string, number>(keyIds.map((id) => [id, 0]));
    if (keyIds.length === 0) return counts;
    const rows = await this.#models.apiKeyUsage.aggregate<{ _id: string; total: number }>([
      {
        $match: {
          tenantId,
          keyId: { $in: [...keyIds] },
          hour: { $gte: Math.floor(since.getTime() / HOUR) },
        },
      },
      { $group: { _id: '$keyId', total: { $sum: '$count' } } },
    ]);
    for (const row of rows) counts.set(row._id, row.total);
    return counts;
  }
}

// Documents stored before these fields existed read as the kit's defaults.
function appOf(doc: OwnedDoc): AuthorizedApp {
  const app = fromOwnedDoc(doc) as unknown as AuthorizedApp;
  return { ...app, tokenHash: app.tokenHash ?? null, lastUsedAt: app.lastUsedAt ?? null };
}

function pushOf(doc: OwnedDoc): PushRegistration {
  const registration = fromOwnedDoc(doc) as unknown as PushRegistration;
  return {
    ...registration,
    pushToken: registration.pushToken ?? null,
    lastUsedAt: registration.lastUsedAt ?? null,
  };
}
