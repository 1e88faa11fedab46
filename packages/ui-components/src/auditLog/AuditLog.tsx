import { useList } from '@refinedev/core';
import type { AuditAction } from '@sessionkit/core/browser';
import { useState } from 'react';
import { DEFAULT_DATA_PROVIDER_NAME, SESSIONKIT_ACCESS, type ConnectedProps } from '../constants.js';
import { useAccess } from '../internal/useAccess.js';
import { useLocale } from '../internal/useLocale.js';
import type { AuditEventRecord } from '@sessionkit/core/browser';
import { AuditLogView } from './AuditLogView.js';
import { useRetry } from '../internal/useRetry.js';

export interface AuditLogProps extends Omit<ConnectedProps, 'now'> {
  pageSize?: number;
  /** Start filtered to one user (e.g. from a "review audit log" link). */
  initialUserId?: string;
  /** Start on one bulk force logout, with its people (e.g. right after it ran). */
  initialBulkId?: string;
  userName?: (userId: string) => string;
}

/** The audit trail (`GET /audit-events`) with its filters and paging state. */
export function useAuditLog({
  dataProviderName = DEFAULT_DATA_PROVIDER_NAME,
  pageSize = 20,
  initialUserId = '',
  initialBulkId = '',
  enabled = true,
}: {
  dataProviderName?: string;
  pageSize?: number;
  initialUserId?: string;
  initialBulkId?: string;
  enabled?: boolean;
} = {}) {
  const [userId, setUserId] = useState(initialUserId);
  const [bulkId, setBulkId] = useState(initialBulkId);
  const [action, setAction] = useState<AuditAction | ''>('');
  const [page, setPage] = useState(1);
  const filters = [
    // `q` matches names through the host's directory as well as ids.
    ...(userId.trim() ? [{ field: 'q', operator: 'eq' as const, value: userId.trim() }] : []),
    ...(action ? [{ field: 'action', operator: 'eq' as const, value: action }] : []),
    ...(bulkId ? [{ field: 'bulkId', operator: 'eq' as const, value: bulkId }] : []),
  ];
  const retry = useRetry();
  const { result, query } = useList<AuditEventRecord>({
    resource: 'audit-events',
    dataProviderName,
    pagination: { currentPage: page, pageSize, mode: 'server' },
    filters,
    queryOptions: { retry, enabled },
    errorNotification: false,
  });
  return {
    events: result.data,
    total: result.total ?? result.data.length,
    loading: query.isPending,
    error: query.error,
    refetch: () => void query.refetch(),
    userId,
    setUserId: (value: string) => {
      setUserId(value);
      setPage(1);
    },
    action,
    setAction: (value: AuditAction | '') => {
      setAction(value);
      setPage(1);
    },
    bulkId,
    setBulkId: (value: string) => {
      // The whole action, whatever the list was narrowed to when it was picked.
      if (value) {
        setUserId('');
        setAction('');
      }
      setBulkId(value);
      setPage(1);
    },
    page,
    pageSize,
    setPage,
  };
}

export function AuditLog({
  dataProviderName = DEFAULT_DATA_PROVIDER_NAME,
  locale,
  className,
  pageSize,
  initialUserId,
  initialBulkId,
  userName,
}: AuditLogProps) {
  const access = useAccess(SESSIONKIT_ACCESS.viewAuditLog);
  const log = useAuditLog({
    dataProviderName,
    pageSize,
    initialUserId,
    initialBulkId,
    enabled: access === 'allowed',
  });
  return (
    <AuditLogView
      events={log.events}
      total={log.total}
      loading={log.loading}
      error={log.error}
      onRetry={log.refetch}
      userId={log.userId}
      onUserIdChange={log.setUserId}
      action={log.action}
      onActionChange={log.setAction}
      bulkId={log.bulkId}
      onBulkIdChange={log.setBulkId}
      page={log.page}
      pageSize={log.pageSize}
      onPageChange={log.setPage}
      allowed={access !== 'denied'}
      locale={useLocale(locale)}
      userName={userName}
      className={className}
    />
  );
}
