import type { BulkRevokePreview, BulkSelectionBody } from '@sessionkit/core/browser';
import { useState } from 'react';
import { usePlural, useText } from '../internal/useText.js';
import { BulkRevokeBar } from './BulkRevokeBar.js';
import { BulkRevokeDialog } from './BulkRevokeDialog.js';
import type { useBulkSelection } from './useBulkSelection.js';
import { useBulkRevoke } from './useBulkRevoke.js';

export interface BulkRevokeProps {
  selection: ReturnType<typeof useBulkSelection>;
  dataProviderName: string;
  locale: string;
  /** The filter's text: "everyone matching" says so when there is one. */
  q: string;
  /** After the action: refresh the cards and rows. */
  onDone?: () => void;
}

/** Login management's bulk force logout: the selection bar and its confirmation, over the plugin's bulk routes. */
export function BulkRevoke({ selection, dataProviderName, locale, q, onDone }: BulkRevokeProps) {
  const t = useText();
  const p = usePlural(locale);
  const bulk = useBulkRevoke(dataProviderName);
  const [open, setOpen] = useState(false);
  const [asked, setAsked] = useState<BulkSelectionBody | null>(null);
  const [preview, setPreview] = useState<BulkRevokePreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const start = async () => {
    const body = selection.body();
    setAsked(body);
    setPreview(null);
    setPreviewError(null);
    setOpen(true);
    try {
      setPreview(await bulk.preview(body));
    } catch (error) {
      setPreviewError((error as Error).message || t('common.actionFailed', 'That did not work. Try again.'));
    }
  };

  return (
    <>
      <BulkRevokeBar
        locale={locale}
        selectedCount={selection.selectedCount}
        allMatching={selection.allMatching}
        matchingCount={selection.matchingCount}
        pageState={selection.pageState}
        onTogglePage={selection.togglePage}
        onSelectAllMatching={selection.selectAllMatching}
        onClear={selection.clear}
        onForceLogout={() => void start()}
        filtered={q.trim() !== ''}
      />
      <p className="sk-visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <BulkRevokeDialog
        open={open}
        preview={preview}
        previewError={previewError}
        locale={locale}
        onConfirm={async (reason) => {
          if (!asked || !preview) return;
          // People picked by id whom the caller may not act on are left out, as the confirmation said; the
          // server refuses them rather than skipping them silently.
          const refused = new Set(preview.refused.map((r) => r.userId));
          const body =
            'userIds' in asked ? { userIds: asked.userIds.filter((id) => !refused.has(id)) } : asked;
          const message = (result: { people: number; ended: number }) =>
            t('bulk.done', 'Forced out {{people}} ({{sessions}})', {
              people: p('bulk.people', { one: '{{count}} person', other: '{{count}} people' }, result.people),
              sessions: p(
                'bulk.sessions',
                { one: '{{count}} session', other: '{{count}} sessions' },
                result.ended,
              ),
            });
          const result = await bulk.execute(body, reason, message);
          setAnnouncement(message(result));
          selection.clear();
          onDone?.();
        }}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
