import type { Lifetime, SessionPolicy } from './policy.js';
import { accountPart, effectivePolicy, hasRolePolicies } from './rolePolicies.js';

/** The policy fields a change set, `section.key` → new value: what the audit trail records of an update. */
export function changedFields(before: SessionPolicy, after: SessionPolicy): Record<string, string> {
  const out: Record<string, string> = {};
  for (const section of Object.keys(accountPart(after)) as Exclude<keyof SessionPolicy, 'roles'>[]) {
    for (const [key, value] of Object.entries(after[section])) {
      const was: unknown = (before[section] as Record<string, unknown>)[key];
      // A lifetime is one value to people: "8 hours", recorded when its value or its unit changed.
      const text = (v: unknown) => (isLifetime(v) ? `${v.value} ${v.unit}` : String(v));
      if (text(was) !== text(value)) out[`${section}.${key}`] = text(value);
    }
  }
  // A role's override is one entry in the trail: what it sets now, or that it was removed.
  const roles = new Set([...Object.keys(before.roles ?? {}), ...Object.keys(after.roles ?? {})]);
  for (const role of roles) {
    const was = JSON.stringify(before.roles?.[role] ?? null);
    const is = JSON.stringify(after.roles?.[role] ?? null);
    if (was !== is) out[`roles.${role}`] = after.roles?.[role] ? is : 'removed';
  }
  return out;
}

/** Whether some person's concurrent limit may be tighter under `after` than under `before`. */
export function limitsTightened(before: SessionPolicy, after: SessionPolicy): boolean {
  const limitOf = (p: SessionPolicy) => (p.concurrentSessions.enabled ? p.concurrentSessions.max : Infinity);
  const roles = new Set([...Object.keys(before.roles ?? {}), ...Object.keys(after.roles ?? {})]);
  return [null, ...roles].some((role) => {
    const was = role === null ? accountPart(before) : effectivePolicy(before, [role]).policy;
    const is = role === null ? accountPart(after) : effectivePolicy(after, [role]).policy;
    return limitOf(is) < limitOf(was);
  });
}

/**
 * Which limit a policy change makes the kit enforce at once: none, the account's (`policy`), or each person's
 * own (`policy: null`) when role overrides make whose limit tightened depend on their roles.
 */
export function limitToEnforce(
  before: SessionPolicy,
  after: SessionPolicy,
): { policy: SessionPolicy | null } | null {
  if (hasRolePolicies(before) || hasRolePolicies(after))
    return limitsTightened(before, after) ? { policy: null } : null;
  const was = before.concurrentSessions;
  const is = after.concurrentSessions;
  return is.enabled && (!was.enabled || is.max < was.max) ? { policy: after } : null;
}

function isLifetime(value: unknown): value is Lifetime {
  return typeof value === 'object' && value !== null && 'value' in value && 'unit' in value;
}
