import { useTranslate } from '@refinedev/core';
import { useCallback, useMemo } from 'react';
import { formatNumber } from './intlFormat.js';
import { useLocale } from './useLocale.js';

export type TextValues = Record<string, string | number>;
export type Text = (key: string, english: string, values?: TextValues) => string;

/** English forms of a counted phrase; `{{count}}` is the count written in the locale. */
export interface PluralForms {
  one: string;
  other: string;
}
export type PluralText = (key: string, english: PluralForms, count: number, values?: TextValues) => string;

function interpolate(text: string, values: TextValues | undefined): string {
  if (!values) return text;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/**
 * Every string goes through Refine's translate under `sessionkit.*` keys with an English default. Refine returns
 * the default untouched when the host has no i18n provider, so `{{name}}` values are filled in here as well.
 */
export function useText(): Text {
  const translate = useTranslate();
  return useCallback(
    (key, english, values) => interpolate(translate(`sessionkit.${key}`, values ?? {}, english), values),
    [translate],
  );
}

/**
 * A phrase with a count: the form is chosen by `Intl.PluralRules` for the locale and looked up under
 * `sessionkit.<key>.<category>` (`one`, `two`, `few`, `many`, `other`), so a host's translation can give every
 * form its language has; English falls back to `one` or `other`.
 */
export function usePlural(locale?: string): PluralText {
  const translate = useTranslate();
  const lang = useLocale(locale);
  const rules = useMemo(() => new Intl.PluralRules(lang), [lang]);
  return useCallback(
    (key, english, count, values) => {
      const category = rules.select(count);
      const all = { ...values, count: formatNumber(count, lang) };
      const fallback = category === 'one' ? english.one : english.other;
      return interpolate(translate(`sessionkit.${key}.${category}`, all, fallback), all);
    },
    [translate, rules, lang],
  );
}
