import { useTranslate } from '@refinedev/core';
import { useCallback } from 'react';

export type TextValues = Record<string, string | number>;
export type Text = (key: string, english: string, values?: TextValues) => string;

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
