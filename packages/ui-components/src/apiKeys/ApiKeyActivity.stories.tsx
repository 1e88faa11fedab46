import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { NOW, TEAM } from '../mocks/fixtures.js';
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
    expect(rows).toHaveLength(5);
    expect(within(rows[1]!).getByText('18,342')).toBeVisible();
    expect(within(rows[1]!).getByText('Active now')).toBeVisible();
    expect(within(rows[1]!).getByText('Dana Reyes')).toBeVisible();
    expect(within(rows[4]!).getByText('Revoked')).toBeVisible();
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
  play: async ({ canvas }) => {
    expect(await canvas.findByRole('alert')).toHaveTextContent('Only administrators can list API keys');
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
