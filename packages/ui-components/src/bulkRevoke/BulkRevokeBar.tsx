import { usePlural, useText } from '../internal/useText.js';

export interface BulkRevokeBarProps {
  locale: string;
  /** People picked one by one; ignored while everyone matching the filter is selected. */
  selectedCount: number;
  /** Everyone matching the filter is selected. */
  allMatching: boolean;
  /** People matching the filter (every page). */
  matchingCount: number;
  /** The rows on this page: none, some or all picked. */
  pageState: 'none' | 'some' | 'all';
  onTogglePage: () => void;
  onSelectAllMatching: () => void;
  onClear: () => void;
  onForceLogout: () => void;
  /** The filter narrows the team (a free text), or shows everyone signed in. */
  filtered: boolean;
}

/**
 * The row-selection bar of Login management: select the page, everyone the filter matches, or clear; and
 * force everyone selected out. It stays in view as a toolbar, where a phone's card layout has no header row.
 */
export function BulkRevokeBar({
  locale,
  selectedCount,
  allMatching,
  matchingCount,
  pageState,
  onTogglePage,
  onSelectAllMatching,
  onClear,
  onForceLogout,
  filtered,
}: BulkRevokeBarProps) {
  const t = useText();
  const p = usePlural(locale);
  const count = allMatching ? matchingCount : selectedCount;
  return (
    <div className="sk-bulk-bar" role="group" aria-label={t('bulk.barLabel', 'Selection')}>
      <label className="sk-bulk-bar__page">
        <input
          type="checkbox"
          className="sk-checkbox"
          checked={allMatching || pageState === 'all'}
          ref={(box) => {
            if (box) box.indeterminate = !allMatching && pageState === 'some';
          }}
          onChange={onTogglePage}
        />
        {t('bulk.selectPage', 'Select all on this page')}
      </label>
      {count > 0 && (
        <p className="sk-bulk-bar__count" aria-live="polite">
          {allMatching
            ? filtered
              ? p(
                  'bulk.allMatching',
                  {
                    one: 'The {{count}} person matching this filter is selected',
                    other: 'All {{count}} people matching this filter are selected',
                  },
                  count,
                )
              : p(
                  'bulk.allSignedIn',
                  {
                    one: 'The {{count}} signed-in person is selected',
                    other: 'All {{count}} signed-in people are selected',
                  },
                  count,
                )
            : p(
                'bulk.selected',
                { one: '{{count}} person selected', other: '{{count}} people selected' },
                count,
              )}
        </p>
      )}
      {!allMatching && pageState === 'all' && matchingCount > selectedCount && (
        <button type="button" className="sk-button sk-button--small" onClick={onSelectAllMatching}>
          {p(
            'bulk.selectAllMatching',
            {
              one: 'Select the {{count}} person matching this filter',
              other: 'Select everyone matching this filter ({{count}})',
            },
            matchingCount,
          )}
        </button>
      )}
      {count > 0 && (
        <span className="sk-bulk-bar__actions">
          <button type="button" className="sk-button sk-button--small" onClick={onClear}>
            {t('bulk.clear', 'Clear selection')}
          </button>
          <button
            type="button"
            className="sk-button sk-button--small sk-button--danger"
            onClick={onForceLogout}
          >
            {t('bulk.forceLogout', 'Force logout selected')}
          </button>
        </span>
      )}
    </div>
  );
}
