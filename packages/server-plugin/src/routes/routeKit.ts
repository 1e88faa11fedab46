import type { AccessAction, AccessAnswer, DirectoryUser, Page } from '@sessionkit/core';
import { SessionKitError } from '@sessionkit/core';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import { accessOf } from '../access.js';
import { orderOf, pagingOf, parseInput, queryOf } from '../http/inputs.js';
import type {
  AppRequestContext,
  KitInternals,
  SessionKitRequestContext,
  SessionRequestContext,
} from '../kitContext.js';

type Part = 'params' | 'query' | 'body';

/** What every route handler uses: who is asking, may they, and the one way to read input and answer lists. */
export interface RouteKit {
  kit: KitInternals;
  /** The signed-in session; an API key or app token is refused (403): the kit's routes serve people. */
  ctx(req: Request): SessionRequestContext;
  /** A session or an authorized app's token: for the routes a signed-in mobile app calls. */
  sessionOrApp(req: Request): SessionRequestContext | AppRequestContext;
  actor(req: Request): { userId: string; sessionId: string | null; ip: string | null };
  /** Refuses with 403 unless the host's rule allows the action (on the target user, when there is one). */
  allow(req: Request, action: AccessAction, target?: DirectoryUser | null): Promise<void>;
  /** What the caller may do, and with `targetId` what they may do to that user: the hook's answers. */
  access(req: Request, targetId?: string): Promise<AccessAnswer>;
  /** A user of the directory, or null. */
  userOf(tenantId: string, id: string): Promise<DirectoryUser | null>;
  /** Parses the given parts of the request, each against its schema; a bad one is a 400 naming the field. */
  input<S extends Partial<Record<Part, z.ZodType>>>(
    req: Request,
    schemas: S,
  ): { [K in keyof S]: S[K] extends z.ZodType ? z.infer<S[K]> : never };
}

export function routeKit(kit: KitInternals): RouteKit {
  const any = (req: Request): SessionKitRequestContext => {
    const context = kit.contextOf(req);
    if (!context) throw new SessionKitError('unauthenticated', 'sign in first');
    return context;
  };
  const ctx = (req: Request): SessionRequestContext => {
    const context = any(req);
    if (context.credential !== 'session')
      throw new SessionKitError('forbidden', 'sign in: API keys and app tokens cannot manage sessions');
    return context;
  };
  return {
    kit,
    ctx,
    sessionOrApp(req) {
      const context = any(req);
      if (context.credential === 'api_key')
        throw new SessionKitError('forbidden', 'sign in: API keys cannot manage sessions');
      return context;
    },
    actor(req) {
      const c = any(req);
      const sessionId = c.credential === 'session' ? c.session.id : null;
      return { userId: c.userId ?? '', sessionId, ip: req.ip ?? null };
    },
    async allow(req, action, target) {
      const c = any(req);
      if (c.userId === null) throw new SessionKitError('forbidden', 'you are not allowed to do this');
      const allowed = await kit.authorize({
        action,
        tenantId: c.tenantId,
        actorId: c.userId,
        actor: c.user,
        ...(target !== undefined ? { target } : {}),
      });
      if (!allowed) throw new SessionKitError('forbidden', 'you are not allowed to do this');
    },
    access(req, targetId) {
      return accessOf(kit, ctx(req), targetId);
    },
    async userOf(tenantId, id) {
      return (await kit.directory.getUsers(tenantId, [id]))[0] ?? null;
    },
    input(req, schemas) {
      const out: Record<string, unknown> = {};
      for (const part of ['params', 'query', 'body'] as const) {
        const schema = schemas[part];
        if (schema) out[part] = parseInput(schema, part === 'query' ? queryOf(req) : req[part], part);
      }
      return out as never;
    },
  };
}

/** A page as Refine's simple-rest expects it: the items, and the total in `x-total-count`. */
export function sendPage<T, J>(res: Response, page: Page<T>, toJson: (item: T) => J): void {
  res.set('x-total-count', String(page.total));
  res.append('Access-Control-Expose-Headers', 'x-total-count');
  res.json(page.items.map(toJson));
}

/** The list query of a route (`_start`, `_end`, `_sort`, `_order`) as core's list options. */
export function listOf<F extends string>(
  query: Parameters<typeof pagingOf>[0] & { _sort?: F | undefined; _order?: string | undefined },
): { offset: number; limit: number; sort?: { field: F; order: 'asc' | 'desc' } } {
  const paging = pagingOf(query);
  return {
    offset: paging.offset,
    limit: paging.limit,
    ...(query._sort ? { sort: { field: query._sort, order: orderOf(query._order) ?? 'desc' } } : {}),
  };
}
