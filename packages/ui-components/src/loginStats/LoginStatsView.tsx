import { useId } from 'react';
import { AccessDenied } from '../internal/AccessDenied.js';
import { CardHeader } from '../internal/CardHeader.js';
import { cx } from '../internal/className.js';
import { formatDate, formatDay, formatNumber } from '../internal/intlFormat.js';
import { QueryState } from '../internal/QueryState.js';
import { useText } from '../internal/useText.js';
import type { LoginStatsRecord } from '@sessionkit/core/browser';

export type LoginStatsPeriod = '7' | '30' | '90' | 'custom';

export interface LoginStatsViewProps {
  stats: LoginStatsRecord | null;
  locale: string;
  loading?: boolean;
  error?: { message?: string } | null;
  onRetry?: () => void;
  period: LoginStatsPeriod;
  onPeriodChange: (period: LoginStatsPeriod) => void;
  /** `YYYY-MM-DD`, used when the period is `custom`. */
  customFrom: string;
  customTo: string;
  onCustomChange: (from: string, to: string) => void;
  /** A problem with the custom range, shown under it. */
  rangeError?: string | null;
  allowed?: boolean;
  /** Whose logins these are, for the heading. */
  userName?: string;
  className?: string;
}

/** Logins and logouts per day for a chosen period: totals, bars, and the same numbers as a table. */
export function LoginStatsView({
  stats,
  locale,
  loading = false,
  error,
  onRetry,
  period,
  onPeriodChange,
  customFrom,
  customTo,
  onCustomChange,
  rangeError,
  allowed = true,
  userName,
  className,
}: LoginStatsViewProps) {
  const t = useText();
  const id = useId();
  const days = stats?.days ?? [];
  const peak = Math.max(1, ...days.map((d) => Math.max(d.logins, d.logouts)));
  const periods: [LoginStatsPeriod, string][] = [
    ['7', t('stats.last7', 'Last 7 days')],
    ['30', t('stats.last30', 'Last 30 days')],
    ['90', t('stats.last90', 'Last 90 days')],
    ['custom', t('stats.custom', 'Custom')],
  ];
  return (
    <section className={cx('sk-root sk-card sk-stats-card', className)} aria-labelledby={`${id}-title`}>
      <CardHeader
        titleId={`${id}-title`}
        title={
          userName
            ? t('stats.titleFor', 'Logins of {{name}}', { name: userName })
            : t('stats.title', 'Logins')
        }
        subtitle={t('stats.subtitle', 'Sign-ins and sign-outs per day (UTC).')}
      />
      {!allowed ? (
        <AccessDenied
          title={t('stats.denied', 'You can’t see this user’s logins')}
          text={t('stats.deniedText', 'It takes the right to act on behalf of this user.')}
        />
      ) : (
        <>
          <div className="sk-toolbar">
            <div role="radiogroup" aria-label={t('stats.period', 'Period')} className="sk-segmented">
              {periods.map(([value, label]) => (
                <label key={value} className="sk-segmented__option">
                  <input
                    type="radio"
                    name={`${id}-period`}
                    value={value}
                    checked={period === value}
                    onChange={() => onPeriodChange(value)}
                  />
                  <span>{label}</span>
                </label>
              ))}
            </div>
            {period === 'custom' && (
              <div className="sk-inline-fields">
                <div className={cx('sk-field', rangeError && 'sk-field--invalid')}>
                  <label htmlFor={`${id}-from`} className="sk-field__label">
                    {t('stats.from', 'From')}
                  </label>
                  <input
                    id={`${id}-from`}
                    type="date"
                    className="sk-input"
                    value={customFrom}
                    aria-invalid={rangeError ? true : undefined}
                    aria-describedby={rangeError ? `${id}-range-error` : undefined}
                    onChange={(event) => onCustomChange(event.target.value, customTo)}
                  />
                </div>
                <div className={cx('sk-field', rangeError && 'sk-field--invalid')}>
                  <label htmlFor={`${id}-to`} className="sk-field__label">
                    {t('stats.to', 'To')}
                  </label>
                  <input
                    id={`${id}-to`}
                    type="date"
                    className="sk-input"
                    value={customTo}
                    aria-invalid={rangeError ? true : undefined}
                    aria-describedby={rangeError ? `${id}-range-error` : undefined}
                    onChange={(event) => onCustomChange(customFrom, event.target.value)}
                  />
                </div>
                {rangeError && (
                  <p id={`${id}-range-error`} className="sk-field__error sk-range-error" role="alert">
                    {rangeError}
                  </p>
                )}
              </div>
            )}
          </div>
          <QueryState
            loading={loading}
            error={error}
            empty={!!stats && stats.logins === 0 && stats.logouts === 0}
            emptyTitle={t('stats.emptyTitle', 'No logins in this period')}
            onRetry={onRetry}
          >
            {stats && (
              <>
                <ul
                  className="sk-stats sk-stats--inline"
                  aria-live="polite"
                  aria-label={t('stats.totals', 'Totals')}
                >
                  <li className="sk-stat">
                    <span className="sk-stat__label">
                      <span className="sk-legend sk-legend--logins" aria-hidden="true" />
                      {t('stats.logins', 'Logins')}
                    </span>
                    <span className="sk-stat__value">{formatNumber(stats.logins, locale)}</span>
                  </li>
                  <li className="sk-stat">
                    <span className="sk-stat__label">
                      <span className="sk-legend sk-legend--logouts" aria-hidden="true" />
                      {t('stats.logouts', 'Logouts')}
                    </span>
                    <span className="sk-stat__value">{formatNumber(stats.logouts, locale)}</span>
                  </li>
                  <li className="sk-stat">
                    <span className="sk-stat__label">{t('stats.range', 'Period')}</span>
                    <span className="sk-stat__value sk-stat__value--small">
                      {formatDate(stats.from, locale)} – {formatDate(stats.to, locale)}
                    </span>
                  </li>
                </ul>
                <div className="sk-chart" aria-hidden="true">
                  {days.map((d) => (
                    <div
                      key={d.date}
                      className="sk-chart__day"
                      title={`${formatDay(d.date, locale)}: ${d.logins} / ${d.logouts}`}
                    >
                      <span
                        className="sk-chart__bar sk-chart__bar--logins"
                        style={{ blockSize: `${(d.logins / peak) * 100}%` }}
                      />
                      <span
                        className="sk-chart__bar sk-chart__bar--logouts"
                        style={{ blockSize: `${(d.logouts / peak) * 100}%` }}
                      />
                    </div>
                  ))}
                </div>
                <div
                  className="sk-table-wrap sk-stats-table"
                  // Scrolls for long periods; focusable so the keyboard can scroll it.
                  tabIndex={0}
                  role="region"
                  aria-label={t('stats.caption', 'Logins and logouts per day')}
                >
                  <table className="sk-table">
                    <caption className="sk-visually-hidden">
                      {t('stats.caption', 'Logins and logouts per day')}
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('stats.day', 'Day')}</th>
                        <th scope="col" className="sk-num">
                          {t('stats.logins', 'Logins')}
                        </th>
                        <th scope="col" className="sk-num">
                          {t('stats.logouts', 'Logouts')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {[...days].reverse().map((d) => (
                        <tr key={d.date}>
                          <th scope="row">
                            <time dateTime={d.date}>{formatDay(d.date, locale)}</time>
                          </th>
                          <td className="sk-num">{formatNumber(d.logins, locale)}</td>
                          <td className="sk-num">{formatNumber(d.logouts, locale)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )}
          </QueryState>
        </>
      )}
    </section>
  );
}
