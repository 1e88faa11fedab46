#!/usr/bin/env node
// `node packages/ferretdb-runner/src/ensure.js`: builds FerretDB into the cache when it is missing or broken.
// Exits 0 with nothing to do when MONGODB_URI is set; exits 2 when neither Go nor a binary is available.
import process from 'node:process';
import { ensureFerretdb } from './index.js';

if (process.env.MONGODB_URI) process.exit(0);
const binary = await ensureFerretdb((line) => process.stderr.write(`${line}\n`));
if (!binary) {
  process.stderr.write('ferretdb-runner: Go is missing; the Mongo tests will try mongodb-memory-server\n');
  process.exit(2);
}
