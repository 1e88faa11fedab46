import type { Clock, DirectoryUser } from '@sessionkit/core';
import type { SessionKit, SessionKitRequestContext } from '@sessionkit/server-plugin';
import express from 'express';
import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import type {
  DeactivateAnswer,
  PasswordResetAnswer,
  Person,
  ReactivateAnswer,
} from '../shared/peopleJson.js';
import { badInput } from './badInput.js';
import type { DemoDirectory } from './directory.js';
import { temporaryPassword } from './passwords.js';

export interface PeopleRoutesOptions {
  kit: SessionKit;
  directory: DemoDirectory;
  clock: Clock;
  /** The host's JSON-only guard and parser: a cross-site form can't send JSON without a preflight. */
  requireJson: RequestHandler;
  json: RequestHandler;
  /** Who is signed in, by the demo's sign-in mode (the kit's cookie, the host's session or its JWT). */
  authenticate: RequestHandler;
}

/** A person as the host's people API answers, with who deactivated them when they are. */
export function personJson(directory: DemoDirectory, user: DirectoryUser): Person {
  const deactivation = user.active === false ? directory.deactivation(user.id) : null;
  const by = deactivation?.byUserId ? directory.get(deactivation.byUserId) : null;
  return {
    id: user.id,
    name: user.name,
    email: user.email ?? null,
    role: user.role ?? null,
    department: user.department ?? null,
    superUser: user.superUser === true,
    active: user.active !== false,
    deactivated: deactivation
      ? {
          at: deactivation.at.toISOString(),
          by: deactivation.byUserId
            ? { id: deactivation.byUserId, name: by?.name ?? deactivation.byUserId }
            : null,
          reason: deactivation.reason,
        }
      : null,
  };
}

// One line of plain text, as the kit keeps a force logout's reason: line breaks, control characters and the
// bidi overrides (which make a stored line read differently from what it says) become spaces.
const tidy = (text: string) =>
  text
    .replace(/[\p{Cc}\p{Zl}\p{Zp}\u202a-\u202e\u2066-\u2069]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

// Required: it goes to the audit trail as why, and the person reads it on the login page.
const reason = z
  .string()
  .max(2000, 'Keep the reason under 500 characters.')
  .transform(tidy)
  .pipe(
    z
      .string()
      .min(1, 'Enter a reason: it is kept in the audit log and shown to the person.')
      .max(500, 'Keep the reason under 500 characters.')
      .refine((text) => /[\p{L}\p{N}\p{P}\p{S}]/u.test(text), 'Enter a reason in words.'),
  );

const WithReason = z.strictObject({ reason });
const NoInput = z.strictObject({});

interface Allowed {
  ctx: SessionKitRequestContext;
  target: DirectoryUser;
}

/**
 * The demo's administration of people: reset a password, deactivate, reactivate. Who may is the kit's rule
 * (`kit.access`), as for its own admin routes: administrators, and only super users on a super user. Every
 * change ends the person's sessions through the kit with the administrator's reason, so the trail says who and
 * why and the person's next request lands on the login page saying it.
 */
export function peopleRoutes(options: PeopleRoutesOptions): express.Router {
  const { kit, directory, clock } = options;
  const router = express.Router();

  // Not an administrator is refused before the id is looked up: the answer must not tell who exists.
  async function allowed(req: Request, res: Response): Promise<Allowed | null> {
    const ctx = req.sessionKit;
    if (!ctx) {
      res.status(401).json({ error: 'unauthenticated', message: 'Sign in first.' });
      return null;
    }
    // An API key or an app's token administers nobody: these changes are a signed-in person's.
    if (ctx.credential !== 'session') {
      res.status(403).json({ error: 'forbidden', message: 'Sign in as an administrator to do this.' });
      return null;
    }
    const id = String(req.params.id);
    const access = await kit.access(req, id);
    if (!access.actions.admin) {
      res.status(403).json({ error: 'forbidden', message: 'Administrators only.' });
      return null;
    }
    const target = directory.get(id);
    if (!target || target.tenantId !== ctx.tenantId) {
      res.status(404).json({ error: 'not_found', message: 'No such user.' });
      return null;
    }
    if (!access.target?.actions.admin) {
      res.status(403).json({ error: 'forbidden', message: 'Only a super user can manage a super user.' });
      return null;
    }
    return { ctx, target };
  }

  const refuseSelf = (res: Response, message: string) =>
    res.status(400).json({ error: 'invalid_input', field: 'id', message });

  const guard = [options.requireJson, options.json, options.authenticate];

  // The server makes the new password and shows it once, as Google Workspace, Okta and Entra do: a password the
  // administrator typed tends to be guessable and reused (the "Welcome2026!" every help desk hands out), and
  // one that nobody chose carries no hint of the person's other passwords. The person changes it on the
  // Password page after signing in.
  router.post('/:id/password-reset', ...guard, async (req, res, next) => {
    try {
      const ok = await allowed(req, res);
      if (!ok) return;
      const input = WithReason.safeParse(req.body);
      if (!input.success) return badInput(res, input.error);
      if (ok.target.id === ok.ctx.userId) {
        return refuseSelf(res, 'Change your own password on the Password page.');
      }
      const password = temporaryPassword();
      await directory.setPassword(ok.target.id, password);
      const ended = await kit.onPasswordChanged(
        { userId: ok.target.id, tenantId: ok.target.tenantId, reason: input.data.reason },
        req,
      );
      res.json({ temporaryPassword: password, endedSessions: ended } satisfies PasswordResetAnswer);
    } catch (error) {
      next(error);
    }
  });

  router.post('/:id/deactivate', ...guard, async (req, res, next) => {
    try {
      const ok = await allowed(req, res);
      if (!ok) return;
      const input = WithReason.safeParse(req.body);
      if (!input.success) return badInput(res, input.error);
      if (ok.target.id === ok.ctx.userId) {
        return refuseSelf(res, 'You can’t deactivate your own account: ask another administrator.');
      }
      if (ok.target.active === false) {
        res.status(409).json({ error: 'conflict', message: `${ok.target.name} is already deactivated.` });
        return;
      }
      // Sign-in is blocked first, so no new session can start while the old ones end.
      directory.deactivate(ok.target.id, {
        at: clock.now(),
        byUserId: ok.ctx.userId,
        reason: input.data.reason,
      });
      const ended = await kit.onUserDeactivated(
        { userId: ok.target.id, tenantId: ok.target.tenantId, reason: input.data.reason },
        req,
      );
      const person = personJson(directory, directory.get(ok.target.id) ?? ok.target);
      res.json({ person, endedSessions: ended } satisfies DeactivateAnswer);
    } catch (error) {
      next(error);
    }
  });

  router.post('/:id/reactivate', ...guard, async (req, res, next) => {
    try {
      const ok = await allowed(req, res);
      if (!ok) return;
      const input = NoInput.safeParse(req.body);
      if (!input.success) return badInput(res, input.error);
      if (ok.target.active !== false) {
        res.status(409).json({ error: 'conflict', message: `${ok.target.name} is already active.` });
        return;
      }
      directory.reactivate(ok.target.id);
      await kit.onUserReactivated({ userId: ok.target.id, tenantId: ok.target.tenantId }, req);
      const person = personJson(directory, directory.get(ok.target.id) ?? ok.target);
      res.json({ person } satisfies ReactivateAnswer);
    } catch (error) {
      next(error);
    }
  });

  return router;
}
