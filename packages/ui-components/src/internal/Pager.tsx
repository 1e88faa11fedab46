import { formatNumber } from './intlFormat.js';
import { useText } from './useText.js';

export interface PagerProps {
  page: number;
  pageSize: number;
  total: number;
  locale: string;
  onPageChange: (page: number) => void;
  label: string;
}

/** Previous / next paging with "1–25 of 1,000" read out when it changes. */
export function Pager({ page, pageSize, total, locale, onPageChange, label }: PagerProps) {
  const t = useText();
  if (total <= pageSize) return null;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav className="sk-pager" aria-label={label}>
      <p className="sk-pager__range" aria-live="polite">
        {t('common.range', '{{first}}–{{last}} of {{total}}', {
          first: formatNumber(first, locale),
          last: formatNumber(last, locale),
          total: formatNumber(total, locale),
        })}
      </p>
      <div className="sk-pager__buttons">
        <button
          type="button"
          className="sk-button sk-button--small"
          disabled={page <= 1}
          onClick={() => onPageChange(page - 1)}
        >
          {t('common.previous', 'Previous')}
        </button>
        <button
          type="button"
          className="sk-button sk-button--small"
          disabled={page >= pages}
          onClick={() => onPageChange(page + 1)}
        >
          {t('common.next', 'Next')}
        </button>
      </div>
    </nav>
  );
}
