import type { AuditEvent } from './audit.js';
import type { ApiKey, AuthorizedApp, PushRegistration } from './credentials.js';
import { SessionKitError } from './errors.js';
import type { SessionPolicy } from './policy.js';
import type { Session } from './session.js';
import type {
  AuditQuery,
  Ending,
  Page,
  SessionQuery,
  SessionStore,
  SlotHolder,
  SlotKey,
  TouchPatch,
  UserSessionSummary,
} from './store.js';

const HOUR_MS = 3_600_000;

/**
 * Keeps everything in process memory. For tests, the demo and single-process hosts that accept losing
 * sessions on restart. Values are cloned in and out so callers can't mutate what's stored.
 */
export class MemorySessionStore implements SessionStore {
  readonly #sessions = new Map<string, Session>();
  readonly #slots = new Map<string, { sessionId: string; claimedAt: Date }>();
  readonly #policies = new Map<string, SessionPolicy>();
  readonly #audit: AuditEvent[] = [];
  readonly #apps = new Map<string, AuthorizedApp>();
  readonly #push = new Map<string, PushRegistration>();
  readonly #keys = new Map<string, ApiKey>();
  readonly #keyBuckets = new Map<string, number>();

  async insertSession(session: Session): Promise<void> {
    if (this.#sessions.has(session.tokenHash)) {
      throw new SessionKitError('invalid_input', 'a session with this token already exists');
    }
    for (const s of this.#sessions.values()) {
      if (s.id === session.id)
        throw new SessionKitError('invalid_input', 'a session with this id already exists');
    }
    this.#sessions.set(session.tokenHash, structuredClone(session));
  }

  async findSessionByTokenHash(tokenHash: string): Promise<Session | null> {
    const s = this.#sessions.get(tokenHash);
    return s ? structuredClone(s) : null;
  }

  async findSessionById(tenantId: string, id: string): Promise<Session | null> {
    for (const s of this.#sessions.values()) {
      if (s.id === id && s.tenantId === tenantId) return structuredClone(s);
    }
    return null;
  }

  async listSessions(query: SessionQuery): Promise<Page<Session>> {
    const { field, order } = query.sort ?? { field: 'createdAt', order: 'desc' };
    const matches = [...this.#sessions.values()].filter(
      (s) =>
        s.tenantId === query.tenantId &&
        (query.userId === undefined || s.userId === query.userId) &&
        (query.status === undefined || s.status === query.status) &&
        (query.seenSince === undefined || s.lastSeenAt >= query.seenSince),
    );
    const sign = order === 'asc' ? 1 : -1;
    matches.sort((a, b) => sign * (compareNullableDates(a[field], b[field]) || compareStrings(a.id, b.id)));
    return {
      items: page(matches, query.offset, query.limit).map((s) => structuredClone(s)),
      total: matches.length,
    };
  }

  async touchSession(tokenHash: string, patch: TouchPatch): Promise<void> {
    const s = this.#sessions.get(tokenHash);
    if (!s || s.status !== 'active') return;
    s.lastSeenAt = new Date(patch.lastSeenAt);
    s.lastIp = patch.lastIp;
    s.activity.actions += patch.addActions;
    if (patch.lastPath !== null) s.activity.lastPath = patch.lastPath;
  }

  async endSession(tokenHash: string, ending: Ending): Promise<Session | null> {
    const s = this.#sessions.get(tokenHash);
    if (!s || s.status !== 'active') return null;
    s.status = 'ended';
    s.endedAt = new Date(ending.endedAt);
    s.endReason = ending.endReason;
    s.endedBy = ending.endedBy;
    s.endNote = ending.note ?? null;
    return structuredClone(s);
  }

  async deleteEndedSessions(tenantId: string, endedBefore: Date): Promise<number> {
    let removed = 0;
    for (const [hash, s] of this.#sessions) {
      if (s.tenantId === tenantId && s.status === 'ended' && s.endedAt !== null && s.endedAt < endedBefore) {
        this.#sessions.delete(hash);
        removed++;
      }
    }
    return removed;
  }

  async listTenantIds(): Promise<string[]> {
    return [...new Set([...this.#sessions.values()].map((s) => s.tenantId))].sort();
  }

  async summarizeActiveSessions(tenantId: string): Promise<UserSessionSummary[]> {
    const byUser = new Map<string, UserSessionSummary>();
    for (const s of this.#sessions.values()) {
      if (s.tenantId !== tenantId || s.status !== 'active') continue;
      const row = byUser.get(s.userId);
      if (!row) {
        byUser.set(s.userId, {
          userId: s.userId,
          activeSessions: 1,
          lastLoginAt: new Date(s.createdAt),
          lastLoginIp: s.ip,
          lastActiveAt: new Date(s.lastSeenAt),
        });
        continue;
      }
      row.activeSessions++;
      if (s.createdAt > row.lastLoginAt) {
        row.lastLoginAt = new Date(s.createdAt);
        row.lastLoginIp = s.ip;
      }
      if (s.lastSeenAt > row.lastActiveAt) row.lastActiveAt = new Date(s.lastSeenAt);
    }
    return [...byUser.values()].sort((a, b) => compareStrings(a.userId, b.userId));
  }

  async claimSlot(key: SlotKey, sessionId: string, claimedAt: Date): Promise<boolean> {
    const k = slotKey(key);
    if (this.#slots.has(k)) return false;
    this.#slots.set(k, { sessionId, claimedAt: new Date(claimedAt) });
    return true;
  }

  async releaseSlot(key: SlotKey, sessionId: string): Promise<void> {
    const k = slotKey(key);
    if (this.#slots.get(k)?.sessionId === sessionId) this.#slots.delete(k);
  }

  async listSlots(tenantId: string, userId: string): Promise<SlotHolder[]> {
    const prefix = slotKey({ tenantId, userId, slot: 0 }).replace(/0$/, '');
    return [...this.#slots]
      .filter(([k]) => k.startsWith(prefix))
      .map(([k, holder]) => ({
        slot: Number(k.slice(prefix.length)),
        sessionId: holder.sessionId,
        claimedAt: new Date(holder.claimedAt),
      }))
      .sort((a, b) => a.slot - b.slot);
  }

  async getPolicy(tenantId: string): Promise<SessionPolicy | null> {
    const p = this.#policies.get(tenantId);
    return p ? structuredClone(p) : null;
  }

  async savePolicy(tenantId: string, policy: SessionPolicy): Promise<void> {
    this.#policies.set(tenantId, structuredClone(policy));
  }

  async appendAuditEvent(event: AuditEvent): Promise<void> {
    this.#audit.push(structuredClone(event));
  }

  async listAuditEvents(query: AuditQuery): Promise<Page<AuditEvent>> {
    const matches = this.#audit.filter(
      (e) =>
        e.tenantId === query.tenantId &&
        (query.userId === undefined || e.targetUserId === query.userId || e.actorId === query.userId) &&
        (query.actions === undefined || query.actions.includes(e.action)) &&
        (query.from === undefined || e.at >= query.from) &&
        (query.to === undefined || e.at < query.to),
    );
    matches.sort((a, b) => compareNullableDates(b.at, a.at) || compareStrings(b.id, a.id));
    return {
      items: page(matches, query.offset, query.limit).map((e) => structuredClone(e)),
      total: matches.length,
    };
  }

  async insertAuthorizedApp(app: AuthorizedApp): Promise<void> {
    this.#apps.set(app.id, structuredClone(app));
  }

  async listAuthorizedApps(tenantId: string, userId: string): Promise<AuthorizedApp[]> {
    return newestFirst(
      [...this.#apps.values()].filter((a) => a.tenantId === tenantId && a.userId === userId),
    );
  }

  async deleteAuthorizedApp(tenantId: string, userId: string, id: string): Promise<AuthorizedApp | null> {
    return deleteOwned(this.#apps, tenantId, userId, id);
  }

  async insertPushRegistration(registration: PushRegistration): Promise<void> {
    this.#push.set(registration.id, structuredClone(registration));
  }

  async listPushRegistrations(tenantId: string, userId: string): Promise<PushRegistration[]> {
    return newestFirst(
      [...this.#push.values()].filter((p) => p.tenantId === tenantId && p.userId === userId),
    );
  }

  async deletePushRegistration(
    tenantId: string,
    userId: string,
    id: string,
  ): Promise<PushRegistration | null> {
    return deleteOwned(this.#push, tenantId, userId, id);
  }

  async insertApiKey(key: ApiKey): Promise<void> {
    this.#keys.set(key.id, structuredClone(key));
  }

  async listApiKeys(tenantId: string): Promise<ApiKey[]> {
    return newestFirst([...this.#keys.values()].filter((k) => k.tenantId === tenantId));
  }

  async findApiKeyByHash(keyHash: string): Promise<ApiKey | null> {
    for (const k of this.#keys.values()) if (k.keyHash === keyHash) return structuredClone(k);
    return null;
  }

  async recordApiKeyUse(tenantId: string, keyId: string, at: Date): Promise<void> {
    const key = this.#keys.get(keyId);
    if (!key || key.tenantId !== tenantId) return;
    if (key.lastUsedAt === null || at > key.lastUsedAt) key.lastUsedAt = new Date(at);
    const bucket = `${keyId}\u0000${Math.floor(at.getTime() / HOUR_MS)}`;
    this.#keyBuckets.set(bucket, (this.#keyBuckets.get(bucket) ?? 0) + 1);
  }

  async countApiKeyRequests(
    tenantId: string,
    keyIds: readonly string[],
    since: Date,
  ): Promise<Map<string, number>> {
    const fromHour = Math.floor(since.getTime() / HOUR_MS);
    const counts = new Map<string, number>(keyIds.map((id) => [id, 0]));
    for (const [bucket, n] of this.#keyBuckets) {
      const [keyId = '', hour = '0'] = bucket.split('\u0000');
      const key = this.#keys.get(keyId);
      if (counts.has(keyId) && key?.tenantId === tenantId && Number(hour) >= fromHour) {
        counts.set(keyId, (counts.get(keyId) ?? 0) + n);
      }
    }
    return counts;
  }
}

function slotKey(key: SlotKey): string {
  return `${key.tenantId}\u0000${key.userId}\u0000${key.slot}`;
}

function page<T>(items: T[], offset = 0, limit?: number): T[] {
  return items.slice(offset, limit === undefined ? undefined : offset + limit);
}

function compareNullableDates(a: Date | null, b: Date | null): number {
  return (a?.getTime() ?? -Infinity) - (b?.getTime() ?? -Infinity) || 0;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function newestFirst<T extends { createdAt: Date; id: string }>(items: T[]): T[] {
  return items
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || compareStrings(b.id, a.id))
    .map((x) => structuredClone(x));
}

function deleteOwned<T extends { tenantId: string; userId: string }>(
  map: Map<string, T>,
  tenantId: string,
  userId: string,
  id: string,
): T | null {
  const found = map.get(id);
  if (!found || found.tenantId !== tenantId || found.userId !== userId) return null;
  map.delete(id);
  return found;
}
