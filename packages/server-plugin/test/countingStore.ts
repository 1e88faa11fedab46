import type { SessionStore } from '@sessionkit/core';

const WRITES = new Set<keyof SessionStore>([
  'insertSession',
  'touchSession',
  'endSession',
  'deleteEndedSessions',
  'claimSlot',
  'releaseSlot',
  'savePolicy',
  'appendAuditEvent',
  'insertAuthorizedApp',
  'deleteAuthorizedApp',
  'insertPushRegistration',
  'deletePushRegistration',
  'insertApiKey',
  'recordApiKeyUse',
]);

/** A real store behind a counter of its calls: how the tests measure reads and writes per request. */
export function countingStore<S extends SessionStore>(
  store: S,
): { store: S; calls: Map<string, number>; writes(): number; reset(): void } {
  const calls = new Map<string, number>();
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        calls.set(property, (calls.get(property) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return {
    store: proxy,
    calls,
    writes: () =>
      [...calls].filter(([name]) => WRITES.has(name as keyof SessionStore)).reduce((n, [, c]) => n + c, 0),
    reset: () => calls.clear(),
  };
}
