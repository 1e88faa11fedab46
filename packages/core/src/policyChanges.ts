import type { SessionPolicy } from './policy.js';

/** The policy fields a change set, `section.key` → new value: what the audit trail records of an update. */
export function changedFields(before: SessionPolicy, after: SessionPolicy): Record<string, string> {
  const out: Record<string, string> = {};
  for (const section of Object.keys(after) as (keyof SessionPolicy)[]) {
    for (const [key, value] of Object.entries(after[section])) {
      if ((before[section] as Record<string, unknown>)[key] !== value)
        out[`${section}.${key}`] = String(value);
    }
  }
  return out;
}
