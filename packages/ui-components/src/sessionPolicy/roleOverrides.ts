import type {
  Lifetime,
  OnExceed,
  RolePolicies,
  RolePolicyOverride,
  SessionPolicy,
  TimeUnit,
} from '@sessionkit/core/browser';
import type { PluralText, Text } from '../internal/useText.js';
import { durationText, timeUnitLabel } from './policyLabels.js';

/**
 * The rules a role override can set one by one in the form. An idle timeout's value and unit are one row, as
 * core wants them together; so is each lifetime.
 */
export type RoleFieldKey =
  | 'concurrentSessions.enabled'
  | 'concurrentSessions.max'
  | 'concurrentSessions.onExceed'
  | 'idleTimeout.enabled'
  | 'idleTimeout.value'
  | 'rememberMe.allowed'
  | 'rememberMe.rememberedLifetime'
  | 'rememberMe.standardLifetime';

export const ROLE_FIELDS: readonly RoleFieldKey[] = [
  'concurrentSessions.enabled',
  'concurrentSessions.max',
  'concurrentSessions.onExceed',
  'idleTimeout.enabled',
  'idleTimeout.value',
  'rememberMe.allowed',
  'rememberMe.rememberedLifetime',
  'rememberMe.standardLifetime',
];

/** A lifetime as typed: its number as text, with the unit picked beside it. */
export interface LifetimeDraft {
  value: string;
  unit: TimeUnit;
}

/** One field a role overrides, as typed: numbers as text, so that "" and "2.5" can be explained. */
export type RoleFieldValue = boolean | string | OnExceed | LifetimeDraft;

const lifetimeDraft = (lifetime: Lifetime): LifetimeDraft => ({
  value: String(lifetime.value),
  unit: lifetime.unit,
});

/** One role's override as the form edits it: only the fields it overrides are present. */
export interface RoleDraft {
  role: string;
  fields: Partial<Record<RoleFieldKey, RoleFieldValue>>;
  /** The idle timeout's unit, with `idleTimeout.value`. */
  idleUnit: TimeUnit;
}

export function toRoleDrafts(policy: SessionPolicy): RoleDraft[] {
  return Object.entries(policy.roles ?? {}).map(([role, override]) => {
    const fields: RoleDraft['fields'] = {};
    const c = override.concurrentSessions ?? {};
    if (c.enabled !== undefined) fields['concurrentSessions.enabled'] = c.enabled;
    if (c.max !== undefined) fields['concurrentSessions.max'] = String(c.max);
    if (c.onExceed !== undefined) fields['concurrentSessions.onExceed'] = c.onExceed;
    const i = override.idleTimeout ?? {};
    if (i.enabled !== undefined) fields['idleTimeout.enabled'] = i.enabled;
    if (i.value !== undefined) fields['idleTimeout.value'] = String(i.value);
    const r = override.rememberMe ?? {};
    if (r.allowed !== undefined) fields['rememberMe.allowed'] = r.allowed;
    if (r.rememberedLifetime) fields['rememberMe.rememberedLifetime'] = lifetimeDraft(r.rememberedLifetime);
    if (r.standardLifetime) fields['rememberMe.standardLifetime'] = lifetimeDraft(r.standardLifetime);
    return { role, fields, idleUnit: i.unit ?? 'minutes' };
  });
}

// Number("") is 0, which would read as a valid-looking zero; an empty field is "not a number" instead.
function asNumber(text: RoleFieldValue | undefined): number {
  return typeof text !== 'string' || text.trim() === '' ? Number.NaN : Number(text);
}

function asLifetime(draft: RoleFieldValue | undefined): Lifetime {
  const { value, unit } = draft as LifetimeDraft;
  return { value: asNumber(value), unit };
}

/** The overrides the drafts describe, as `PUT /policy` takes them under `roles`. */
export function fromRoleDrafts(drafts: readonly RoleDraft[]): RolePolicies {
  const roles: RolePolicies = {};
  for (const { role, fields: f, idleUnit } of drafts) {
    const override: RolePolicyOverride = {};
    const has = (key: RoleFieldKey) => f[key] !== undefined;
    if (
      has('concurrentSessions.enabled') ||
      has('concurrentSessions.max') ||
      has('concurrentSessions.onExceed')
    )
      override.concurrentSessions = {
        ...(has('concurrentSessions.enabled') ? { enabled: f['concurrentSessions.enabled'] as boolean } : {}),
        ...(has('concurrentSessions.max') ? { max: asNumber(f['concurrentSessions.max']) } : {}),
        ...(has('concurrentSessions.onExceed')
          ? { onExceed: f['concurrentSessions.onExceed'] as OnExceed }
          : {}),
      };
    if (has('idleTimeout.enabled') || has('idleTimeout.value'))
      override.idleTimeout = {
        ...(has('idleTimeout.enabled') ? { enabled: f['idleTimeout.enabled'] as boolean } : {}),
        ...(has('idleTimeout.value') ? { value: asNumber(f['idleTimeout.value']), unit: idleUnit } : {}),
      };
    if (
      has('rememberMe.allowed') ||
      has('rememberMe.rememberedLifetime') ||
      has('rememberMe.standardLifetime')
    )
      override.rememberMe = {
        ...(has('rememberMe.allowed') ? { allowed: f['rememberMe.allowed'] as boolean } : {}),
        ...(has('rememberMe.rememberedLifetime')
          ? { rememberedLifetime: asLifetime(f['rememberMe.rememberedLifetime']) }
          : {}),
        ...(has('rememberMe.standardLifetime')
          ? { standardLifetime: asLifetime(f['rememberMe.standardLifetime']) }
          : {}),
      };
    roles[role] = override;
  }
  return roles;
}

/** The account's value of a field, as a role's field starts out when it begins to override it. */
export function accountValue(account: SessionPolicy, key: RoleFieldKey): RoleFieldValue {
  switch (key) {
    case 'concurrentSessions.enabled':
      return account.concurrentSessions.enabled;
    case 'concurrentSessions.max':
      return String(account.concurrentSessions.max);
    case 'concurrentSessions.onExceed':
      return account.concurrentSessions.onExceed;
    case 'idleTimeout.enabled':
      return account.idleTimeout.enabled;
    case 'idleTimeout.value':
      return String(account.idleTimeout.value);
    case 'rememberMe.allowed':
      return account.rememberMe.allowed;
    case 'rememberMe.rememberedLifetime':
      return lifetimeDraft(account.rememberMe.rememberedLifetime);
    case 'rememberMe.standardLifetime':
      return lifetimeDraft(account.rememberMe.standardLifetime);
  }
}

/** How the account's value of a field reads in "inherits account: …". */
export function accountValueText(account: SessionPolicy, key: RoleFieldKey, t: Text, p: PluralText): string {
  const onOff = (on: boolean) => (on ? t('policy.roles.on', 'on') : t('policy.roles.off', 'off'));
  switch (key) {
    case 'concurrentSessions.enabled':
      return onOff(account.concurrentSessions.enabled);
    case 'concurrentSessions.max':
      return String(account.concurrentSessions.max);
    case 'concurrentSessions.onExceed':
      return onExceedText(account.concurrentSessions.onExceed, t);
    case 'idleTimeout.enabled':
      return onOff(account.idleTimeout.enabled);
    case 'idleTimeout.value':
      return `${account.idleTimeout.value} ${timeUnitLabel(account.idleTimeout.unit, t)}`;
    case 'rememberMe.allowed':
      return account.rememberMe.allowed
        ? t('policy.roles.allowed', 'allowed')
        : t('policy.roles.notAllowed', 'not allowed');
    case 'rememberMe.rememberedLifetime':
      return durationText(account.rememberMe.rememberedLifetime, p);
    case 'rememberMe.standardLifetime':
      return durationText(account.rememberMe.standardLifetime, p);
  }
}

export function onExceedText(value: OnExceed, t: Text): string {
  return value === 'deny_new'
    ? t('policy.denyNew', 'Refuse the new sign-in')
    : t('policy.evictOldest', 'Sign out their oldest session');
}
