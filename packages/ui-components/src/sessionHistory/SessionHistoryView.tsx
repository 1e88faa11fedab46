import { useId, type ReactNode } from 'react';
import { CardHeader } from '../internal/CardHeader.js';
import { cx } from '../internal/className.js';
import { DeviceIcon } from '../internal/DeviceIcon.js';
import { formatDate, formatDateTime, formatNumber, formatTime } from '../internal/intlFormat.js';
import { Pager } from '../internal/Pager.js';
import { QueryState } from '../internal/QueryState.js';
import { deviceName, softwareLine } from '../internal/sessionLabels.js';
import { useText, type Text } from '../internal/useText.js';
import { endReasonLabel } from '../sessionDetails/SessionDetailsView.js';
import type { SessionRecord, TeamSessionRecord } from '@sessionkit/core/browser';
import type { SessionStatusFilter } from './useSessionHistory.js';

export interface SessionHistoryViewProps {
  /** Team sessions (with `user` and `endedByName`) show who owned and who ended each; a person's own don't. */
  sessions: (SessionRecord | TeamSessionRecord)[];
  total: number;
  locale: string;
  title: string;
  subtitle?: string;
  loading?: boolean;
  error?: { message?: string } | null;
  onRetry?: () => void;
  /** The status filter; without `onStatusChange` there is none (a list of one status). */
  status?: SessionStatusFilter;
  onStatusChange?: (status: SessionStatusFilter) => void;
  /** Adds the User column and who ended each session (administrators' lists). */
  showOwner?: boolean;
  page?: number;
  pageSize?: number;
  onPageChange?: (page: number) => void;
  /** A row's actions, e.g. a `SessionSignOutButton` for an active session. */
  renderActions?: (session: SessionRecord | TeamSessionRecord) => ReactNode;
  emptyTitle?: string;
  className?: string;
}

/** "Signed out by an administrator · “Laptop stolen”": how a session ended, with the words given. */
function howItEnded(session: SessionRecord, t: Text): string {
  if (!session.endReason) return t('history.statusEnded', 'Ended');
  const label = endReasonLabel(session.endReason, t);
  return session.endNote ? `${label} · “${session.endNote}”` : label;
}

function endedBy(session: SessionRecord | TeamSessionRecord, t: Text): string {
  const name = ('endedByName' in session && session.endedByName) || session.endedBy;
  // Nobody ended it: it timed out, expired or gave way to a newer sign-in.
  return name ? t('history.endedBy', 'by {{name}}', { name }) : t('history.automatically', 'Automatically');
}

/** A date and its time, each kept whole, so a narrow column breaks between them and nowhere else. */
function When({ at, locale }: { at: Date | string; locale: string }) {
  return (
    <time dateTime={new Date(at).toISOString()} className="sk-tabular" title={formatDateTime(at, locale)}>
      <span className="sk-nowrap">{formatDate(at, locale)}</span>{' '}
      <span className="sk-nowrap">{formatTime(at, locale)}</span>
    </time>
  );
}

/**
 * Sessions with how each began and ended: an administrator's list of the account's sessions, filtered by
 * status (the marketing-analytics source's session log), or a person's recent ended sessions.
 */
export function SessionHistoryView({
  sessions,
  total,
  locale,
  title,
  subtitle,
  loading = false,
  error,
  onRetry,
  status,
  onStatusChange,
  showOwner = false,
  page = 1,
  pageSize = sessions.length || 1,
  onPageChange,
  renderActions,
  emptyTitle,
  className,
}: SessionHistoryViewProps) {
  const t = useText();
  const id = useId();
  const statusLabels: Record<SessionStatusFilter, string> = {
    active: t('history.statusActive', 'Active'),
    ended: t('history.statusEnded', 'Ended'),
    all: t('history.statusAll', 'All'),
  };
  const columns: { label: string; className?: string }[] = [
    ...(showOwner ? [{ label: t('history.user', 'User') }] : []),
    { label: t('history.device', 'Device') },
    { label: t('history.where', 'City and login IP') },
    { label: t('history.loginTime', 'Signed in') },
    { label: t('history.endTime', 'Ended') },
    { label: t('history.statusAndHow', 'Status and how it ended') },
  ];
  return (
    <section className={cx('sk-root sk-card sk-history', className)} aria-labelledby={`${id}-title`}>
      <CardHeader titleId={`${id}-title`} title={title} subtitle={subtitle} />
      {onStatusChange && (
        <div className="sk-toolbar" role="search">
          <div className="sk-field">
            <label htmlFor={`${id}-status`} className="sk-field__label">
              {t('history.filterStatus', 'Status')}
            </label>
            <select
              id={`${id}-status`}
              className="sk-input sk-select"
              value={status ?? 'all'}
              onChange={(event) => onStatusChange(event.target.value as SessionStatusFilter)}
            >
              {(['all', 'active', 'ended'] as const).map((s) => (
                <option key={s} value={s}>
                  {statusLabels[s]}
                </option>
              ))}
            </select>
          </div>
          <p className="sk-toolbar__count" aria-live="polite">
            {loading ? '' : t('history.count', '{{count}} sessions', { count: formatNumber(total, locale) })}
          </p>
        </div>
      )}
      <QueryState
        loading={loading}
        error={error}
        empty={sessions.length === 0}
        emptyTitle={emptyTitle ?? t('history.emptyTitle', 'No sessions')}
        onRetry={onRetry}
      >
        {/* A very narrow card may still scroll sideways: the region takes focus so keyboards can scroll it. */}
        <div
          className="sk-table-wrap"
          tabIndex={0}
          role="region"
          aria-label={t('history.tableRegion', '{{title}}: table', { title })}
        >
          <table className="sk-table sk-history__table">
            <caption className="sk-visually-hidden">{title}</caption>
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column.label} scope="col" className={column.className}>
                    {column.label}
                  </th>
                ))}
                {renderActions && (
                  <th scope="col" className="sk-col-actions">
                    <span className="sk-visually-hidden">{t('common.actions', 'Actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id}>
                  {showOwner && (
                    <td>
                      <span className="sk-device__text">
                        <span className="sk-device__name">{s.user?.name ?? s.userId}</span>
                        {s.user?.role && <span className="sk-device__meta">{s.user.role}</span>}
                      </span>
                    </td>
                  )}
                  <td>
                    <div className="sk-device">
                      <DeviceIcon type={s.device.type} kind={s.kind} />
                      <span className="sk-device__text">
                        <span className="sk-device__name">{deviceName(s)}</span>
                        <span className="sk-device__meta">{softwareLine(s)}</span>
                      </span>
                    </div>
                  </td>
                  <td>
                    <span className="sk-device__text">
                      <span>
                        {s.location?.local
                          ? t('common.localNetwork', 'Local network')
                          : (s.location?.city ?? t('common.unknownLocation', 'Unknown location'))}
                      </span>
                      <span className="sk-device__meta sk-mono">{s.ip}</span>
                    </span>
                  </td>
                  <td>
                    <When at={s.createdAt} locale={locale} />
                  </td>
                  <td>{s.endedAt ? <When at={s.endedAt} locale={locale} /> : '—'}</td>
                  <td className="sk-history__how">
                    {s.status === 'active' ? (
                      <span className="sk-badge sk-badge--success">{statusLabels.active}</span>
                    ) : (
                      <span className="sk-device__text">
                        <span>{howItEnded(s, t)}</span>
                        {showOwner && <span className="sk-device__meta">{endedBy(s, t)}</span>}
                      </span>
                    )}
                  </td>
                  {renderActions && <td className="sk-col-actions">{renderActions(s)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {onPageChange && (
          <Pager
            page={page}
            pageSize={pageSize}
            total={total}
            locale={locale}
            onPageChange={onPageChange}
            label={t('history.paging', 'Session pages')}
          />
        )}
      </QueryState>
    </section>
  );
}
