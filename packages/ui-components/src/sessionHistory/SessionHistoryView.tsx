import { useId, type ReactNode } from 'react';
import { CardHeader } from '../internal/CardHeader.js';
import { cx } from '../internal/className.js';
import { DeviceIcon } from '../internal/DeviceIcon.js';
import { formatDateTime, formatNumber } from '../internal/intlFormat.js';
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
  /** Adds the User and Ended by columns (administrators' lists). */
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
  if (session.status !== 'ended' || !session.endReason) return '—';
  const label = endReasonLabel(session.endReason, t);
  return session.endNote ? `${label} · “${session.endNote}”` : label;
}

function endedBy(session: SessionRecord | TeamSessionRecord, t: Text): string {
  if (session.status !== 'ended') return '—';
  if ('endedByName' in session && session.endedByName) return session.endedByName;
  // Nobody ended it: it timed out, expired or gave way to a newer sign-in.
  return session.endedBy ?? t('history.automatically', 'Automatically');
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
    { label: t('history.loginIp', 'Login IP'), className: 'sk-col-ip' },
    { label: t('history.city', 'City'), className: 'sk-col-location' },
    { label: t('history.status', 'Status') },
    { label: t('history.loginTime', 'Signed in') },
    { label: t('history.endTime', 'Ended') },
    { label: t('history.how', 'How it ended') },
    ...(showOwner ? [{ label: t('history.endedBy', 'Ended by') }] : []),
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
        {/* Nine columns scroll sideways in a narrow card: the region takes focus so keyboards can scroll it. */}
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
                  <td className="sk-col-ip">
                    <span className="sk-mono">{s.ip}</span>
                  </td>
                  <td className="sk-col-location">
                    {s.location?.local
                      ? t('common.localNetwork', 'Local network')
                      : (s.location?.city ?? t('common.unknownLocation', 'Unknown location'))}
                  </td>
                  <td>
                    {s.status === 'active' ? (
                      <span className="sk-badge sk-badge--success">{statusLabels.active}</span>
                    ) : (
                      <span className="sk-badge">{statusLabels.ended}</span>
                    )}
                  </td>
                  <td className="sk-nowrap">
                    <time dateTime={new Date(s.createdAt).toISOString()} className="sk-tabular">
                      {formatDateTime(s.createdAt, locale)}
                    </time>
                  </td>
                  <td className="sk-nowrap">
                    {s.endedAt ? (
                      <time dateTime={new Date(s.endedAt).toISOString()} className="sk-tabular">
                        {formatDateTime(s.endedAt, locale)}
                      </time>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="sk-history__how">{howItEnded(s, t)}</td>
                  {showOwner && <td>{endedBy(s, t)}</td>}
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
