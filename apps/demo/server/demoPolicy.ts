import { DEMO_ROLE_POLICIES } from './seedRolePolicies.js';

/** The demo account's rules until an administrator changes them on the Session policy page. */
export const DEMO_POLICY = {
  concurrentSessions: { enabled: true, max: 5, onExceed: 'evict_oldest' },
  idleTimeout: { enabled: true, value: 7, unit: 'days' },
  rememberMe: {
    allowed: true,
    rememberedLifetime: { value: 60, unit: 'days' },
    standardLifetime: { value: 1, unit: 'days' },
  },
  retention: { endedSessionDays: 30 },
  roles: DEMO_ROLE_POLICIES,
} as const;
