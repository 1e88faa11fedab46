/** The outcome of a phase that had a deadline: a value, a failure, or no answer in time. */
export type Outcome<T> =
  | { status: 'done'; value: T; ms: number }
  | { status: 'failed'; error: string; ms: number }
  | { status: 'timeout'; seconds: number; ms: number };

/**
 * Runs `work` and stops waiting after `seconds`: the report then says "no answer within N s" instead of the run
 * hanging. `onTimeout` lets the caller abort what is still going (a load generator, a child process).
 */
export async function withDeadline<T>(
  seconds: number,
  work: (signal: AbortSignal) => Promise<T>,
  onTimeout?: () => void,
): Promise<Outcome<T>> {
  const started = performance.now();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), seconds * 1000);
  });
  try {
    const result = await Promise.race([work(controller.signal).then((value) => ({ value })), expired]);
    const ms = performance.now() - started;
    if (result === 'timeout') {
      controller.abort();
      onTimeout?.();
      return { status: 'timeout', seconds, ms };
    }
    return { status: 'done', value: result.value, ms };
  } catch (error) {
    return { status: 'failed', error: errorText(error), ms: performance.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}

/** What a report cell says for an outcome that has no value. */
export function missing(outcome: Outcome<unknown>): string {
  if (outcome.status === 'timeout') return `no answer within ${outcome.seconds} s`;
  if (outcome.status === 'failed') return `failed: ${outcome.error}`;
  return '';
}
