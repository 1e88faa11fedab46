import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { IT_ADMIN, NOW } from '../mocks/fixtures.js';
import { accessAnswered, mutations, serverOf } from '../mocks/storyHelpers.js';
import { TeamSessions } from './TeamSessions.js';

const meta = {
  title: 'Admin/TeamSessions',
  component: TeamSessions,
  args: { now: NOW, locale: 'en-US' },
} satisfies Meta<typeof TeamSessions>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  play: async ({ canvas }) => {
    const cards = await canvas.findByRole('list', { name: 'Summary' });
    await waitFor(() => expect(within(cards).getByText('7')).toBeVisible());
    expect(within(cards).getByText('11')).toBeVisible();
    const table = await canvas.findByRole('table', { name: 'Signed-in users' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(8);
    // Newest login first, to the second.
    expect(within(rows[1]!).getByText('Mei Tanaka')).toBeVisible();
    expect(within(rows[1]!).getByText('Mar 4, 2026, 9:29:58 AM')).toBeVisible();
    expect(within(table).getAllByText('SUPER')).toHaveLength(2);
  },
};

export const Expanded: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context;
    const toggle = await canvas.findByRole('button', { name: '3 active sessions of Kofi Mensah' });
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const list = await canvas.findByRole('list', { name: 'Sessions of Kofi Mensah' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3));
    expect(within(list).getByText('Chrome on Pixel 9')).toBeVisible();
    const call = serverOf(context).calls.find((c) => c.path === '/admin/sessions')!;
    expect(call.query).toEqual({ userId: 'usr_kofi', status: 'active' });
  },
};

export const FilterByUser: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context;
    await userEvent.type(await canvas.findByRole('searchbox', { name: 'Filter by user' }), 'sofia');
    await waitFor(() => expect(within(canvas.getByRole('table')).getAllByRole('row')).toHaveLength(2));
    expect(canvas.getByText('Sofia Müller')).toBeVisible();
    expect(canvas.getByText('1 user signed in')).toBeVisible();
    expect(serverOf(context).calls.at(-1)!.query).toMatchObject({
      q: 'sofia',
      _sort: 'lastLoginAt',
      _order: 'desc',
    });
  },
};

/**
 * A dialog opened from a row's actions cell (right-aligned, no wrapping) takes none of the cell's text layout:
 * its text starts at the start edge, wraps, and stays inside it.
 */
function expectOwnLayout(dialog: HTMLElement) {
  const style = getComputedStyle(dialog);
  expect(style.textAlign).toBe('start');
  expect(style.whiteSpace).toBe('normal');
  expect(dialog.scrollWidth).toBeLessThanOrEqual(dialog.clientWidth);
  for (const p of dialog.querySelectorAll('p')) expect(p.scrollWidth).toBeLessThanOrEqual(p.clientWidth);
}

/** Whether an element shows whole inside a box, sideways. */
function expectInside(element: Element, box: Element) {
  const inner = element.getBoundingClientRect();
  const outer = box.getBoundingClientRect();
  expect(inner.left).toBeGreaterThanOrEqual(outer.left);
  expect(inner.right).toBeLessThanOrEqual(outer.right);
}

export const ForceLogoutAUser: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context;
    await userEvent.click(await canvas.findByRole('button', { name: 'Force logout Kofi Mensah' }));
    const dialog = await canvas.findByRole('dialog', { name: 'Sign Kofi Mensah out everywhere?' });
    expectOwnLayout(dialog);
    await userEvent.type(within(dialog).getByRole('textbox'), 'Left the company');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Force logout' }));
    await waitFor(() =>
      expect(mutations(serverOf(context))).toMatchObject([
        { method: 'POST', path: '/admin/users/usr_kofi/force-logout', body: { reason: 'Left the company' } },
      ]),
    );
    await waitFor(() => expect(canvas.queryByText('Kofi Mensah')).toBeNull());
  },
};

export const SignOutWholeTeam: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context;
    const server = serverOf(context);
    await userEvent.click(await canvas.findByRole('button', { name: 'Sign out all team sessions' }));
    const dialog = await canvas.findByRole('dialog', { name: 'Sign out the whole team?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign out all team sessions' }));
    expect(await within(dialog).findByText('Enter a reason: it is kept in the audit log.')).toBeVisible();
    expect(mutations(server)).toHaveLength(0);
    await userEvent.type(within(dialog).getByRole('textbox'), 'Suspected credential leak');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign out all team sessions' }));
    await waitFor(() =>
      expect(mutations(server)).toMatchObject([
        { method: 'POST', path: '/admin/sessions/revoke-all', body: { reason: 'Suspected credential leak' } },
      ]),
    );
    // Only the caller's own session is left.
    await waitFor(() => expect(within(canvas.getByRole('table')).getAllByRole('row')).toHaveLength(2));
  },
};

export const Refresh: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context;
    await canvas.findByRole('table');
    const before = serverOf(context).calls.length;
    await userEvent.click(canvas.getByRole('button', { name: 'Refresh' }));
    await waitFor(() =>
      expect(
        serverOf(context)
          .calls.slice(before)
          .map((c) => c.path)
          .sort(),
      ).toEqual(['/admin/summary', '/admin/users']),
    );
  },
};

export const Loading: Story = { parameters: { sessionkit: { server: { hang: /^\/admin\// } } } };

export const Empty: Story = {
  parameters: { sessionkit: { server: { teamSessions: [] } } },
  play: async ({ canvas }) => {
    expect(await canvas.findByText('Nobody is signed in')).toBeVisible();
  },
};

export const Failed: Story = {
  parameters: {
    sessionkit: {
      server: {
        respond: {
          match: /^\/admin\//,
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
  parameters: { sessionkit: { denied: ['sessionkit.team/list'] } },
  play: async (context) => {
    expect(await context.canvas.findByText('You don’t have access to the team’s sessions')).toBeVisible();
    expect(serverOf(context).calls).toHaveLength(0);
  },
};

export const NoTeamSignOut: Story = {
  parameters: { sessionkit: { denied: ['sessionkit.team/revokeAll', 'sessionkit.users/forceLogout'] } },
  play: async ({ canvas }) => {
    const table = await canvas.findByRole('table', { name: 'Signed-in users' });
    await accessAnswered(canvas, 'sessionkit.team/revokeAll');
    // One check a row: each user's Force logout is asked about that user.
    const users = within(table).getAllByRole('row').length - 1;
    await accessAnswered(canvas, 'sessionkit.users/forceLogout', users);
    expect(canvas.queryByRole('button', { name: /sign out all|force logout/i })).toBeNull();
  },
};

/**
 * The kit's own access control over the server's answer, for an administrator who isn't a super user: every row
 * can be forced out but the super users' (Ana and Dana), as the server would refuse those.
 */
export const NonSuperAdmin: Story = {
  parameters: { sessionkit: { access: 'kit', server: { caller: IT_ADMIN } } },
  play: async ({ canvas }) => {
    const table = await canvas.findByRole('table', { name: 'Signed-in users' });
    const users = within(table).getAllByRole('row').length - 1;
    const answers = await accessAnswered(canvas, 'sessionkit.users/forceLogout', users);
    expect(answers.filter((a) => a.endsWith('denied')).sort()).toEqual([
      'sessionkit.users/forceLogout userId=usr_ana: denied',
      'sessionkit.users/forceLogout userId=usr_dana: denied',
    ]);
    expect(canvas.getByRole('button', { name: 'Force logout Kofi Mensah' })).toBeVisible();
    expect(canvas.queryByRole('button', { name: 'Force logout Ana Ribeiro' })).toBeNull();
    expect(canvas.queryByRole('button', { name: 'Force logout Dana Reyes' })).toBeNull();
    expect(canvas.getByRole('button', { name: /sign out all/i })).toBeVisible();
  },
};

/** The same screen for a super user: the kit's answer lets them force out the other super users too. */
export const SuperUserAdmin: Story = {
  parameters: { sessionkit: { access: 'kit' } },
  play: async ({ canvas }) => {
    const table = await canvas.findByRole('table', { name: 'Signed-in users' });
    const users = within(table).getAllByRole('row').length - 1;
    const answers = await accessAnswered(canvas, 'sessionkit.users/forceLogout', users);
    expect(answers.every((a) => a.endsWith('allowed'))).toBe(true);
    expect(canvas.getByRole('button', { name: 'Force logout Dana Reyes' })).toBeVisible();
  },
};

/** Beside each user's last login, when they were last active on any session. */
export const LastActiveColumn: Story = {
  play: async ({ canvas }) => {
    const table = await canvas.findByRole('table', { name: 'Signed-in users' });
    expect(within(table).getByRole('columnheader', { name: 'Last active' })).toBeVisible();
    const kofi = within(table)
      .getAllByRole('row')
      .find((row) => within(row).queryByText('Kofi Mensah'))!;
    // Of Kofi's three sessions, the phone was used last: 11 minutes ago.
    expect(within(kofi).getByText('11 minutes ago')).toBeVisible();
  },
};

/** One session of a user ends from the expanded row; their other sessions stay. */
export const SignOutOneSessionOfUser: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context;
    const server = serverOf(context);
    await userEvent.click(await canvas.findByRole('button', { name: '3 active sessions of Kofi Mensah' }));
    const list = await canvas.findByRole('list', { name: 'Sessions of Kofi Mensah' });
    await userEvent.click(
      await within(list).findByRole('button', { name: 'Sign out Safari on iPad of Kofi Mensah' }),
    );
    const dialog = await canvas.findByRole('dialog', { name: 'Sign Kofi Mensah out of Safari on iPad?' });
    await userEvent.type(within(dialog).getByRole('textbox'), 'Old tablet');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign out' }));
    const ipad = server.state.team.find((s) => s.device.label === 'Safari on iPad')!;
    await waitFor(() =>
      expect(mutations(server)).toMatchObject([
        { method: 'DELETE', path: `/admin/sessions/${ipad.id}`, body: { reason: 'Old tablet' } },
      ]),
    );
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    expect(within(list).queryByText('Safari on iPad')).toBeNull();
  },
};

export const DialogConfirmation: Story = { args: { forceLogoutConfirmation: 'dialog' } };

export const Narrow: Story = { parameters: { sessionkit: { width: 420 } } };

/**
 * A phone's width: each signed-in user is a card, nothing scrolls sideways, and Force logout and the last login
 * stay in view; the Force logout dialog is laid out as on a desktop.
 */
export const Phone: Story = {
  parameters: { sessionkit: { width: 390 } },
  play: async ({ canvas, userEvent }) => {
    const table = await canvas.findByRole('table', { name: 'Signed-in users' });
    await waitFor(() => expect(within(table).getByText('Mei Tanaka')).toBeVisible());
    const wrap = table.parentElement!;
    expect(wrap.scrollWidth).toBeLessThanOrEqual(wrap.clientWidth);
    expect(within(table).queryByRole('columnheader', { name: 'Department' })).toBeNull();
    const kofi = within(table).getByRole('button', { name: 'Force logout Kofi Mensah' });
    expectInside(kofi, wrap);
    expectInside(within(table).getByText('Mar 4, 2026, 9:29:58 AM'), wrap);
    await userEvent.click(kofi);
    expectOwnLayout(await canvas.findByRole('dialog', { name: 'Sign Kofi Mensah out everywhere?' }));
  },
};

export const Dark: Story = { globals: { theme: 'dark' } };

/** Counted phrases take their form from Hebrew's plural rules through the host's translations. */
export const RightToLeft: Story = {
  globals: { dir: 'rtl' },
  args: { locale: 'he' },
  play: async ({ canvas, userEvent }) => {
    expect(await canvas.findByText('7 משתמשים מחוברים')).toBeVisible();
    await userEvent.type(canvas.getByRole('searchbox'), 'sofia');
    expect(await canvas.findByText('משתמש אחד מחובר')).toBeVisible();
  },
};
