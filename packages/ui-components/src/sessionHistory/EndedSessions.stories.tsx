import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { NOW, ago, mySessions } from '../mocks/fixtures.js';
import { serverOf } from '../mocks/storyHelpers.js';
import { EndedSessions } from './SessionHistory.js';

const DAY = 24 * 60 * 60_000;

/** The person's devices, two of which ended: one they signed out, one an administrator did with a reason. */
function withEnded() {
  const sessions = mySessions();
  const [, phone, office] = sessions;
  Object.assign(phone!, {
    status: 'ended',
    endedAt: ago(DAY),
    lastSeenAt: ago(DAY),
    endReason: 'logout',
    endedBy: phone!.userId,
  });
  Object.assign(office!, {
    status: 'ended',
    endedAt: ago(2 * DAY),
    lastSeenAt: ago(2 * DAY),
    endReason: 'force_logout',
    endedBy: 'usr_dana',
    endNote: 'Laptop reported stolen',
  });
  return sessions;
}

const meta = {
  title: 'Account/EndedSessions',
  component: EndedSessions,
  args: { now: NOW, locale: 'en-US' },
  parameters: { sessionkit: { server: { mySessions: withEnded() } } },
} satisfies Meta<typeof EndedSessions>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  play: async (context) => {
    const { canvas } = context;
    const table = await canvas.findByRole('table', { name: 'Ended sessions' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3));
    expect(within(table).getByText('Signed out')).toBeVisible();
    expect(
      within(table).getByText('Signed out by an administrator · “Laptop reported stolen”'),
    ).toBeVisible();
    // A person's own list names no owner and no ender: it is theirs.
    expect(within(table).queryByRole('columnheader', { name: 'User' })).toBeNull();
    expect(serverOf(context).calls.map((c) => c.query)).toEqual([
      expect.objectContaining({ status: 'ended', _sort: 'lastSeenAt', _order: 'desc' }),
    ]);
  },
};

export const Empty: Story = {
  parameters: { sessionkit: { server: { mySessions: mySessions() } } },
  play: async ({ canvas }) => {
    expect(await canvas.findByText('No ended sessions')).toBeVisible();
  },
};

export const Dark: Story = { globals: { theme: 'dark' } };
