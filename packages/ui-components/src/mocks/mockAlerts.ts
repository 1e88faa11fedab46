import type {
  PasswordChangeAskRecord,
  SessionRecord,
  SignInAlertDenialRecord,
  SignInAlertLookupRecord,
} from '@sessionkit/core/browser';
import { DEVICE_NAME_MAX } from '@sessionkit/core/browser';
import { NOW } from './fixtures.js';
import type { Handler, MockAlert, Result } from './mockProtocol.js';
import { DAY, error } from './mockProtocol.js';

interface AlertState {
  mine: SessionRecord[];
  alerts: (MockAlert & { id: string; status: 'open' | 'confirmed' | 'denied' })[];
  /** Set once the viewer answered "this wasn't me". */
  passwordAskedAt?: Date | null;
}

/** The state the alert routes keep, from the server's options. */
export function alertState(alerts: readonly MockAlert[] = []) {
  return alerts.map((a, i) => ({ ...a, id: `alr_mock${i + 1}`, status: 'open' as const }));
}

/** The viewer's list as the router answers it: an unanswered alert marks its session. */
export function withAlerts(state: AlertState, sessions: SessionRecord[]): SessionRecord[] {
  return sessions.map((s) => {
    const alert = state.alerts.find((a) => a.sessionId === s.id && a.status === 'open');
    return alert ? { ...s, alert: { id: alert.id, signals: alert.signals, createdAt: s.createdAt } } : s;
  });
}

/**
 * The mock's answers for named and trusted devices and sign-in alerts, as the router checks them: the name's
 * rules, "it was me", "this wasn't me" from the list and, once, from the link.
 */
export function alertRoutes(state: AlertState): [string, RegExp, Handler][] {
  const own = (id: string | undefined) => state.mine.find((s) => s.id === id);
  const deny = (alert: AlertState['alerts'][number]): Result => {
    alert.status = 'denied';
    const s = own(alert.sessionId);
    const ended = s?.status === 'active';
    if (s && ended)
      Object.assign(s, { status: 'ended', endedAt: NOW, endReason: 'revoked', endedBy: s.userId });
    state.passwordAskedAt = NOW;
    return {
      body: { alertId: alert.id, ended, passwordChangeRequired: true } satisfies SignInAlertDenialRecord,
    };
  };
  const byToken = (body: Record<string, unknown>): Result | AlertState['alerts'][number] => {
    if (typeof body.token !== 'string' || !body.token)
      return error(400, 'invalid_input', 'token: must be the text after #token= in the link', 'token');
    return (
      state.alerts.find((a) => a.token === body.token) ??
      error(404, 'not_found', 'this link is not valid', 'token')
    );
  };
  return [
    [
      'PATCH',
      /^\/me\/sessions\/([^/]+)\/device$/,
      ({ params, body }) => {
        const unknown = Object.keys(body).find((k) => k !== 'name' && k !== 'trusted');
        if (unknown) return error(400, 'invalid_input', `${unknown}: is not a field of this route`, unknown);
        if (body.name !== undefined && body.name !== null && typeof body.name !== 'string')
          return error(400, 'invalid_input', 'name: must be text or null', 'name');
        if (typeof body.name === 'string' && body.name.trim().length > DEVICE_NAME_MAX)
          return error(400, 'invalid_input', `name: can be at most ${DEVICE_NAME_MAX} characters`, 'name');
        if (body.trusted !== undefined && typeof body.trusted !== 'boolean')
          return error(400, 'invalid_input', 'trusted: must be true or false', 'trusted');
        const s = own(params[0]);
        if (!s) return error(404, 'not_found', 'no session with that id');
        const detected = s.device.detectedLabel ?? s.device.label;
        const name =
          body.name === undefined
            ? s.device.detectedLabel
              ? s.device.label
              : null
            : (body.name as string | null)?.trim() || null;
        const trusted = typeof body.trusted === 'boolean' ? body.trusted : s.device.trusted === true;
        // As the router, the name and trust belong to the device: every session from it shows them.
        for (const other of state.mine.filter(
          (x) => (x.device.detectedLabel ?? x.device.label) === detected,
        )) {
          const { detectedLabel: _d, trusted: _t, ...device } = other.device;
          other.device = {
            ...device,
            label: name ?? detected,
            ...(name ? { detectedLabel: detected } : {}),
            ...(trusted ? { trusted: true } : {}),
          };
        }
        return { body: withAlerts(state, [s])[0] };
      },
    ],
    [
      'POST',
      /^\/me\/sessions\/([^/]+)\/confirm$/,
      ({ params }) => {
        const alert = state.alerts.find((a) => a.sessionId === params[0] && a.status === 'open');
        if (!alert || !own(params[0]))
          return error(404, 'not_found', 'no unanswered sign-in alert for that session');
        alert.status = 'confirmed';
        return { body: withAlerts(state, [own(params[0])!])[0] };
      },
    ],
    [
      'POST',
      /^\/me\/sessions\/([^/]+)\/not-me$/,
      ({ params }) => {
        const alert = state.alerts.find((a) => a.sessionId === params[0] && a.status === 'open');
        return alert ? deny(alert) : error(404, 'not_found', 'no unanswered sign-in alert for that session');
      },
    ],
    [
      'GET',
      /^\/me\/password-change$/,
      () => ({
        body: {
          required: state.passwordAskedAt != null,
          askedAt: state.passwordAskedAt ?? null,
        } satisfies PasswordChangeAskRecord,
      }),
    ],
    [
      'POST',
      /^\/alerts\/lookup$/,
      ({ body }) => {
        const alert = byToken(body);
        if (!('sessionId' in alert)) return alert;
        const s = own(alert.sessionId);
        return {
          body: {
            alertId: alert.id,
            signals: alert.signals,
            createdAt: s?.createdAt ?? NOW,
            expiresAt: new Date((s?.createdAt ?? NOW).getTime() + 7 * DAY),
            status: alert.status,
            spent: alert.status !== 'open',
            session: s
              ? {
                  device: s.device.label,
                  location: s.location
                    ? [s.location.city, s.location.country].filter(Boolean).join(', ') || null
                    : null,
                  createdAt: s.createdAt,
                  active: s.status === 'active',
                }
              : null,
          } satisfies SignInAlertLookupRecord,
        };
      },
    ],
    [
      'POST',
      /^\/alerts\/not-me$/,
      ({ body }) => {
        const alert = byToken(body);
        if (!('sessionId' in alert)) return alert;
        if (alert.status !== 'open')
          return error(410, 'gone', 'this link was already used: the sign-in has been answered');
        return deny(alert);
      },
    ],
  ];
}
