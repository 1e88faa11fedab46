import type { RequestHandler } from 'express';

let arrivals = 0;

/**
 * Counts requests as they reach the server. Commands per request are divided by these rather than by the load
 * generator's answers: requests still in flight when a round ends were abandoned by the client, yet the server
 * ran them and their commands were counted.
 */
export const countArrivals: RequestHandler = (_req, _res, next) => {
  arrivals += 1;
  next();
};

export function takeArrivals(reset: boolean): number {
  const n = arrivals;
  if (reset) arrivals = 0;
  return n;
}
