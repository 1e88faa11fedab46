import type { CSSProperties, ReactNode } from 'react';
import { cx } from './className.js';
import type { DataTableColumn } from './DataTable.js';
import { useText } from './useText.js';

export interface GridTableProps {
  /** The table's accessible name; the card's visible title already says it to sighted users. */
  caption: string;
  columns: DataTableColumn[];
  /** Adds a last column, titled for screen readers only, for each row's buttons. */
  actionsColumn?: boolean;
  /** Placed in the actions column's header: a {@link ActionsSizer} when rows have buttons. */
  actionsHeader?: ReactNode;
  /** Sets the column widths (`--sk-grid-columns`) and the rows' estimated height. */
  className?: string;
  /**
   * The body rows, each keyed: `<div role="row" className="sk-grid-table__row">` of `<div role="cell"
   * className="sk-grid-table__cell">`, written out rather than as components, which a thousand rows pay for.
   */
  rows: ReactNode[];
}

/** Rows a body group holds. */
const ROWS_A_GROUP = 20;

/**
 * {@link DataTable}'s look and semantics (ARIA table roles) over a CSS grid per row, for a list that can be a
 * thousand rows long. A `<table>` sizes its columns from every row and lays them all out; rows in their own
 * grid have fixed column tracks, so the body can be `content-visibility: auto` and the browser skips the layout
 * and paint of the rows out of view (containment does not apply to table rows). The body is split into
 * rowgroups of {@link ROWS_A_GROUP} rows (a table may have several, as it may have several `<tbody>`), each
 * skipped or drawn as a whole: the browser keeps track of fifty boxes rather than a thousand, which costs less
 * than the few rows past the screen's edge it then lays out. Every row stays in the DOM, in the accessibility
 * tree and in find-in-page.
 */
export function GridTable({
  caption,
  columns,
  actionsColumn = false,
  actionsHeader,
  className,
  rows,
}: GridTableProps) {
  const t = useText();
  const groups: ReactNode[][] = [];
  for (let i = 0; i < rows.length; i += ROWS_A_GROUP) groups.push(rows.slice(i, i + ROWS_A_GROUP));
  return (
    <div className="sk-table-wrap">
      <div role="table" aria-label={caption} className={cx('sk-grid-table', className)}>
        <div role="rowgroup">
          <div role="row" className="sk-grid-table__row sk-grid-table__head">
            {columns.map((column, i) => (
              <div key={i} role="columnheader" className={cx('sk-grid-table__cell', column.className)}>
                {column.label}
              </div>
            ))}
            {actionsColumn && (
              <div role="columnheader" className="sk-grid-table__cell sk-col-actions">
                <span className="sk-visually-hidden">{t('common.actions', 'Actions')}</span>
                {actionsHeader}
              </div>
            )}
          </div>
        </div>
        {groups.map((group, i) => (
          <div
            key={i}
            role="rowgroup"
            className="sk-grid-table__body"
            // For the height estimate of a group not yet on screen (the last may be short).
            style={{ '--sk-group-rows': group.length } as CSSProperties}
          >
            {group}
          </div>
        ))}
      </div>
    </div>
  );
}

/**
 * An invisible copy of a row's button, for the rows (and the header) that have none: a table sizes its actions
 * column from the widest button, rows in their own grids only from what they hold, and without it the row of
 * the current device and the header would lay their columns out wider than the rest.
 */
export function ActionsSizer({ className, children }: { className: string; children: ReactNode }) {
  return (
    <span className={cx(className, 'sk-sizer')} aria-hidden="true">
      {children}
    </span>
  );
}
