import { isActiveNow, lastActiveLabel } from '@sessionkit/core/browser';
import type { ReactElement } from 'react';
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
 * The markup of {@link LastActive} as a plain element, for a row that shows the same mark in two
 * layouts (wide column and narrow stack): build it once and place it twice instead of formatting twice.
 * One element: the dot is the `<time>`'s `::before`, a list of a thousand rows pays for every node.
 */
export function lastActiveMark({ at, now, locale, t, ended = false }: LastActiveProps): ReactElement {
  const live = !ended && isActiveNow(at, now);
  const label = lastActiveLabel(at, now, locale, t('common.activeNow', 'Active now'));
  const when = new Date(at);
  return (
    <time
      className={`sk-last-active ${live ? 'sk-last-active--live' : ended ? 'sk-last-active--ended' : 'sk-last-active--idle'}`}
      dateTime={when.toISOString()}
      title={formatDateTime(when, locale)}
    >
      {label}
    </time>
  );
}

/** "● Active now" / "● 2 hours ago" with the exact time on hover and in a `<time>` for machines. */
export function LastActive(props: LastActiveProps) {
  return lastActiveMark(props);
}
