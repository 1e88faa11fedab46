// The JSON shapes of the account policy (with its role overrides) and of a person's effective policy, apart
// from httpShapes.ts so that the HTTP answers which carry them share one definition.
import type { Fields, Shape } from './jsonShape.js';
import {
  arrayOf,
  boolean,
  nullable,
  number,
  object,
  oneOf,
  optional,
  recordOf,
  string,
} from './jsonShape.js';
import type { Lifetime, SessionPolicy } from './policy.js';
import { TIME_UNITS } from './policy.js';
import type { EffectivePolicy, PolicyField, PolicySource, RolePolicyOverride } from './rolePolicies.js';
import { POLICY_FIELDS } from './rolePolicies.js';

const onExceed = oneOf(['evict_oldest', 'deny_new']);
const timeUnit = oneOf(TIME_UNITS);
const lifetime = object<Lifetime>({ value: number, unit: timeUnit });

const roleOverride = object<RolePolicyOverride>({
  concurrentSessions: optional(
    object<NonNullable<RolePolicyOverride['concurrentSessions']>>({
      enabled: optional(boolean),
      max: optional(number),
      onExceed: optional(onExceed),
    }),
  ),
  idleTimeout: optional(
    object<NonNullable<RolePolicyOverride['idleTimeout']>>({
      enabled: optional(boolean),
      value: optional(number),
      unit: optional(timeUnit),
    }),
  ),
  rememberMe: optional(
    object<NonNullable<RolePolicyOverride['rememberMe']>>({
      allowed: optional(boolean),
      rememberedLifetime: optional(lifetime),
      standardLifetime: optional(lifetime),
    }),
  ),
});

/** `GET /policy`, `PUT /policy`: the account policy, and `roles` when a role has an override. */
export const sessionPolicyShape: Shape<SessionPolicy> = object<SessionPolicy>({
  concurrentSessions: object<SessionPolicy['concurrentSessions']>({
    enabled: boolean,
    max: number,
    onExceed,
  }),
  idleTimeout: object<SessionPolicy['idleTimeout']>({ enabled: boolean, value: number, unit: timeUnit }),
  rememberMe: object<SessionPolicy['rememberMe']>({
    allowed: boolean,
    rememberedLifetime: lifetime,
    standardLifetime: lifetime,
  }),
  retention: object<SessionPolicy['retention']>({ endedSessionDays: number }),
  roles: optional(recordOf(roleOverride)),
});

const source = object<PolicySource>({ from: oneOf(['account', 'role']), role: nullable(string) });

/** A session's details: the rules its owner's sessions live under, and where each value comes from. */
export const effectivePolicyShape: Shape<EffectivePolicy> = object<EffectivePolicy>({
  policy: sessionPolicyShape,
  sources: object<Record<PolicyField, PolicySource>>(
    Object.fromEntries(POLICY_FIELDS.map((field) => [field, source])) as Fields<
      Record<PolicyField, PolicySource>
    >,
  ),
  roles: arrayOf(string),
});
