import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor, within } from 'storybook/test';
import { mySessions } from '../mocks/fixtures.js';
import { accessAnswered, mutations, serverOf } from '../mocks/storyHelpers.js';
import { SuspiciousSessionAlert } from './SuspiciousSessionAlert.js';

const meta = {
  title: 'Account/SuspiciousSessionAlert',
  component: SuspiciousSessionAlert,
  args: { locale: 'en-US', changePasswordHref: '#change-password', onReviewAuditLog: fn() },
} satisfies Meta<typeof SuspiciousSessionAlert>;
export default meta;
type Story = StoryObj<typeof meta>;

export const HighRisk: Story = {
  play: async ({ canvas, args, userEvent }) => {
    const region = await canvas.findByRole('region', { name: 'Unusual sign-in on Firefox on Windows' });
    expect(within(region).getAllByText('High risk')).toHaveLength(2);
    expect(within(region).getByText(/a country not seen on this account before/)).toBeVisible();
    expect(within(region).getByText('1 more session shows warning signs.')).toBeVisible();
    expect(within(region).getByRole('link', { name: 'Change password' })).toHaveAttribute(
      'href',
      '#change-password',
    );
    await userEvent.click(within(region).getByRole('button', { name: 'Review audit log' }));
    expect(args.onReviewAuditLog).toHaveBeenCalledOnce();
  },
};

export const SignOutThisSession: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context;
    const server = serverOf(context);
    await userEvent.click(await canvas.findByRole('button', { name: 'Sign out this session' }));
    const dialog = await canvas.findByRole('dialog', { name: 'Sign out of Firefox on Windows?' });
    expect(within(dialog).getByText(/Lagos, Nigeria/)).toBeVisible();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign out' }));
    const risky = server.state.mine.find((s) => s.device.label === 'Firefox on Windows')!;
    await waitFor(() =>
      expect(mutations(server).map((c) => `${c.method} ${c.path}`)).toEqual([
        `DELETE /me/sessions/${risky.id}`,
      ]),
    );
    // The next riskiest session (the stale iPad) takes its place.
    expect(await canvas.findByRole('region', { name: 'Unusual sign-in on Safari on iPad' })).toBeVisible();
    expect(canvas.getByText('Medium risk')).toBeVisible();
  },
};

export const SignOutAllSessions: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context;
    await userEvent.click(await canvas.findByRole('button', { name: 'Sign out all other sessions' }));
    const dialog = await canvas.findByRole('dialog', { name: 'Sign out of every other session?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign out all other sessions' }));
    await waitFor(() =>
      expect(mutations(serverOf(context)).map((c) => c.path)).toEqual(['/me/sessions/revoke-others']),
    );
    expect(await canvas.findByText('No warning signs on your sessions.')).toBeVisible();
  },
};

export const MediumRisk: Story = {
  parameters: {
    sessionkit: {
      server: { mySessions: mySessions().filter((s) => s.device.label !== 'Firefox on Windows') },
    },
  },
};

export const AllClear: Story = {
  parameters: { sessionkit: { server: { mySessions: mySessions().map((s) => ({ ...s, risk: [] })) } } },
  play: async ({ canvas }) => {
    expect(await canvas.findByText('No warning signs on your sessions.')).toBeVisible();
  },
};

export const Loading: Story = { parameters: { sessionkit: { server: { hang: /^\/me\/sessions/ } } } };

export const Failed: Story = {
  parameters: {
    sessionkit: {
      server: {
        respond: {
          match: /^\/me\/sessions/,
          status: 503,
          body: { error: 'store_unavailable', message: 'Storage is unavailable' },
        },
      },
    },
  },
  play: async ({ canvas }) => {
    expect(await canvas.findByRole('alert')).toHaveTextContent('Storage is unavailable');
  },
};

export const PermissionDenied: Story = {
  parameters: { sessionkit: { denied: ['sessionkit.sessions/delete'] } },
  play: async ({ canvas }) => {
    await canvas.findByRole('region', { name: 'Unusual sign-in on Firefox on Windows' });
    await accessAnswered(canvas, 'sessionkit.sessions/delete');
    expect(canvas.queryByRole('button', { name: /sign out/i })).toBeNull();
  },
};

export const Narrow: Story = { parameters: { sessionkit: { width: 380 } } };

export const Dark: Story = { globals: { theme: 'dark' } };

export const RightToLeft: Story = { globals: { dir: 'rtl' } };
