// The memory store's indexes: a person's key, and a set of ids under a key.

export function userKey(tenantId: string, userId: string): string {
  return `${tenantId}\u0000${userId}`;
}

export function addTo(index: Map<string, Set<string>>, key: string, id: string): void {
  const set = index.get(key);
  if (set) set.add(id);
  else index.set(key, new Set([id]));
}
