import type { Meta, StoryObj } from '@storybook/react-vite';
import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { expect, fn, within } from 'storybook/test';
import { NOW, manySessions, mySessions } from '../mocks/fixtures.js';
import { SessionListView } from './SessionListView.js';

/** The view alone, with plain props and no data provider: what a host with its own data layer renders. */
const meta = {
  title: 'Views/SessionListView',
  component: SessionListView,
  args: {
    sessions: mySessions(),
    total: 6,
    now: NOW,
    locale: 'en-US',
    onSignOut: fn(async () => undefined),
    onSignOutOthers: fn(async () => undefined),
  },
} satisfies Meta<typeof SessionListView>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {};

export const SignOutFailsAndSaysWhy: Story = {
  args: {
    onSignOut: fn(async () => {
      throw new Error('Sessions can’t be changed right now. Nobody has been signed out.');
    }),
  },
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Sign out Safari on iPad' }));
    const dialog = await canvas.findByRole('dialog', { name: 'Sign out of Safari on iPad?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign out' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Nobody has been signed out');
    expect(args.onSignOut).toHaveBeenCalledWith(
      expect.objectContaining({ device: expect.objectContaining({ label: 'Safari on iPad' }) }),
    );
  },
};

export const Loading: Story = { args: { sessions: [], total: 0, loading: true } };

export const Failed: Story = {
  args: { sessions: [], total: 0, error: { message: 'The server answered 502 Bad Gateway' }, onRetry: fn() },
};

/**
 * Renders 1,000 rows from scratch and reports how long React took, so the figure in DESIGN's "measures that
 * matter" comes from the same browser the tests run in.
 */
export const ThousandRowsRenderTime: Story = {
  play: async ({ canvasElement }) => {
    const sessions = manySessions(1000);
    const host = document.createElement('div');
    canvasElement.append(host);
    const root = createRoot(host);
    const started = performance.now();
    flushSync(() =>
      root.render(createElement(SessionListView, { sessions, total: 1000, now: NOW, locale: 'en-US' })),
    );
    const elapsed = performance.now() - started;
    expect(host.querySelectorAll('[role="row"]')).toHaveLength(1001);
    console.warn(`SessionListView: 1,000 sessions rendered in ${elapsed.toFixed(0)} ms`);
    root.unmount();
    host.remove();
  },
};
