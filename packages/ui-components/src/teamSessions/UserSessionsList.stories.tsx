import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { NOW } from '../mocks/fixtures.js';
import { useUserSessions } from './useTeamSessions.js';
import { UserSessionsList } from './UserSessionsList.js';

/** The list as a host page uses it: its own query of `/admin/sessions?userId=…`. */
function ConnectedUserSessions({ userId, deniedText }: { userId: string; deniedText?: string }) {
  const { sessions, loading, error } = useUserSessions(userId);
  return (
    <UserSessionsList
      sessions={sessions}
      loading={loading}
      error={error}
      now={NOW}
      locale="en-US"
      label="Sessions of this user"
      deniedText={deniedText}
    />
  );
}

const meta = {
  title: 'Admin/UserSessionsList',
  component: ConnectedUserSessions,
  args: { userId: 'usr_kofi' },
} satisfies Meta<typeof ConnectedUserSessions>;
export default meta;
type Story = StoryObj<typeof meta>;

const refused = {
  sessionkit: {
    server: {
      respond: {
        match: /^\/admin\/sessions$/,
        status: 403,
        body: { error: 'forbidden', message: 'you are not allowed to do this' },
      },
    },
  },
};

export const Listed: Story = {
  play: async ({ canvas }) => {
    expect(await canvas.findByRole('list', { name: 'Sessions of this user' })).toBeVisible();
  },
};

/** An administrator who isn't a super user, on a super user's page: why, and no Try again that can't help. */
export const SuperUserOutOfReach: Story = {
  args: { userId: 'usr_ana', deniedText: 'Only a super user can manage a super user’s sessions.' },
  parameters: refused,
  play: async ({ canvas }) => {
    const state = (await canvas.findByText('You don’t have access to this')).closest('[role="status"]');
    expect(state).toHaveTextContent('You don’t have access to this');
    expect(state).toHaveTextContent('Only a super user can manage a super user’s sessions.');
    expect(canvas.queryByText('you are not allowed to do this')).toBeNull();
    expect(canvas.queryByRole('button', { name: 'Try again' })).toBeNull();
    expect(canvas.queryByRole('alert')).toBeNull();
  },
};

/** Someone with only the act-on-behalf right: the administrator right is what they lack, said in words. */
export const AdministratorRightMissing: Story = {
  parameters: refused,
  play: async ({ canvas }) => {
    const state = (await canvas.findByText('You don’t have access to this')).closest('[role="status"]');
    expect(state).toHaveTextContent('You need the administrator right to see this.');
    expect(canvas.queryByText('you are not allowed to do this')).toBeNull();
  },
};
