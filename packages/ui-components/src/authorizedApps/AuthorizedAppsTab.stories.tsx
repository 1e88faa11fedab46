import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { NOW } from '../mocks/fixtures.js';
import { accessAnswered, mutations, serverOf } from '../mocks/storyHelpers.js';
import { AuthorizedAppsTab } from './AuthorizedAppsTab.js';

const meta = {
  title: 'Account/AuthorizedAppsTab',
  component: AuthorizedAppsTab,
  args: { now: NOW, locale: 'en-US' },
} satisfies Meta<typeof AuthorizedAppsTab>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  play: async ({ canvas }) => {
    const apps = await canvas.findByRole('table', { name: 'Authorized applications' });
    // A mobile login shows the device's name first.
    expect(within(apps).getByText('Galaxy S24 (Kofi)')).toBeVisible();
    expect(await canvas.findByRole('table', { name: 'Mobile notifications' })).toBeVisible();
  },
};

export const RevokeApp: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context;
    await userEvent.click(await canvas.findByRole('button', { name: 'Remove Zapier' }));
    const dialog = await canvas.findByRole('dialog', { name: 'Remove Zapier?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
    await waitFor(() =>
      expect(mutations(serverOf(context)).map((c) => `${c.method} ${c.path}`)).toEqual([
        'DELETE /me/authorized-apps/app_3',
      ]),
    );
    await waitFor(() => expect(canvas.queryByText('Zapier')).toBeNull());
  },
};

export const RemovePushRegistration: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context;
    await userEvent.click(
      await canvas.findByRole('button', { name: 'Remove Acme for Android notifications on Pixel 9' }),
    );
    const dialog = await canvas.findByRole('dialog', { name: 'Stop notifications on Pixel 9?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
    await waitFor(() =>
      expect(mutations(serverOf(context)).map((c) => `${c.method} ${c.path}`)).toEqual([
        'DELETE /me/push-registrations/push_2',
      ]),
    );
  },
};

export const AnotherUser: Story = {
  args: { userId: 'usr_kofi' },
  play: async (context) => {
    await context.canvas.findByRole('table', { name: 'Authorized applications' });
    expect(context.canvas.queryByRole('heading', { name: 'Mobile notifications' })).toBeNull();
    expect(serverOf(context).calls.map((c) => c.path)).toEqual(['/admin/users/usr_kofi/authorized-apps']);
  },
};

export const Empty: Story = {
  parameters: { sessionkit: { server: { apps: [], push: [] } } },
  play: async ({ canvas }) => {
    expect(await canvas.findByText('No authorized applications')).toBeVisible();
    expect(await canvas.findByText('No devices receive notifications')).toBeVisible();
  },
};

export const Loading: Story = { parameters: { sessionkit: { server: { hang: /^\/me\// } } } };

export const Failed: Story = {
  parameters: {
    sessionkit: {
      server: {
        respond: {
          match: /^\/me\//,
          status: 503,
          body: { error: 'store_unavailable', message: 'Storage is unavailable' },
        },
      },
    },
  },
  play: async ({ canvas }) => {
    expect(await canvas.findAllByRole('alert')).toHaveLength(2);
  },
};

export const PermissionDenied: Story = {
  parameters: {
    sessionkit: { denied: ['sessionkit.authorizedApps/delete', 'sessionkit.pushRegistrations/delete'] },
  },
  play: async ({ canvas }) => {
    await canvas.findByRole('table', { name: 'Authorized applications' });
    await canvas.findByRole('table', { name: 'Mobile notifications' });
    await accessAnswered(canvas, 'sessionkit.authorizedApps/delete');
    await accessAnswered(canvas, 'sessionkit.pushRegistrations/delete');
    expect(canvas.queryByRole('button', { name: /^Remove/ })).toBeNull();
  },
};

export const Narrow: Story = { parameters: { sessionkit: { width: 380 } } };

export const Dark: Story = { globals: { theme: 'dark' } };
