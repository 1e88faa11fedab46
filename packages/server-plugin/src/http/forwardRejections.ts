import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';

/**
 * Express 5 hands a rejected promise from a handler to the error handlers; Express 4 drops it, and Node then
 * ends the process on the unhandled rejection (an unknown session id was enough). Every async handler and
 * middleware of the kit goes through here, so both versions answer the same.
 */
export function forwardRejections(
  handler: (req: Request, res: Response, next: NextFunction) => Promise<unknown>,
): RequestHandler {
  return (req, res, next) => {
    handler(req, res, next).catch(next);
  };
}

/** A route of the kit's router: it answers, or throws for the router's error responder to answer. */
export type RouteHandler = (req: Request, res: Response) => Promise<unknown>;

/** The verbs the kit's routes are declared with; each handler's rejection reaches the error responder. */
export interface Routes {
  get(path: string, handler: RouteHandler): void;
  post(path: string, handler: RouteHandler): void;
  put(path: string, handler: RouteHandler): void;
  patch(path: string, handler: RouteHandler): void;
  delete(path: string, handler: RouteHandler): void;
}

export function routesOn(router: Router): Routes {
  return {
    get: (path, handler) => void router.get(path, forwardRejections(handler)),
    post: (path, handler) => void router.post(path, forwardRejections(handler)),
    put: (path, handler) => void router.put(path, forwardRejections(handler)),
    patch: (path, handler) => void router.patch(path, forwardRejections(handler)),
    delete: (path, handler) => void router.delete(path, forwardRejections(handler)),
  };
}
