import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { AuditLog } from '../auditLog/AuditLog.js';
import { TEAM, auditEvents } from '../mocks/fixtures.js';
import { bulkAuditEvents } from '../mocks/mockBulk.js';
import { serverOf } from '../mocks/storyHelpers.js';

const names = new Map(TEAM.map((u) => [u.userId, u.name]));

/** The audit log shows a bulk force logout as one action with its people. */
const meta = {
  title: 'Admin/AuditLog/BulkAction',
  component: AuditLog,
  args: { locale: 'en-US', pageSize: 10, userName: (id: string) => names.get(id) ?? id },
  parameters: { sessionkit: { server: { audit: [...auditEvents(), ...bulkAuditEvents()] } } },
} satisfies Meta<typeof AuditLog>;
export default meta;
type Story = StoryObj<typeof meta>;

export const ShowTheActionWithItsPeople: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context;
    await userEvent.selectOptions(
      await canvas.findByRole('combobox', { name: 'Action' }),
      'bulk_force_logout',
    );
    await waitFor(() => expect(canvas.getByText('1 event')).toBeVisible());
    const table = canvas.getByRole('table', { name: 'Audit log' });
    expect(within(table).getByText('Bulk forced logout')).toBeVisible();
    await userEvent.click(within(table).getByRole('button', { name: 'Show the action and its 2 people' }));

    const banner = await canvas.findByRole('region', { name: 'Bulk action' });
    await waitFor(() =>
      expect(banner).toHaveTextContent(
        'Bulk action blk_seed_reorg — Dana Reyes forced out 2 people: “Contractors offboarded”',
      ),
    );
    const people = within(banner).getByRole('list', { name: 'People in this action' });
    expect(
      within(people)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Lucas Almeida (2 sessions)', 'Omar Haddad (1 session)']);
    expect(serverOf(context).calls.at(-1)!.query).toMatchObject({ bulkId: 'blk_seed_reorg' });

    // Picking the action cleared the other filters; clearing it shows the whole trail again.
    expect(canvas.getByRole('combobox', { name: 'Action' })).toHaveValue('');
    await userEvent.click(within(banner).getByRole('button', { name: 'Show all events' }));
    await waitFor(() => expect(canvas.queryByRole('list', { name: 'People in this action' })).toBeNull());
    expect(await canvas.findByText('51 events')).toBeVisible();
    expect(serverOf(context).calls.at(-1)!.query).not.toHaveProperty('bulkId');
  },
};

export const FromOnePersonsEvent: Story = {
  args: { initialUserId: 'Omar' },
  play: async (context) => {
    const { canvas, userEvent } = context;
    const table = await canvas.findByRole('table', { name: 'Audit log' });
    await userEvent.click(await within(table).findByRole('button', { name: 'Show the whole bulk action' }));
    await waitFor(() =>
      expect(serverOf(context).calls.at(-1)!.query).toMatchObject({ bulkId: 'blk_seed_reorg' }),
    );
    await waitFor(() => expect(within(canvas.getByRole('table')).getAllByRole('row')).toHaveLength(1 + 3));
  },
};
