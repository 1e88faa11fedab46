import { SessionKitError } from './errors.js';
import type { FieldError, SessionPolicy } from './policy.js';
import { DEFAULT_POLICY, durationMs, policyErrors, upgradeLegacyLifetimes } from './policy.js';
import type { DirectoryUser } from './userDirectory.js';

export type { RolePolicies, RolePolicyOverride } from './policy.js';
import type { RolePolicies, RolePolicyOverride } from './policy.js';

/** Every field of a policy, by the dotted path errors and sources use. */
export type PolicyField =
  | 'concurrentSessions.enabled'
  | 'concurrentSessions.max'
  | 'concurrentSessions.onExceed'
  | 'idleTimeout.enabled'
  | 'idleTimeout.value'
  | 'idleTimeout.unit'
  | 'rememberMe.allowed'
  | 'rememberMe.rememberedLifetime'
  | 'rememberMe.standardLifetime'
  | 'retention.endedSessionDays';

export const POLICY_FIELDS: readonly PolicyField[] = [
  'concurrentSessions.enabled',
  'concurrentSessions.max',
  'concurrentSessions.onExceed',
  'idleTimeout.enabled',
  'idleTimeout.value',
  'idleTimeout.unit',
  'rememberMe.allowed',
  'rememberMe.rememberedLifetime',
  'rememberMe.standardLifetime',
  'retention.endedSessionDays',
];

/** Where a value of an effective policy comes from: the account policy, or one role's override. */
export interface PolicySource {
  from: 'account' | 'role';
  /** The role whose override set the value; null for the account. */
  role: string | null;
}

/** The rules one person's sessions live under, and where each value comes from. */
export interface EffectivePolicy {
  /** A complete policy, without `roles`. */
  policy: SessionPolicy;
  sources: Record<PolicyField, PolicySource>;
  /** The person's roles that have an override, sorted: the ones that were weighed. */
  roles: string[];
}

export const ROLE_POLICY_LIMITS = { maxRoles: 100, maxNameLength: 64 } as const;

const OVERRIDABLE = ['concurrentSessions', 'idleTimeout', 'rememberMe'] as const;
const ACCOUNT: PolicySource = { from: 'account', role: null };

type Input = Record<string, unknown>;

function isRecord(value: unknown): value is Input {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The account policy without its overrides: what a person without an overridden role lives under. */
export function accountPart(policy: SessionPolicy): SessionPolicy {
  const { roles: _roles, ...rest } = policy;
  return structuredClone(rest);
}

/**
 * A policy as a store kept it, in today's form: one saved before lifetimes had units still holds
 * `rememberMe.standardDays` / `rememberedDays`, for the account and in role overrides, and means the same days.
 * Stores keep what they were given; reading through here lets no store need a migration.
 */
export function upgradeStoredPolicy(stored: SessionPolicy): SessionPolicy {
  const upgraded = upgradeLegacyLifetimes(stored).input as SessionPolicy;
  if (!stored.roles) return upgraded;
  const roles = Object.fromEntries(
    Object.entries(stored.roles).map(([role, override]) => [
      role,
      upgradeLegacyLifetimes(override).input as RolePolicyOverride,
    ]),
  );
  return { ...upgraded, roles };
}

/** Account policy input with the older whole-day lifetimes read, in the account part and in each override. */
function upgradeAccountInput(input: unknown): { input: unknown; errors: FieldError[] } {
  const account = upgradeLegacyLifetimes(input);
  if (!isRecord(account.input) || !isRecord(account.input.roles)) return account;
  const errors = [...account.errors];
  const roles = Object.entries(account.input.roles).map(([role, override]): [string, unknown] => {
    const upgraded = upgradeLegacyLifetimes(override);
    const field = `roles.${role}`;
    for (const e of upgraded.errors)
      errors.push({ field: `${field}.${e.field}`, message: prefixed(e.message, field) });
    return [role, upgraded.input];
  });
  // Own properties even for a name such as "__proto__", which the role check then refuses by name.
  return { input: { ...account.input, roles: Object.fromEntries(roles) }, errors };
}

/** The person's roles: the directory's `role` and `roles`, each once. */
export function rolesOf(user: Pick<DirectoryUser, 'role' | 'roles'> | null | undefined): string[] {
  if (!user) return [];
  const out = new Set<string>();
  if (typeof user.role === 'string' && user.role !== '') out.add(user.role);
  for (const role of user.roles ?? []) if (typeof role === 'string' && role !== '') out.add(role);
  return [...out];
}

/** Whether the policy overrides anything for any role: without, nobody's roles need looking up. */
export function hasRolePolicies(policy: SessionPolicy): boolean {
  return policy.roles !== undefined && Object.keys(policy.roles).length > 0;
}

/**
 * Every problem with a policy and its role overrides (a partial update merged onto `base`), each naming its
 * field: `roles.admin.idleTimeout.value`. Today's form, as a form produces it (see `policyErrors`). Each override is checked merged onto the account policy it would
 * apply over, so a change to either that would make a role's rules contradict themselves is refused.
 */
export function accountPolicyErrors(input: unknown, base: SessionPolicy = DEFAULT_POLICY): FieldError[] {
  return checkAccountPolicy(input, base).errors;
}

/**
 * A complete, valid account policy with its role overrides, from input merged onto `base`: without `roles`
 * the current overrides stay; with it they are replaced (`{}` removes them all). Throws
 * `SessionKitError('invalid_input')` naming the first bad field. The account and each override may give
 * lifetimes in the older whole days, as `parsePolicy` reads them.
 */
export function parseAccountPolicy(input: unknown, base: SessionPolicy = DEFAULT_POLICY): SessionPolicy {
  const upgraded = upgradeAccountInput(input);
  const { policy, errors } = checkAccountPolicy(upgraded.input, base);
  const first = upgraded.errors[0] ?? errors[0];
  if (first) throw new SessionKitError('invalid_input', first.message, { field: first.field });
  return policy;
}

function checkAccountPolicy(
  input: unknown,
  base: SessionPolicy,
): { policy: SessionPolicy; errors: FieldError[] } {
  const account = accountPart(base);
  if (!isRecord(input)) return { policy: base, errors: policyErrors(input, account) };
  const { roles: rolesInput, ...rest } = input;
  const errors = policyErrors(rest, account);
  const merged: SessionPolicy = structuredClone(account);
  mergeOnto(merged, rest);
  const roles = rolesInput === undefined ? (base.roles ?? {}) : rolesInput;
  const checked = checkRoles(roles, merged);
  errors.push(...checked.errors);
  const policy = Object.keys(checked.roles).length > 0 ? { ...merged, roles: checked.roles } : merged;
  return { policy, errors };
}

function checkRoles(input: unknown, account: SessionPolicy): { roles: RolePolicies; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const roles: RolePolicies = {};
  if (!isRecord(input)) return { roles, errors: [{ field: 'roles', message: 'roles must be an object' }] };
  const names = Object.keys(input);
  if (names.length > ROLE_POLICY_LIMITS.maxRoles)
    errors.push({
      field: 'roles',
      message: `roles may override at most ${ROLE_POLICY_LIMITS.maxRoles} roles`,
    });
  for (const name of names) {
    const field = `roles.${name}`;
    if (!validRoleName(name)) {
      errors.push({
        field: 'roles',
        message: `each role name in roles must be 1 to ${ROLE_POLICY_LIMITS.maxNameLength} characters, without surrounding spaces, and not a reserved word such as constructor`,
      });
      continue;
    }
    const override = input[name];
    if (!isRecord(override)) {
      errors.push({ field, message: `${field} must be an object` });
      continue;
    }
    const before = errors.length;
    if (override.retention !== undefined)
      errors.push({
        field: `${field}.retention`,
        message: `${field}.retention can't be set per role: ended sessions are kept for the whole account`,
      });
    const { retention: _retention, ...own } = override;
    // The override merged onto the account policy it applies over: its values and what they imply together.
    for (const e of policyErrors(own, account)) {
      const path = e.field === 'policy' ? field : `${field}.${e.field}`;
      errors.push({ field: path, message: prefixed(e.message, field) });
    }
    const clean: RolePolicyOverride = {};
    for (const section of OVERRIDABLE) {
      const value = own[section];
      if (!isRecord(value)) continue;
      const set = Object.fromEntries(
        Object.entries(value)
          .filter(([, v]) => v !== undefined)
          // A lifetime is stored as its own copy, not the caller's object.
          .map(([k, v]) => [k, isRecord(v) ? { ...v } : v]),
      );
      if (Object.keys(set).length > 0) (clean as Input)[section] = set;
    }
    const idle = clean.idleTimeout;
    if (idle && (idle.value === undefined) !== (idle.unit === undefined)) {
      const [missing, given] = idle.value === undefined ? ['value', 'unit'] : ['unit', 'value'];
      errors.push({
        field: `${field}.idleTimeout.${missing}`,
        message: `${field}.idleTimeout.${missing} must be set together with ${field}.idleTimeout.${given}`,
      });
    }
    if (errors.length === before && Object.keys(clean).length === 0)
      errors.push({ field, message: `${field} overrides nothing: set a value or remove the role` });
    if (errors.length === before) roles[name] = clean;
  }
  return { roles, errors };
}

function validRoleName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= ROLE_POLICY_LIMITS.maxNameLength &&
    name.trim() === name &&
    // `__proto__`, `constructor` and the like would read as a role every person has.
    !(name in Object.prototype) &&
    // Control characters would make the name unreadable wherever it shows.
    // eslint-disable-next-line no-control-regex
    !/[\u0000-\u001f\u007f]/.test(name)
  );
}

/** Core's messages name fields by their path in the account policy; a role's field reads `roles.admin.<path>`. */
function prefixed(message: string, field: string): string {
  return message.replace(
    /(^|[^.\w])((?:concurrentSessions|idleTimeout|rememberMe|retention)\b)/g,
    (_all, before: string, path: string) => `${before}${field}.${path}`,
  );
}

function mergeOnto(policy: SessionPolicy, input: Input): void {
  for (const section of [...OVERRIDABLE, 'retention'] as const) {
    const value = input[section];
    if (!isRecord(value)) continue;
    for (const [key, v] of Object.entries(value)) {
      if (v !== undefined && Object.hasOwn(policy[section], key)) (policy[section] as Input)[key] = v;
    }
  }
}

interface Candidate {
  role: string;
  override: RolePolicyOverride;
  merged: SessionPolicy;
}

/**
 * The policy a person with these roles lives under. Roles without an override have no say; with none, it is
 * the account policy. With several, each overridden role's rules (its override over the account policy) are
 * weighed and the **strictest wins, rule by rule**: the lowest concurrent limit (with `deny_new` over
 * `evict_oldest` at an equal limit), the shortest idle timeout, remember me refused if any role refuses it, and
 * the shortest of each lifetime (each lifetime's value and unit come from one role). Strictest, because an override usually tightens the rules for a group that
 * holds more power (administrators), and a person must not escape it by also belonging to a laxer group. A tie
 * goes to the alphabetically first role, so the answer never depends on the order the directory lists roles in.
 * A role's limit and idle timeout are each weighed whole (on or off, and how much), as one rule.
 */
export function effectivePolicy(account: SessionPolicy, roles: readonly string[]): EffectivePolicy {
  const base = accountPart(account);
  const overrides = account.roles ?? {};
  const candidates: Candidate[] = [...new Set(roles)]
    .filter((role) => Object.hasOwn(overrides, role))
    .sort(compareNames)
    .map((role) => {
      const override = overrides[role] as RolePolicyOverride;
      const merged = structuredClone(base);
      mergeOnto(merged, override as Input);
      return { role, override, merged };
    });
  const sources = Object.fromEntries(POLICY_FIELDS.map((f) => [f, ACCOUNT])) as Record<
    PolicyField,
    PolicySource
  >;
  if (candidates.length === 0) return { policy: base, sources, roles: [] };

  const policy = structuredClone(base);
  const sourceOf = (c: Candidate, section: keyof RolePolicyOverride, key: string): PolicySource =>
    c.override[section] !== undefined && Object.hasOwn(c.override[section] as object, key)
      ? { from: 'role', role: c.role }
      : ACCOUNT;
  const take = <S extends keyof RolePolicyOverride>(c: Candidate, section: S, keys: readonly string[]) => {
    for (const key of keys) {
      (policy[section] as Input)[key] = structuredClone((c.merged[section] as Input)[key]);
      sources[`${section}.${key}` as PolicyField] = sourceOf(c, section, key);
    }
  };

  const limit = strictest(candidates, (p) =>
    p.concurrentSessions.enabled
      ? p.concurrentSessions.max * 2 - (p.concurrentSessions.onExceed === 'deny_new' ? 1 : 0)
      : Infinity,
  );
  take(limit, 'concurrentSessions', ['enabled', 'max', 'onExceed']);
  const idle = strictest(candidates, (p) =>
    p.idleTimeout.enabled ? durationMs(p.idleTimeout.value, p.idleTimeout.unit) : Infinity,
  );
  take(idle, 'idleTimeout', ['enabled', 'value', 'unit']);
  take(
    strictest(candidates, (p) => (p.rememberMe.allowed ? 1 : 0)),
    'rememberMe',
    ['allowed'],
  );
  for (const key of ['rememberedLifetime', 'standardLifetime'] as const)
    take(
      strictest(candidates, (p) => durationMs(p.rememberMe[key].value, p.rememberMe[key].unit)),
      'rememberMe',
      [key],
    );
  return { policy, sources, roles: candidates.map((c) => c.role) };
}

/** The first candidate (they are sorted by name) with the lowest rank. */
function strictest(candidates: readonly Candidate[], rank: (policy: SessionPolicy) => number): Candidate {
  let best = candidates[0] as Candidate;
  for (const c of candidates) if (rank(c.merged) < rank(best.merged)) best = c;
  return best;
}

/** By code unit, not locale: the same order on every server whatever its language. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
