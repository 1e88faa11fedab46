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

/** Connecting a website: what it may do, then its token shown once with Copy; the list shows only its start. */
export const ConnectApp: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context;
    const server = serverOf(context);
    await userEvent.click(await canvas.findByRole('button', { name: 'Connect an app' }));
    const form = await canvas.findByRole('dialog', { name: 'Connect an app or website' });
    await userEvent.click(within(form).getByRole('button', { name: 'Connect' }));
    expect(await within(form).findByText(/Name the app or website/)).toBeVisible();
    await userEvent.type(within(form).getByRole('textbox', { name: 'Name' }), 'Reports dashboard');
    await userEvent.click(within(form).getByRole('button', { name: 'Connect' }));
    expect(await within(form).findByText('Choose at least one.')).toBeVisible();
    expect(mutations(server)).toHaveLength(0);

    await userEvent.click(within(form).getByRole('radio', { name: 'Application' }));
    await userEvent.click(within(form).getByRole('checkbox', { name: 'sessions:read' }));
    await userEvent.click(within(form).getByRole('button', { name: 'Connect' }));

    const shown = await canvas.findByRole('dialog', { name: 'Reports dashboard is connected' });
    const token = within(shown).getByRole('textbox', { name: 'Token for “Reports dashboard”' });
    const value = (token as HTMLInputElement).value;
    expect(value).toMatch(/^ska_[A-Za-z0-9_-]{43}$/);
    expect(within(shown).getByText(/It won’t be shown again/)).toBeVisible();
    expect(within(shown).getByRole('button', { name: 'Copy' })).toHaveFocus();
    expect(mutations(server).map((c) => [c.path, c.body])).toEqual([
      ['/me/authorized-apps', { name: 'Reports dashboard', kind: 'application', rights: ['sessions:read'] }],
    ]);
    await userEvent.click(within(shown).getByRole('button', { name: 'Done' }));

    const apps = await canvas.findByRole('table', { name: 'Authorized applications' });
    await waitFor(() => expect(within(apps).getByText('Reports dashboard')).toBeVisible());
    expect(within(apps).getByText(value.slice(0, 12))).toBeVisible();
    expect(document.body.textContent).not.toContain(value);
  },
};

/** The server refuses: its words stay in the dialog, which stays open with what was chosen. */
export const ConnectAppRefused: Story = {
  parameters: {
    sessionkit: {
      server: {
        respond: {
          match: /^\/me\/authorized-apps$/,
          method: 'POST',
          status: 400,
          body: {
            error: 'invalid_input',
            message: 'rights: "write" is not one the server offers',
            field: 'rights',
          },
        },
      },
    },
  },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Connect an app' }));
    const form = await canvas.findByRole('dialog', { name: 'Connect an app or website' });
    await userEvent.type(within(form).getByRole('textbox', { name: 'Name' }), 'status.acme.example');
    await userEvent.click(within(form).getByRole('checkbox', { name: 'write' }));
    await userEvent.click(within(form).getByRole('button', { name: 'Connect' }));
    expect(await within(form).findByText(/is not one the server offers/)).toBeVisible();
    expect(within(form).getByRole('textbox', { name: 'Name' })).toHaveValue('status.acme.example');
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
    sessionkit: {
      denied: [
        'sessionkit.authorizedApps/delete',
        'sessionkit.authorizedApps/create',
        'sessionkit.pushRegistrations/delete',
      ],
    },
  },
  play: async ({ canvas }) => {
    await canvas.findByRole('table', { name: 'Authorized applications' });
    await canvas.findByRole('table', { name: 'Mobile notifications' });
    await accessAnswered(canvas, 'sessionkit.authorizedApps/delete');
    await accessAnswered(canvas, 'sessionkit.pushRegistrations/delete');
    await accessAnswered(canvas, 'sessionkit.authorizedApps/create');
    expect(canvas.queryByRole('button', { name: /^Remove/ })).toBeNull();
    expect(canvas.queryByRole('button', { name: 'Connect an app' })).toBeNull();
  },
};

export const Narrow: Story = { parameters: { sessionkit: { width: 380 } } };

export const Dark: Story = { globals: { theme: 'dark' } };
