import type { MockServer, RecordedCall } from './mockServer.js';

/** The server a story's loader made, typed for play functions. */
export function serverOf(context: { loaded: Record<string, unknown> }): MockServer {
  return context.loaded.server as MockServer;
}

/** The requests that changed something (the ones a play function asserts on). */
export function mutations(server: MockServer): RecordedCall[] {
  return server.calls.filter((c) => c.method !== 'GET');
}
