import { expect, waitFor, type within } from 'storybook/test';
import type { MockServer, RecordedCall } from './mockServer.js';

type BoundFunctions = ReturnType<typeof within>;

/** The server a story's loader made, typed for play functions. */
export function serverOf(context: { loaded: Record<string, unknown> }): MockServer {
  return context.loaded.server as MockServer;
}

/** The requests that changed something (the ones a play function asserts on). */
export function mutations(server: MockServer): RecordedCall[] {
  return server.calls.filter((c) => c.method !== 'GET');
}

/** The accessible name of the frame's list of answered access checks (.storybook/AnsweredChecks.tsx). */
export const ANSWERED_CHECKS_LABEL = 'Access checks answered';

/**
 * Waits until the frame's access control has answered `count` checks of `check` (`resource/action`, e.g.
 * `sessionkit.users/forceLogout`) and the components that asked have rendered the answers; returns the entries,
 * e.g. `sessionkit.users/forceLogout id=usr_kofi: denied`. Actions stay hidden while a check is pending, so only
 * after this does "the button is absent" say anything about the answer.
 */
export async function accessAnswered(canvas: BoundFunctions, check: string, count = 1): Promise<string[]> {
  const list = await canvas.findByRole('list', { name: ANSWERED_CHECKS_LABEL });
  return waitFor(() => {
    const entries = [...list.querySelectorAll('li')]
      .map((item) => item.textContent ?? '')
      .filter((entry) => entry.startsWith(`${check} `) || entry.startsWith(`${check}:`));
    expect(entries, `answered checks of ${check}`).toHaveLength(count);
    return entries;
  });
}

/**
 * Asserts that every row of a grid table starts its cells where the header starts its columns. Each row is a
 * grid of its own (GridTable), so the columns line up only while every row sizes its tracks alike.
 */
export function expectColumnsAligned(rows: HTMLElement[]): void {
  const starts = (row: HTMLElement) =>
    [...row.children].map((cell) => Math.round(cell.getBoundingClientRect().left));
  const [header, ...body] = rows.map(starts);
  expect(body.length).toBeGreaterThan(0);
  for (const row of body) expect(row).toEqual(header);
}
