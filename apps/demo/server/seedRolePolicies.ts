/**
 * The demo's role with rules of its own, there from the start: support agents work shared desks, so their
 * sessions sign out after 8 idle hours where everyone else's last the account's 7 days. (Not administrators:
 * the end-to-end steps sign the demo's administrator in many times, which a role limit would interrupt.)
 */
export const DEMO_ROLE_POLICIES = {
  'Support agent': { idleTimeout: { value: 8, unit: 'hours' } },
} as const;
