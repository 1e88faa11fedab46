import type { SessionRecord } from '@sessionkit/core/browser';
import { cx } from '../internal/className.js';
import type { Text } from '../internal/useText.js';

/** A session row's classes: the current one marked, and one a sign-in alert waits on highlighted. */
export function sessionRowClass(session: SessionRecord): string {
  return cx('sk-grid-table__row', session.current && 'sk-row--current', session.alert && 'sk-row--alert');
}

/** The mark on a row whose sign-in the person hasn't confirmed yet. */
export function WasThisYouBadge({ t }: { t: Text }) {
  return <span className="sk-badge sk-badge--danger">{t('alerts.wasThisYou', 'Was this you?')}</span>;
}
