import type { RolePolicyOverride, SessionPolicy } from '@sessionkit/core';

// The policy as the policies collection keeps it. Role names are the host's words ("ops.on-call", "$team"),
// which a document store refuses or misreads as field names, so the overrides are a list of
// `{ role, override }` rather than an object keyed by role. They travel in the policy's own document: the one
// read that policy caching already makes, so role policies add no read per request.

interface StoredRole {
  role: string;
  override: RolePolicyOverride;
}

/** What `savePolicy` writes under `policy`. */
export function policyToDoc(policy: SessionPolicy): Record<string, unknown> {
  const { roles, ...rest } = structuredClone(policy);
  if (!roles || Object.keys(roles).length === 0) return rest;
  const stored: StoredRole[] = Object.entries(roles).map(([role, override]) => ({ role, override }));
  return { ...rest, roles: stored };
}

/** The policy `getPolicy` answers, from what `policyToDoc` wrote. */
export function policyFromDoc(doc: Record<string, unknown>): SessionPolicy {
  const { roles, ...rest } = doc;
  const policy = rest as unknown as SessionPolicy;
  if (!Array.isArray(roles) || roles.length === 0) return policy;
  // Own properties even for a name such as "__proto__", which plain assignment would not define.
  return {
    ...policy,
    roles: Object.fromEntries((roles as StoredRole[]).map((r) => [r.role, r.override])),
  };
}
