import type { SessionService } from '@sessionkit/core';
import { hashSecret } from '@sessionkit/core';
import { parse as parseCookies } from 'cookie';
import type { RequestHandler } from 'express';

/**
 * Adds the administrator's words (`note`) to the kit's `401 session_ended` answer for a force logout, so the
 * signed-out browser's login page can say "An administrator signed you out: <reason>". The kit's body carries
 * the end reason only, and clears the cookie in that same answer, so the words must ride along in it.
 *
 * Costs nothing on the normal path: the audit trail is read only while a force-logout 401 is being sent, and
 * only the holder of that session's secret (the HttpOnly cookie) learns the words.
 */
export function forceLogoutNote(service: SessionService, cookieName = 'sk_session'): RequestHandler {
  return (req, res, next) => {
    const secret = parseCookies(req.headers.cookie ?? '')[cookieName];
    if (!secret) return next();
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      const b = body as { error?: unknown; reason?: unknown } | null;
      if (res.statusCode !== 401 || b?.error !== 'session_ended' || b.reason !== 'force_logout')
        return json(body);
      noteFor(service, secret)
        .then((note) => json(note ? { ...b, note } : b))
        .catch(() => json(b));
      return res;
    };
    next();
  };
}

async function noteFor(service: SessionService, secret: string): Promise<string | null> {
  const session = await service.store.findSessionByTokenHash(hashSecret(secret));
  if (!session || session.status !== 'ended') return null;
  const { items } = await service.listAuditEvents(session.tenantId, {
    userId: session.userId,
    actions: ['session_ended'],
    limit: 50,
  });
  return items.find((e) => e.sessionId === session.id)?.reason ?? null;
}
