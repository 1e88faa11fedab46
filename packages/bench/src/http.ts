/** One request's answer, or the reason there was none. */
export type Answer =
  | { status: number; body: unknown; ms: number }
  | { status: 'timeout'; seconds: number; ms: number }
  | { status: 'error'; error: string; ms: number };

/** A request that gives up after `seconds`: a report line, never a hang. */
export async function request(url: string, init: RequestInit, seconds: number): Promise<Answer> {
  const started = performance.now();
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(seconds * 1000) });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: keep the text.
    }
    return { status: response.status, body, ms: performance.now() - started };
  } catch (error) {
    const ms = performance.now() - started;
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      return { status: 'timeout', seconds, ms };
    }
    return { status: 'error', error: error instanceof Error ? error.message : String(error), ms };
  }
}

export function bearer(secret: string): Record<string, string> {
  return { authorization: `Bearer ${secret}` };
}

export const JSON_HEADERS = { 'content-type': 'application/json' };
