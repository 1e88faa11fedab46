import { memo } from 'react';
import { deviceShape } from '../internal/DeviceIcon.js';
import { ActionsSizer } from '../internal/GridTable.js';
import { formatDateTime } from '../internal/intlFormat.js';
import { lastActiveParts } from '../internal/LastActive.js';
import { deviceName, placeLabel, softwareLine } from '../internal/sessionLabels.js';
import type { Text } from '../internal/useText.js';
import type { SessionRecord } from '@sessionkit/core/browser';
import { sessionRowClass, WasThisYouBadge } from '../signInAlerts/alertMarks.js';

/** The row's fixed words, translated once for the list rather than once a row. */
export interface RowText {
  thisDevice: string;
  signOut: string;
  activeNow: string;
}

interface SessionRowProps {
  session: SessionRecord;
  now: Date;
  locale: string;
  t: Text;
  text: RowText;
  onSelect?: (session: SessionRecord) => void;
  /** Absent when the user may not sign sessions out. */
  onSignOut?: (session: SessionRecord) => void;
  /** Whether other rows have a Sign out button this row must leave room for. */
  sizeActions: boolean;
  /** The card is narrow: the row repeats where and when under the device, the columns being hidden. */
  narrow: boolean;
}

export const SIGN_OUT_CLASS = 'sk-button sk-button--small sk-button--ghost-danger';

/**
 * One session. Memoised: a list can hold a thousand, and opening a dialog or announcing a sign-out must not
 * render them all again. Kept lean in nodes for the same reason, each of which a thousand rows create: the
 * device icon is the device cell's own pseudo-elements, the cell lays out the name and software line itself,
 * and the last-active cell is the `<time>` (its dot a pseudo-element too).
 */
export const SessionRow = memo(function SessionRow({
  session,
  now,
  locale,
  t,
  text,
  onSelect,
  onSignOut,
  sizeActions,
  narrow,
}: SessionRowProps) {
  const name = deviceName(session);
  const place = placeLabel(session.location, t);
  const at = new Date(session.lastSeenAt);
  const ended = session.status === 'ended';
  const lastActive = lastActiveParts(at, now, locale, text.activeNow, ended);
  const started = formatDateTime(session.createdAt, locale);
  const signOutButton = onSignOut && !session.current && session.status === 'active';
  return (
    <div role="row" className={sessionRowClass(session)}>
      <div
        role="cell"
        className={`sk-grid-table__cell sk-device sk-device--cell sk-device-icon--${deviceShape(session.device.type, session.kind)}`}
      >
        <span className="sk-device__name">
          {onSelect ? (
            <button type="button" className="sk-link" onClick={() => onSelect(session)}>
              {name}
            </button>
          ) : (
            name
          )}
          {session.current && <span className="sk-badge sk-badge--accent">{text.thisDevice}</span>}
          {session.alert && <WasThisYouBadge t={t} />}
        </span>
        {/* The start time shares the software's line: no extra node in each of a thousand rows. */}
        <span className="sk-device__meta">
          {`${softwareLine(session)} · ${t('sessionList.signedInAt', 'Signed in {{when}}', { when: started })}`}
        </span>
        {narrow && (
          <>
            <span className="sk-device__meta sk-narrow-only">{`${place} · ${session.lastIp}`}</span>
            <span className="sk-device__meta sk-narrow-only">
              <time className={lastActive.className} dateTime={lastActive.dateTime} title={lastActive.title}>
                {lastActive.label}
              </time>
            </span>
          </>
        )}
      </div>
      <div role="cell" className="sk-grid-table__cell sk-col-location">
        {place}
      </div>
      <div role="cell" className="sk-grid-table__cell sk-col-ip sk-mono">
        {session.lastIp}
      </div>
      <time
        role="cell"
        className={`sk-grid-table__cell sk-col-lastactive ${lastActive.className}`}
        dateTime={lastActive.dateTime}
        title={lastActive.title}
      >
        {lastActive.label}
      </time>
      <div role="cell" className="sk-grid-table__cell sk-col-actions">
        {signOutButton ? (
          <button
            type="button"
            className={SIGN_OUT_CLASS}
            aria-label={t('sessionList.signOutNamed', 'Sign out {{device}}', { device: name })}
            onClick={() => onSignOut(session)}
          >
            {text.signOut}
          </button>
        ) : (
          sizeActions && <ActionsSizer className={SIGN_OUT_CLASS}>{text.signOut}</ActionsSizer>
        )}
      </div>
    </div>
  );
});
