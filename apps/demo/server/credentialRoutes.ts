import type { SessionKit } from '@sessionkit/server-plugin';
import type { LoginThrottle } from '@sessionkit/server-plugin';
import type express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import type { DemoDirectory } from './directory.js';

const MobileSignIn = z.strictObject({
  username: z.string().trim().min(1, 'Enter your username.').max(100),
  password: z.string().min(1, 'Enter your password.').max(200),
  deviceName: z.string().trim().min(1, 'Name the device.').max(100),
  appName: z.string().trim().min(1).max(100).default('Acme Mobile'),
});

/**
 * The demo's side of the credentials the kit issues: its own API that an API key (or a session) calls, and a
 * mobile app's sign-in, which gets an app token of its own and shows under the person's authorized apps.
 */
export function credentialRoutes(
  app: express.Express,
  kit: SessionKit,
  directory: DemoDirectory,
  throttle: LoginThrottle,
  parse: { json: express.RequestHandler; requireJson: express.RequestHandler },
): void {
  // The host's API, as `curl -H "Authorization: Bearer skk_…" http://localhost:3000/api/me` calls it.
  app.get('/api/me', kit.authenticate, (req, res) => {
    const caller = req.sessionKit;
    if (!caller || caller.userId === null) {
      res.status(403).json({ error: 'forbidden', message: 'This key belongs to no person.' });
      return;
    }
    const user = directory.get(caller.userId);
    res.set('Cache-Control', 'no-store').json({
      user: { id: caller.userId, name: user?.name ?? caller.userId },
      credential: caller.credential,
      ...(caller.credential === 'api_key'
        ? { key: { id: caller.apiKey.id, name: caller.apiKey.name, scopes: caller.apiKey.scopes } }
        : {}),
      ...(caller.credential === 'app'
        ? { app: { id: caller.app.id, deviceName: caller.app.deviceName } }
        : {}),
    });
  });

  // A mobile app signs in with the person's password and its device's name: no cookie, a token for the app.
  app.post(
    '/auth/mobile',
    throttle.byAddress,
    parse.requireJson,
    parse.json,
    throttle.byAccount,
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        const input = MobileSignIn.safeParse(req.body);
        if (!input.success) {
          const issue = input.error.issues[0];
          const field =
            issue?.code === 'unrecognized_keys' ? String(issue.keys[0]) : String(issue?.path[0] ?? 'body');
          res.status(400).json({ error: 'invalid_input', field, message: issue?.message ?? 'invalid input' });
          return;
        }
        const { username, password, deviceName, appName } = input.data;
        const user = await directory.verifyCredentials(username, password);
        if (!user || user.active === false) {
          res.status(401).json({ error: 'invalid_credentials', message: 'Wrong username or password.' });
          return;
        }
        const { app: granted, token } = await kit.authorizeApp(
          { userId: user.id, tenantId: user.tenantId },
          { name: appName, kind: 'mobile', deviceName, rights: ['sessions:read', 'notifications:receive'] },
        );
        res.status(201).json({ token, appId: granted.id, deviceName: granted.deviceName });
      } catch (error) {
        next(error);
      }
    },
  );
}
