import { useCustom } from '@refinedev/core';
import { DAY } from '@sessionkit/core/browser';
import { useState } from 'react';
import { DEFAULT_DATA_PROVIDER_NAME, SESSIONKIT_ACCESS, type ConnectedProps } from '../constants.js';
import { useAccess } from '../internal/useAccess.js';
import { useLocale } from '../internal/useLocale.js';
import { useNow } from '../internal/useNow.js';
import { useText } from '../internal/useText.js';
import type { LoginStatsRecord } from '@sessionkit/core/browser';
import { LoginStatsView, type LoginStatsPeriod } from './LoginStatsView.js';
import { useRetry } from '../internal/useRetry.js';

export interface LoginStatsProps extends ConnectedProps {
  userId: string;
  userName?: string;
  /** Default `30`. */
  initialPeriod?: LoginStatsPeriod;
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** The period `[from, to]` a choice stands for, counted in whole UTC days ending today. */
export function periodRange(period: LoginStatsPeriod, now: Date, customFrom: string, customTo: string) {
  if (period === 'custom') {
    return { from: new Date(`${customFrom}T00:00:00.000Z`), to: new Date(`${customTo}T23:59:59.999Z`) };
  }
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return { from: new Date(today - (Number(period) - 1) * DAY), to: now };
}

/** Logins and logouts of one user per day (`GET /admin/users/:userId/login-stats`), for a chosen period. */
export function useLoginStats(
  userId: string,
  {
    dataProviderName = DEFAULT_DATA_PROVIDER_NAME,
    now,
    initialPeriod = '30',
    enabled = true,
  }: {
    dataProviderName?: string;
    now: Date;
    initialPeriod?: LoginStatsPeriod;
    enabled?: boolean;
  },
) {
  const [period, setPeriod] = useState<LoginStatsPeriod>(initialPeriod);
  const [custom, setCustom] = useState(() => ({
    from: isoDay(new Date(now.getTime() - 13 * DAY)),
    to: isoDay(now),
  }));
  const { from, to } = periodRange(period, now, custom.from, custom.to);
  const rangeValid = !Number.isNaN(from.getTime()) && !Number.isNaN(to.getTime()) && from <= to;
  const retry = useRetry();
  const { result, query } = useCustom<LoginStatsRecord>({
    url: `admin/users/${encodeURIComponent(userId)}/login-stats`,
    method: 'get',
    config: { query: rangeValid ? { from: from.toISOString(), to: to.toISOString() } : {} },
    dataProviderName,
    queryOptions: { retry, enabled: enabled && rangeValid },
    errorNotification: false,
  });
  return {
    stats: rangeValid && query.isSuccess ? result.data : null,
    loading: rangeValid && query.isPending,
    error: query.error,
    refetch: () => void query.refetch(),
    period,
    setPeriod,
    custom,
    setCustom: (f: string, t: string) => setCustom({ from: f, to: t }),
    rangeValid,
  };
}

export function LoginStats({
  userId,
  userName,
  initialPeriod,
  dataProviderName = DEFAULT_DATA_PROVIDER_NAME,
  locale,
  now,
  className,
}: LoginStatsProps) {
  const t = useText();
  const currentNow = useNow(now);
  const access = useAccess(SESSIONKIT_ACCESS.viewLoginStats, { userId });
  const stats = useLoginStats(userId, {
    dataProviderName,
    now: currentNow,
    initialPeriod,
    enabled: access === 'allowed',
  });
  return (
    <LoginStatsView
      stats={stats.stats}
      loading={stats.loading}
      error={stats.error}
      onRetry={stats.refetch}
      period={stats.period}
      onPeriodChange={stats.setPeriod}
      customFrom={stats.custom.from}
      customTo={stats.custom.to}
      onCustomChange={stats.setCustom}
      rangeError={stats.rangeValid ? null : t('stats.rangeError', '“From” must be a date on or before “To”.')}
      allowed={access !== 'denied'}
      userName={userName}
      locale={useLocale(locale)}
      className={className}
    />
  );
}
