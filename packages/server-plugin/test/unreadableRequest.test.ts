import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { MemorySessionStore } from '@sessionkit/core';
import express from 'express';
import type { Request } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unreadableRequest } from '../src/index.js';
import { rawRequest } from './rawRequest.js';
import type { Client, TestHost } from './support.js';
import { startHost } from './support.js';

/**
 * Requests Express or the body parser cannot read — a broken `%` escape in a path id, a corrupt compressed
 * body — are the client's mistakes: 400s that name the part at fault, never 500s.
 */
let host: TestHost;
let root: Client;
beforeAll(async () => {
  host = await startHost({ store: new MemorySessionStore() });
  root = await host.login('u_root', { kind: 'api' });
});
afterAll(async () => {
  await host.close();
});

const API = '/api/sessions';
const send = (method: string, path: string, headers: Record<string, string> = {}, body?: Buffer) =>
  rawRequest(host.url, {
    method,
    path,
    headers: { authorization: `Bearer ${root.bearer}`, ...headers },
    ...(body ? { body } : {}),
  });

describe('a path id with a malformed % escape', () => {
  const cases: [string, string, string][] = [
    ['DELETE', `${API}/admin/sessions/%00%ff`, 'id'],
    ['GET', `${API}/me/sessions/%`, 'id'],
    ['DELETE', `${API}/me/authorized-apps/%E0%A4%A`, 'id'],
    ['POST', `${API}/admin/users/%zz/force-logout`, 'userId'],
    ['GET', `${API}/admin/users/%c0/login-stats`, 'userId'],
    ['DELETE', `${API}/admin/users/u_ada/authorized-apps/%ED%A0%80`, 'id'],
    ['DELETE', `${API}/admin/users/%/authorized-apps/app_1`, 'userId'],
    ['GET', `${API}/me/sessions/%ff/`, 'id'],
  ];
  it.each(cases)('%s %s answers 400 naming %s', async (method, path, field) => {
    const reply = await send(method, path);
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.text)).toEqual({
      error: 'invalid_input',
      message: `${field}: is not valid percent-encoding`,
      field,
    });
  });
});

describe('a body that cannot be read', () => {
  const json = { 'content-type': 'application/json' };
  const valid = gzipSync(Buffer.from('{"reason":"audit"}'));

  it.each(['gzip', 'deflate', 'br'])(
    'a corrupt %s body answers 400 on GET and PUT alike',
    async (encoding) => {
      for (const [method, path] of [
        ['GET', `${API}/me/sessions`],
        ['PUT', `${API}/policy`],
      ] as const) {
        const reply = await send(
          method,
          path,
          { ...json, 'content-encoding': encoding },
          Buffer.from('nope'),
        );
        expect(reply.status, `${method} ${path}`).toBe(400);
        expect(JSON.parse(reply.text)).toEqual({
          error: 'invalid_input',
          message: `the request body is not valid ${encoding} data`,
          field: 'body',
        });
      }
    },
  );

  it('a truncated gzip body answers 400', async () => {
    const reply = await send(
      'POST',
      `${API}/admin/sessions/revoke-all`,
      { ...json, 'content-encoding': 'gzip' },
      valid.subarray(0, valid.length - 6),
    );
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.text)).toMatchObject({ field: 'body' });
  });

  it('an encoding the kit does not read answers 400 naming content-encoding', async () => {
    const reply = await send('PUT', `${API}/policy`, { ...json, 'content-encoding': 'compress' }, valid);
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.text)).toEqual({
      error: 'invalid_input',
      message: 'content-encoding: must be identity, gzip, deflate or br',
      field: 'content-encoding',
    });
  });

  it('a charset other than UTF-8 answers 400 naming content-type', async () => {
    const reply = await send(
      'PUT',
      `${API}/policy`,
      { 'content-type': 'application/json; charset=latin1' },
      Buffer.from('{}'),
    );
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.text)).toMatchObject({ field: 'content-type' });
  });

  it('a compressed body that inflates past the limit answers 400', async () => {
    const bomb = gzipSync(Buffer.alloc(5_000_000, 32));
    const reply = await send('PUT', `${API}/policy`, { ...json, 'content-encoding': 'gzip' }, bomb);
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.text)).toEqual({
      error: 'invalid_input',
      message: 'the request body is too large',
      field: 'body',
    });
  });
});

describe('unreadableRequest', () => {
  /** The error express.json() passes on for this request stream, as a real request would produce it. */
  const parserError = (stream: Readable, headers: Record<string, string>): Promise<unknown> =>
    new Promise((resolve) => {
      const req = Object.assign(stream, { headers, method: 'POST', url: '/' }) as unknown as Request;
      express.json({ limit: 1024 })(req, {} as never, resolve);
    });

  it('names the body when the client stops sending part-way', async () => {
    const stream = new Readable({ read() {} });
    const pending = parserError(stream, { 'content-type': 'application/json', 'content-length': '100' });
    stream.push('{"reason":');
    stream.emit('aborted');
    const error = await pending;
    expect(error).toMatchObject({ type: 'request.aborted' });
    expect(unreadableRequest(error, {} as Request)).toEqual({
      status: 400,
      body: {
        error: 'invalid_input',
        message: 'the request body ended before its Content-Length',
        field: 'body',
      },
    });
  });

  it('names the body when it is shorter than its Content-Length', async () => {
    const error = await parserError(Readable.from([Buffer.from('{}')]), {
      'content-type': 'application/json',
      'content-length': '10',
    });
    expect(error).toMatchObject({ type: 'request.size.invalid' });
    expect(unreadableRequest(error, {} as Request)?.body.field).toBe('body');
  });

  it('leaves errors that are not about reading the request to the caller', () => {
    const req = { path: '/', headers: {} } as Request;
    expect(unreadableRequest(new Error('database exploded'), req)).toBeNull();
    expect(unreadableRequest(Object.assign(new Error('boom'), { status: 503 }), req)).toBeNull();
    expect(
      unreadableRequest(Object.assign(new Error('stream'), { type: 'stream.not.readable' }), req),
    ).toBeNull();
    expect(unreadableRequest('text', req)).toBeNull();
  });

  it('names the path when no route explains the broken segment', () => {
    const reply = unreadableRequest(new URIError('URI malformed'), { path: '/x/%zz' } as Request, {
      stack: [{ route: { path: '/y/:id' } }, {}],
    });
    expect(reply?.body).toEqual({
      error: 'invalid_input',
      message: 'path: is not valid percent-encoding',
      field: 'path',
    });
  });
});
