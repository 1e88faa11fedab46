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
 */
export function lastActiveMark({ at, now, locale, t, ended = false }: LastActiveProps): ReactElement {
  const live = !ended && isActiveNow(at, now);
  const label = lastActiveLabel(at, now, locale, t('common.activeNow', 'Active now'));
  return (
    <span className="sk-last-active">
      <span
        className={`sk-dot ${live ? 'sk-dot--live' : ended ? 'sk-dot--ended' : 'sk-dot--idle'}`}
        aria-hidden="true"
      />
      <time dateTime={new Date(at).toISOString()} title={formatDateTime(at, locale)}>
        {label}
      </time>
    </span>
  );
}

/** "● Active now" / "● 2 hours ago" with the exact time on hover and in a `<time>` for machines. */
export function LastActive(props: LastActiveProps) {
  return lastActiveMark(props);
}
