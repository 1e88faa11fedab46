import type { Decorator, Loader, Preview } from '@storybook/react-vite';
import '../packages/ui-components/src/styles.css';
import { createMockServer, type MockServerOptions } from '../packages/ui-components/src/mocks/mockServer';
import { hebrewI18n } from '../packages/ui-components/src/mocks/hebrew';
import { SessionKitFrame } from './SessionKitFrame';
import './preview.css';

/** Story parameters: `sessionkit.server` seeds the mock server, `sessionkit.denied` lists refused `resource/action`s. */
export interface SessionKitParameters {
  server?: MockServerOptions;
  denied?: string[];
  /**
   * `kit`: the rest is answered by the kit's own access control over the server's `GET /me/access`, for the
   * server's `caller`; otherwise everything not denied is allowed.
   */
  access?: 'kit';
  /** Width of the frame, e.g. 360 for the narrow stories. */
  width?: number;
  /** The host app's default Refine mutation mode. */
  mutationMode?: 'pessimistic' | 'optimistic' | 'undoable';
  /** The signed-in person as the host's auth provider names them (`getIdentity`). */
  identity?: { id: string; name: string };
}

// A fresh server per story render, so one story's sign-outs never leak into the next; play functions read its
// recorded calls from `context.loaded.server`.
const serverLoader: Loader = async ({ parameters }) => ({
  server: createMockServer((parameters.sessionkit as SessionKitParameters | undefined)?.server),
});

const withFrame: Decorator = (Story, { loaded, parameters, globals }) => {
  const params = (parameters.sessionkit ?? {}) as SessionKitParameters;
  const theme = (globals.theme as string | undefined) ?? 'light';
  const dir = (globals.dir as string | undefined) ?? 'ltr';
  document.documentElement.setAttribute('data-theme', theme);
  document.documentElement.setAttribute('dir', dir);
  return (
    <SessionKitFrame
      server={loaded.server}
      denied={params.denied}
      access={params.access}
      mutationMode={params.mutationMode}
      identity={params.identity}
      // Right to left reads in Hebrew, through the same i18n provider a host would give Refine.
      i18nProvider={dir === 'rtl' ? hebrewI18n : undefined}
    >
      <div className="sb-canvas" data-theme={theme} dir={dir}>
        <main className="sb-stage" style={params.width ? { maxWidth: params.width } : undefined}>
          <Story />
        </main>
      </div>
    </SessionKitFrame>
  );
};

const preview: Preview = {
  loaders: [serverLoader],
  decorators: [withFrame],
  globalTypes: {
    theme: {
      description: 'Colour theme',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
    dir: {
      description: 'Text direction',
      toolbar: {
        title: 'Direction',
        icon: 'transfer',
        items: [
          { value: 'ltr', title: 'Left to right' },
          { value: 'rtl', title: 'Right to left' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light', dir: 'ltr' },
  parameters: {
    layout: 'fullscreen',
    controls: { expanded: true },
    // Any axe violation fails the story's test, in every state.
    a11y: { test: 'error' },
  },
};

export default preview;
