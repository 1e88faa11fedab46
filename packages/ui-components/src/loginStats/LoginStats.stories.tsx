import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { NOW } from '../mocks/fixtures.js';
import { serverOf } from '../mocks/storyHelpers.js';
import { LoginStats } from './LoginStats.js';

const meta = {
  title: 'Admin/LoginStats',
  component: LoginStats,
  args: { userId: 'usr_kofi', userName: 'Kofi Mensah', now: NOW, locale: 'en-US', initialPeriod: '30' },
} satisfies Meta<typeof LoginStats>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  play: async (context) => {
    const { canvas } = context;
    const table = await canvas.findByRole('table', { name: 'Logins and logouts per day' });
    expect(table.querySelectorAll('tbody tr')).toHaveLength(30);
    expect(serverOf(context).calls[0]!.query).toEqual({
      from: '2026-02-03T00:00:00.000Z',
      to: '2026-03-04T10:00:00.000Z',
    });
  },
};

export const ChangePeriod: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context;
    await canvas.findByRole('table');
    await userEvent.click(canvas.getByRole('radio', { name: 'Last 7 days' }));
    await waitFor(() => expect(canvas.getByRole('table').querySelectorAll('tbody tr')).toHaveLength(7));
    await userEvent.click(canvas.getByRole('radio', { name: 'Custom' }));
    const from = canvas.getByLabelText('From');
    await userEvent.clear(from);
    await userEvent.type(from, '2026-03-10');
    expect(await canvas.findByText('“From” must be a date on or before “To”.')).toBeVisible();
  },
};

export const Empty: Story = {
  args: { userId: 'usr_new', initialPeriod: '7' },
  parameters: {
    sessionkit: {
      server: {
        respond: {
          match: /login-stats$/,
          status: 200,
          body: {
            from: '2026-02-26T00:00:00.000Z',
            to: '2026-03-04T10:00:00.000Z',
            logins: 0,
            logouts: 0,
            days: [],
          },
        },
      },
    },
  },
  play: async ({ canvas }) => {
    expect(await canvas.findByText('No logins in this period')).toBeVisible();
  },
};

export const Loading: Story = { parameters: { sessionkit: { server: { hang: /login-stats$/ } } } };

export const Failed: Story = {
  parameters: {
    sessionkit: {
      server: {
        respond: {
          match: /login-stats$/,
          status: 404,
          body: { error: 'not_found', message: 'No such user' },
        },
      },
    },
  },
  play: async ({ canvas }) => {
    expect(await canvas.findByRole('alert')).toHaveTextContent('No such user');
  },
};

export const PermissionDenied: Story = {
  parameters: { sessionkit: { denied: ['sessionkit.loginStats/show'] } },
  play: async ({ canvas }) => {
    expect(await canvas.findByText('You can’t see this user’s logins')).toBeVisible();
  },
};

export const Narrow: Story = { parameters: { sessionkit: { width: 380 } } };

export const Dark: Story = { globals: { theme: 'dark' } };
