import type { ReactNode } from 'react';
import { cx } from './className.js';
import { useText } from './useText.js';

export interface DataTableColumn {
  label: ReactNode;
  /** Responsive or alignment class shared by the header and the cells of the column, e.g. `sk-col-ip`. */
  className?: string;
}

export interface DataTableProps {
  /** Read to screen readers only; the card's visible title already says it to sighted users. */
  caption: ReactNode;
  columns: DataTableColumn[];
  /** Adds a last column, titled for screen readers only, for each row's buttons. */
  actionsColumn?: boolean;
  className?: string;
  /** The `<tr>` rows. */
  children: ReactNode;
}

/** The scrollable table shell of the list views: hidden caption, column headers and the body rows. */
export function DataTable({ caption, columns, actionsColumn = false, className, children }: DataTableProps) {
  const t = useText();
  return (
    <div className="sk-table-wrap">
      <table className={cx('sk-table', className)}>
        <caption className="sk-visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col" className={column.className}>
                {column.label}
              </th>
            ))}
            {actionsColumn && (
              <th scope="col" className="sk-col-actions">
                <span className="sk-visually-hidden">{t('common.actions', 'Actions')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
