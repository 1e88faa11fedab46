import process from 'node:process';
import MongoStore from 'connect-mongo';
import express from 'express';
import session from 'express-session';
import mongoose from 'mongoose';
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { StaticUserDirectory } from '@sessionkit/core';
import { createSessionKit } from '@sessionkit/server-plugin';

// Your app as it was: express-session in MongoDB (connect-mongo) and a Passport login.
const people = [
  { id: 'ada', tenantId: 'acme', name: 'Ada Lovelace', role: 'admin', password: 'demo' },
  { id: 'bob', tenantId: 'acme', name: 'Bob Byte', role: 'member', password: 'demo' },
];
passport.use(
  new LocalStrategy((username, password, done) => {
    const person = people.find((p) => p.id === username && p.password === password);
    done(null, person ?? false);
  }),
);
passport.serializeUser((person, done) => done(null, person.id));
passport.deserializeUser((id, done) => done(null, people.find((p) => p.id === id) ?? false));

// The kit keeps its own documents on a connection of yours.
const connection = await mongoose.createConnection(process.env.MONGODB_URI).asPromise();
const kit = createSessionKit({
  mongoose: connection,
  directory: new StaticUserDirectory(people),
  csrfSecret: process.env.CSRF_SECRET ?? 'replace-me-with-32-or-more-random-characters',
  defaultTenantId: 'acme',
});

const app = express();
app.use(express.json());
app.use(
  session({
    secret: process.env.SESSION_SECRET ?? 'your-express-session-secret',
    resave: false,
    saveUninitialized: false,
    // 'interval' runs on MongoDB and FerretDB alike ('native' needs TTL indexes).
    store: MongoStore.create({ client: connection.getClient(), autoRemove: 'interval' }),
  }),
);
app.use(passport.session());
// After passport.session(): the kit reads req.session.passport.user, adopts sessions it hasn't seen,
// and ends the host's session on the first request after the kit ended it.
app.use(kit.expressSession());

app.post('/login', passport.authenticate('local'), (req, res) => res.json({ name: req.user.name }));
// `next` on a rejection: Express 4 would leave a rejected promise unhandled (Express 5 forwards it itself).
app.post('/logout', (req, res, next) =>
  kit
    .endSession(req, res)
    .then(() => req.logout((error) => (error ? next(error) : res.json({ ok: true }))), next),
);
app.get('/api/whoami', (req, res) =>
  req.user ? res.json({ name: req.user.name }) : res.status(401).json({ error: 'unauthenticated' }),
);
app.use('/api/sessions', kit.router);
app.listen(Number(process.env.PORT ?? 3000));
