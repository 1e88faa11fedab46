import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { NOW, TEAM } from '../mocks/fixtures.js';
import { mutations, serverOf } from '../mocks/storyHelpers.js';
import { ApiKeyActivity } from './ApiKeyActivity.js';

const names = new Map(TEAM.map((u) => [u.userId, u.name]));

const meta = {
  title: 'Admin/ApiKeyActivity',
  component: ApiKeyActivity,
  args: { now: NOW, locale: 'en-US', userName: (id: string) => names.get(id) ?? id },
} satisfies Meta<typeof ApiKeyActivity>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  play: async ({ canvas }) => {
    const rows = await canvas.findAllByRole('row');
    expect(rows).toHaveLength(6);
    expect(within(rows[1]!).getByText('18,342')).toBeVisible();
    expect(within(rows[1]!).getByText('Active now')).toBeVisible();
    expect(within(rows[1]!).getByText('Dana Reyes')).toBeVisible();
    expect(within(rows[5]!).getByText('Revoked')).toBeVisible();
  },
};

/** Create a key: name, scopes and expiry, then the secret once, with Copy and the warning. */
export const CreateKey: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context;
    const server = serverOf(context);
    await userEvent.click(await canvas.findByRole('button', { name: 'Create API key' }));
    const form = await canvas.findByRole('dialog', { name: 'Create an API key' });
    const name = within(form).getByRole('textbox', { name: 'Name' });
    expect(name).toHaveFocus();

    // Nothing named, then no scope: refused in words, nothing sent.
    await userEvent.click(within(form).getByRole('button', { name: 'Create key' }));
    expect(await within(form).findByText('Give the key a name, such as what will use it.')).toBeVisible();
    await userEvent.type(name, 'Nightly export');
    await userEvent.click(within(form).getByRole('button', { name: 'Create key' }));
    expect(await within(form).findByText('Choose at least one.')).toBeVisible();
    expect(mutations(server)).toHaveLength(0);

    await userEvent.click(within(form).getByRole('checkbox', { name: 'sessions:read' }));
    await userEvent.selectOptions(within(form).getByRole('combobox', { name: 'Expires' }), 'In 30 days');
    await userEvent.click(within(form).getByRole('button', { name: 'Create key' }));

    const shown = await canvas.findByRole('dialog', { name: 'Your new API key' });
    const secret = within(shown).getByRole('textbox', { name: 'API key “Nightly export”' });
    expect((secret as HTMLInputElement).value).toMatch(/^skk_[A-Za-z0-9_-]{43}$/);
    expect(within(shown).getByText(/It won’t be shown again/)).toBeVisible();
    expect(within(shown).getByRole('button', { name: 'Copy' })).toHaveFocus();
    await waitFor(() =>
      expect(mutations(server).map((c) => [c.path, c.body])).toEqual([
        [
          '/me/api-keys',
          {
            name: 'Nightly export',
            scopes: ['sessions:read'],
            expiresAt: new Date(NOW.getTime() + 30 * 86_400_000).toISOString(),
          },
        ],
      ]),
    );
    await userEvent.click(within(shown).getByRole('button', { name: 'Copy' }));
    expect(await within(shown).findByText(/Copied to the clipboard|Copying didn’t work/)).toBeVisible();
    await userEvent.click(within(shown).getByRole('button', { name: 'Done' }));

    // The list has the key, by its prefix only: the secret is gone with the dialog.
    const rows = await canvas.findAllByRole('row');
    await waitFor(() => expect(canvas.getByText('Nightly export')).toBeVisible());
    expect(rows.length).toBeGreaterThan(1);
    expect(canvas.queryByDisplayValue(/^skk_/)).toBeNull();
    expect(document.body.textContent).not.toContain((secret as HTMLInputElement).value);
  },
};

/** The server refuses the new key: its words stay in the dialog, which stays open with what was typed. */
export const CreateRefused: Story = {
  parameters: {
    sessionkit: {
      server: {
        respond: {
          match: /^\/me\/api-keys$/,
          status: 400,
          body: {
            error: 'invalid_input',
            field: 'scopes',
            message: 'scopes: sessions:read is not one of read',
          },
        },
      },
    },
  },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Create API key' }));
    const form = await canvas.findByRole('dialog', { name: 'Create an API key' });
    await userEvent.type(within(form).getByRole('textbox', { name: 'Name' }), 'Export');
    await userEvent.click(within(form).getByRole('checkbox', { name: 'sessions:read' }));
    await userEvent.click(within(form).getByRole('button', { name: 'Create key' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('sessions:read is not one of read');
    expect(within(form).getByRole('textbox', { name: 'Name' })).toHaveValue('Export');
  },
};

/** An administrator revokes a key after a confirmation that names it; the row then reads Revoked. */
export const RevokeKey: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context;
    await userEvent.click(await canvas.findByRole('button', { name: 'Revoke Production sync' }));
    const dialog = await canvas.findByRole('dialog', { name: 'Revoke “Production sync”?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    await waitFor(() =>
      expect(mutations(serverOf(context)).map((c) => [c.method, c.path])).toEqual([
        ['DELETE', '/api-keys/key_1'],
      ]),
    );
    await waitFor(() => expect(canvas.queryByRole('button', { name: 'Revoke Production sync' })).toBeNull());
  },
};

/** A person's own keys (`scope="mine"`): theirs only, created and revoked by them. */
export const MyKeys: Story = {
  args: { scope: 'mine' },
  play: async (context) => {
    const { canvas, userEvent } = context;
    expect(await canvas.findByText('Ana’s reporting script')).toBeVisible();
    expect(canvas.queryByText('Production sync')).toBeNull();
    await userEvent.click(canvas.getByRole('button', { name: 'Revoke Ana’s reporting script' }));
    const dialog = await canvas.findByRole('dialog', { name: 'Revoke “Ana’s reporting script”?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    await waitFor(() =>
      expect(mutations(serverOf(context)).map((c) => [c.method, c.path])).toEqual([
        ['DELETE', '/me/api-keys/key_5'],
      ]),
    );
  },
};

export const Empty: Story = {
  parameters: { sessionkit: { server: { apiKeys: [] } } },
  play: async ({ canvas }) => {
    expect(await canvas.findByText('No API keys')).toBeVisible();
  },
};

export const Loading: Story = { parameters: { sessionkit: { server: { hang: /^\/api-keys/ } } } };

export const Failed: Story = {
  parameters: {
    sessionkit: {
      server: {
        respond: {
          match: /^\/api-keys/,
          status: 403,
          body: { error: 'forbidden', message: 'Only administrators can list API keys' },
        },
      },
    },
  },
  // A refusal is a state of access, not an error: it says so, with no Try again that couldn't help.
  play: async ({ canvas }) => {
    expect(await canvas.findByText('You don’t have access to this')).toBeVisible();
    expect(canvas.queryByRole('alert')).toBeNull();
    expect(canvas.queryByRole('button', { name: 'Try again' })).toBeNull();
  },
};

export const PermissionDenied: Story = {
  parameters: { sessionkit: { denied: ['sessionkit.apiKeys/list'] } },
  play: async ({ canvas }) => {
    expect(await canvas.findByText('You don’t have access to API keys')).toBeVisible();
  },
};

export const Narrow: Story = { parameters: { sessionkit: { width: 380 } } };

export const Dark: Story = { globals: { theme: 'dark' } };
