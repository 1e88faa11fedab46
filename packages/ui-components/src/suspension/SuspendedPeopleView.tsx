import type { SuspensionRecord } from '@sessionkit/core/browser';
import { useId, type ReactNode } from 'react';
import { cx } from '../internal/className.js';
import { formatDateTime } from '../internal/intlFormat.js';
import { useText } from '../internal/useText.js';

export interface SuspendedPeopleViewProps {
  people: SuspensionRecord[];
  locale: string;
  className?: string;
  /** Each person's actions, e.g. a `SuspendSessions` (which shows Resume). */
  renderActions?: (suspension: SuspensionRecord) => ReactNode;
}

/** Who is suspended in the team view: name, until when, by whom and why. Nothing when nobody is. */
export function SuspendedPeopleView({ people, locale, className, renderActions }: SuspendedPeopleViewProps) {
  const t = useText();
  const titleId = useId();
  if (people.length === 0) return null;
  return (
    <section className={cx('sk-card', 'sk-suspended-people', className)} aria-labelledby={titleId}>
      <h2 id={titleId} className="sk-suspended-people__title">
        {t('suspended.title', 'Suspended sessions')}
      </h2>
      <ul className="sk-suspended-people__list" aria-label={t('suspended.title', 'Suspended sessions')}>
        {people.map((s) => (
          <li key={s.id} className="sk-suspended-people__item">
            <span className="sk-suspended-people__who">{s.user.name}</span>
            <span className="sk-suspended-people__what">
              {t('suspended.until', 'until {{until}}, by {{by}}', {
                until: formatDateTime(s.until, locale),
                by: s.suspendedByName ?? t('suspend.system', 'the system'),
              })}
              {' — '}
              {s.reason}
            </span>
            {renderActions?.(s)}
          </li>
        ))}
      </ul>
    </section>
  );
}
