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
    return (await this.#listOwned(
      this.#models.authorizedApps,
      tenantId,
      userId,
    )) as unknown as AuthorizedApp[];
  }

  async deleteAuthorizedApp(tenantId: string, userId: string, id: string): Promise<AuthorizedApp | null> {
    return (await this.#deleteOwned(
      this.#models.authorizedApps,
      tenantId,
      userId,
      id,
    )) as unknown as AuthorizedApp | null;
  }

  async insertPushRegistration(registration: PushRegistration): Promise<void> {
    const { id, ...rest } = registration;
    await this.#models.pushRegistrations.create([{ _id: id, ...rest }]);
  }

  async listPushRegistrations(tenantId: string, userId: string): Promise<PushRegistration[]> {
    return (await this.#listOwned(
      this.#models.pushRegistrations,
      tenantId,
      userId,
    )) as unknown as PushRegistration[];
  }

  async deletePushRegistration(
    tenantId: string,
    userId: string,
    id: string,
  ): Promise<PushRegistration | null> {
    return (await this.#deleteOwned(
      this.#models.pushRegistrations,
      tenantId,
      userId,
      id,
    )) as unknown as PushRegistration | null;
  }

  async #listOwned(model: SessionKitModels['authorizedApps'], tenantId: string, userId: string) {
    const docs = await model.find({ tenantId, userId }).sort({ createdAt: -1, _id: -1 }).lean<OwnedDoc[]>();
    return docs.map(fromOwnedDoc);
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
    return result.deletedCount === 1 ? fromOwnedDoc(doc) : null;
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
    const doc = await this.#models.apiKeys.findOne({ keyHash }).lean<ApiKeyDoc>();
    return doc ? fromApiKeyDoc(doc) : null;
  }

  async recordApiKeyUse(tenantId: string, keyId: string, at: Date): Promise<void> {
    const key = await this.#models.apiKeys.findOne({ _id: keyId }).lean<ApiKeyDoc>();
    if (!key || key.tenantId !== tenantId) return;
    const hour = Math.floor(at.getTime() / HOUR);
    // One counter document per key and hour: FerretDB may lose an increment under a race, which the port allows.
    await this.#models.apiKeyUsage.updateOne(
      { _id: `${keyId}:${hour}` },
      { $inc: { count: 1 }, $setOnInsert: { tenantId, keyId, hour } },
      { upsert: true },
    );
    if (key.lastUsedAt === null || at > key.lastUsedAt) {
      await this.#models.apiKeys.updateOne({ _id: keyId }, { $max: { lastUsedAt: at } });
    }
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
