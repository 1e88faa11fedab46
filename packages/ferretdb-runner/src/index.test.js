import mongoose from 'mongoose';
import process from 'node:process';
import { describe, expect, it } from 'vitest';
import { startMongo, uniqueDatabaseName, withDatabase } from './index.js';

describe('withDatabase', () => {
  it('replaces the database and keeps the options', () => {
    expect(withDatabase('mongodb://h:1/a?x=1', 'b')).toBe('mongodb://h:1/b?x=1');
    expect(withDatabase('mongodb://h:1', 'b')).toBe('mongodb://h:1/b');
    expect(withDatabase('mongodb://u:p@h1:1,h2:2/?replicaSet=rs', 'b')).toBe(
      'mongodb://u:p@h1:1,h2:2/b?replicaSet=rs',
    );
    expect(withDatabase('mongodb+srv://c.example.net/x', 'b')).toBe('mongodb+srv://c.example.net/b');
  });

  it('refuses what is not a MongoDB URI or not a database name', () => {
    expect(() => withDatabase('http://h/', 'b')).toThrow(/MONGODB_URI/);
    expect(() => withDatabase('mongodb://h/', 'a/b')).toThrow(/database name/);
  });
});

describe('uniqueDatabaseName', () => {
  it('names a database after a test file, unique per call', () => {
    const a = uniqueDatabaseName('/x/y/mongoStore.test.ts');
    expect(a).toMatch(/^sk_mongoStore_test_[0-9a-f]{8}$/);
    expect(uniqueDatabaseName('/x/y/mongoStore.test.ts')).not.toBe(a);
  });
});

describe('startMongo', () => {
  it('starts a server that stores and reads a document, and stops it', async () => {
    const server = await startMongo({ dbName: uniqueDatabaseName('runner') });
    const connection = await mongoose.createConnection(server.uri).asPromise();
    try {
      // String ids, as the kit's documents use; the driver's types assume ObjectId.
      const things = /** @type {any} */ (connection.collection('things'));
      await things.insertOne({ _id: 'a', n: 1 });
      expect(await things.findOne({ _id: 'a' })).toEqual({ _id: 'a', n: 1 });
      if (server.kind === 'external') await connection.dropDatabase();
    } finally {
      await connection.close();
      await server.stop();
    }
  });

  it('uses MONGODB_URI when it is set, pointed at the requested database, and leaves it running', async () => {
    const server = await startMongo({ dbName: uniqueDatabaseName('own') });
    const saved = process.env.MONGODB_URI;
    process.env.MONGODB_URI = withDatabase(server.uri, 'ignored');
    try {
      const external = await startMongo({ dbName: 'chosen' });
      expect(external.kind).toBe('external');
      expect(external.uri).toBe(withDatabase(server.uri, 'chosen'));
      await external.stop();
      const connection = await mongoose.createConnection(external.uri).asPromise();
      expect((await connection.db?.admin().ping())?.ok).toBe(1);
      await connection.close();
    } finally {
      if (saved === undefined) delete process.env.MONGODB_URI;
      else process.env.MONGODB_URI = saved;
      await server.stop();
    }
  });
});
