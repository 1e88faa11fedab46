import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { policy } from '../mocks/fixtures.js';
import { mutations, serverOf } from '../mocks/storyHelpers.js';
import { SessionPolicyForm } from './SessionPolicyForm.js';

const meta = {
  title: 'Admin/SessionPolicyForm',
  component: SessionPolicyForm,
} satisfies Meta<typeof SessionPolicyForm>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  play: async ({ canvas }) => {
    // The form mounts with the defaults and takes the loaded policy in an effect: on a busy machine the first
    // find can see the render before it.
    const limit = await canvas.findByRole('switch', { name: 'Limit concurrent sessions' });
    await waitFor(() => expect(limit).toBeChecked());
    expect(canvas.getByRole('spinbutton', { name: 'Maximum sessions per user' })).toHaveValue(3);
    expect(canvas.getByRole('radio', { name: '7 days' })).toBeChecked();
  },
};

export const RefusesInvalidValues: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context;
    const server = serverOf(context);
    const max = await canvas.findByRole('spinbutton', { name: 'Maximum sessions per user' });
    await userEvent.clear(max);
    await userEvent.type(max, '0');
    const remembered = canvas.getByRole('spinbutton', { name: 'Remembered sessions last' });
    await userEvent.clear(remembered);
    await userEvent.click(canvas.getByRole('button', { name: 'Save changes' }));

    expect(await canvas.findByText('“Maximum sessions per user” must be between 1 and 1000')).toBeVisible();
    expect(canvas.getByText('“Remembered sessions last” must be a whole number of at least 1')).toBeVisible();
    expect(max).toHaveAttribute('aria-invalid', 'true');
    expect(max).toHaveAccessibleDescription('“Maximum sessions per user” must be between 1 and 1000');
    expect(canvas.getByText(/Fix the highlighted settings before saving/)).toBeVisible();

    // Remembered sessions can't be shorter than ordinary ones.
    await userEvent.type(remembered, '1');
    const standard = canvas.getByRole('spinbutton', { name: 'Other sessions expire after' });
    await userEvent.clear(standard);
    await userEvent.type(standard, '5');
    expect(
      await canvas.findByText('“Remembered sessions last” must be at least “Other sessions expire after”'),
    ).toBeVisible();
    expect(mutations(server)).toHaveLength(0);

    // A custom idle timeout beyond a year is refused too.
    await userEvent.click(canvas.getByRole('radio', { name: 'Custom' }));
    const idle = canvas.getByRole('spinbutton', { name: 'Idle timeout' });
    await userEvent.clear(idle);
    await userEvent.type(idle, '400');
    expect(await canvas.findByText('“Idle timeout” must be between 1 minute and 365 days')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Save changes' }));
    expect(mutations(server)).toHaveLength(0);
  },
};

export const SavesAValidPolicy: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context;
    const server = serverOf(context);
    await userEvent.click(await canvas.findByRole('radio', { name: 'Refuse the new sign-in' }));
    await userEvent.click(canvas.getByRole('radio', { name: 'Custom' }));
    const idle = canvas.getByRole('spinbutton', { name: 'Idle timeout' });
    await userEvent.clear(idle);
    await userEvent.type(idle, '12');
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Unit' }), 'hours');
    await userEvent.click(canvas.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(mutations(server)).toHaveLength(1));
    const [put] = mutations(server);
    expect(put!.method).toBe('PUT');
    expect(put!.path).toBe('/policy');
    expect(put!.body).toMatchObject({
      concurrentSessions: { enabled: true, max: 3, onExceed: 'deny_new' },
      idleTimeout: { enabled: true, value: 12, unit: 'hours' },
    });
    expect(await canvas.findByText('Session settings saved', { selector: '.sk-form__status' })).toBeVisible();
  },
};

/** Sessions last 8 hours: a lifetime is a value and a unit, and too short a one is explained before saving. */
export const LifetimeInHours: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context;
    const server = serverOf(context);
    const standard = await canvas.findByRole('spinbutton', { name: 'Other sessions expire after' });
    const unit = canvas.getByRole('combobox', { name: 'Other sessions expire after (unit)' });
    expect(standard).toHaveValue(1);
    expect(unit).toHaveValue('days');
    expect(canvas.getByRole('combobox', { name: 'Remembered sessions last (unit)' })).toHaveValue('days');

    await userEvent.clear(standard);
    await userEvent.type(standard, '2');
    await userEvent.selectOptions(unit, 'minutes');
    await userEvent.click(canvas.getByRole('button', { name: 'Save changes' }));
    expect(
      await canvas.findByText('“Other sessions expire after” must be between 5 minutes and 3650 days'),
    ).toBeVisible();
    expect(standard).toHaveAttribute('aria-invalid', 'true');
    expect(mutations(server)).toHaveLength(0);

    await userEvent.clear(standard);
    await userEvent.type(standard, '8');
    await userEvent.selectOptions(unit, 'hours');
    await userEvent.click(canvas.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(mutations(server)).toHaveLength(1));
    expect(mutations(server)[0]!.body).toMatchObject({
      rememberMe: {
        allowed: true,
        standardLifetime: { value: 8, unit: 'hours' },
        rememberedLifetime: { value: 30, unit: 'days' },
      },
    });
    expect(await canvas.findByText('Session settings saved', { selector: '.sk-form__status' })).toBeVisible();
  },
};

/** Remembered sessions can't be shorter than the others, whatever units the two are in. */
export const RefusesARememberedLifetimeShorterThanTheOthers: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context;
    const server = serverOf(context);
    const remembered = await canvas.findByRole('spinbutton', { name: 'Remembered sessions last' });
    await userEvent.clear(remembered);
    await userEvent.type(remembered, '12');
    await userEvent.selectOptions(
      canvas.getByRole('combobox', { name: 'Remembered sessions last (unit)' }),
      'hours',
    );
    await userEvent.click(canvas.getByRole('button', { name: 'Save changes' }));
    expect(
      await canvas.findByText('“Remembered sessions last” must be at least “Other sessions expire after”'),
    ).toBeVisible();
    expect(mutations(server)).toHaveLength(0);
  },
};

export const NeverIdlesOut: Story = {
  parameters: {
    sessionkit: { server: { policy: policy({ idleTimeout: { enabled: false, value: 7, unit: 'days' } }) } },
  },
  play: async ({ canvas, userEvent }) => {
    expect(await canvas.findByRole('radio', { name: 'Never (not recommended)' })).toBeChecked();
    expect(canvas.getByRole('switch', { name: 'Sign out inactive sessions' })).not.toBeChecked();
    await userEvent.click(canvas.getByRole('radio', { name: '30 days' }));
    expect(canvas.getByRole('switch', { name: 'Sign out inactive sessions' })).toBeChecked();
  },
};

const supportAgents = policy({ roles: { 'Support agent': { idleTimeout: { value: 8, unit: 'hours' } } } });

/** A role with its own idle timeout; add another role that overrides the limit alone, and save both. */
export const RoleOverrides: Story = {
  parameters: { sessionkit: { server: { policy: supportAgents } } },
  play: async (context) => {
    const { canvas, userEvent } = context;
    const server = serverOf(context);
    const agents = within(await canvas.findByRole('group', { name: 'Support agent' }));
    expect(agents.getByRole('checkbox', { name: 'Override Idle timeout' })).toBeChecked();
    expect(agents.getByRole('spinbutton', { name: 'Idle timeout' })).toHaveValue(8);
    expect(agents.getByRole('combobox', { name: 'Unit' })).toHaveValue('hours');
    expect(agents.getByRole('checkbox', { name: 'Override Maximum sessions per user' })).not.toBeChecked();
    // What a field the role doesn't override comes to: the account's value.
    expect(agents.getByText('Inherits account: 3')).toBeVisible();
    expect(agents.getByText('Inherits account: 30 days')).toBeVisible();

    await userEvent.type(canvas.getByRole('textbox', { name: 'Role' }), 'Auditor');
    await userEvent.click(canvas.getByRole('button', { name: 'Add role override' }));
    const auditors = within(canvas.getByRole('group', { name: 'Auditor' }));
    await userEvent.click(auditors.getByRole('checkbox', { name: 'Override Maximum sessions per user' }));
    const max = auditors.getByRole('spinbutton', { name: 'Maximum sessions per user' });
    expect(max).toHaveValue(3);
    await userEvent.clear(max);
    await userEvent.type(max, '2');
    await userEvent.click(canvas.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(mutations(server)).toHaveLength(1));
    expect(mutations(server)[0]!.body).toMatchObject({
      roles: {
        'Support agent': { idleTimeout: { value: 8, unit: 'hours' } },
        Auditor: { concurrentSessions: { max: 2 } },
      },
    });
    expect(await canvas.findByText('Session settings saved', { selector: '.sk-form__status' })).toBeVisible();

    await userEvent.click(canvas.getByRole('button', { name: 'Remove the override for Support agent' }));
    expect(canvas.queryByRole('group', { name: 'Support agent' })).toBeNull();
    await userEvent.click(canvas.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(mutations(server)).toHaveLength(2));
    expect((mutations(server)[1]!.body as { roles: object }).roles).toEqual({
      Auditor: { concurrentSessions: { max: 2 } },
    });
  },
};

const agentsFor8Hours = policy({
  roles: { 'Support agent': { rememberMe: { standardLifetime: { value: 8, unit: 'hours' } } } },
});

/** A role whose sessions last 8 hours shows its lifetime and unit; another role's lifetime is set in minutes. */
export const RoleLifetimeInHours: Story = {
  parameters: { sessionkit: { server: { policy: agentsFor8Hours } } },
  play: async (context) => {
    const { canvas, userEvent } = context;
    const server = serverOf(context);
    const agents = within(await canvas.findByRole('group', { name: 'Support agent' }));
    expect(agents.getByRole('checkbox', { name: 'Override Other sessions expire after' })).toBeChecked();
    expect(agents.getByRole('spinbutton', { name: 'Other sessions expire after' })).toHaveValue(8);
    expect(agents.getByRole('combobox', { name: 'Other sessions expire after (unit)' })).toHaveValue('hours');
    expect(agents.getByText('Inherits account: 30 days')).toBeVisible();

    await userEvent.type(canvas.getByRole('textbox', { name: 'Role' }), 'Kiosk{Enter}');
    const kiosk = within(canvas.getByRole('group', { name: 'Kiosk' }));
    await userEvent.click(kiosk.getByRole('checkbox', { name: 'Override Other sessions expire after' }));
    // It starts out at the account's lifetime, unit included.
    const lifetime = kiosk.getByRole('spinbutton', { name: 'Other sessions expire after' });
    expect(lifetime).toHaveValue(1);
    const unit = kiosk.getByRole('combobox', { name: 'Other sessions expire after (unit)' });
    expect(unit).toHaveValue('days');
    await userEvent.clear(lifetime);
    await userEvent.type(lifetime, '3');
    await userEvent.selectOptions(unit, 'minutes');
    await userEvent.click(canvas.getByRole('button', { name: 'Save changes' }));
    expect(
      await kiosk.findByText('“Other sessions expire after” must be between 5 minutes and 3650 days'),
    ).toBeVisible();
    expect(lifetime).toHaveAttribute('aria-invalid', 'true');
    expect(mutations(server)).toHaveLength(0);

    await userEvent.clear(lifetime);
    await userEvent.type(lifetime, '90');
    await userEvent.click(canvas.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(mutations(server)).toHaveLength(1));
    expect((mutations(server)[0]!.body as { roles: object }).roles).toEqual({
      'Support agent': { rememberMe: { standardLifetime: { value: 8, unit: 'hours' } } },
      Kiosk: { rememberMe: { standardLifetime: { value: 90, unit: 'minutes' } } },
    });
  },
};

/** A role's bad value is refused under that role's field, and nothing is sent. */
export const RefusesABadRoleOverride: Story = {
  parameters: { sessionkit: { server: { policy: supportAgents } } },
  play: async (context) => {
    const { canvas, userEvent } = context;
    const server = serverOf(context);
    const agents = within(await canvas.findByRole('group', { name: 'Support agent' }));
    const idle = agents.getByRole('spinbutton', { name: 'Idle timeout' });
    await userEvent.clear(idle);
    await userEvent.type(idle, '0');
    await userEvent.type(canvas.getByRole('textbox', { name: 'Role' }), 'Support agent{Enter}');
    expect(canvas.getByText('Support agent already has an override')).toBeVisible();
    await userEvent.clear(canvas.getByRole('textbox', { name: 'Role' }));
    await userEvent.type(canvas.getByRole('textbox', { name: 'Role' }), 'Auditor{Enter}');
    await userEvent.click(canvas.getByRole('button', { name: 'Save changes' }));

    expect(await agents.findByText('“Idle timeout” must be a whole number of at least 1')).toBeVisible();
    expect(idle).toHaveAttribute('aria-invalid', 'true');
    expect(idle).toHaveAccessibleDescription('“Idle timeout” must be a whole number of at least 1');
    const auditors = within(canvas.getByRole('group', { name: 'Auditor' }));
    expect(auditors.getByText(/overrides nothing: set a value or remove the role/)).toBeVisible();
    expect(
      canvas.getByText(/Fix the highlighted settings before saving: Support agent: Idle timeout, Auditor/),
    ).toBeVisible();
    expect(mutations(server)).toHaveLength(0);
  },
};

export const RoleOverridesReadOnly: Story = {
  parameters: { sessionkit: { server: { policy: supportAgents }, denied: ['sessionkit.policy/edit'] } },
  play: async ({ canvas }) => {
    const agents = within(await canvas.findByRole('group', { name: 'Support agent' }));
    expect(agents.getByRole('spinbutton', { name: 'Idle timeout' })).toBeDisabled();
    expect(canvas.queryByRole('button', { name: 'Remove the override for Support agent' })).toBeNull();
    expect(canvas.queryByRole('button', { name: 'Add role override' })).toBeNull();
  },
};

export const Loading: Story = {
  parameters: { sessionkit: { server: { hang: /^\/policy/ } } },
  play: async ({ canvas }) => {
    expect(await canvas.findByText('Loading…')).toBeInTheDocument();
  },
};

export const Failed: Story = {
  parameters: {
    sessionkit: {
      server: {
        respond: {
          match: /^\/policy/,
          status: 503,
          body: { error: 'store_unavailable', message: 'The session store is unavailable.' },
        },
      },
    },
  },
  play: async ({ canvas }) => {
    expect(await canvas.findByRole('alert')).toHaveTextContent('The session store is unavailable.');
  },
};

export const ReadOnly: Story = {
  parameters: { sessionkit: { denied: ['sessionkit.policy/edit'] } },
  play: async ({ canvas }) => {
    expect(await canvas.findByText('Only administrators can change these settings.')).toBeVisible();
    expect(canvas.getByRole('switch', { name: 'Limit concurrent sessions' })).toBeDisabled();
    expect(canvas.queryByRole('button', { name: 'Save changes' })).toBeNull();
  },
};

export const Narrow: Story = { parameters: { sessionkit: { width: 380 } } };

export const Dark: Story = { globals: { theme: 'dark' } };

export const RightToLeft: Story = { globals: { dir: 'rtl' } };
