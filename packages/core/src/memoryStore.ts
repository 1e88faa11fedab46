import type { AuditEvent } from './audit.js';
import type { ApiKey, AuthorizedApp, PushRegistration } from './credentials.js';
import { SessionKitError } from './errors.js';
import type { SessionPolicy } from './policy.js';
import type { Session } from './session.js';
import type {
  AuditQuery,
  Ending,
  LiveSession,
  Page,
  SessionEnd,
  SessionQuery,
  SessionRef,
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
  // Three maps, as the Mongo store has three collections: the record of every session by public id, the live
  // state of active ones by token hash (deleted at the end), and how each ended session ended.
  readonly #records = new Map<string, Session>();
  readonly #live = new Map<string, LiveSession>();
  readonly #ends = new Map<string, SessionEnd>();
  // Session ids per tenant and per tenant + user: the admin and per-user views never walk other tenants.
  readonly #byTenant = new Map<string, Set<string>>();
  readonly #byUser = new Map<string, Set<string>>();
  readonly #slots = new Map<string, { sessionId: string; tokenHash: string; claimedAt: Date }>();
  readonly #policies = new Map<string, SessionPolicy>();
  readonly #audit: AuditEvent[] = [];
  readonly #apps = new Map<string, AuthorizedApp>();
  readonly #push = new Map<string, PushRegistration>();
  readonly #keys = new Map<string, ApiKey>();
  readonly #keyBuckets = new Map<string, number>();

  async insertSession(session: Session): Promise<void> {
    this.#insert(session);
  }

  async insertSessions(sessions: readonly Session[]): Promise<void> {
    for (const session of sessions) this.#insert(session);
  }

  #insert(session: Session): void {
    if (this.#live.has(session.tokenHash) || this.#ends.has(session.tokenHash)) {
      throw new SessionKitError('invalid_input', 'a session with this token already exists');
    }
    if (this.#records.has(session.id))
      throw new SessionKitError('invalid_input', 'a session with this id already exists');
    this.#records.set(session.id, structuredClone(session));
    addTo(this.#byTenant, session.tenantId, session.id);
    addTo(this.#byUser, userKey(session.tenantId, session.userId), session.id);
    if (session.status === 'active') this.#live.set(session.tokenHash, liveOf(session));
    else this.#ends.set(session.tokenHash, endOf(session));
  }

  async findLiveSession(tokenHash: string): Promise<LiveSession | null> {
    const live = this.#live.get(tokenHash);
    return live ? structuredClone(live) : null;
  }

  async findSessionEnd(tokenHash: string): Promise<SessionEnd | null> {
    const end = this.#ends.get(tokenHash);
    return end ? structuredClone(end) : null;
  }

  async findSessionById(tenantId: string, id: string): Promise<Session | null> {
    const record = this.#records.get(id);
    return record && record.tenantId === tenantId ? this.#current(record) : null;
  }

  /** A record with the live state laid over it: what lists and details show. */
  #current(record: Session): Session {
    const live = record.status === 'active' ? this.#live.get(record.tokenHash) : undefined;
    const out = structuredClone(record);
    if (live) {
      out.lastSeenAt = new Date(live.lastSeenAt);
      out.lastIp = live.lastIp;
      out.activity = { ...live.activity };
      out.slot = live.slot;
    }
    return out;
  }

  async listSessions(query: SessionQuery): Promise<Page<Session>> {
    const { field, order } = query.sort ?? { field: 'createdAt', order: 'desc' };
    const ids =
      query.userId === undefined
        ? this.#byTenant.get(query.tenantId)
        : this.#byUser.get(userKey(query.tenantId, query.userId));
    const matches: Session[] = [];
    for (const id of ids ?? []) {
      const record = this.#records.get(id);
      if (!record || (query.status !== undefined && record.status !== query.status)) continue;
      const live = record.status === 'active' ? this.#live.get(record.tokenHash) : undefined;
      const lastSeenAt = live?.lastSeenAt ?? record.lastSeenAt;
      if (query.seenSince !== undefined && lastSeenAt < query.seenSince) continue;
      matches.push(live ? { ...record, lastSeenAt } : record);
    }
    const sign = order === 'asc' ? 1 : -1;
    const compare = (a: Session, b: Session) =>
      sign * (compareNullableDates(a[field], b[field]) || compareStrings(a.id, b.id));
    const offset = query.offset ?? 0;
    const items =
      query.limit === undefined
        ? matches.sort(compare).slice(offset)
        : smallest(matches, compare, offset, query.limit);
    return { items: items.map((s) => this.#current(s)), total: matches.length };
  }

  async listLiveSessions(tenantId: string, userId: string): Promise<LiveSession[]> {
    const out: LiveSession[] = [];
    for (const id of this.#byUser.get(userKey(tenantId, userId)) ?? []) {
      const record = this.#records.get(id);
      const live = record && record.status === 'active' ? this.#live.get(record.tokenHash) : undefined;
      if (live) out.push(structuredClone(live));
    }
    return out.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || compareStrings(a.id, b.id));
  }

  async touchSession(tokenHash: string, patch: TouchPatch): Promise<void> {
    const live = this.#live.get(tokenHash);
    if (!live) return;
    live.lastSeenAt = new Date(patch.lastSeenAt);
    live.lastIp = patch.lastIp;
    live.activity.actions += patch.addActions;
    if (patch.lastPath !== null) live.activity.lastPath = patch.lastPath;
  }

  async setSessionSlot(tokenHash: string, slot: number | null): Promise<void> {
    const live = this.#live.get(tokenHash);
    if (live) live.slot = slot;
  }

  async endSession(ref: SessionRef, ending: Ending): Promise<Session | null> {
    if (this.#ends.has(ref.tokenHash)) {
      this.#live.delete(ref.tokenHash);
      this.#settleRecord(ref, this.#ends.get(ref.tokenHash) as SessionEnd, null);
      return null;
    }
    const record = this.#records.get(ref.id);
    // Unknown to this store: nothing to end, and no end to record for a session that never existed.
    if (!record && !this.#live.has(ref.tokenHash)) return null;
    const end: SessionEnd = {
      ...ref,
      endedAt: new Date(ending.endedAt),
      endReason: ending.endReason,
      endedBy: ending.endedBy,
      note: ending.note ?? null,
    };
    this.#ends.set(ref.tokenHash, end);
    const live = this.#live.get(ref.tokenHash) ?? null;
    this.#live.delete(ref.tokenHash);
    const ended = this.#settleRecord(ref, end, live);
    return ended ? structuredClone(ended) : null;
  }

  #settleRecord(ref: SessionRef, end: SessionEnd, live: LiveSession | null): Session | null {
    const record = this.#records.get(ref.id);
    if (!record) return null;
    if (record.status === 'active') {
      record.status = 'ended';
      record.endedAt = new Date(end.endedAt);
      record.endReason = end.endReason;
      record.endedBy = end.endedBy;
      record.endNote = end.note;
      if (live) {
        record.lastSeenAt = new Date(live.lastSeenAt);
        record.lastIp = live.lastIp;
        record.activity = { ...live.activity };
        record.slot = live.slot;
      }
    }
    return record;
  }

  async deleteEndedSessions(tenantId: string, endedBefore: Date): Promise<number> {
    let removed = 0;
    for (const id of [...(this.#byTenant.get(tenantId) ?? [])]) {
      const s = this.#records.get(id);
      if (!s || s.status !== 'ended' || s.endedAt === null || !(s.endedAt < endedBefore)) continue;
      this.#records.delete(id);
      this.#ends.delete(s.tokenHash);
      this.#byTenant.get(tenantId)?.delete(id);
      this.#byUser.get(userKey(tenantId, s.userId))?.delete(id);
      removed++;
    }
    return removed;
  }

  async listTenantIds(): Promise<string[]> {
    return [...this.#byTenant]
      .filter(([, ids]) => ids.size > 0)
      .map(([t]) => t)
      .sort();
  }

  async summarizeActiveSessions(tenantId: string): Promise<UserSessionSummary[]> {
    const byUser = new Map<string, UserSessionSummary>();
    for (const id of this.#byTenant.get(tenantId) ?? []) {
      const record = this.#records.get(id);
      const s = record && record.status === 'active' ? this.#live.get(record.tokenHash) : undefined;
      if (!s) continue;
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

  async listLapseCandidates(
    tenantId: string,
    bounds: { idleBefore: Date | null; createdBefore: Date },
    limit: number,
  ): Promise<LiveSession[]> {
    const out: LiveSession[] = [];
    for (const id of this.#byTenant.get(tenantId) ?? []) {
      if (out.length >= limit) break;
      const record = this.#records.get(id);
      const s = record && record.status === 'active' ? this.#live.get(record.tokenHash) : undefined;
      if (!s) continue;
      if (
        s.createdAt < bounds.createdBefore ||
        (bounds.idleBefore !== null && s.lastSeenAt < bounds.idleBefore)
      )
        out.push(structuredClone(s));
    }
    return out;
  }

  async claimSlot(
    key: SlotKey,
    holder: { sessionId: string; tokenHash: string },
    claimedAt: Date,
  ): Promise<boolean> {
    const k = slotKey(key);
    if (this.#slots.has(k)) return false;
    this.#slots.set(k, {
      sessionId: holder.sessionId,
      tokenHash: holder.tokenHash,
      claimedAt: new Date(claimedAt),
    });
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
        tokenHash: holder.tokenHash,
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

/** The live part of a session record. */
function liveOf(session: Session): LiveSession {
  return {
    id: session.id,
    tokenHash: session.tokenHash,
    userId: session.userId,
    tenantId: session.tenantId,
    kind: session.kind,
    ip: session.ip,
    lastIp: session.lastIp,
    createdAt: new Date(session.createdAt),
    lastSeenAt: new Date(session.lastSeenAt),
    rememberMe: session.rememberMe,
    activity: { ...session.activity },
    slot: session.slot,
  };
}

function endOf(session: Session): SessionEnd {
  return {
    id: session.id,
    tokenHash: session.tokenHash,
    tenantId: session.tenantId,
    userId: session.userId,
    endedAt: new Date(session.endedAt ?? session.lastSeenAt),
    endReason: session.endReason ?? 'revoked',
    endedBy: session.endedBy,
    note: session.endNote,
  };
}

function userKey(tenantId: string, userId: string): string {
  return `${tenantId}\u0000${userId}`;
}

function addTo(index: Map<string, Set<string>>, key: string, id: string): void {
  const set = index.get(key);
  if (set) set.add(id);
  else index.set(key, new Set([id]));
}

/**
 * `items.sort(compare).slice(offset, offset + limit)` without sorting everything: the admin lists ask for a
 * first page of 25 out of hundreds of thousands, so keep only the best `offset + limit` while walking.
 */
function smallest<T>(items: T[], compare: (a: T, b: T) => number, offset: number, limit: number): T[] {
  const keep = offset + limit;
  if (keep >= items.length / 4) return items.sort(compare).slice(offset, keep);
  const best: T[] = [];
  for (const item of items) {
    if (best.length === keep && compare(item, best[keep - 1] as T) >= 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(best[mid] as T, item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, item);
    if (best.length > keep) best.pop();
  }
  return best.slice(offset);
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
