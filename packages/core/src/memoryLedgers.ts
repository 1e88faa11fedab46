import type { AuditEvent } from './audit.js';
import type { AuditQuery, Page, SlotHolder, SlotKey } from './store.js';
import { compareNullableDates, compareStrings } from './storeSupport.js';

/** The memory store's concurrency slots: one holder per key, claimed atomically (one thread). */
export class MemorySlots {
  readonly #slots = new Map<string, { sessionId: string; tokenHash: string; claimedAt: Date }>();

  async claim(
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

  async release(key: SlotKey, sessionId: string): Promise<void> {
    const k = slotKey(key);
    if (this.#slots.get(k)?.sessionId === sessionId) this.#slots.delete(k);
  }

  async list(tenantId: string, userId: string): Promise<SlotHolder[]> {
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
}

/** The memory store's audit trail. */
export class MemoryAuditTrail {
  readonly #audit: AuditEvent[] = [];

  async append(event: AuditEvent): Promise<void> {
    this.#audit.push(structuredClone(event));
  }

  async list(query: AuditQuery): Promise<Page<AuditEvent>> {
    const matches = this.#audit.filter(
      (e) =>
        e.tenantId === query.tenantId &&
        (query.userId === undefined || e.targetUserId === query.userId || e.actorId === query.userId) &&
        (query.userIds === undefined ||
          [e.targetUserId, e.actorId].some((id) => id !== null && query.userIds!.includes(id))) &&
        (query.actions === undefined || query.actions.includes(e.action)) &&
        (query.bulkId === undefined || e.details.bulkId === query.bulkId) &&
        (query.from === undefined || e.at >= query.from) &&
        (query.to === undefined || e.at < query.to),
    );
    matches.sort((a, b) => compareNullableDates(b.at, a.at) || compareStrings(b.id, a.id));
    return {
      items: page(matches, query.offset, query.limit).map((e) => structuredClone(e)),
      total: matches.length,
    };
  }
}

function slotKey(key: SlotKey): string {
  return `${key.tenantId}\u0000${key.userId}\u0000${key.slot}`;
}

function page<T>(items: T[], offset = 0, limit?: number): T[] {
  return items.slice(offset, limit === undefined ? undefined : offset + limit);
}
