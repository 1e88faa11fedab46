import { EventEmitter } from 'node:events';
import { isSessionKitError } from '@sessionkit/core';
import type { Connection } from 'mongoose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HUNG_AFTER_TIMEOUTS, StoreRunner } from './storeRunner.js';

const TIMEOUT = 1_000;

/** A connection whose state, `hello` answers and driver events the test decides. */
class FakeConnection {
  readyState = 1;
  readonly client = new EventEmitter();
  hellos = 0;
  /** How the next `hello` ends; by default it never answers. */
  hello: () => Promise<unknown> = () => new Promise(() => undefined);
  readonly db = { admin: () => ({ command: () => (this.hellos++, this.hello()) }) };
  getClient() {
    return this.client;
  }
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** The runner's answer, kept as a value so that a rejection is never unhandled while the clock moves. */
function outcome<T>(promise: Promise<T>) {
  const state: { value?: T; error?: unknown; done: boolean } = { done: false };
  promise.then(
    (value) => Object.assign(state, { value, done: true }),
    (error: unknown) => Object.assign(state, { error, done: true }),
  );
  return state;
}

let connection: FakeConnection;
let runner: StoreRunner;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
  connection = new FakeConnection();
  runner = new StoreRunner(connection as unknown as Connection, TIMEOUT, () => Promise.resolve());
});
afterEach(() => {
  vi.useRealTimers();
});

describe('StoreRunner: an outage is judged by errors and connection state, not by latency alone', () => {
  it('waits for a slow but healthy server: a probe that takes longer than the timeout is no outage', async () => {
    // The false 503 under a load average above 20: the database answered, only late.
    connection.hello = () => new Promise((resolve) => setTimeout(() => resolve({ ok: 1 }), TIMEOUT * 2));
    const operation = deferred<string>();
    const result = outcome(runner.run(() => operation.promise));
    await vi.advanceTimersByTimeAsync(TIMEOUT * 6);
    expect(result.done).toBe(false);
    expect(connection.hellos).toBeGreaterThan(0);
    operation.resolve('answered');
    await vi.advanceTimersByTimeAsync(0);
    expect(result).toMatchObject({ done: true, value: 'answered' });
  });

  it('keeps waiting while the driver’s heartbeats say the server answers, though the probe does not', async () => {
    const operation = deferred<string>();
    const result = outcome(runner.run(() => operation.promise));
    for (let i = 0; i < HUNG_AFTER_TIMEOUTS * 4; i++) {
      connection.client.emit('serverHeartbeatSucceeded', {});
      await vi.advanceTimersByTimeAsync(TIMEOUT / 2);
    }
    expect(result.done).toBe(false);
    operation.resolve('answered');
    await vi.advanceTimersByTimeAsync(0);
    expect(result.value).toBe('answered');
  });

  it('answers store_unavailable at the first check once the connection is closed', async () => {
    const result = outcome(runner.run(() => new Promise(() => undefined)));
    connection.readyState = 0;
    await vi.advanceTimersByTimeAsync(TIMEOUT / 2);
    expect(result.done).toBe(true);
    expect(isSessionKitError(result.error, 'store_unavailable')).toBe(true);
    expect((result.error as Error).message).toMatch(/disconnected/);
  });

  it('answers store_unavailable when the probe fails with a network error', async () => {
    connection.hello = () =>
      Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { name: 'MongoNetworkError' }));
    const result = outcome(runner.run(() => new Promise(() => undefined)));
    await vi.advanceTimersByTimeAsync(TIMEOUT);
    expect(result.done).toBe(true);
    expect((result.error as Error).message).toMatch(/unreachable/);
  });

  it('takes a server that answers with an error for one that is there', async () => {
    connection.hello = () =>
      Promise.reject(Object.assign(new Error('not now'), { name: 'MongoServerError' }));
    const operation = deferred<string>();
    const result = outcome(runner.run(() => operation.promise));
    await vi.advanceTimersByTimeAsync(TIMEOUT * 6);
    expect(result.done).toBe(false);
    operation.resolve('answered');
    await vi.advanceTimersByTimeAsync(0);
    expect(result.value).toBe('answered');
  });

  it('answers store_unavailable when the driver reported a failed heartbeat and the probe gets no answer', async () => {
    const result = outcome(runner.run(() => new Promise(() => undefined)));
    connection.client.emit('serverHeartbeatFailed', { failure: new Error('connection timed out') });
    await vi.advanceTimersByTimeAsync(TIMEOUT);
    expect(result.done).toBe(true);
    expect((result.error as Error).message).toMatch(/unreachable/);
  });

  it('takes a server that answers nothing at all for hung only after the silence has lasted', async () => {
    // A paused server gives no error to judge by: silence, once long, is the sign.
    const result = outcome(runner.run(() => new Promise(() => undefined)));
    await vi.advanceTimersByTimeAsync(TIMEOUT * HUNG_AFTER_TIMEOUTS);
    expect(result.done).toBe(false);
    await vi.advanceTimersByTimeAsync(TIMEOUT * 2);
    expect(result.done).toBe(true);
    expect((result.error as Error).message).toMatch(/hung/);
    // Later requests hear it at their first check, while the same probe still waits.
    const next = outcome(runner.run(() => new Promise(() => undefined)));
    await vi.advanceTimersByTimeAsync(TIMEOUT / 2);
    expect(next.done).toBe(true);
    expect(connection.hellos).toBe(1);
  });

  it('serves again once the hung server answers', async () => {
    const answer = deferred<unknown>();
    connection.hello = () => answer.promise;
    const first = outcome(runner.run(() => new Promise(() => undefined)));
    await vi.advanceTimersByTimeAsync(TIMEOUT * (HUNG_AFTER_TIMEOUTS + 2));
    expect(first.done).toBe(true);
    answer.resolve({ ok: 1 });
    await vi.advanceTimersByTimeAsync(0);
    const operation = deferred<string>();
    const next = outcome(runner.run(() => operation.promise));
    await vi.advanceTimersByTimeAsync(TIMEOUT / 2);
    operation.resolve('answered');
    await vi.advanceTimersByTimeAsync(0);
    expect(next.value).toBe('answered');
  });
});
