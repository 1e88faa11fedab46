import type { RiskSignalAlert, SessionKit } from '@sessionkit/server-plugin';
import type { Express, RequestHandler } from 'express';
import type { DemoDirectory } from './directory.js';

/** A message the demo "sent": what a real host would hand its mailer. */
export interface OutboxMessage {
  id: string;
  userId: string;
  to: string;
  subject: string;
  text: string;
  locale: string;
  /** The one-use "this wasn't me" link, as the mail carries it. */
  link: string;
  sentAt: string;
}

/**
 * The demo's mailbox: `onRiskSignal` puts each sign-in alert here instead of sending it, and the Outbox page
 * shows the signed-in person theirs. Kept in the demo server's memory, as the demo forgets everything on restart.
 */
export class DemoOutbox {
  readonly #messages: OutboxMessage[] = [];
  readonly #directory: DemoDirectory;

  constructor(directory: DemoDirectory) {
    this.#directory = directory;
  }

  /** The kit's `onRiskSignal`. */
  readonly deliver = async (alert: RiskSignalAlert): Promise<void> => {
    const [user] = await this.#directory.getUsers(alert.signal.tenantId, [alert.signal.userId]);
    this.#messages.unshift({
      id: alert.signal.alertId,
      userId: alert.signal.userId,
      to: user?.email ?? alert.signal.userId,
      subject: alert.message.subject,
      text: alert.message.text,
      locale: alert.message.locale,
      link: alert.link,
      sentAt: alert.signal.session.createdAt.toISOString(),
    });
  };

  for(userId: string): OutboxMessage[] {
    return this.#messages.filter((m) => m.userId === userId);
  }

  /** `GET /api/outbox`: the signed-in person's messages, newest first. */
  routes(app: Express, authenticate: RequestHandler): void {
    app.get('/api/outbox', authenticate, (req, res) => {
      res.set('Cache-Control', 'no-store');
      const userId = req.sessionKit?.userId;
      if (!userId) {
        res.status(401).json({ error: 'unauthenticated', message: 'sign in first' });
        return;
      }
      res.json(this.for(userId));
    });
  }
}

/** Where the demo's "this wasn't me" page is: the link's origin is the demo's own. */
export function alertPage(kitUrl: string | undefined): string {
  return `${kitUrl ?? 'http://localhost:3000'}/not-me`;
}

export type { SessionKit };
