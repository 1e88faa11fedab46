import { DAY, HOUR, MINUTE } from './clock.js';
import { SessionKitError } from './errors.js';

/**
 * What one role changes of the account policy: any subset of its fields. Retention is the account's alone
 * (the sweeper removes ended sessions per account), and an idle timeout's value and unit travel together, so
 * that changing the account's unit never silently rescales a role's timeout.
 */
export interface RolePolicyOverride {
  concurrentSessions?: Partial<SessionPolicy['concurrentSessions']>;
  idleTimeout?: Partial<SessionPolicy['idleTimeout']>;
  rememberMe?: Partial<SessionPolicy['rememberMe']>;
}

/** Overrides by role name, as the host's directory names roles (`DirectoryUser.role` and `roles`). */
export type RolePolicies = Record<string, RolePolicyOverride>;

export type TimeUnit = 'minutes' | 'hours' | 'days';
export const TIME_UNITS: readonly TimeUnit[] = ['minutes', 'hours', 'days'];

/** A span of time as people set it: `{ value: 8, unit: 'hours' }`. */
export interface Lifetime {
  value: number;
  unit: TimeUnit;
}

export type OnExceed = 'evict_oldest' | 'deny_new';

/** The account's session rules. One per tenant; stored as people set them, in units. */
export interface SessionPolicy {
  concurrentSessions: { enabled: boolean; max: number; onExceed: OnExceed };
  idleTimeout: { enabled: boolean; value: number; unit: TimeUnit };
  /**
   * How long a session lasts from sign-in, whatever its activity: `rememberedLifetime` for one that asked to be
   * remembered when `allowed`, `standardLifetime` for every other. Input may still give either in whole days as
   * `rememberedDays` / `standardDays` (the form before lifetimes had units): `standardDays: 3` is read as
   * `standardLifetime: { value: 3, unit: 'days' }`; the policy is always answered in the new form.
   */
  rememberMe: { allowed: boolean; rememberedLifetime: Lifetime; standardLifetime: Lifetime };
  /** How long ended sessions stay listed before the sweeper removes them. */
  retention: { endedSessionDays: number };
  /**
   * The account's overrides per role (`rolePolicies.ts`); absent when there are none. Only the account's
   * stored policy carries them: the effective policy a session lives under never does.
   */
  roles?: RolePolicies;
}

/**
 * The kit's defaults. The sources disagree on the limit (one session per user, or unlimited),
 * so it is off here and a host that wants "one per user" passes `{ concurrentSessions: { enabled: true, max: 1 } }`.
 */
export const DEFAULT_POLICY: SessionPolicy = {
  concurrentSessions: { enabled: false, max: 1, onExceed: 'evict_oldest' },
  idleTimeout: { enabled: true, value: 7, unit: 'days' },
  rememberMe: {
    allowed: true,
    rememberedLifetime: { value: 30, unit: 'days' },
    standardLifetime: { value: 1, unit: 'days' },
  },
  retention: { endedSessionDays: 30 },
};

/** The "sign out inactive sessions after" choices of one source; `null` is "never". */
export const IDLE_TIMEOUT_PRESETS: readonly { label: string; value: number | null; unit: TimeUnit }[] = [
  { label: '1 day', value: 1, unit: 'days' },
  { label: '7 days', value: 7, unit: 'days' },
  { label: '30 days', value: 30, unit: 'days' },
  { label: 'Never', value: null, unit: 'days' },
];

export const POLICY_LIMITS = {
  maxConcurrent: 1000,
  maxIdleMs: 365 * DAY,
  minIdleMs: MINUTE,
  maxDays: 3650,
  // Shorter than a few minutes, a session would end while the person is still signing in.
  minLifetimeMs: 5 * MINUTE,
  maxRetentionDays: 3650,
} as const;

const UNIT_MS: Record<TimeUnit, number> = { minutes: MINUTE, hours: HOUR, days: DAY };

export function durationMs(value: number, unit: TimeUnit): number {
  return value * UNIT_MS[unit];
}

/** Idle timeout in ms, or null when sessions never idle out. */
export function idleTimeoutMs(policy: SessionPolicy): number | null {
  return policy.idleTimeout.enabled ? durationMs(policy.idleTimeout.value, policy.idleTimeout.unit) : null;
}

/** The absolute lifetime of a session under this policy. */
export function lifetimeMs(policy: SessionPolicy, rememberMe: boolean): number {
  const r = policy.rememberMe;
  const lifetime = r.allowed && rememberMe ? r.rememberedLifetime : r.standardLifetime;
  return durationMs(lifetime.value, lifetime.unit);
}

/** The lifetimes' older names, in whole days, each beside the field it now means. */
const LEGACY_LIFETIMES = [
  ['standardDays', 'standardLifetime'],
  ['rememberedDays', 'rememberedLifetime'],
] as const;

/**
 * Policy input (or a stored policy, or one role's override) with the lifetimes' older whole-day fields turned
 * into lifetimes in days, and what is wrong with them, named as given: a client that still sends
 * `rememberMe.standardDays` is told about `rememberMe.standardDays`. Anything else passes through unchanged.
 */
export function upgradeLegacyLifetimes(input: unknown): { input: unknown; errors: FieldError[] } {
  if (!isRecord(input) || !isRecord(input.rememberMe)) return { input, errors: [] };
  const errors: FieldError[] = [];
  const section: Input = { ...input.rememberMe };
  for (const [legacy, current] of LEGACY_LIFETIMES) {
    if (!Object.hasOwn(section, legacy)) continue;
    const days = section[legacy];
    delete section[legacy];
    if (days === undefined) continue;
    const field = `rememberMe.${legacy}`;
    if (section[current] !== undefined) {
      errors.push({
        field,
        message: `${field} can't be set with rememberMe.${current}, its newer form`,
      });
    } else if (typeof days !== 'number' || !Number.isInteger(days)) {
      errors.push({ field, message: `${field} must be a whole number` });
    } else if (days < 1 || days > POLICY_LIMITS.maxDays) {
      errors.push({ field, message: `${field} must be between 1 and ${POLICY_LIMITS.maxDays}` });
    } else {
      section[current] = { value: days, unit: 'days' };
    }
  }
  return { input: { ...input, rememberMe: section }, errors };
}

/** Whether a login asking for remember me gets it under this policy. */
export function grantsRememberMe(policy: SessionPolicy, requested: boolean): boolean {
  return requested && policy.rememberMe.allowed;
}

export interface FieldError {
  /** Dotted path, e.g. `idleTimeout.value`. */
  field: string;
  message: string;
}

type Input = Record<string, unknown>;

function isRecord(value: unknown): value is Input {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every problem with a policy (or a partial update merged onto `base`), each naming its field: what forms use
 * to explain it inline. It checks today's form; `parsePolicy` also reads the older whole-day lifetimes.
 */
export function policyErrors(input: unknown, base: SessionPolicy = DEFAULT_POLICY): FieldError[] {
  return checkPolicy(input, base).errors;
}

/**
 * A complete, valid policy from input merged onto `base`, or a `SessionKitError('invalid_input')` naming the
 * first bad field. Input may give lifetimes in the older whole days (`upgradeLegacyLifetimes`).
 */
export function parsePolicy(input: unknown, base: SessionPolicy = DEFAULT_POLICY): SessionPolicy {
  const upgraded = upgradeLegacyLifetimes(input);
  const { policy, errors } = checkPolicy(upgraded.input, base);
  const first = upgraded.errors[0] ?? errors[0];
  if (first) throw new SessionKitError('invalid_input', first.message, { field: first.field });
  return policy;
}

const SECTIONS = {
  concurrentSessions: ['enabled', 'max', 'onExceed'],
  idleTimeout: ['enabled', 'value', 'unit'],
  rememberMe: ['allowed', 'rememberedLifetime', 'standardLifetime'],
  retention: ['endedSessionDays'],
} as const;

// Today's form only: the older whole-day fields are read by the parse functions, which the server's input and
// stored policies go through, and so stay out of a browser bundle that checks what its own form produces.
function checkPolicy(input: unknown, base: SessionPolicy): { policy: SessionPolicy; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const policy: SessionPolicy = structuredClone(base);
  if (!isRecord(input)) {
    return { policy, errors: [{ field: 'policy', message: 'policy must be an object' }] };
  }
  for (const key of Object.keys(input)) {
    // Own keys only: `in` would let `__proto__`, `constructor` and `toString` through as "known" sections.
    // A key without a name is still named: the error must point somewhere a form can show it.
    if (!Object.hasOwn(SECTIONS, key))
      errors.push(
        key === ''
          ? { field: 'policy', message: 'a policy setting needs a name' }
          : { field: key, message: `${key} is not a policy setting` },
      );
  }
  for (const [section, keys] of Object.entries(SECTIONS) as [keyof typeof SECTIONS, readonly string[]][]) {
    const value = input[section];
    if (value === undefined) continue;
    if (!isRecord(value)) {
      errors.push({ field: section, message: `${section} must be an object` });
      continue;
    }
    for (const key of Object.keys(value)) {
      if (!keys.includes(key))
        errors.push({ field: `${section}.${key}`, message: `${section}.${key} is not a policy setting` });
    }
    Object.assign(policy[section], pickDefined(value, keys));
  }

  const bool = (field: string, v: unknown) => {
    if (typeof v !== 'boolean') errors.push({ field, message: `${field} must be true or false` });
  };
  const int = (field: string, v: unknown, min: number, max: number) => {
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      errors.push({ field, message: `${field} must be a whole number` });
    } else if (v < min || v > max) {
      errors.push({ field, message: `${field} must be between ${min} and ${max}` });
    }
  };

  const c = policy.concurrentSessions;
  bool('concurrentSessions.enabled', c.enabled);
  int('concurrentSessions.max', c.max, 1, POLICY_LIMITS.maxConcurrent);
  if (c.onExceed !== 'evict_oldest' && c.onExceed !== 'deny_new') {
    errors.push({
      field: 'concurrentSessions.onExceed',
      message: 'concurrentSessions.onExceed must be evict_oldest or deny_new',
    });
  }

  const i = policy.idleTimeout;
  bool('idleTimeout.enabled', i.enabled);
  if (!TIME_UNITS.includes(i.unit)) {
    errors.push({ field: 'idleTimeout.unit', message: 'idleTimeout.unit must be minutes, hours or days' });
  } else if (typeof i.value !== 'number' || !Number.isInteger(i.value) || i.value < 1) {
    errors.push({
      field: 'idleTimeout.value',
      message: 'idleTimeout.value must be a whole number of at least 1',
    });
  } else {
    const ms = durationMs(i.value, i.unit);
    if (ms < POLICY_LIMITS.minIdleMs || ms > POLICY_LIMITS.maxIdleMs) {
      errors.push({
        field: 'idleTimeout.value',
        message: 'idleTimeout must be between 1 minute and 365 days',
      });
    }
  }

  const r = policy.rememberMe;
  bool('rememberMe.allowed', r.allowed);
  const remembered = lifetimeErrors('rememberMe.rememberedLifetime', r.rememberedLifetime);
  const standard = lifetimeErrors('rememberMe.standardLifetime', r.standardLifetime);
  errors.push(...remembered, ...standard);
  if (
    r.allowed &&
    remembered.length === 0 &&
    standard.length === 0 &&
    errors.every((e) => !e.field.startsWith('rememberMe.')) &&
    durationMs(r.rememberedLifetime.value, r.rememberedLifetime.unit) <
      durationMs(r.standardLifetime.value, r.standardLifetime.unit)
  ) {
    errors.push({
      field: 'rememberMe.rememberedLifetime',
      message: 'rememberMe.rememberedLifetime must be at least rememberMe.standardLifetime',
    });
  }
  // Copies, so that the policy never shares an object with the caller's input.
  if (remembered.length === 0) r.rememberedLifetime = { ...r.rememberedLifetime };
  if (standard.length === 0) r.standardLifetime = { ...r.standardLifetime };

  int('retention.endedSessionDays', policy.retention.endedSessionDays, 0, POLICY_LIMITS.maxRetentionDays);
  return { policy, errors };
}

function lifetimeErrors(field: string, lifetime: unknown): FieldError[] {
  if (!isRecord(lifetime)) return [{ field, message: `${field} must be an object` }];
  const errors: FieldError[] = [];
  for (const key of Object.keys(lifetime))
    if (key !== 'value' && key !== 'unit')
      errors.push({ field: `${field}.${key}`, message: `${field}.${key} is not a policy setting` });
  const { value, unit } = lifetime;
  if (!TIME_UNITS.includes(unit as TimeUnit)) {
    errors.push({ field: `${field}.unit`, message: `${field}.unit must be minutes, hours or days` });
  } else if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    errors.push({ field: `${field}.value`, message: `${field}.value must be a whole number of at least 1` });
  } else {
    const ms = durationMs(value, unit as TimeUnit);
    // The value and the unit together are too short or too long: the lifetime as a whole is named.
    if (ms < POLICY_LIMITS.minLifetimeMs || ms > POLICY_LIMITS.maxDays * DAY)
      errors.push({
        field,
        message: `${field} must be between 5 minutes and ${POLICY_LIMITS.maxDays} days`,
      });
  }
  return errors;
}

function pickDefined(value: Input, keys: readonly string[]): Input {
  const out: Input = {};
  for (const key of keys) if (value[key] !== undefined) out[key] = value[key];
  return out;
}
