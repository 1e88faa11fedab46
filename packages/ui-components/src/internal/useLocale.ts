import { I18nContext } from '@refinedev/core';
import { useContext } from 'react';

/** The locale for `Intl`: the prop, else Refine's i18n provider, else the browser's, else English. */
export function useLocale(locale?: string): string {
  const { i18nProvider } = useContext(I18nContext);
  if (locale) return locale;
  const fromRefine = i18nProvider?.getLocale();
  if (fromRefine) return fromRefine;
  return typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en';
}
