import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { CardHeader } from '../internal/CardHeader.js';
import { cx } from '../internal/className.js';
import { DeviceIcon } from '../internal/DeviceIcon.js';
import { Dialog } from '../internal/Dialog.js';
import { ActionsSizer, GridTable } from '../internal/GridTable.js';
import { LastActive } from '../internal/LastActive.js';
import { Pager } from '../internal/Pager.js';
import { QueryState } from '../internal/QueryState.js';
import { deviceName, placeLabel, softwareLine } from '../internal/sessionLabels.js';
import { useDialogAction } from '../internal/useDialogAction.js';
import { useNarrow } from '../internal/useNarrow.js';
import { usePlural, useText } from '../internal/useText.js';
import { SIGN_OUT_CLASS, SessionRow, type RowText } from './SessionRow.js';
import type { SessionRecord } from '@sessionkit/core/browser';

export interface SessionListViewProps {
  sessions: SessionRecord[];
  /** All sessions on the server, for paging and for "and N more". */
  total: number;
  now: Date;
  locale: string;
  loading?: boolean;
  error?: { message?: string } | null;
  onRetry?: () => void;
  page?: number;
  pageSize?: number;
  onPageChange?: (page: number) => void;
  canSignOut?: boolean;
  canSignOutOthers?: boolean;
  /** Ends one session; the dialog stays open with the error if the promise rejects. */
  onSignOut?: (session: SessionRecord) => Promise<unknown>;
  onSignOutOthers?: () => Promise<unknown>;
  /** Opens the details of a session; the device name becomes a button when given. */
  onSelect?: (session: SessionRecord) => void;
  /** How many other sessions the "sign out all others" dialog names before "and N more". */
  listLimit?: number;
  className?: string;
}

type Pending = { kind: 'one'; session: SessionRecord } | { kind: 'others' } | null;

/**
 * The user's sessions as a table (ARIA table roles over grid rows, see GridTable): current first and marked,
 * each with where, when, and a sign out.
 */
export function SessionListView({
  sessions,
  total,
  now,
  locale,
  loading = false,
  error,
  onRetry,
  page = 1,
  pageSize = sessions.length || 1,
  onPageChange,
  canSignOut = true,
  canSignOutOthers = true,
  onSignOut,
  onSignOutOthers,
  onSelect,
  listLimit = 8,
  className,
}: SessionListViewProps) {
  const t = useText();
  const p = usePlural(locale);
  const titleId = useId();
  const [pending, setPending] = useState<Pending>(null);
  const { busy, actionError, clearActionError, run } = useDialogAction();
  const [announcement, setAnnouncement] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const cardRef = useRef<HTMLElement>(null);
  const narrow = useNarrow(cardRef);
  const [focusHeading, setFocusHeading] = useState(false);

  // A signed-out row takes its Sign out button with it, so focus would fall to the page; keyboard and screen
  // reader users resume at the list's heading instead.
  useEffect(() => {
    if (!focusHeading || pending) return;
    headingRef.current?.focus();
    setFocusHeading(false);
  }, [focusHeading, pending]);

  const others = sessions.filter((s) => !s.current && s.status === 'active');
  const currentCount = sessions.some((s) => s.current) ? 1 : 0;
  const otherTotal = Math.max(others.length, total - currentCount);
  const signOutAllowed = canSignOut && !!onSignOut;
  // Some row shows a Sign out button, so the rows without one (and the header) keep its room.
  const signOutButtons = signOutAllowed && others.length > 0;
  const showOthersButton = canSignOutOthers && !!onSignOutOthers && otherTotal > 0 && !loading && !error;

  // Stable, so the memoised rows don't all render again when a dialog opens or closes.
  const rowText = useMemo<RowText>(
    () => ({
      thisDevice: t('sessionList.thisDevice', 'This Device'),
      signOut: t('sessionList.signOut', 'Sign out'),
      activeNow: t('common.activeNow', 'Active now'),
    }),
    [t],
  );
  const requestSignOut = useCallback((session: SessionRecord) => setPending({ kind: 'one', session }), []);

  const close = () => {
    setPending(null);
    clearActionError();
  };

  const confirm = async () => {
    if (!pending) return;
    await run(async () => {
      if (pending.kind === 'one') {
        await onSignOut?.(pending.session);
        setAnnouncement(
          t('sessionList.signedOutOne', 'Signed out of {{device}}', { device: deviceName(pending.session) }),
        );
        setFocusHeading(true);
      } else {
        await onSignOutOthers?.();
        setAnnouncement(t('sessionList.signedOutOthers', 'Signed out of all other sessions'));
        setFocusHeading(true);
      }
      setPending(null);
    });
  };

  return (
    <section
      ref={cardRef}
      className={cx('sk-root sk-card sk-session-list', className)}
      aria-labelledby={titleId}
    >
      <CardHeader
        titleId={titleId}
        headingRef={headingRef}
        title={t('sessionList.title', 'Where you’re signed in')}
        subtitle={t(
          'sessionList.subtitle',
          'Sign out of any device you don’t recognise. The device you’re using now stays signed in.',
        )}
      >
        {showOthersButton && (
          <button type="button" className="sk-button" onClick={() => setPending({ kind: 'others' })}>
            {t('sessionList.signOutOthers', 'Sign out all other sessions')}
          </button>
        )}
      </CardHeader>
      <QueryState
        loading={loading}
        error={error}
        empty={sessions.length === 0}
        emptyTitle={t('sessionList.emptyTitle', 'No active sessions')}
        emptyText={t('sessionList.emptyText', 'Devices you sign in from will appear here.')}
        onRetry={onRetry}
      >
        <GridTable
          caption={t('sessionList.caption', 'Your active sessions')}
          className="sk-session-rows"
          columns={[
            { label: t('sessionList.device', 'Device') },
            { label: t('sessionList.location', 'Location'), className: 'sk-col-location' },
            { label: t('sessionList.ip', 'IP address'), className: 'sk-col-ip' },
            { label: t('sessionList.lastActive', 'Last active'), className: 'sk-col-lastactive' },
          ]}
          actionsColumn
          actionsHeader={
            signOutButtons && (
              <ActionsSizer className={SIGN_OUT_CLASS}>{t('sessionList.signOut', 'Sign out')}</ActionsSizer>
            )
          }
          rows={sessions.map((session) => (
            <SessionRow
              key={session.id}
              session={session}
              now={now}
              locale={locale}
              t={t}
              text={rowText}
              onSelect={onSelect}
              onSignOut={signOutAllowed ? requestSignOut : undefined}
              sizeActions={signOutButtons}
              narrow={narrow}
            />
          ))}
        />
        {onPageChange && (
          <Pager
            page={page}
            pageSize={pageSize}
            total={total}
            locale={locale}
            onPageChange={onPageChange}
            label={t('sessionList.paging', 'Session pages')}
          />
        )}
      </QueryState>
      <p className="sk-visually-hidden" aria-live="polite">
        {announcement}
      </p>

      <Dialog
        open={pending?.kind === 'one'}
        title={
          pending?.kind === 'one'
            ? t('sessionList.confirmOneTitle', 'Sign out of {{device}}?', {
                device: deviceName(pending.session),
              })
            : ''
        }
        confirmLabel={t('sessionList.signOut', 'Sign out')}
        cancelLabel={t('common.cancel', 'Cancel')}
        busy={busy}
        error={actionError}
        onConfirm={confirm}
        onCancel={close}
      >
        {pending?.kind === 'one' && (
          <>
            <p>
              {t(
                'sessionList.confirmOneText',
                'Anyone using {{device}} will have to sign in again to get back into your account.',
                { device: deviceName(pending.session) },
              )}
            </p>
            <dl className="sk-facts">
              <div>
                <dt>{t('sessionList.software', 'Browser and system')}</dt>
                <dd>{softwareLine(pending.session)}</dd>
              </div>
              <div>
                <dt>{t('sessionList.location', 'Location')}</dt>
                <dd>{placeLabel(pending.session.location, t)}</dd>
              </div>
              <div>
                <dt>{t('sessionList.ip', 'IP address')}</dt>
                <dd className="sk-mono">{pending.session.lastIp}</dd>
              </div>
              <div>
                <dt>{t('sessionList.lastActive', 'Last active')}</dt>
                <dd>
                  <LastActive at={pending.session.lastSeenAt} now={now} locale={locale} t={t} />
                </dd>
              </div>
            </dl>
          </>
        )}
      </Dialog>

      <Dialog
        open={pending?.kind === 'others'}
        title={
          // Worded only when asked, like the other dialog's: a closed dialog shows no title.
          pending?.kind === 'others'
            ? p(
                'sessionList.confirmOthersTitle',
                {
                  one: 'Sign out of {{count}} other session?',
                  other: 'Sign out of {{count}} other sessions?',
                },
                otherTotal,
              )
            : ''
        }
        confirmLabel={t('sessionList.signOutOthers', 'Sign out all other sessions')}
        cancelLabel={t('common.cancel', 'Cancel')}
        busy={busy}
        error={actionError}
        onConfirm={confirm}
        onCancel={close}
      >
        <p>
          {t(
            'sessionList.confirmOthersText',
            'These devices will have to sign in again. This device stays signed in.',
          )}
        </p>
        <ul
          className="sk-dialog__list"
          // The list scrolls when long; keyboard users need to reach it to read it.
          tabIndex={0}
          aria-label={t('sessionList.othersList', 'Sessions that will be signed out')}
        >
          {others.slice(0, listLimit).map((s) => (
            <li key={s.id}>
              <DeviceIcon type={s.device.type} kind={s.kind} />
              <span>
                <strong>{deviceName(s)}</strong>
                <span className="sk-device__meta">
                  {placeLabel(s.location, t)} · {s.lastIp}
                </span>
              </span>
            </li>
          ))}
        </ul>
        {otherTotal > Math.min(others.length, listLimit) && (
          <p className="sk-muted">
            {p(
              'sessionList.andMore',
              { one: 'and {{count}} more', other: 'and {{count}} more' },
              otherTotal - Math.min(others.length, listLimit),
            )}
          </p>
        )}
      </Dialog>
    </section>
  );
}
