/**
 * A store part whose every method answers through the store's outage guard (`run`), so the store can hand
 * its port's methods to the part one line each without wrapping every call itself.
 */
export function guarded<T extends object>(part: T, run: <R>(operation: () => Promise<R>) => Promise<R>): T {
  const out: Record<string, unknown> = {};
  const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(part) as object);
  for (const name of methods) {
    const method = (part as Record<string, unknown>)[name];
    if (name !== 'constructor' && typeof method === 'function')
      out[name] = (...args: unknown[]) =>
        run(() => (method as (...a: unknown[]) => Promise<unknown>).apply(part, args));
  }
  return out as T;
}
