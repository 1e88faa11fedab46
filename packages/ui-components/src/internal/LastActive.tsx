import { isActiveNow, lastActiveLabel } from '@sessionkit/core/browser';
import { formatDateTime } from './intlFormat.js';
import type { Text } from './useText.js';

export interface LastActiveProps {
  at: Date;
  now: Date;
  locale: string;
  t: Text;
  ended?: boolean;
}

/**
 * What a last-active `<time>` shows and carries, for a list that makes the `<time>` a cell itself (one element a
 * row fewer) and for a row that shows the same mark in two layouts (format once, place twice).
 */
export function lastActiveParts(at: Date, now: Date, locale: string, activeNow: string, ended: boolean) {
  const live = !ended && isActiveNow(at, now);
  return {
    className: `sk-last-active ${live ? 'sk-last-active--live' : ended ? 'sk-last-active--ended' : 'sk-last-active--idle'}`,
    label: lastActiveLabel(at, now, locale, activeNow),
    dateTime: at.toISOString(),
    title: formatDateTime(at, locale),
  };
}

/**
 * "● Active now" / "● 2 hours ago" with the exact time on hover and in a `<time>` for machines. One element:
 * the dot is the `<time>`'s `::before`.
 */
export function LastActive({ at, now, locale, t, ended = false }: LastActiveProps) {
  const mark = lastActiveParts(new Date(at), now, locale, t('common.activeNow', 'Active now'), ended);
  return (
    <time className={mark.className} dateTime={mark.dateTime} title={mark.title}>
      {mark.label}
    </time>
  );
}
