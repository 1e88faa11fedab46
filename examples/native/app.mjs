import express from 'express';
import mongoose from 'mongoose';
import process from 'node:process';
import { MemorySessionStore, StaticUserDirectory } from '@sessionkit/core';
import { createSessionKit } from '@sessionkit/server-plugin';

const people = [{ id: 'ada', tenantId: 'acme', name: 'Ada Lovelace', role: 'admin', password: 'demo' }];
const db = process.env.MONGODB_URI && (await mongoose.createConnection(process.env.MONGODB_URI).asPromise());
const kit = createSessionKit({
  ...(db ? { mongoose: db } : { store: new MemorySessionStore() }), // no MONGODB_URI: in memory, gone at exit
  directory: new StaticUserDirectory(people),
  csrfSecret: process.env.CSRF_SECRET ?? 'replace-me-with-32-or-more-random-characters',
  cookie: { secure: process.env.NODE_ENV === 'production' },
  defaultTenantId: 'acme',
});

const app = express();
// `.catch(next)`: Express 4 would leave a rejected promise unhandled (Express 5 forwards it itself).
app.post('/auth/login', express.json(), (req, res, next) => login(req, res).catch(next));
app.post('/auth/logout', (req, res, next) =>
  kit.endSession(req, res).then((ended) => res.json({ ended: Boolean(ended) }), next),
);
app.get('/api/whoami', kit.authenticate, (req, res) => res.json({ name: req.sessionKit.user?.name }));
app.use('/api/sessions', kit.router);
app.listen(Number(process.env.PORT ?? 3000));

async function login(req, res) {
  const user = people.find((p) => p.id === req.body?.username && p.password === req.body?.password);
  if (!user) return res.status(401).json({ error: 'invalid_credentials' });
  const result = await kit.issueSession(req, res, { userId: user.id, rememberMe: req.body.rememberMe });
  if (result.status === 'limit_reached')
    return res.status(409).json({ error: 'limit_reached', max: result.max });
  res.json({ sessionId: result.session.id });
}
