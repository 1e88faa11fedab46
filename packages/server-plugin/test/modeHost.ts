import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { isSessionKitError } from '@sessionkit/core';
import type express from 'express';
import type { Connection } from 'mongoose';
import { MongoSessionStore, STATUS_BY_CODE } from '../src/index.js';

// What the adoption modes' test hosts share: the browser they claim to be, a store of their own, and serving.

export const CHROME_UA =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

let stores = 0;

/** Each host its own collections: the view mirror of one test's store must not see another test's sessions. */
export async function storeOfItsOwn(connection: Connection): Promise<MongoSessionStore> {
  const store = new MongoSessionStore(connection, { collectionPrefix: `mode${++stores}_` });
  await store.ready();
  return store;
}

/** Adds the host's error handler (the kit's statuses, the field at fault) and listens on a free port. */
export async function serve(app: express.Express): Promise<{ url: string; stop(): Promise<void> }> {
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = isSessionKitError(error) ? STATUS_BY_CODE[error.code] : 500;
    res
      .status(status)
      .json(isSessionKitError(error) ? { error: error.code, field: error.field } : { error: 'internal' });
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
