import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { IT_ADMIN, NOW } from '../mocks/fixtures.js';
import { aSuspension } from '../mocks/mockSuspensions.js';
import { accessAnswered, mutations, serverOf } from '../mocks/storyHelpers.js';
import { SuspendSessions } from './SuspendSessions.js';
import { SuspendedPeople } from './SuspendedPeople.js';

const HOUR = 3_600_000;

const meta = {
  title: 'Admin/SuspendSessions',
  component: SuspendSessions,
  args: { userId: 'usr_kofi', userName: 'Kofi Mensah', activeSessions: 2, now: NOW, locale: 'en-US' },
} satisfies Meta<typeof SuspendSessions>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Suspend with a duration and a reason: the dialog says how many sessions pause and what the person sees. */
export const Suspend: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context;
    const server = serverOf(context);
    await userEvent.click(await canvas.findByRole('button', { name: 'Suspend sessions: Kofi Mensah' }));
    const dialog = await canvas.findByRole('dialog', { name: 'Suspend the sessions of Kofi Mensah?' });
    expect(dialog).toHaveTextContent('2 active sessions of Kofi Mensah pause until');
    expect(dialog).toHaveTextContent('they see your reason');
    expect(dialog).toHaveTextContent('without signing in again');
    const reason = within(dialog).getByRole('textbox', { name: /reason/i });
    expect(reason).toHaveFocus();

    // No reason: refused with a message, nothing sent.
    await userEvent.click(within(dialog).getByRole('button', { name: 'Suspend' }));
    expect(await within(dialog).findByText('Enter a reason: the person sees it.')).toBeVisible();
    expect(mutations(server)).toHaveLength(0);

    await userEvent.click(within(dialog).getByRole('radio', { name: '4 h' }));
    expect(dialog).toHaveTextContent('Mar 4, 2026, 2:00 PM');
    await userEvent.type(reason, 'Security review; call the IT desk');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Suspend' }));
    await waitFor(() =>
      expect(mutations(server)).toEqual([
        {
          method: 'POST',
          path: '/admin/users/usr_kofi/suspension',
          query: {},
          body: {
            until: new Date(NOW.getTime() + 4 * HOUR).toISOString(),
            reason: 'Security review; call the IT desk',
          },
          csrf: 'csrf-mock-7d1f',
        },
      ]),
    );
    await waitFor(() => expect(canvas.queryByRole('dialog')).toBeNull());
    const state = (await canvas.findByText('Suspended until Mar 4, 2026, 2:00 PM')).closest('.sk-suspension');
    await waitFor(() =>
      expect(state).toHaveTextContent(
        'Suspended until Mar 4, 2026, 2:00 PM by Ana Ribeiro — Security review; call the IT desk',
      ),
    );
  },
};

/** While suspended: who, until when and why, and Resume. */
export const SuspendedResume: Story = {
  parameters: {
    sessionkit: {
      server: {
        suspensions: [
          aSuspension('usr_kofi', new Date(NOW.getTime() + 2 * HOUR), 'Phishing report under review'),
        ],
      },
    },
  },
  play: async (context) => {
    const { canvas, userEvent } = context;
    const state = (await canvas.findByText('Suspended until Mar 4, 2026, 12:00 PM')).closest(
      '.sk-suspension',
    );
    expect(state).toHaveTextContent(
      'Suspended until Mar 4, 2026, 12:00 PM by Ana Ribeiro — Phishing report under review',
    );
    await userEvent.click(canvas.getByRole('button', { name: 'Resume sessions: Kofi Mensah' }));
    await waitFor(() =>
      expect(mutations(serverOf(context)).map((c) => `${c.method} ${c.path}`)).toEqual([
        'DELETE /admin/users/usr_kofi/suspension',
      ]),
    );
    expect(await canvas.findByRole('button', { name: 'Suspend sessions: Kofi Mensah' })).toBeVisible();
  },
};

/** The server's refusal (bad input naming its field) stays in the dialog. */
export const ServerRefuses: Story = {
  parameters: {
    sessionkit: {
      server: {
        respond: {
          match: /suspension$/,
          status: 400,
          body: {
            error: 'invalid_input',
            message: 'until: must be at most 90 days from now',
            field: 'until',
          },
        },
      },
    },
  },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Suspend sessions: Kofi Mensah' }));
    const dialog = await canvas.findByRole('dialog');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /reason/i }), 'Check');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Suspend' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'until: must be at most 90 days from now',
    );
  },
};

/** A super user, for an administrator who isn't one: the kit's answer hides the action. */
export const SuperUserTarget: Story = {
  args: { userId: 'usr_dana', userName: 'Dana Reyes' },
  parameters: { sessionkit: { access: 'kit', server: { caller: IT_ADMIN } } },
  play: async (context) => {
    const answers = await accessAnswered(context.canvas, 'sessionkit.users/suspend');
    expect(answers).toEqual(['sessionkit.users/suspend userId=usr_dana: denied']);
    expect(context.canvas.queryByRole('button')).toBeNull();
  },
};

/** The team view's list of suspended people, each with Resume. */
export const TeamList: StoryObj<typeof SuspendedPeople> = {
  render: () => <SuspendedPeople now={NOW} locale="en-US" />,
  parameters: {
    sessionkit: {
      server: {
        suspensions: [
          aSuspension('usr_kofi', new Date(NOW.getTime() + 2 * HOUR), 'Phishing report under review'),
          aSuspension('usr_omar', new Date(NOW.getTime() + 26 * HOUR), 'Device audit'),
        ],
      },
    },
  },
  play: async ({ canvas }) => {
    const list = await canvas.findByRole('list', { name: 'Suspended sessions' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((i) => i.querySelector('.sk-suspended-people__who')?.textContent)).toEqual([
      'Kofi Mensah',
      expect.any(String),
    ]);
    expect(items[0]).toHaveTextContent(
      'until Mar 4, 2026, 12:00 PM, by Ana Ribeiro — Phishing report under review',
    );
    expect(
      await within(items[0]!).findByRole('button', { name: 'Resume sessions: Kofi Mensah' }),
    ).toBeVisible();
    // The list says the state once: the Resume beside it doesn't repeat it.
    expect(items[0]!.textContent?.match(/Phishing report under review/g)).toHaveLength(1);
  },
};
