import type { AdminUserRecord, BulkSelectionBody } from '@sessionkit/core/browser';
import { useState } from 'react';
import type { RowSelection } from '../teamSessions/TeamSessionsView.js';

type Picked = { mode: 'ids'; ids: Set<string> } | { mode: 'filter' };

/**
 * Which people of Login management are selected: picked one by one (across pages), or everyone the current
 * filter matches. Changing the filter clears it, so an action never takes people the screen no longer shows.
 */
export function useBulkSelection({
  users,
  total,
  q,
}: {
  /** The page's rows. */
  users: AdminUserRecord[];
  /** Everyone matching the filter, every page. */
  total: number;
  q: string;
}) {
  const [picked, setPicked] = useState<Picked>({ mode: 'ids', ids: new Set() });
  const [forQuery, setForQuery] = useState(q);
  if (forQuery !== q) {
    setForQuery(q);
    setPicked({ mode: 'ids', ids: new Set() });
  }
  const allMatching = picked.mode === 'filter';
  const ids = picked.mode === 'ids' ? picked.ids : new Set(users.map((u) => u.userId));
  const onPage = users.filter((u) => ids.has(u.userId)).length;
  const pageState: 'none' | 'some' | 'all' =
    users.length > 0 && onPage === users.length ? 'all' : onPage > 0 ? 'some' : 'none';

  const rowSelection: RowSelection = {
    isSelected: (user) => allMatching || ids.has(user.userId),
    onToggle: (user) => {
      // Unticking one person while everyone matching was selected: the page's others stay picked.
      const next = new Set(ids);
      if (next.has(user.userId)) next.delete(user.userId);
      else next.add(user.userId);
      setPicked({ mode: 'ids', ids: next });
    },
  };

  return {
    rowSelection,
    allMatching,
    matchingCount: total,
    selectedCount: allMatching ? total : ids.size,
    pageState,
    togglePage: () => {
      const next = new Set(picked.mode === 'ids' ? picked.ids : []);
      if (pageState === 'all' || allMatching) users.forEach((u) => next.delete(u.userId));
      else users.forEach((u) => next.add(u.userId));
      setPicked({ mode: 'ids', ids: next });
    },
    selectAllMatching: () => setPicked({ mode: 'filter' }),
    clear: () => setPicked({ mode: 'ids', ids: new Set() }),
    /** The selection as the bulk routes take it. */
    body: (): BulkSelectionBody =>
      picked.mode === 'filter' ? { filter: q.trim() ? { q: q.trim() } : {} } : { userIds: [...picked.ids] },
  };
}
