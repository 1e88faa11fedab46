import { beforeAll, describe, expect, it } from 'vitest';
import { HTTP_ROUTES, answerShape } from '../httpRoutes.js';
import { HTTP_SHAPES } from '../httpShapes.js';
import { shapeErrors } from '../jsonShape.js';
import type {
  Found,
  HttpCaller,
  HttpContractCase,
  HttpContractOptions,
  HttpFetch,
} from './httpContractTypes.js';
import { HTTP_CONTRACT } from './httpContractCases.js';

export type { HttpCaller, HttpContractCase, HttpContractOptions, HttpFetch } from './httpContractTypes.js';
export { HTTP_CONTRACT } from './httpContractCases.js';

const methodOf = (c: HttpContractCase) => (c.route ?? 'GET').split(' ')[0]!;

function fill(path: string, found: Found): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = found[name as keyof Found];
    if (typeof value !== 'string') throw new Error(`no ${name} was found by an earlier case`);
    return encodeURIComponent(value);
  });
}

/**
 * Runs {@link HTTP_CONTRACT} against one server of the HTTP API, inside a vitest file:
 * `runHttpContract('the router on the memory store', { setup })`. One test a case, named after it.
 */
export function runHttpContract(name: string, options: HttpContractOptions): void {
  describe(`HTTP contract: ${name}`, () => {
    let callers: Record<HttpCaller, HttpFetch>;
    const found = {} as Found;
    beforeAll(async () => {
      callers = await options.setup();
      found.alertLinkToken = options.alertLinkToken();
      return options.teardown;
    });

    for (const c of HTTP_CONTRACT) {
      const title = `${methodOf(c)} ${c.path} as ${c.as} → ${c.status}${c.error ? ` ${c.error}` : ''}`;
      it(title, async () => {
        const headers: Record<string, string> = { accept: 'application/json' };
        const body = typeof c.body === 'function' ? c.body(found) : c.body;
        if (body !== undefined) headers['content-type'] = 'application/json';
        if (c.wrongCsrf) headers['x-csrf-token'] = 'not-the-token';
        const response = await callers[c.as](fill(c.path, found), {
          method: methodOf(c),
          headers,
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
        const text = await response.text();
        const json: unknown = text ? JSON.parse(text) : null;
        expect(response.status, text).toBe(c.status);
        if (c.status < 300 && c.route) {
          if ('list' in HTTP_ROUTES[c.route]) {
            expect(Array.isArray(json) && json.length > 0, 'a list with items to check').toBe(true);
            const total = Number(response.headers.get('x-total-count'));
            expect(total, 'x-total-count').toBeGreaterThanOrEqual((json as unknown[]).length);
          }
          expect(shapeErrors(answerShape(c.route), json)).toEqual([]);
        } else {
          expect(shapeErrors(HTTP_SHAPES.error, json)).toEqual([]);
          expect((json as { error: string }).error).toBe(c.error);
          if (c.field) expect((json as { field?: string }).field).toBe(c.field);
        }
        expect(c.says?.(json as never, found) ?? []).toEqual([]);
        c.keep?.(json as never, found);
      });
    }
  });
}
