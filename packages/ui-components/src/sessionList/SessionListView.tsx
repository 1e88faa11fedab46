import { memo, useCallback, useEffect, useId, useRef, useState } from 'react';
import { CardHeader } from '../internal/CardHeader.js';
import { sessionRowClass, WasThisYouBadge } from '../signInAlerts/alertMarks.js';
import { cx } from '../internal/className.js';
import { DeviceIcon } from '../internal/DeviceIcon.js';
import { Dialog } from '../internal/Dialog.js';
import { ActionsSizer, GridTable } from '../internal/GridTable.js';
import { formatDateTime } from '../internal/intlFormat.js';
import { LastActive, lastActiveMark } from '../internal/LastActive.js';
import { Pager } from '../internal/Pager.js';
import { QueryState } from '../internal/QueryState.js';
import { deviceName, placeLabel, softwareLine } from '../internal/sessionLabels.js';
import { useDialogAction } from '../internal/useDialogAction.js';
import { useNarrow } from '../internal/useNarrow.js';
import { usePlural, useText, type Text } from '../internal/useText.js';
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

interface SessionRowProps {
  session: SessionRecord;
  now: Date;
  locale: string;
  t: Text;
  onSelect?: (session: SessionRecord) => void;
  /** Absent when the user may not sign sessions out. */
  onSignOut?: (session: SessionRecord) => void;
  /** Whether other rows have a Sign out button this row must leave room for. */
  sizeActions: boolean;
  /** The card is narrow: the row repeats where and when under the device, the columns being hidden. */
  narrow: boolean;
}

const SIGN_OUT_CLASS = 'sk-button sk-button--small sk-button--ghost-danger';

/**
 * One session. Memoised: a list can hold a thousand, and opening a dialog or announcing a sign-out must not
 * render them all again. Kept lean in nodes for the same reason (the device icon and the activity dot are CSS).
 */
const SessionRow = memo(function SessionRow({
  session,
  now,
  locale,
  t,
  onSelect,
  onSignOut,
  sizeActions,
  narrow,
}: SessionRowProps) {
  const name = deviceName(session);
  const place = placeLabel(session.location, t);
  // Shown twice when narrow, in the hidden column and in the device's stack: format it once.
  const lastActive = lastActiveMark({
    at: session.lastSeenAt,
    now,
    locale,
    t,
    ended: session.status === 'ended',
  });
  const started = formatDateTime(session.createdAt, locale);
  const signOutButton = onSignOut && !session.current && session.status === 'active';
  return (
    <div role="row" className={sessionRowClass(session)}>
      {/* The cell is the device's flex box itself: one element fewer in each of a thousand rows. */}
      <div role="cell" className="sk-grid-table__cell sk-device">
        <DeviceIcon type={session.device.type} kind={session.kind} />
        <div className="sk-device__text">
          <span className="sk-device__name">
            {onSelect ? (
              <button type="button" className="sk-link" onClick={() => onSelect(session)}>
                {name}
              </button>
            ) : (
              name
            )}
            {session.current && (
              <span className="sk-badge sk-badge--accent">{t('sessionList.thisDevice', 'This Device')}</span>
            )}
            {session.alert && <WasThisYouBadge t={t} />}
          </span>
          {/* The start time shares the software's line: no extra node in each of a thousand rows. */}
          <span className="sk-device__meta">
            {`${softwareLine(session)} · ${t('sessionList.signedInAt', 'Signed in {{when}}', { when: started })}`}
          </span>
          {narrow && (
            <>
              <span className="sk-device__meta sk-narrow-only">{`${place} · ${session.lastIp}`}</span>
              <span className="sk-device__meta sk-narrow-only">{lastActive}</span>
            </>
          )}
        </div>
      </div>
      <div role="cell" className="sk-grid-table__cell sk-col-location">
        {place}
      </div>
      <div role="cell" className="sk-grid-table__cell sk-col-ip sk-mono">
        {session.lastIp}
      </div>
      <div role="cell" className="sk-grid-table__cell sk-col-lastactive">
        {lastActive}
      </div>
      <div role="cell" className="sk-grid-table__cell sk-col-actions">
        {signOutButton ? (
          <button
            type="button"
            className={SIGN_OUT_CLASS}
            aria-label={t('sessionList.signOutNamed', 'Sign out {{device}}', { device: name })}
            onClick={() => onSignOut(session)}
          >
            {t('sessionList.signOut', 'Sign out')}
          </button>
        ) : (
          sizeActions && (
            <ActionsSizer className={SIGN_OUT_CLASS}>{t('sessionList.signOut', 'Sign out')}</ActionsSizer>
          )
        )}
      </div>
    </div>
  );
});

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
        >
          {sessions.map((session) => (
            <SessionRow
              key={session.id}
              session={session}
              now={now}
              locale={locale}
              t={t}
              onSelect={onSelect}
              onSignOut={signOutAllowed ? requestSignOut : undefined}
              sizeActions={signOutButtons}
              narrow={narrow}
            />
          ))}
        </GridTable>
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
        title={p(
          'sessionList.confirmOthersTitle',
          { one: 'Sign out of {{count}} other session?', other: 'Sign out of {{count}} other sessions?' },
          otherTotal,
        )}
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
