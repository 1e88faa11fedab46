import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { IT_ADMIN, NOW } from '../mocks/fixtures.js';
import { accessAnswered, mutations, serverOf } from '../mocks/storyHelpers.js';
import { SessionHistory } from './SessionHistory.js';

const meta = {
  title: 'Admin/SessionHistory',
  component: SessionHistory,
  args: { now: NOW, locale: 'en-US' },
} satisfies Meta<typeof SessionHistory>;
export default meta;
type Story = StoryObj<typeof meta>;

const rowOf = (table: HTMLElement, text: string) =>
  within(table)
    .getAllByRole('row')
    .find((row) => within(row).queryByText(text) !== null)!;

/** Active and ended sessions together, the newest sign-in first, with how and by whom each ended. */
export const AllSessions: Story = {
  play: async (context) => {
    const { canvas } = context;
    const table = await canvas.findByRole('table', { name: 'Sessions' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(15));
    const forced = rowOf(table, 'Signed out by an administrator · “Sign-in from an unknown country”');
    expect(within(forced).getByText('Kofi Mensah')).toBeVisible();
    expect(within(forced).getByText('Lagos')).toBeVisible();
    expect(within(forced).getByText('102.89.34.12')).toBeVisible();
    expect(within(forced).getByText('by Ana Ribeiro')).toBeVisible();
    const timedOut = rowOf(table, 'Timed out after inactivity');
    expect(within(timedOut).getByText('Automatically')).toBeVisible();
    // Signed out by its owner: the user and the ender are the same person.
    const signedOut = rowOf(table, 'Signed out');
    expect(within(signedOut).getByText('Lucas Almeida')).toBeVisible();
    expect(within(signedOut).getByText('by Lucas Almeida')).toBeVisible();
    expect(serverOf(context).calls.find((c) => c.path === '/admin/sessions')!.query).toMatchObject({
      status: 'all',
      _sort: 'createdAt',
      _order: 'desc',
    });
  },
};

export const FilterEnded: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context;
    const table = await canvas.findByRole('table', { name: 'Sessions' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(15));
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Status' }), 'Ended');
    await waitFor(() =>
      expect(within(canvas.getByRole('table', { name: 'Sessions' })).getAllByRole('row')).toHaveLength(4),
    );
    expect(canvas.getByText('3 sessions')).toBeVisible();
    expect(serverOf(context).calls.at(-1)!.query).toMatchObject({ status: 'ended' });
    expect(canvas.queryByRole('button', { name: /^Sign out .+ of / })).toBeNull();
  },
};

export const FilterActive: Story = {
  args: { initialStatus: 'active' },
  play: async (context) => {
    const table = await context.canvas.findByRole('table', { name: 'Sessions' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(12));
    expect(within(table).queryByText('Timed out after inactivity')).toBeNull();
  },
};

/** An administrator ends one session of a person, with the reason the audit trail keeps. */
export const SignOutOneSession: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context;
    const server = serverOf(context);
    const button = await canvas.findByRole('button', { name: 'Sign out Chrome on Pixel 9 of Kofi Mensah' });
    const target = server.state.team.find((s) => s.device.label === 'Chrome on Pixel 9')!;
    await userEvent.click(button);
    const dialog = await canvas.findByRole('dialog', { name: 'Sign Kofi Mensah out of Chrome on Pixel 9?' });
    expect(within(dialog).getByText('11 minutes ago')).toBeVisible();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign out' }));
    expect(await within(dialog).findByText('Enter a reason: it is kept in the audit log.')).toBeVisible();
    expect(mutations(server)).toHaveLength(0);
    await userEvent.type(within(dialog).getByRole('textbox'), 'Phone lost');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign out' }));
    await waitFor(() =>
      expect(mutations(server)).toMatchObject([
        { method: 'DELETE', path: `/admin/sessions/${target.id}`, body: { reason: 'Phone lost' } },
      ]),
    );
    const table = canvas.getByRole('table', { name: 'Sessions' });
    await waitFor(() =>
      expect(within(table).getByText('Signed out from another device · “Phone lost”')).toBeVisible(),
    );
    expect(canvas.queryByRole('button', { name: 'Sign out Chrome on Pixel 9 of Kofi Mensah' })).toBeNull();
  },
};

/** For an administrator who isn't a super user, the super users' sessions have no Sign out. */
export const NonSuperAdmin: Story = {
  args: { initialStatus: 'active' },
  parameters: { sessionkit: { access: 'kit', server: { caller: IT_ADMIN } } },
  play: async ({ canvas }) => {
    const table = await canvas.findByRole('table', { name: 'Sessions' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(12));
    const answers = await accessAnswered(canvas, 'sessionkit.users/forceLogout', 7);
    expect(answers.filter((a) => a.endsWith('denied')).sort()).toEqual([
      'sessionkit.users/forceLogout userId=usr_ana: denied',
      'sessionkit.users/forceLogout userId=usr_dana: denied',
    ]);
    expect(canvas.getByRole('button', { name: 'Sign out Chrome on Pixel 9 of Kofi Mensah' })).toBeVisible();
    expect(canvas.queryByRole('button', { name: /^Sign out .+ of (Ana Ribeiro|Dana Reyes)$/ })).toBeNull();
  },
};

export const PermissionDenied: Story = {
  parameters: { sessionkit: { denied: ['sessionkit.team/list'] } },
  play: async (context) => {
    expect(await context.canvas.findByText('You don’t have access to the team’s sessions')).toBeVisible();
    expect(serverOf(context).calls).toHaveLength(0);
  },
};

export const Loading: Story = { parameters: { sessionkit: { server: { hang: /^\/admin\// } } } };

export const Narrow: Story = { parameters: { sessionkit: { width: 420 } } };

export const Dark: Story = { globals: { theme: 'dark' } };
