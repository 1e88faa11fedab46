import type { Suspension } from './suspension.js';

/** The memory store's suspension records, one a person (the marks live on its live sessions). */
export class MemorySuspensions {
  readonly #byUser = new Map<string, Suspension>();

  async save(suspension: Suspension): Promise<void> {
    this.#byUser.set(key(suspension.tenantId, suspension.userId), structuredClone(suspension));
  }

  async find(tenantId: string, userId: string): Promise<Suspension | null> {
    const s = this.#byUser.get(key(tenantId, userId));
    return s ? structuredClone(s) : null;
  }

  async list(tenantId: string): Promise<Suspension[]> {
    return [...this.#byUser.values()].filter((s) => s.tenantId === tenantId).map((s) => structuredClone(s));
  }

  async lift(tenantId: string, userId: string, id: string): Promise<boolean> {
    const k = key(tenantId, userId);
    if (this.#byUser.get(k)?.id !== id) return false;
    return this.#byUser.delete(k);
  }
}

function key(tenantId: string, userId: string): string {
  return `${tenantId}\u0000${userId}`;
}
