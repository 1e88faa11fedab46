import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { IT_ADMIN } from '../mocks/fixtures.js';
import { accessAnswered, mutations, serverOf } from '../mocks/storyHelpers.js';
import { ForceLogoutButton } from './ForceLogoutButton.js';

const meta = {
  title: 'Admin/ForceLogoutButton',
  component: ForceLogoutButton,
  args: { userId: 'usr_kofi', userName: 'Kofi Mensah', confirmation: 'reason' },
} satisfies Meta<typeof ForceLogoutButton>;
export default meta;
type Story = StoryObj<typeof meta>;

export const ReasonRequired: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context;
    const server = serverOf(context);
    await userEvent.click(await canvas.findByRole('button', { name: 'Force logout Kofi Mensah' }));
    const dialog = await canvas.findByRole('dialog', { name: 'Sign Kofi Mensah out everywhere?' });
    const reason = within(dialog).getByRole('textbox', { name: /reason/i });
    expect(reason).toHaveFocus();

    // Empty, then only spaces: refused with a message, nothing sent.
    await userEvent.click(within(dialog).getByRole('button', { name: 'Force logout' }));
    expect(await within(dialog).findByText('Enter a reason: it is kept in the audit log.')).toBeVisible();
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    await userEvent.type(reason, '   ');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Force logout' }));
    expect(mutations(server)).toHaveLength(0);

    await userEvent.type(reason, 'Laptop reported stolen');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Force logout' }));
    await waitFor(() =>
      expect(mutations(server)).toEqual([
        {
          method: 'POST',
          path: '/admin/users/usr_kofi/force-logout',
          query: {},
          body: { reason: 'Laptop reported stolen' },
          csrf: 'csrf-mock-7d1f',
        },
      ]),
    );
    await waitFor(() => expect(canvas.queryByRole('dialog')).toBeNull());
    expect(
      server.state.team.filter((s) => s.userId === 'usr_kofi').every((s) => s.endReason === 'force_logout'),
    ).toBe(true);
  },
};

export const DialogConfirmation: Story = {
  args: { confirmation: 'dialog' },
  play: async (context) => {
    const { canvas, userEvent } = context;
    await userEvent.click(await canvas.findByRole('button', { name: 'Force logout Kofi Mensah' }));
    const dialog = await canvas.findByRole('dialog', { name: 'Sign Kofi Mensah out everywhere?' });
    expect(within(dialog).queryByRole('textbox')).toBeNull();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Force logout' }));
    await waitFor(() =>
      expect(mutations(serverOf(context)).map((c) => [c.path, c.body])).toEqual([
        ['/admin/users/usr_kofi/force-logout', {}],
      ]),
    );
  },
};

export const NoConfirmation: Story = {
  args: { confirmation: 'none' },
  play: async (context) => {
    const { canvas, userEvent } = context;
    await userEvent.click(await canvas.findByRole('button', { name: 'Force logout Kofi Mensah' }));
    await waitFor(() => expect(mutations(serverOf(context))).toHaveLength(1));
    expect(canvas.queryByRole('dialog')).toBeNull();
  },
};

export const ServerRefuses: Story = {
  args: { confirmation: 'dialog' },
  parameters: {
    sessionkit: {
      server: {
        respond: {
          match: /force-logout$/,
          status: 403,
          body: { error: 'forbidden', message: 'Only super users can sign out a super user.' },
        },
      },
    },
  },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Force logout Kofi Mensah' }));
    const dialog = await canvas.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Force logout' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Only super users can sign out a super user.',
    );
  },
};

export const PermissionDenied: Story = {
  parameters: { sessionkit: { denied: ['sessionkit.users/forceLogout'] } },
  play: async ({ canvas }) => {
    await accessAnswered(canvas, 'sessionkit.users/forceLogout');
    expect(canvas.queryByRole('button')).toBeNull();
  },
};

/** A super user's button, for an administrator who isn't one: the kit's answer about Dana hides it. */
export const SuperUserTarget: Story = {
  args: { userId: 'usr_dana', userName: 'Dana Reyes' },
  parameters: { sessionkit: { access: 'kit', server: { caller: IT_ADMIN } } },
  play: async (context) => {
    const answers = await accessAnswered(context.canvas, 'sessionkit.users/forceLogout');
    expect(answers).toEqual(['sessionkit.users/forceLogout userId=usr_dana: denied']);
    expect(context.canvas.queryByRole('button')).toBeNull();
    expect(serverOf(context).calls.map((c) => `${c.path}?${new URLSearchParams(c.query)}`)).toEqual([
      '/me/access?userId=usr_dana',
    ]);
  },
};

/** The dialog says how many sessions end and what the person will see next. */
export const SaysWhatEnds: Story = {
  args: { activeSessions: 3 },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Force logout Kofi Mensah' }));
    const dialog = await canvas.findByRole('dialog', { name: 'Sign Kofi Mensah out everywhere?' });
    expect(within(dialog).getByText(/3 active sessions of Kofi Mensah end now\./)).toBeVisible();
    expect(
      within(dialog).getByText(/Their next request fails and they see the reason on the login page/),
    ).toBeVisible();
  },
};

export const SaysOneSessionEnds: Story = {
  args: { activeSessions: 1 },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Force logout Kofi Mensah' }));
    const dialog = await canvas.findByRole('dialog', { name: 'Sign Kofi Mensah out everywhere?' });
    expect(within(dialog).getByText(/1 active session of Kofi Mensah ends now\./)).toBeVisible();
  },
};

/**
 * Signed in as Kofi: no Force logout on his own row (he signs out from his own sessions list), while Lucas's row,
 * answered by the same identity, has one.
 */
export const NotOnOwnRow: Story = {
  parameters: { sessionkit: { identity: { id: 'usr_kofi', name: 'Kofi Mensah' } } },
  render: (args) => (
    <>
      <ForceLogoutButton {...args} />
      <ForceLogoutButton userId="usr_lucas" userName="Lucas Martin" />
    </>
  ),
  play: async ({ canvas }) => {
    expect(await canvas.findByRole('button', { name: 'Force logout Lucas Martin' })).toBeVisible();
    await accessAnswered(canvas, 'sessionkit.users/forceLogout', 2);
    expect(canvas.queryByRole('button', { name: 'Force logout Kofi Mensah' })).toBeNull();
  },
};

export const Dark: Story = { globals: { theme: 'dark' } };

/** The reason dialog open and filled in, as an administrator sees it before confirming. */
export const ReasonDialog: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Force logout Kofi Mensah' }));
    const dialog = await canvas.findByRole('dialog', { name: 'Sign Kofi Mensah out everywhere?' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: /reason/i }), 'Laptop reported stolen');
  },
};
