import type { AuditEvent } from './audit.js';
import { CreationOrder } from './creationOrder.js';
import type { TenantIndex } from './creationOrder.js';
import { SessionKitError } from './errors.js';
import { MemoryAuditTrail, MemorySlots } from './memoryLedgers.js';
import { MemoryCredentials } from './memoryCredentials.js';
import { MemorySuspensions } from './memorySuspensions.js';
import type { SuspensionMark, SuspensionStore } from './suspension.js';
import { MemoryDevices } from './memoryDevices.js';
import type { DeviceStore } from './deviceStore.js';
import type { SessionPolicy } from './policy.js';
import type { Session } from './session.js';
import { addTo, userKey } from './memoryIndex.js';
import {
  compareStrings,
  endOf,
  foldActiveSession,
  liveOf,
  pageActiveUsers,
  pageOf,
  sessionOrder,
  withLiveState,
} from './storeSupport.js';
import type {
  ActiveCounts,
  ActiveUsersQuery,
  AuditQuery,
  CredentialStore,
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
  // Per tenant: its sessions in creation order and its signed-in people folded one row each, kept as sessions
  // come and go, so an admin view's first page costs a page, not a walk over every stored session.
  readonly #tenants = new Map<string, TenantIndex>();
  readonly #byUser = new Map<string, Set<string>>();
  readonly #slots = new MemorySlots();
  readonly #policies = new Map<string, SessionPolicy>();
  readonly #audit = new MemoryAuditTrail();
  readonly #credentials = new MemoryCredentials();
  readonly #suspensions = new MemorySuspensions();
  readonly #devices = new MemoryDevices();

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
    const tenant = this.#tenant(session.tenantId);
    tenant.order.add(session.createdAt.getTime(), session.id);
    addTo(this.#byUser, userKey(session.tenantId, session.userId), session.id);
    if (session.status === 'active') {
      const live = liveOf(session);
      this.#live.set(session.tokenHash, live);
      tenant.active++;
      foldActiveSession(tenant.users, live);
    } else {
      this.#ends.set(session.tokenHash, endOf(session));
      tenant.ended++;
    }
  }

  #tenant(tenantId: string): TenantIndex {
    let tenant = this.#tenants.get(tenantId);
    if (!tenant) {
      tenant = { order: new CreationOrder(), active: 0, ended: 0, users: new Map() };
      this.#tenants.set(tenantId, tenant);
    }
    return tenant;
  }

  /** Folds a user's row again from their live sessions (few) after one of them ended. */
  #refoldUser(tenantId: string, userId: string): void {
    const users = this.#tenant(tenantId).users;
    users.delete(userId);
    for (const id of this.#byUser.get(userKey(tenantId, userId)) ?? []) {
      const record = this.#records.get(id);
      const live = record?.status === 'active' ? this.#live.get(record.tokenHash) : undefined;
      if (live) foldActiveSession(users, live);
    }
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
    return structuredClone(live ? withLiveState(record, live) : record);
  }

  /** The record as a list filters it (its current last seen), or null when the query leaves it out. */
  #listed(id: string, query: SessionQuery): Session | null {
    const record = this.#records.get(id);
    if (!record || (query.status !== undefined && record.status !== query.status)) return null;
    if (query.userId !== undefined && record.userId !== query.userId) return null;
    const live = record.status === 'active' ? this.#live.get(record.tokenHash) : undefined;
    const lastSeenAt = live?.lastSeenAt ?? record.lastSeenAt;
    if (query.seenSince !== undefined && lastSeenAt < query.seenSince) return null;
    return live ? { ...record, lastSeenAt } : record;
  }

  async listSessions(query: SessionQuery): Promise<Page<Session>> {
    const { field, order } = query.sort ?? { field: 'createdAt', order: 'desc' };
    const offset = query.offset ?? 0;
    const tenant = this.#tenants.get(query.tenantId);
    const owners = query.userIds ?? (query.userId === undefined ? null : [query.userId]);
    if (owners === null && field === 'createdAt' && tenant && query.limit !== undefined) {
      // The account's newest (or oldest) first: walk the creation order and stop once the page is full.
      const items: Session[] = [];
      let skipped = 0;
      let counted = 0;
      const countAll = query.seenSince !== undefined;
      for (const id of tenant.order.walk(order)) {
        const s = this.#listed(id, query);
        if (!s) continue;
        counted++;
        if (skipped < offset) skipped++;
        else if (items.length < query.limit) items.push(s);
        else if (!countAll) break;
      }
      const total = countAll
        ? counted
        : query.status === 'active'
          ? tenant.active
          : query.status === 'ended'
            ? tenant.ended
            : tenant.active + tenant.ended;
      return { items: items.map((s) => this.#current(s)), total };
    }
    const ids =
      owners === null
        ? (tenant?.order.walk('asc') ?? [])
        : [...new Set(owners)].flatMap((u) => [...(this.#byUser.get(userKey(query.tenantId, u)) ?? [])]);
    const matches: Session[] = [];
    for (const id of ids) {
      const s = this.#listed(id, query);
      if (s) matches.push(s);
    }
    const items = pageOf(matches, sessionOrder(field, order), offset, query.limit);
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
    const row = this.#tenants.get(live.tenantId)?.users.get(live.userId);
    if (row && patch.lastSeenAt > row.lastActiveAt) row.lastActiveAt = new Date(patch.lastSeenAt);
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
    if (record.status !== 'active') return record;
    const ended: Session = {
      ...(live ? withLiveState(record, live) : record),
      status: 'ended',
      endedAt: new Date(end.endedAt),
      endReason: end.endReason,
      endedBy: end.endedBy,
      endNote: end.note,
    };
    this.#records.set(ref.id, ended);
    const tenant = this.#tenant(ref.tenantId);
    tenant.active--;
    tenant.ended++;
    this.#refoldUser(ref.tenantId, ref.userId);
    return ended;
  }

  async deleteEndedSessions(tenantId: string, endedBefore: Date): Promise<number> {
    const tenant = this.#tenants.get(tenantId);
    if (!tenant) return 0;
    const removed = tenant.order.removeWhere((id) => {
      const s = this.#records.get(id);
      if (!s || s.status !== 'ended' || s.endedAt === null || !(s.endedAt < endedBefore)) return false;
      this.#records.delete(id);
      this.#ends.delete(s.tokenHash);
      this.#byUser.get(userKey(tenantId, s.userId))?.delete(id);
      return true;
    });
    tenant.ended -= removed;
    return removed;
  }

  async listTenantIds(): Promise<string[]> {
    return [...this.#tenants]
      .filter(([, t]) => t.active + t.ended > 0)
      .map(([id]) => id)
      .sort();
  }

  async countActiveSessions(tenantId: string): Promise<ActiveCounts> {
    const tenant = this.#tenants.get(tenantId);
    return { users: tenant?.users.size ?? 0, sessions: tenant?.active ?? 0 };
  }

  async listActiveUsers(query: ActiveUsersQuery): Promise<Page<UserSessionSummary>> {
    const users = this.#tenants.get(query.tenantId)?.users;
    if (!users) return { items: [], total: 0 };
    // A name filter names few people: look them up instead of walking everyone.
    const rows = query.userIds ? query.userIds.flatMap((id) => users.get(id) ?? []) : users.values();
    return pageActiveUsers(rows, query);
  }

  async listLapseCandidates(
    tenantId: string,
    bounds: { idleBefore: Date | null; createdBefore: Date },
    limit: number,
  ): Promise<LiveSession[]> {
    const out: LiveSession[] = [];
    // A session seen after it was created can't have idled before then: walking oldest first, nothing opened
    // after both bounds can lapse, so the walk stops there instead of reading every session.
    const stop = Math.max(bounds.createdBefore.getTime(), bounds.idleBefore?.getTime() ?? -Infinity);
    for (const id of this.#tenants.get(tenantId)?.order.walk('asc') ?? []) {
      if (out.length >= limit) break;
      const record = this.#records.get(id);
      if (!record) continue;
      if (record.createdAt.getTime() >= stop) break;
      const s = record.status === 'active' ? this.#live.get(record.tokenHash) : undefined;
      if (!s) continue;
      if (
        s.createdAt < bounds.createdBefore ||
        (bounds.idleBefore !== null && s.lastSeenAt < bounds.idleBefore)
      )
        out.push(structuredClone(s));
    }
    return out;
  }

  claimSlot(
    key: SlotKey,
    holder: { sessionId: string; tokenHash: string },
    claimedAt: Date,
  ): Promise<boolean> {
    return this.#slots.claim(key, holder, claimedAt);
  }

  releaseSlot(key: SlotKey, sessionId: string): Promise<void> {
    return this.#slots.release(key, sessionId);
  }

  listSlots(tenantId: string, userId: string): Promise<SlotHolder[]> {
    return this.#slots.list(tenantId, userId);
  }

  async getPolicy(tenantId: string): Promise<SessionPolicy | null> {
    const p = this.#policies.get(tenantId);
    return p ? structuredClone(p) : null;
  }

  async savePolicy(tenantId: string, policy: SessionPolicy): Promise<void> {
    this.#policies.set(tenantId, structuredClone(policy));
  }

  readonly saveSuspension: SuspensionStore['saveSuspension'] = (...a) => this.#suspensions.save(...a);
  readonly findSuspension: SuspensionStore['findSuspension'] = (...a) => this.#suspensions.find(...a);
  readonly listSuspensions: SuspensionStore['listSuspensions'] = (...a) => this.#suspensions.list(...a);
  readonly liftSuspension: SuspensionStore['liftSuspension'] = (...a) => this.#suspensions.lift(...a);

  async markSession(tokenHash: string, mark: SuspensionMark): Promise<void> {
    const live = this.#live.get(tokenHash);
    if (live) live.suspension = structuredClone(mark);
  }

  appendAuditEvent(event: AuditEvent): Promise<void> {
    return this.#audit.append(event);
  }

  listAuditEvents(query: AuditQuery): Promise<Page<AuditEvent>> {
    return this.#audit.list(query);
  }

  // The credentials live apart (memoryCredentials.ts); the port's methods hand straight through.
  readonly insertAuthorizedApp: CredentialStore['insertAuthorizedApp'] = (...a) =>
    this.#credentials.insertAuthorizedApp(...a);
  readonly listAuthorizedApps: CredentialStore['listAuthorizedApps'] = (...a) =>
    this.#credentials.listAuthorizedApps(...a);
  readonly deleteAuthorizedApp: CredentialStore['deleteAuthorizedApp'] = (...a) =>
    this.#credentials.deleteAuthorizedApp(...a);
  readonly findAuthorizedAppByHash: CredentialStore['findAuthorizedAppByHash'] = (...a) =>
    this.#credentials.findAuthorizedAppByHash(...a);
  readonly recordAuthorizedAppUse: CredentialStore['recordAuthorizedAppUse'] = (...a) =>
    this.#credentials.recordAuthorizedAppUse(...a);
  readonly insertPushRegistration: CredentialStore['insertPushRegistration'] = (...a) =>
    this.#credentials.insertPushRegistration(...a);
  readonly listPushRegistrations: CredentialStore['listPushRegistrations'] = (...a) =>
    this.#credentials.listPushRegistrations(...a);
  readonly deletePushRegistration: CredentialStore['deletePushRegistration'] = (...a) =>
    this.#credentials.deletePushRegistration(...a);
  readonly insertApiKey: CredentialStore['insertApiKey'] = (...a) => this.#credentials.insertApiKey(...a);
  readonly listApiKeys: CredentialStore['listApiKeys'] = (...a) => this.#credentials.listApiKeys(...a);
  readonly findApiKeyByHash: CredentialStore['findApiKeyByHash'] = (...a) =>
    this.#credentials.findApiKeyByHash(...a);
  readonly findApiKeyById: CredentialStore['findApiKeyById'] = (...a) =>
    this.#credentials.findApiKeyById(...a);
  readonly revokeApiKey: CredentialStore['revokeApiKey'] = (...a) => this.#credentials.revokeApiKey(...a);
  readonly recordApiKeyUse: CredentialStore['recordApiKeyUse'] = (...a) =>
    this.#credentials.recordApiKeyUse(...a);
  readonly countApiKeyRequests: CredentialStore['countApiKeyRequests'] = (...a) =>
    this.#credentials.countApiKeyRequests(...a);

  // Device names and sign-in alerts live apart too (memoryDevices.ts).
  readonly listDevices: DeviceStore['listDevices'] = (...a) => this.#devices.listDevices(...a);
  readonly findDevice: DeviceStore['findDevice'] = (...a) => this.#devices.findDevice(...a);
  readonly saveDevice: DeviceStore['saveDevice'] = (...a) => this.#devices.saveDevice(...a);
  readonly insertSignInAlert: DeviceStore['insertSignInAlert'] = (...a) =>
    this.#devices.insertSignInAlert(...a);
  readonly findSignInAlert: DeviceStore['findSignInAlert'] = (...a) => this.#devices.findSignInAlert(...a);
  readonly listSignInAlerts: DeviceStore['listSignInAlerts'] = (...a) => this.#devices.listSignInAlerts(...a);
  readonly resolveSignInAlert: DeviceStore['resolveSignInAlert'] = (...a) =>
    this.#devices.resolveSignInAlert(...a);
  readonly setPasswordChangeAsk: DeviceStore['setPasswordChangeAsk'] = (...a) =>
    this.#devices.setPasswordChangeAsk(...a);
  readonly getPasswordChangeAsk: DeviceStore['getPasswordChangeAsk'] = (...a) =>
    this.#devices.getPasswordChangeAsk(...a);
}
