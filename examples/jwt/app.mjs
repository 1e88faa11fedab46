import process from 'node:process';
import express from 'express';
import jwt from 'jsonwebtoken';
import mongoose from 'mongoose';
import { StaticUserDirectory } from '@sessionkit/core';
import { createSessionKit } from '@sessionkit/server-plugin';

// Your app as it was: it signs its own short-lived JWTs (jsonwebtoken here; jose works the same way).
const signingKey = process.env.JWT_SIGNING_KEY ?? 'replace-me-with-your-own-signing-key';
const people = [
  { id: 'ada', tenantId: 'acme', name: 'Ada Lovelace', role: 'admin', password: 'demo' },
  { id: 'bob', tenantId: 'acme', name: 'Bob Byte', role: 'member', password: 'demo' },
];

const kit = createSessionKit({
  mongoose: await mongoose.createConnection(process.env.MONGODB_URI).asPromise(),
  directory: new StaticUserDirectory(people),
  csrfSecret: process.env.CSRF_SECRET ?? 'replace-me-with-32-or-more-random-characters',
  defaultTenantId: 'acme',
});

const app = express();
// `.catch(next)`: Express 4 would leave a rejected promise unhandled (Express 5 forwards it itself).
app.post('/auth/login', express.json(), (req, res, next) => login(req, res).catch(next));

// Your library checks the signature; the kit checks the session behind the sid (one store read).
const verify = (token) => jwt.verify(token, signingKey, { algorithms: ['HS256'] });
app.use('/api', kit.jwt.authenticate({ verify }));
app.post('/api/logout', (req, res, next) =>
  kit.endSession(req, res).then((ended) => res.json({ ended: Boolean(ended) }), next),
);
app.get('/api/whoami', (req, res) => res.json({ name: req.sessionKit.user?.name }));
app.use('/api/sessions', kit.router);
app.listen(Number(process.env.PORT ?? 3000));

async function login(req, res) {
  const person = people.find((p) => p.id === req.body?.username && p.password === req.body?.password);
  if (!person) return res.status(401).json({ error: 'invalid_credentials' });
  // A kit session for this login: its sid goes in every token of the session (refreshes copy it).
  const result = await kit.jwt.issue(req, { userId: person.id });
  if (result.status === 'limit_reached')
    return res.status(409).json({ error: 'limit_reached', max: result.max });
  const token = jwt.sign({ sub: person.id, sid: result.sid }, signingKey, { expiresIn: '15m' });
  res.json({ token });
}
