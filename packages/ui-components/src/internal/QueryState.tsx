import type { ReactNode } from 'react';
import { AccessDenied } from './AccessDenied.js';
import { useText } from './useText.js';

export interface QueryStateProps {
  loading: boolean;
  error: { message?: string; statusCode?: number } | null | undefined;
  empty: boolean;
  emptyTitle: string;
  emptyText?: string;
  onRetry?: () => void;
  /** Why a 403 refused the viewer, e.g. "Only a super user can manage a super user's sessions." */
  deniedText?: string;
  /** How many placeholder rows the loading state shows, so the layout doesn't jump. */
  skeletonRows?: number;
  children: ReactNode;
}

/** The loading, error and empty states every component shares, announced politely to screen readers. */
export function QueryState({
  loading,
  error,
  empty,
  emptyTitle,
  emptyText,
  onRetry,
  deniedText,
  skeletonRows = 3,
  children,
}: QueryStateProps) {
  const t = useText();
  if (loading) {
    return (
      <div className="sk-state sk-state--loading" role="status" aria-live="polite">
        <span className="sk-visually-hidden">{t('common.loading', 'Loading…')}</span>
        {Array.from({ length: skeletonRows }, (_, i) => (
          <div key={i} className="sk-skeleton" aria-hidden="true">
            <span className="sk-skeleton__icon" />
            <span className="sk-skeleton__lines">
              <span />
              <span />
            </span>
          </div>
        ))}
      </div>
    );
  }
  // A refusal is not a failure: trying again can't help, and the server's words are for developers.
  if (error?.statusCode === 403) {
    return (
      <AccessDenied
        title={t('common.deniedTitle', 'You don’t have access to this')}
        text={deniedText ?? t('common.deniedText', 'You need the administrator right to see this.')}
      />
    );
  }
  if (error) {
    return (
      <div className="sk-state sk-state--error" role="alert">
        <p className="sk-state__title">{t('common.errorTitle', 'Something went wrong')}</p>
        <p className="sk-state__text">
          {error.message || t('common.errorText', 'The data could not be loaded.')}
        </p>
        {onRetry && (
          <button type="button" className="sk-button" onClick={onRetry}>
            {t('common.retry', 'Try again')}
          </button>
        )}
      </div>
    );
  }
  if (empty) {
    return (
      <div className="sk-state sk-state--empty" role="status">
        <p className="sk-state__title">{emptyTitle}</p>
        {emptyText && <p className="sk-state__text">{emptyText}</p>}
      </div>
    );
  }
  return <>{children}</>;
}
