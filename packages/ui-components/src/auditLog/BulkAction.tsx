import type { AuditEventRecord } from '@sessionkit/core/browser';
import { usePlural, useText } from '../internal/useText.js';

/** On an event of a bulk force logout: shows the action with its people. */
export function ShowBulkButton({
  event,
  onShow,
  locale,
}: {
  event: AuditEventRecord;
  onShow: (bulkId: string) => void;
  locale: string;
}) {
  const t = useText();
  const p = usePlural(locale);
  const bulkId = String(event.details.bulkId);
  const people = event.details.people;
  return (
    <button type="button" className="sk-audit__bulk-link" onClick={() => onShow(bulkId)}>
      {event.action === 'bulk_force_logout' && typeof people === 'number'
        ? p(
            'audit.showBulkPeople',
            {
              one: 'Show the action and its {{count}} person',
              other: 'Show the action and its {{count}} people',
            },
            people,
          )
        : t('audit.showBulk', 'Show the whole bulk action')}
    </button>
  );
}

/**
 * Above the list while it shows one bulk action: what it was (who, why, how many) and the people it forced
 * out, from the events on the page; and the way back to the whole trail.
 */
export function BulkActionBanner({
  bulkId,
  events,
  userName,
  locale,
  onClear,
}: {
  bulkId: string;
  events: AuditEventRecord[];
  userName: (userId: string) => string;
  locale: string;
  onClear?: () => void;
}) {
  const t = useText();
  const p = usePlural(locale);
  const action = events.find((e) => e.action === 'bulk_force_logout' && e.details.bulkId === bulkId);
  const people = events.filter((e) => e.action === 'force_logout' && e.details.bulkId === bulkId);
  return (
    <div
      className="sk-audit__bulk-banner"
      role="region"
      aria-label={t('audit.bulkRegion', 'Bulk action')}
      aria-live="polite"
    >
      <p>
        <strong>{t('audit.bulkTitle', 'Bulk action {{id}}', { id: bulkId })}</strong>
        {action && (
          <>
            {' — '}
            {p(
              'audit.bulkSummary',
              {
                one: '{{actor}} forced out {{count}} person: “{{reason}}”',
                other: '{{actor}} forced out {{count}} people: “{{reason}}”',
              },
              Number(action.details.people ?? people.length),
              {
                actor: action.actorId ? userName(action.actorId) : t('audit.system', 'System'),
                reason: action.reason ?? '',
              },
            )}
          </>
        )}
      </p>
      {people.length > 0 && (
        <ul className="sk-audit__bulk-people" aria-label={t('audit.bulkPeople', 'People in this action')}>
          {people.map((e) => (
            <li key={e.id}>
              {e.targetUserId ? userName(e.targetUserId) : '—'}
              {typeof e.details.ended === 'number' && (
                <span className="sk-muted">
                  {' '}
                  (
                  {p(
                    'audit.bulkEnded',
                    { one: '{{count}} session', other: '{{count}} sessions' },
                    e.details.ended,
                  )}
                  )
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {onClear && (
        <button type="button" className="sk-button sk-button--small" onClick={onClear}>
          {t('audit.bulkClear', 'Show all events')}
        </button>
      )}
    </div>
  );
}
