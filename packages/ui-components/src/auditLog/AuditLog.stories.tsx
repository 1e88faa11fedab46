import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { TEAM } from '../mocks/fixtures.js';
import { serverOf } from '../mocks/storyHelpers.js';
import { AuditLog } from './AuditLog.js';

const names = new Map(TEAM.map((u) => [u.userId, u.name]));

const meta = {
  title: 'Admin/AuditLog',
  component: AuditLog,
  args: { locale: 'en-US', pageSize: 10, userName: (id: string) => names.get(id) ?? id },
} satisfies Meta<typeof AuditLog>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  play: async ({ canvas }) => {
    const table = await canvas.findByRole('table', { name: 'Audit log' });
    const first = within(table).getAllByRole('row')[1]!;
    expect(within(first).getByText('Forced logout')).toBeVisible();
    expect(within(first).getByText(/“Laptop reported stolen”/)).toBeVisible();
    expect(canvas.getByText('48 events')).toBeVisible();
    expect(canvas.getByText('1–10 of 48')).toBeVisible();
  },
};

export const FilterAndPage: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context;
    await canvas.findByRole('table');
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Action' }), 'session_ended');
    await waitFor(() => expect(canvas.getByText('15 events')).toBeVisible());
    await userEvent.click(canvas.getByRole('button', { name: 'Next' }));
    expect(await canvas.findByText('11–15 of 15')).toBeVisible();
    expect(serverOf(context).calls.at(-1)!.query).toEqual({
      _start: '10',
      _end: '20',
      action: 'session_ended',
    });
    await userEvent.type(canvas.getByRole('searchbox', { name: 'User' }), 'usr_lucas');
    await waitFor(() =>
      expect(serverOf(context).calls.at(-1)!.query).toMatchObject({ q: 'usr_lucas', _start: '0' }),
    );
  },
};

/** The User filter finds people by name through the directory, not only by id. */
export const FilterByName: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context;
    await canvas.findByRole('table', { name: 'Audit log' });
    expect(canvas.getByText('48 events')).toBeVisible();
    await userEvent.type(canvas.getByRole('searchbox', { name: 'User' }), 'Lucas');
    await waitFor(() => expect(serverOf(context).calls.at(-1)!.query).toMatchObject({ q: 'Lucas' }));
    expect(await canvas.findByText('7 events')).toBeVisible();
    const rows = within(canvas.getByRole('table', { name: 'Audit log' }))
      .getAllByRole('row')
      .slice(1);
    expect(rows).toHaveLength(7);
    for (const row of rows) expect(row).toHaveTextContent('Lucas Almeida');
  },
};

/** Details read as words: "Remember me: no · Kind: browser", not the raw record. */
export const DetailsInWords: Story = {
  play: async ({ canvas }) => {
    const table = await canvas.findByRole('table', { name: 'Audit log' });
    expect(within(table).getAllByText('Remember me: no · Kind: browser').length).toBeGreaterThan(0);
    expect(within(table).getAllByText('Remember me: yes · Kind: browser').length).toBeGreaterThan(0);
    expect(within(table).getByText(/Sessions ended: 3/)).toBeVisible();
    expect(within(table).queryByText(/rememberMe/)).toBeNull();
  },
};

export const Empty: Story = {
  parameters: { sessionkit: { server: { audit: [] } } },
  play: async ({ canvas }) => {
    expect(await canvas.findByText('No events')).toBeVisible();
  },
};

export const Loading: Story = { parameters: { sessionkit: { server: { hang: /^\/audit-events/ } } } };

export const Failed: Story = {
  parameters: {
    sessionkit: {
      server: {
        respond: {
          match: /^\/audit-events/,
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
  parameters: { sessionkit: { denied: ['sessionkit.auditEvents/list'] } },
  play: async ({ canvas }) => {
    expect(await canvas.findByText('You don’t have access to the audit log')).toBeVisible();
  },
};

export const Narrow: Story = { parameters: { sessionkit: { width: 420 } } };

export const Dark: Story = { globals: { theme: 'dark' } };
