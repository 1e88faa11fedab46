import { DEFAULT_POLICY, type SessionPolicy } from '@sessionkit/core/browser';
import { describe, expect, it } from 'vitest';
import type { PluralText, Text } from '../internal/useText.js';
import { accountValue, accountValueText, fromRoleDrafts, toRoleDrafts } from './roleOverrides.js';

const t: Text = (_key, english, values) =>
  english.replace(/\{\{(\w+)\}\}/g, (_all, name: string) => String(values?.[name] ?? ''));
const p: PluralText = (key, forms, count, values) =>
  t(key, count === 1 ? forms.one : forms.other, { count, ...values });

const account: SessionPolicy = {
  ...structuredClone(DEFAULT_POLICY),
  rememberMe: {
    allowed: true,
    rememberedLifetime: { value: 30, unit: 'days' },
    standardLifetime: { value: 1, unit: 'days' },
  },
  roles: {
    admin: {
      idleTimeout: { value: 30, unit: 'minutes' },
      rememberMe: { standardLifetime: { value: 8, unit: 'hours' } },
    },
  },
};

describe('role override drafts', () => {
  it("edit a role's lifetime with its unit and give it back as core takes it", () => {
    const drafts = toRoleDrafts(account);
    expect(drafts[0]?.fields['rememberMe.standardLifetime']).toEqual({ value: '8', unit: 'hours' });
    expect(drafts[0]?.fields['rememberMe.rememberedLifetime']).toBeUndefined();
    expect(fromRoleDrafts(drafts)).toEqual(account.roles);
  });

  it("start a newly overridden lifetime at the account's, unit included", () => {
    expect(accountValue(account, 'rememberMe.rememberedLifetime')).toEqual({ value: '30', unit: 'days' });
  });

  it('say what a role inherits in words, singular or plural', () => {
    expect(accountValueText(account, 'rememberMe.standardLifetime', t, p)).toBe('1 day');
    const hours = {
      ...account,
      rememberMe: { ...account.rememberMe, rememberedLifetime: { value: 12, unit: 'hours' as const } },
    };
    expect(accountValueText(hours, 'rememberMe.rememberedLifetime', t, p)).toBe('12 hours');
  });

  it('send an emptied lifetime value as not a number, keeping its unit', () => {
    const [draft] = toRoleDrafts(account);
    const emptied = {
      ...draft!,
      fields: { ...draft!.fields, 'rememberMe.standardLifetime': { value: '', unit: 'hours' as const } },
    };
    const lifetime = fromRoleDrafts([emptied]).admin?.rememberMe?.standardLifetime;
    expect(lifetime?.value).toBeNaN();
    expect(lifetime?.unit).toBe('hours');
  });
});
