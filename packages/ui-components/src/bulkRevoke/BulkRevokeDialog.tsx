import type { BulkPerson, BulkRevokePreview } from '@sessionkit/core/browser';
import { ReasonDialog } from '../internal/ReasonDialog.js';
import { usePlural, useText } from '../internal/useText.js';

export interface BulkRevokeDialogProps {
  open: boolean;
  /** What the action would do, from the server; null while it is being counted. */
  preview: BulkRevokePreview | null;
  /** Counting failed: the server's message. */
  previewError?: string | null;
  locale: string;
  /** Runs the action; rejecting keeps the dialog open with the error. */
  onConfirm: (reason: string) => Promise<unknown>;
  onClose: () => void;
}

function names(people: BulkPerson[]): string {
  return people.map((p) => p.name).join(', ');
}

/**
 * The confirmation of a bulk force logout: how many people and sessions end, the super users among them
 * named apart, who is left out and why, and the one reason the audit log keeps for all of them.
 */
export function BulkRevokeDialog({
  open,
  preview,
  previewError,
  locale,
  onConfirm,
  onClose,
}: BulkRevokeDialogProps) {
  const t = useText();
  const p = usePlural(locale);
  const people = preview?.people.length ?? 0;
  return (
    <ReasonDialog
      open={open}
      title={
        preview
          ? p(
              'bulk.confirmTitle',
              { one: 'Force {{count}} person out?', other: 'Force {{count}} people out?' },
              people,
            )
          : t('bulk.confirmTitlePending', 'Force the selected people out?')
      }
      confirmLabel={t('bulk.confirm', 'Force logout')}
      requireReason
      onConfirm={async (reason) => {
        if (!preview)
          throw new Error(previewError ?? t('bulk.stillCounting', 'Still counting the sessions…'));
        if (people === 0) throw new Error(t('bulk.nobody', 'Nobody you selected can be signed out.'));
        await onConfirm(reason!);
      }}
      onClose={onClose}
    >
      <div className="sk-bulk-confirm" aria-live="polite">
        {previewError ? (
          <p className="sk-field__error">{previewError}</p>
        ) : !preview ? (
          <p>{t('bulk.counting', 'Counting their sessions…')}</p>
        ) : (
          <>
            <p>
              {t(
                'bulk.confirmText',
                '{{people}} and {{sessions}} end now. Each person’s next request fails.',
                {
                  people: p('bulk.people', { one: '{{count}} person', other: '{{count}} people' }, people),
                  sessions: p(
                    'bulk.sessions',
                    { one: '{{count}} session', other: '{{count}} sessions' },
                    preview.sessions,
                  ),
                },
              )}
            </p>
            {preview.superUsers.length > 0 && (
              <p className="sk-bulk-confirm__super">
                <strong>
                  {p(
                    'bulk.superUsers',
                    { one: '{{count}} super user among them:', other: '{{count}} super users among them:' },
                    preview.superUsers.length,
                  )}
                </strong>{' '}
                {names(preview.superUsers)}
              </p>
            )}
            {preview.refused.length > 0 && (
              <p className="sk-bulk-confirm__left-out">
                {p(
                  'bulk.refused',
                  {
                    one: 'Left out, as only a super user can sign them out: {{names}}',
                    other: 'Left out, as only a super user can sign them out: {{names}}',
                  },
                  preview.refused.length,
                  { names: names(preview.refused) },
                )}
              </p>
            )}
            {preview.selfExcluded && (
              <p className="sk-muted">
                {t('bulk.self', 'Your own account is left out: use Force logout on your own row.')}
              </p>
            )}
            {preview.notSignedIn.length > 0 && (
              <p className="sk-muted">
                {p(
                  'bulk.notSignedIn',
                  {
                    one: '{{count}} selected person is signed in nowhere.',
                    other: '{{count}} selected people are signed in nowhere.',
                  },
                  preview.notSignedIn.length,
                )}
              </p>
            )}
            {people > 0 && (
              <details className="sk-bulk-confirm__people">
                <summary>{t('bulk.whoLabel', 'Who')}</summary>
                <ul>
                  {preview.people.map((person) => (
                    <li key={person.userId}>
                      {person.name}
                      {person.superUser && (
                        <span className="sk-badge sk-badge--super">{t('team.super', 'SUPER')}</span>
                      )}{' '}
                      <span className="sk-muted">
                        {p(
                          'bulk.sessions',
                          { one: '{{count}} session', other: '{{count}} sessions' },
                          person.sessions,
                        )}
                      </span>
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </>
        )}
      </div>
    </ReasonDialog>
  );
}
