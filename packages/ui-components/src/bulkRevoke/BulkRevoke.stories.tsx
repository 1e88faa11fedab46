import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { IT_ADMIN, NOW } from '../mocks/fixtures.js';
import { mutations, serverOf } from '../mocks/storyHelpers.js';
import { TeamSessions } from '../teamSessions/TeamSessions.js';

/** Bulk force logout in Login management: pick people, or everyone the filter matches, and force them out. */
const meta = {
  title: 'Admin/TeamSessions/BulkForceLogout',
  component: TeamSessions,
  args: { now: NOW, locale: 'en-US' },
} satisfies Meta<typeof TeamSessions>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A dialog fits the viewport sideways and scrolls nothing out of reach. */
function expectFits(dialog: HTMLElement) {
  const box = dialog.getBoundingClientRect();
  expect(box.left).toBeGreaterThanOrEqual(0);
  expect(box.right).toBeLessThanOrEqual(window.innerWidth);
  expect(dialog.scrollWidth).toBeLessThanOrEqual(dialog.clientWidth);
}

export const PickPeopleAndForceThemOut: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context;
    const server = serverOf(context);
    await userEvent.click(await canvas.findByRole('checkbox', { name: 'Select Kofi Mensah' }));
    await userEvent.click(canvas.getByRole('checkbox', { name: 'Select Dana Reyes' }));
    expect(canvas.getByText('2 people selected')).toBeVisible();
    expect(canvas.getByRole('checkbox', { name: 'Select all on this page' })).toHaveProperty(
      'indeterminate',
      true,
    );

    await userEvent.click(canvas.getByRole('button', { name: 'Force logout selected' }));
    const dialog = await canvas.findByRole('dialog', { name: 'Force 2 people out?' });
    expect(
      await within(dialog).findByText('2 people and 4 sessions end now. Each person’s next request fails.'),
    ).toBeVisible();
    // The super user is named apart.
    expect(within(dialog).getByText('1 super user among them:').parentElement).toHaveTextContent(
      'Dana Reyes',
    );

    // The reason is required: nothing is sent without it.
    await userEvent.click(within(dialog).getByRole('button', { name: 'Force logout' }));
    expect(await within(dialog).findByText('Enter a reason: it is kept in the audit log.')).toBeVisible();
    expect(mutations(server).map((c) => c.path)).toEqual(['/admin/bulk-force-logout/preview']);

    await userEvent.type(within(dialog).getByRole('textbox'), 'Contract ended');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Force logout' }));
    await waitFor(() =>
      expect(mutations(server)).toMatchObject([
        { path: '/admin/bulk-force-logout/preview', body: { userIds: ['usr_kofi', 'usr_dana'] } },
        {
          path: '/admin/bulk-force-logout',
          body: { userIds: ['usr_kofi', 'usr_dana'], reason: 'Contract ended' },
        },
      ]),
    );
    await waitFor(() => expect(canvas.queryByText('Kofi Mensah')).toBeNull());
    expect(canvas.queryByText('Dana Reyes')).toBeNull();
    expect(canvas.queryByText('2 people selected')).toBeNull();
    expect(server.state.audit.some((e) => e.action === 'bulk_force_logout')).toBe(true);
  },
};

export const EveryoneMatchingTheFilter: Story = {
  args: { pageSize: 3 },
  play: async (context) => {
    const { canvas, userEvent } = context;
    const server = serverOf(context);
    await canvas.findByRole('table', { name: 'Signed-in users' });
    await userEvent.click(await canvas.findByRole('checkbox', { name: 'Select all on this page' }));
    expect(canvas.getByText('3 people selected')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Select everyone matching this filter (7)' }));
    expect(canvas.getByText('All 7 signed-in people are selected')).toBeVisible();
    for (const box of within(canvas.getByRole('table')).getAllByRole('checkbox')) expect(box).toBeChecked();

    await userEvent.click(canvas.getByRole('button', { name: 'Force logout selected' }));
    const dialog = await canvas.findByRole('dialog', { name: 'Force 6 people out?' });
    expect(await within(dialog).findByText(/^6 people and 9 sessions end now/)).toBeVisible();
    // The owner, who asks, is left out of her own action.
    expect(
      within(dialog).getByText('Your own account is left out: use Force logout on your own row.'),
    ).toBeVisible();
    await userEvent.type(within(dialog).getByRole('textbox'), 'Incident 42');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Force logout' }));
    await waitFor(() =>
      expect(mutations(server).at(-1)).toMatchObject({
        path: '/admin/bulk-force-logout',
        body: { filter: {}, reason: 'Incident 42' },
      }),
    );
    await waitFor(() => expect(within(canvas.getByRole('table')).getAllByRole('row')).toHaveLength(2));
  },
};

export const FilterNarrowsTheSelection: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context;
    await userEvent.click(await canvas.findByRole('checkbox', { name: 'Select Kofi Mensah' }));
    expect(canvas.getByText('1 person selected')).toBeVisible();
    // A new filter clears the selection: an action never takes people the screen no longer shows.
    await userEvent.type(canvas.getByRole('searchbox', { name: 'Filter by user' }), 'l');
    await waitFor(() => expect(canvas.queryByText('1 person selected')).toBeNull());
    await waitFor(() => expect(serverOf(context).calls.at(-1)!.query).toMatchObject({ q: 'l' }));
    await userEvent.click(await canvas.findByRole('checkbox', { name: 'Select all on this page' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Force logout selected' }));
    const dialog = await canvas.findByRole('dialog');
    await within(dialog).findByText(/end now/);
    expect(mutations(serverOf(context)).at(-1)).toMatchObject({
      path: '/admin/bulk-force-logout/preview',
      body: { userIds: expect.arrayContaining(['usr_lucas']) },
    });
  },
};

export const AdministratorWhoIsNotASuperUser: Story = {
  parameters: { sessionkit: { access: 'kit', server: { caller: IT_ADMIN } } },
  play: async (context) => {
    const { canvas, userEvent } = context;
    const server = serverOf(context);
    await userEvent.click(await canvas.findByRole('checkbox', { name: 'Select Ana Ribeiro' }));
    await userEvent.click(canvas.getByRole('checkbox', { name: 'Select Kofi Mensah' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Force logout selected' }));
    const dialog = await canvas.findByRole('dialog', { name: 'Force 1 person out?' });
    expect(
      await within(dialog).findByText('Left out, as only a super user can sign them out: Ana Ribeiro'),
    ).toBeVisible();
    expect(within(dialog).queryByText(/super user among them/)).toBeNull();
    await userEvent.type(within(dialog).getByRole('textbox'), 'Lost phone');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Force logout' }));
    // The super user the confirmation left out is not sent: the server would refuse the whole action.
    await waitFor(() =>
      expect(mutations(server).at(-1)).toMatchObject({
        path: '/admin/bulk-force-logout',
        body: { userIds: ['usr_kofi'], reason: 'Lost phone' },
      }),
    );
    await waitFor(() => expect(canvas.queryByText('Kofi Mensah')).toBeNull());
    expect(canvas.getByText('Ana Ribeiro')).toBeVisible();
  },
};

export const ByKeyboard: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context;
    const box = await canvas.findByRole('checkbox', { name: 'Select Sofia Müller' });
    box.focus();
    await userEvent.keyboard(' ');
    expect(box).toBeChecked();
    const button = canvas.getByRole('button', { name: 'Force logout selected' });
    button.focus();
    await userEvent.keyboard('{Enter}');
    const dialog = await canvas.findByRole('dialog', { name: 'Force 1 person out?' });
    // Focus starts in the reason field; Escape closes without acting and gives focus back.
    await waitFor(() => expect(within(dialog).getByRole('textbox')).toHaveFocus());
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(canvas.queryByRole('dialog')).toBeNull());
    expect(button).toHaveFocus();
    expect(mutations(serverOf(context)).map((c) => c.path)).toEqual(['/admin/bulk-force-logout/preview']);
  },
};

export const CountingFails: Story = {
  parameters: {
    sessionkit: {
      server: {
        respond: {
          match: /^\/admin\/bulk-force-logout\/preview$/,
          status: 503,
          body: { error: 'store_unavailable', message: 'The session store is unavailable' },
        },
      },
    },
  },
  play: async (context) => {
    const { canvas, userEvent } = context;
    await userEvent.click(await canvas.findByRole('checkbox', { name: 'Select Omar Haddad' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Force logout selected' }));
    const dialog = await canvas.findByRole('dialog');
    expect(await within(dialog).findByText('The session store is unavailable')).toBeVisible();
    await userEvent.type(within(dialog).getByRole('textbox'), 'x');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Force logout' }));
    expect(mutations(serverOf(context)).map((c) => c.path)).toEqual(['/admin/bulk-force-logout/preview']);
  },
};

export const Phone: Story = {
  parameters: { sessionkit: { width: 390 } },
  play: async (context) => {
    const { canvas, userEvent } = context;
    const box = await canvas.findByRole('checkbox', { name: 'Select Kofi Mensah' });
    expect(box).toBeVisible();
    await userEvent.click(canvas.getByRole('checkbox', { name: 'Select all on this page' }));
    expect(canvas.getByText('7 people selected')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Force logout selected' }));
    const dialog = await canvas.findByRole('dialog', { name: 'Force 6 people out?' });
    await within(dialog).findByText(/end now/);
    expectFits(dialog);
  },
};
