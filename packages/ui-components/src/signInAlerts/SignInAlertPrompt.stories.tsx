import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { NOW, mySessions } from '../mocks/fixtures.js';
import { mutations, serverOf } from '../mocks/storyHelpers.js';
import { SessionList } from '../sessionList/SessionList.js';

// The prompt lives in the person's session list: these stories render the list, as a host shows it.
const sessions = mySessions();
const lagos = sessions[3]!;

const meta = {
  title: 'Account/SignInAlerts',
  component: SessionList,
  args: { now: NOW, locale: 'en-US' },
  parameters: {
    sessionkit: {
      server: {
        mySessions: sessions,
        alerts: [{ sessionId: lagos.id, signals: ['new_country', 'new_device'], token: 'story-link' }],
      },
    },
  },
} satisfies Meta<typeof SessionList>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A sign-in an alert waits on: asked about above the list, and its row marked until answered. */
export const WasThisYou: Story = {
  play: async ({ canvas }) => {
    const prompt = await canvas.findByRole('article', { name: 'Was this you? Firefox on Windows' });
    expect(within(prompt).getByText(/A sign-in from Firefox on Windows in Lagos, Nigeria/)).toBeVisible();
    expect(within(prompt).getByText('New country')).toBeVisible();
    expect(within(prompt).getByText('New device')).toBeVisible();
    const rows = await canvas.findAllByRole('row');
    const marked = rows.filter((r) => within(r).queryByText('Was this you?'));
    expect(marked).toHaveLength(1);
    expect(within(marked[0]!).getByText('Firefox on Windows')).toBeVisible();
  },
};

/** "Yes, it was me": one request, and the mark goes. */
export const ItWasMe: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context;
    const prompt = await canvas.findByRole('article', { name: 'Was this you? Firefox on Windows' });
    await userEvent.click(within(prompt).getByRole('button', { name: 'Yes, it was me' }));
    await waitFor(() =>
      expect(mutations(serverOf(context)).map((c) => `${c.method} ${c.path}`)).toEqual([
        `POST /me/sessions/${lagos.id}/confirm`,
      ]),
    );
    await waitFor(() => expect(canvas.queryByRole('article')).toBeNull());
    expect(canvas.queryByText('Was this you?')).toBeNull();
  },
};

/** "No, sign it out": the session ends and the person is asked for a new password. */
export const NotMe: Story = {
  args: {},
  play: async (context) => {
    const { canvas, userEvent } = context;
    const prompt = await canvas.findByRole('article', { name: 'Was this you? Firefox on Windows' });
    await userEvent.click(within(prompt).getByRole('button', { name: 'No, sign it out' }));
    await waitFor(() =>
      expect(mutations(serverOf(context)).map((c) => `${c.method} ${c.path}`)).toEqual([
        `POST /me/sessions/${lagos.id}/not-me`,
      ]),
    );
    expect(await canvas.findByText('Change your password')).toBeVisible();
    await waitFor(() =>
      expect(canvas.queryByRole('button', { name: 'Sign out Firefox on Windows' })).toBeNull(),
    );
    expect(serverOf(context).state.mine.find((s) => s.id === lagos.id)?.status).toBe('ended');
  },
};

/** Nothing to ask: no prompt, no marked row. */
export const NothingToAsk: Story = {
  parameters: { sessionkit: { server: { mySessions: mySessions(), alerts: [] } } },
  play: async ({ canvas }) => {
    await canvas.findAllByRole('row');
    expect(canvas.queryByRole('region', { name: 'Sign-ins to check' })).toBeNull();
    expect(canvas.queryByText('Was this you?')).toBeNull();
  },
};
