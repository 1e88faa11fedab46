import { isActiveNow, lastActiveLabel } from '@sessionkit/core/browser';
import { formatDateTime } from './intlFormat.js';
import type { Text } from './useText.js';

/** "● Active now" / "● 2 hours ago" with the exact time on hover and in a `<time>` for machines. */
export function LastActive({
  at,
  now,
  locale,
  t,
  ended = false,
}: {
  at: Date;
  now: Date;
  locale: string;
  t: Text;
  ended?: boolean;
}) {
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
