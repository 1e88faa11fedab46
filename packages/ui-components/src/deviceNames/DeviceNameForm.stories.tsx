import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { NOW, mySessions } from '../mocks/fixtures.js';
import { mutations, serverOf } from '../mocks/storyHelpers.js';
import { SessionDetails } from '../sessionDetails/SessionDetails.js';

// Naming and trusting a device happens in the session's details, where the person reads what it is.
const sessions = mySessions();
const edge = sessions[2]!;

const meta = {
  title: 'Account/DeviceNames',
  component: SessionDetails,
  args: { sessionId: edge.id, now: NOW, locale: 'en-US' },
} satisfies Meta<typeof SessionDetails>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Renamed and trusted: one PATCH, and the details read the new name with the detected label beside it. */
export const RenameAndTrust: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context;
    expect(await canvas.findByRole('heading', { name: /Edge on Windows/ })).toBeVisible();
    const form = canvas.getByRole('form', { name: 'Name and trust this device' });
    const save = within(form).getByRole('button', { name: 'Save' });
    expect(save).toBeDisabled();
    await userEvent.type(within(form).getByLabelText('Device name'), 'Work laptop');
    await userEvent.click(within(form).getByLabelText('Trusted device (no new-device alerts)'));
    await userEvent.click(save);
    await waitFor(() =>
      expect(mutations(serverOf(context))).toMatchObject([
        {
          method: 'PATCH',
          path: `/me/sessions/${edge.id}/device`,
          body: { name: 'Work laptop', trusted: true },
          csrf: 'csrf-mock-7d1f',
        },
      ]),
    );
    expect(await canvas.findByRole('heading', { name: /Work laptop/ })).toBeVisible();
    expect(within(form).getByLabelText('Device name')).toHaveValue('Work laptop');
    expect(within(form).getByLabelText('Trusted device (no new-device alerts)')).toBeChecked();
  },
};

/** A name longer than the server takes is refused here, naming the limit, and nothing is sent. */
export const TooLong: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context;
    const form = await canvas.findByRole('form', { name: 'Name and trust this device' });
    await userEvent.type(within(form).getByLabelText('Device name'), 'x'.repeat(61));
    expect(within(form).getByRole('alert')).toHaveTextContent('Use at most 60 characters.');
    expect(within(form).getByRole('button', { name: 'Save' })).toBeDisabled();
    expect(mutations(serverOf(context))).toHaveLength(0);
  },
};

/** A record an administrator's list passed in is someone else's: no form. */
export const NotOwn: Story = {
  args: {
    session: {
      ...edge,
      user: { id: 'usr_kofi', name: 'Kofi', department: null, role: null, superUser: false },
    },
  },
  play: async ({ canvas }) => {
    expect(await canvas.findByRole('heading', { name: /Edge on Windows/ })).toBeVisible();
    expect(canvas.queryByRole('form', { name: 'Name and trust this device' })).toBeNull();
  },
};
