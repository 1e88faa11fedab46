import type {
  PasswordChangeAskRecord,
  SessionRecord,
  SignInAlertDenialRecord,
  SignInAlertLookupRecord,
} from '../httpShapes.js';
import type { Json } from '../jsonShape.js';
import type { Found, HttpContractCase } from './httpContractTypes.js';

// Sign-in alerts and named devices. The account holds three unanswered alerts on the person's sessions, none
// on `otherSession`; `alertLinkToken` is the link secret of one of them.

const token = (found: Found) => ({ token: found.alertLinkToken });

/** Reads: nothing here changes anything, the link's lookup included. */
export const ALERT_READS: readonly HttpContractCase[] = [
  {
    route: 'POST /alerts/lookup',
    as: 'anonymous',
    path: '/alerts/lookup',
    body: token,
    status: 200,
    says: (body: Json<SignInAlertLookupRecord>) =>
      body.status === 'open' && !body.spent && body.session?.active === true
        ? []
        : [`an unused link looks up an open alert on an active session, got ${JSON.stringify(body)}`],
    keep: (body: Json<SignInAlertLookupRecord>, found) => {
      found.linkAlert = body.alertId;
    },
  },
  {
    route: 'GET /me/sessions',
    as: 'person',
    path: '/me/sessions',
    status: 200,
    says: (body: Json<SessionRecord>[]) =>
      body.filter((s) => s.alert).length >= 3 ? [] : ['the person’s list marks the sessions alerts wait on'],
    keep: (body: Json<SessionRecord>[], found) => {
      const waiting = body.filter(
        (s) => s.alert && s.alert.id !== found.linkAlert && s.id !== found.otherSession,
      );
      found.confirmSession = waiting[0]?.id ?? '';
      found.denySession = waiting[1]?.id ?? '';
    },
  },
  {
    route: 'GET /me/password-change',
    as: 'person',
    path: '/me/password-change',
    status: 200,
    says: (body: Json<PasswordChangeAskRecord>) => (body.required ? ['nothing is asked yet'] : []),
  },
  {
    route: 'POST /alerts/lookup',
    as: 'anonymous',
    path: '/alerts/lookup',
    body: { token: 'not-a-link-we-sent' },
    status: 404,
    error: 'not_found',
  },
  {
    route: 'POST /alerts/lookup',
    as: 'anonymous',
    path: '/alerts/lookup',
    body: {},
    status: 400,
    error: 'invalid_input',
    field: 'token',
  },
];

/** Refusals: bad input naming its field, another person's session, nobody signed in, a forged change. */
export const ALERT_REFUSALS: readonly HttpContractCase[] = [
  {
    route: 'PATCH /me/sessions/:id/device',
    as: 'person',
    path: '/me/sessions/{otherSession}/device',
    body: { name: 42 },
    status: 400,
    error: 'invalid_input',
    field: 'name',
  },
  {
    route: 'PATCH /me/sessions/:id/device',
    as: 'person',
    path: '/me/sessions/{otherSession}/device',
    body: { trusted: 'yes' },
    status: 400,
    error: 'invalid_input',
    field: 'trusted',
  },
  {
    route: 'PATCH /me/sessions/:id/device',
    as: 'person',
    path: '/me/sessions/{teamSession}/device',
    body: { name: 'Mine now' },
    status: 404,
    error: 'not_found',
  },
  {
    route: 'PATCH /me/sessions/:id/device',
    as: 'anonymous',
    path: '/me/sessions/{otherSession}/device',
    body: { name: 'Work laptop' },
    status: 401,
    error: 'unauthenticated',
  },
  {
    route: 'POST /me/sessions/:id/confirm',
    as: 'person',
    path: '/me/sessions/{confirmSession}/confirm',
    wrongCsrf: true,
    status: 403,
    error: 'csrf',
  },
  {
    route: 'POST /me/sessions/:id/confirm',
    as: 'person',
    path: '/me/sessions/{otherSession}/confirm',
    status: 404,
    error: 'not_found',
  },
];

/** Changes: naming and trusting, "it was me", "this wasn't me" from the list and from the link (once). */
export const ALERT_CHANGES: readonly HttpContractCase[] = [
  {
    route: 'PATCH /me/sessions/:id/device',
    as: 'person',
    path: '/me/sessions/{otherSession}/device',
    body: { name: 'Work laptop', trusted: true },
    status: 200,
    says: (body: Json<SessionRecord>) =>
      body.device.label === 'Work laptop' && body.device.trusted === true && body.device.detectedLabel
        ? []
        : [`the device shows its name and trust, got ${JSON.stringify(body.device)}`],
  },
  {
    route: 'POST /me/sessions/:id/confirm',
    as: 'person',
    path: '/me/sessions/{confirmSession}/confirm',
    status: 200,
    says: (body: Json<SessionRecord>) => (body.alert ? ['a confirmed session is no longer marked'] : []),
  },
  {
    route: 'POST /me/sessions/:id/not-me',
    as: 'person',
    path: '/me/sessions/{denySession}/not-me',
    status: 200,
    says: (body: Json<SignInAlertDenialRecord>) => (body.ended ? [] : ['the session is signed out']),
  },
  {
    route: 'POST /me/sessions/:id/not-me',
    as: 'person',
    path: '/me/sessions/{denySession}/not-me',
    status: 404,
    error: 'not_found',
  },
  {
    route: 'POST /alerts/not-me',
    as: 'anonymous',
    path: '/alerts/not-me',
    body: token,
    status: 200,
    says: (body: Json<SignInAlertDenialRecord>) =>
      body.ended && body.passwordChangeRequired ? [] : ['the session is signed out and a new password asked'],
  },
  {
    route: 'POST /alerts/not-me',
    as: 'anonymous',
    path: '/alerts/not-me',
    body: token,
    status: 410,
    error: 'gone',
  },
  {
    route: 'GET /me/password-change',
    as: 'person',
    path: '/me/password-change',
    status: 200,
    says: (body: Json<PasswordChangeAskRecord>) =>
      body.required && body.askedAt ? [] : ['a new password is asked'],
  },
];
