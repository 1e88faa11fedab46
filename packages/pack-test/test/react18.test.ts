import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { installApps } from '../src/exampleRun.js';

const run = promisify(execFile);

// Renders the main components on the server, inside Refine, from the packed package: the module graph loads
// and every hook runs under React 18 (useId's `:R…:` ids are React 18's). The stories test them on React 19.
const RENDER = `import assert from 'node:assert/strict';
import { createElement as h, version } from 'react';
import { renderToString } from 'react-dom/server';
import { Refine } from '@refinedev/core';
import { ForceLogoutButton, SessionList, SessionPolicyForm, sessionKitDataProvider } from '@sessionkit/ui-components';

const provider = sessionKitDataProvider('/api/sessions');
const html = renderToString(
  h(Refine, { dataProvider: { default: provider, sessionkit: provider } },
    h(SessionList), h(SessionPolicyForm), h(ForceLogoutButton, { userId: 'usr_kofi', userName: 'Kofi Mensah' })),
);
assert.equal(version.split('.')[0], '18');
for (const text of ['Where you’re signed in', 'Session settings', 'aria-label="Force logout Kofi Mensah"'])
  assert.ok(html.includes(text), text + ' in ' + html);
console.log('ok: rendered on React ' + version);
`;

describe('the packed UI components on React 18', () => {
  it('install with npm beside react@18 and Refine 5, and render the session list, policy form and force logout', async () => {
    const source = join(inject('workRoot'), 'react18-src');
    mkdirSync(source, { recursive: true });
    writeFileSync(join(source, 'render.mjs'), RENDER);
    const dependencies = {
      '@sessionkit/core': '*',
      '@sessionkit/ui-components': '*',
      '@refinedev/core': '^5.0.0',
      '@tanstack/react-query': '^5.81.0',
      react: '*',
      'react-dom': '*',
    };
    writeFileSync(
      join(source, 'package.json'),
      JSON.stringify({ type: 'module', private: true, dependencies }),
    );
    const root = join(inject('workRoot'), 'react18');
    mkdirSync(root, { recursive: true });
    // npm refuses peers out of range (ERESOLVE), so the install is itself the check of the peer ranges.
    const react18 = { label: 'React 18', versions: { react: '18.3.1', 'react-dom': '18.3.1' } };
    const workDir = (await installApps([source], root, inject('tarballs'), react18))['react18-src']!;
    const { stdout } = await run(process.execPath, ['render.mjs'], { cwd: workDir });
    expect(stdout).toMatch(/^ok: rendered on React 18\./);
  });
});
