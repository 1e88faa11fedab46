import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { NOW, OWNER, mySessions, policy } from '../mocks/fixtures.js';
import { accessAnswered, mutations, serverOf } from '../mocks/storyHelpers.js';
import { SessionDetails } from './SessionDetails.js';

const sessions = mySessions();
const phone = sessions[1]!;

const meta = {
  title: 'Account/SessionDetails',
  component: SessionDetails,
  args: { sessionId: phone.id, now: NOW, locale: 'en-US' },
} satisfies Meta<typeof SessionDetails>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  play: async (context) => {
    const { canvas } = context;
    expect(await canvas.findByRole('heading', { name: /Safari on iPhone/ })).toBeVisible();
    expect(canvas.getByText('Mobile Safari 18.2')).toBeVisible();
    expect(canvas.getByText('iOS 18.2')).toBeVisible();
    expect(canvas.getByText('Apple iPhone')).toBeVisible();
    expect(canvas.getByText('MEO')).toBeVisible();
    expect(canvas.getByText('ses_0004…0004')).toBeVisible();
    expect(canvas.getByText('1 in the last 30 days')).toBeVisible();
    expect(serverOf(context).calls.map((c) => c.path)).toEqual([`/me/sessions/${phone.id}`]);
  },
};

/** The same iPhone signed in twice before, in sessions since ended: three sign-ins from that device. */
export const SignInsFromTheDevice: Story = {
  parameters: {
    sessionkit: {
      server: {
        mySessions: [
          ...mySessions(),
          ...['ses_earlier_1', 'ses_earlier_2'].map((id) => ({
            ...phone,
            id,
            status: 'ended' as const,
            endReason: 'logout' as const,
            endedAt: NOW,
          })),
        ],
      },
    },
  },
  play: async ({ canvas }) => {
    const row = (await canvas.findByText('Sign-ins from this device')).closest('div')!;
    expect(within(row).getByText('3 in the last 30 days')).toBeVisible();
  },
};

/** Signing the session out from its details: confirmed, then the view shows it ended. */
export const SignOut: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context;
    await userEvent.click(await canvas.findByRole('button', { name: 'Sign out' }));
    const dialog = await canvas.findByRole('dialog', { name: 'Sign out of Safari on iPhone?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign out' }));
    await waitFor(() =>
      expect(mutations(serverOf(context))).toMatchObject([
        { method: 'DELETE', path: `/me/sessions/${phone.id}` },
      ]),
    );
    expect(await canvas.findByText(/Signed out from another device/)).toBeVisible();
    expect(canvas.queryByRole('button', { name: 'Sign out' })).toBeNull();
  },
};

/** The device in use is signed out from the account menu, not from its own details. */
export const CurrentDevice: Story = {
  args: { sessionId: sessions[0]!.id },
  play: async ({ canvas }) => {
    expect(await canvas.findByText('This Device')).toBeVisible();
    await accessAnswered(canvas, 'sessionkit.sessions/delete');
    expect(canvas.queryByRole('button', { name: 'Sign out' })).toBeNull();
  },
};

export const AppSession: Story = { args: { sessionId: sessions[4]!.id } };

export const Ended: Story = {
  args: {
    sessionId: phone.id,
    session: { ...phone, status: 'ended', endReason: 'force_logout', endedAt: NOW },
  },
  play: async (context) => {
    expect(await context.canvas.findByText(/Signed out by an administrator/)).toBeVisible();
    expect(serverOf(context).calls).toHaveLength(0);
  },
};

export const Loading: Story = { parameters: { sessionkit: { server: { hang: /^\/me\/sessions/ } } } };

export const NotFound: Story = {
  args: { sessionId: 'ses_missing' },
  play: async ({ canvas }) => {
    expect(await canvas.findByRole('alert')).toHaveTextContent('No such session');
  },
};

export const Narrow: Story = { parameters: { sessionkit: { width: 380 } } };

export const Dark: Story = { globals: { theme: 'dark' } };

/** The person's role has its own idle timeout: the details say which rules come from it. */
export const EffectivePolicy: Story = {
  parameters: {
    sessionkit: {
      server: {
        caller: { ...OWNER, role: 'Support agent' },
        policy: policy({ roles: { 'Support agent': { idleTimeout: { value: 8, unit: 'hours' } } } }),
      },
    },
  },
  play: async ({ canvas }) => {
    const section = within(await canvas.findByRole('region', { name: 'Effective policy' }));
    const idle = section.getByText('Idle timeout').closest('div')!;
    expect(idle).toHaveTextContent('8 hours');
    expect(idle).toHaveTextContent('From role Support agent');
    const limit = section.getByText('Concurrent sessions').closest('div')!;
    expect(limit).toHaveTextContent('At most 3');
    expect(limit).toHaveTextContent('From the account policy');
    expect(section.getByText('Other sessions expire after').closest('div')).toHaveTextContent('1 day');
  },
};

/** The person's role ends its sessions after 8 hours: the details say so, and that the role sets it. */
export const EffectiveLifetimeFromRole: Story = {
  parameters: {
    sessionkit: {
      server: {
        caller: { ...OWNER, role: 'Support agent' },
        policy: policy({
          roles: { 'Support agent': { rememberMe: { standardLifetime: { value: 8, unit: 'hours' } } } },
        }),
      },
    },
  },
  play: async ({ canvas }) => {
    const section = within(await canvas.findByRole('region', { name: 'Effective policy' }));
    const lifetime = section.getByText('Other sessions expire after').closest('div')!;
    expect(lifetime).toHaveTextContent('8 hours');
    expect(lifetime).toHaveTextContent('From role Support agent');
    const remember = section.getByText('Remember me').closest('div')!;
    expect(remember).toHaveTextContent('Allowed, lasts 30 days');
    expect(remember).toHaveTextContent('From the account policy');
  },
};
