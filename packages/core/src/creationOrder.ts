import type { UserSessionSummary } from './store.js';

/** A tenant's sessions as the memory store indexes them. */
export interface TenantIndex {
  order: CreationOrder;
  active: number;
  ended: number;
  /** One row per signed-in person, updated as their sessions start, show activity and end. */
  users: Map<string, UserSessionSummary>;
}

/**
 * Session ids sorted by creation time (then id), so that "newest first" pages are a walk from the end. Logins
 * arrive in time order, so adding is an append; an import out of order pays a binary search and a splice.
 */
export class CreationOrder {
  #times: number[] = [];
  #ids: string[] = [];

  add(time: number, id: string): void {
    let i = this.#times.length;
    const last = i - 1;
    if (last >= 0 && (this.#times[last]! > time || (this.#times[last] === time && this.#ids[last]! > id))) {
      let lo = 0;
      let hi = this.#times.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const t = this.#times[mid]!;
        if (t < time || (t === time && this.#ids[mid]! < id)) lo = mid + 1;
        else hi = mid;
      }
      i = lo;
      this.#times.splice(i, 0, time);
      this.#ids.splice(i, 0, id);
      return;
    }
    this.#times.push(time);
    this.#ids.push(id);
  }

  /** Callers read as they walk and change nothing until the walk is over (removal has `removeWhere`). */
  *walk(order: 'asc' | 'desc'): Generator<string> {
    const ids = this.#ids;
    if (order === 'asc') yield* ids;
    else for (let i = ids.length - 1; i >= 0; i--) yield ids[i]!;
  }

  /** Drops the ids `remove` says yes to; answers how many. */
  removeWhere(remove: (id: string) => boolean): number {
    const times: number[] = [];
    const ids: string[] = [];
    for (let i = 0; i < this.#ids.length; i++) {
      if (remove(this.#ids[i]!)) continue;
      times.push(this.#times[i]!);
      ids.push(this.#ids[i]!);
    }
    const removed = this.#ids.length - ids.length;
    this.#times = times;
    this.#ids = ids;
    return removed;
  }
}
