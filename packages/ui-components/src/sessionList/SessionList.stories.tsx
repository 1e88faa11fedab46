import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { NOW, manySessions, mySessions } from '../mocks/fixtures.js';
import { accessAnswered, expectColumnsAligned, mutations, serverOf } from '../mocks/storyHelpers.js';
import { SessionList } from './SessionList.js';

const meta = {
  title: 'Account/SessionList',
  component: SessionList,
  args: { now: NOW, locale: 'en-US' },
} satisfies Meta<typeof SessionList>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  play: async ({ canvas }) => {
    const rows = await canvas.findAllByRole('row');
    expect(rows).toHaveLength(mySessions().length + 1);
    // The current session comes first and is marked.
    expect(within(rows[1]!).getByText('This Device')).toBeVisible();
    expect(within(rows[1]!).getAllByText('Active now').at(-1)).toBeVisible();
    expect(within(rows[1]!).queryByRole('button', { name: /sign out/i })).toBeNull();
    // The row of this device has no Sign out button, and still lines up with the others.
    expectColumnsAligned(rows);
    // What the narrow layout repeats under the device is left out, not hidden, at this width.
    expect(canvas.queryByText('Berlin, Germany · 91.64.120.17')).toBeNull();
  },
};

/** Each session shows when it began (the accounts-product source lists start time and IP). */
export const StartTime: Story = {
  play: async ({ canvas }) => {
    const rows = await canvas.findAllByRole('row');
    const started = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });
    mySessions().forEach((session, i) =>
      expect(
        within(rows[i + 1]!).getByText(`Signed in ${started.format(session.createdAt)}`, { exact: false }),
      ).toBeVisible(),
    );
  },
};

export const SignOutOne: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context;
    const server = serverOf(context);
    const trigger = await canvas.findByRole('button', { name: 'Sign out Edge on Windows' });
    await userEvent.click(trigger);
    const dialog = await canvas.findByRole('dialog', { name: 'Sign out of Edge on Windows?' });
    expect(within(dialog).getByText('Berlin, Germany')).toBeVisible();
    expect(within(dialog).getByText('91.64.120.17')).toBeVisible();
    const lastSeen = server.state.mine.find((s) => s.device.label === 'Edge on Windows')!.lastSeenAt;
    const lastActive = within(dialog).getByText('Last active').nextElementSibling!.querySelector('time')!;
    expect(lastActive).toHaveAttribute('dateTime', new Date(lastSeen).toISOString());
    expect(lastActive).toBeVisible();
    expect(mutations(server)).toHaveLength(0);

    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign out' }));
    const edge = server.state.mine.find((s) => s.device.label === 'Edge on Windows')!;
    await waitFor(() =>
      expect(mutations(server)).toEqual([
        {
          method: 'DELETE',
          path: `/me/sessions/${edge.id}`,
          query: {},
          body: undefined,
          csrf: 'csrf-mock-7d1f',
        },
      ]),
    );
    await waitFor(() =>
      expect(canvas.queryByRole('button', { name: 'Sign out Edge on Windows' })).toBeNull(),
    );
    expect(canvas.queryByRole('dialog')).toBeNull();
    // The button that opened the dialog is gone with its row; focus lands on the list's heading.
    await waitFor(() =>
      expect(canvas.getByRole('heading', { name: 'Where you’re signed in' })).toHaveFocus(),
    );
  },
};

/** A host whose Refine default is "undoable" still signs the session out at once: the dialog was the confirmation. */
export const SignOutUnderUndoableHost: Story = {
  parameters: { sessionkit: { mutationMode: 'undoable' } },
  play: async (context) => {
    const { canvas, userEvent } = context;
    await userEvent.click(await canvas.findByRole('button', { name: 'Sign out Edge on Windows' }));
    const dialog = await canvas.findByRole('dialog', { name: 'Sign out of Edge on Windows?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(mutations(serverOf(context)).map((c) => c.method)).toEqual(['DELETE']), {
      timeout: 1000,
    });
  },
};

export const EscapeCancelsAndReturnsFocus: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context;
    const trigger = await canvas.findByRole('button', { name: 'Sign out Safari on iPhone' });
    await userEvent.click(trigger);
    const dialog = await canvas.findByRole('dialog', { name: 'Sign out of Safari on iPhone?' });
    // Focus starts on the safe choice.
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(canvas.queryByRole('dialog')).toBeNull());
    expect(trigger).toHaveFocus();
    expect(mutations(serverOf(context))).toHaveLength(0);
  },
};

export const SignOutAllOthers: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context;
    const server = serverOf(context);
    await userEvent.click(await canvas.findByRole('button', { name: 'Sign out all other sessions' }));
    const dialog = await canvas.findByRole('dialog', { name: 'Sign out of 5 other sessions?' });
    const listed = within(dialog)
      .getAllByRole('listitem')
      .map((item) => item.querySelector('strong')?.textContent);
    expect(listed).toEqual([
      'Safari on iPhone',
      'Edge on Windows',
      'Firefox on Windows',
      'Ana’s iPhone',
      'Safari on iPad',
    ]);
    expect(within(dialog).queryByText('Chrome on macOS')).toBeNull();

    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign out all other sessions' }));
    await waitFor(() =>
      expect(mutations(server).map((c) => `${c.method} ${c.path}`)).toEqual([
        'POST /me/sessions/revoke-others',
      ]),
    );
    await waitFor(() => expect(canvas.getAllByRole('row')).toHaveLength(2));
    expect(canvas.queryByRole('button', { name: 'Sign out all other sessions' })).toBeNull();
  },
};

export const Loading: Story = {
  parameters: { sessionkit: { server: { hang: /^\/me\/sessions/ } } },
  play: async ({ canvas }) => {
    expect(await canvas.findByText('Loading…')).toBeInTheDocument();
  },
};

export const Empty: Story = {
  parameters: { sessionkit: { server: { mySessions: [] } } },
  play: async ({ canvas }) => {
    expect(await canvas.findByText('No active sessions')).toBeVisible();
  },
};

export const Failed: Story = {
  parameters: {
    sessionkit: {
      server: {
        respond: {
          match: /^\/me\/sessions/,
          status: 503,
          body: {
            error: 'store_unavailable',
            message: 'Sessions can’t be loaded right now. Nobody has been signed out.',
          },
        },
      },
    },
  },
  play: async ({ canvas }) => {
    expect(await canvas.findByRole('alert')).toHaveTextContent('Nobody has been signed out');
    expect(canvas.getByRole('button', { name: 'Try again' })).toBeVisible();
  },
};

export const PermissionDenied: Story = {
  parameters: {
    sessionkit: { denied: ['sessionkit.sessions/delete', 'sessionkit.sessions/revokeOthers'] },
  },
  play: async ({ canvas }) => {
    await canvas.findByText('This Device');
    await accessAnswered(canvas, 'sessionkit.sessions/delete');
    await accessAnswered(canvas, 'sessionkit.sessions/revokeOthers');
    expect(canvas.queryByRole('button', { name: /sign out/i })).toBeNull();
  },
};

export const Narrow: Story = {
  parameters: { sessionkit: { width: 380 } },
  play: async ({ canvas }) => {
    await canvas.findByText('This Device');
    // The location and IP columns fold into the device cell.
    expect(canvas.queryByRole('columnheader', { name: 'IP address' })).toBeNull();
    expect(canvas.getAllByText('Berlin, Germany · 91.64.120.17')[0]).toBeVisible();
    // The start time stays on the software's line.
    expect(canvas.getAllByText(/ · Signed in \w{3} \d+, \d{4}/)[0]).toBeVisible();
    expectColumnsAligned(canvas.getAllByRole('row'));
  },
};

/** A card that narrows after it rendered (a window resized, a side panel opened) takes the narrow layout. */
export const NarrowedAfterwards: Story = {
  play: async ({ canvas, canvasElement }) => {
    await canvas.findByText('This Device');
    expect(canvas.queryByText('Berlin, Germany · 91.64.120.17')).toBeNull();
    const stage = canvasElement.querySelector<HTMLElement>('.sb-stage') ?? canvasElement;
    stage.style.maxWidth = '380px';
    expect(await canvas.findByText('Berlin, Germany · 91.64.120.17')).toBeVisible();
    expect(canvas.queryByRole('columnheader', { name: 'IP address' })).toBeNull();
    expectColumnsAligned(canvas.getAllByRole('row'));
  },
};

export const ThousandSessions: Story = {
  args: { pageSize: 1000 },
  parameters: { sessionkit: { server: { mySessions: manySessions(1000) } } },
  play: async ({ canvas }) => {
    const rows = await canvas.findAllByRole('row', {}, { timeout: 5000 });
    expect(rows).toHaveLength(1001);
  },
};

export const Paged: Story = {
  args: { pageSize: 25 },
  parameters: { sessionkit: { server: { mySessions: manySessions(1000) } } },
  play: async (context) => {
    const { canvas, userEvent } = context;
    expect(await canvas.findByText('1–25 of 1,000')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Next' }));
    expect(await canvas.findByText('26–50 of 1,000')).toBeVisible();
    const lists = serverOf(context).calls.filter((c) => c.path === '/me/sessions');
    expect(lists.at(-1)!.query).toEqual({ _start: '25', _end: '50', status: 'active' });
  },
};

export const Dark: Story = { globals: { theme: 'dark' } };

export const RightToLeft: Story = {
  globals: { dir: 'rtl' },
  args: { locale: 'he' },
  play: async ({ canvas }) => {
    expect(await canvas.findByText('המכשיר הזה')).toBeVisible();
    expect(canvas.getByRole('button', { name: 'ניתוק Safari on iPhone' })).toBeVisible();
  },
};

export const RightToLeftNarrow: Story = {
  globals: { dir: 'rtl' },
  args: { locale: 'he' },
  parameters: { sessionkit: { width: 400 } },
};

/** The dialog open on a phone, for the screenshots and for a look at the facts it names. */
export const ConfirmSignOut: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Sign out Firefox on Windows' }));
    const dialog = await canvas.findByRole('dialog', { name: 'Sign out of Firefox on Windows?' });
    expect(within(dialog).getByText('Lagos, Nigeria')).toBeVisible();
  },
};

export const ConfirmSignOutOthers: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Sign out all other sessions' }));
    expect(await canvas.findByRole('dialog', { name: 'Sign out of 5 other sessions?' })).toBeVisible();
  },
};
