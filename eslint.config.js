// One lint config for the whole workspace: type-aware rules would need a program per package
// and triple lint time on two cores, so the recommended (syntax-only) set is used.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/coverage/**',
      '**/storybook-static/**',
      '**/.turbo/**',
      'docs/screenshots/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: [
      'scripts/**',
      '**/scripts/**',
      'apps/demo/server/**',
      '**/*.config.*',
      '.storybook/**',
      'examples/**',
    ],
    rules: { 'no-console': 'off' },
    languageOptions: { globals: { process: 'readonly', console: 'readonly', fetch: 'readonly' } },
  },
  {
    // The runnable examples are plain Node scripts: Node's own globals, nothing else.
    files: ['examples/**'],
    languageOptions: {
      globals: { URL: 'readonly', fetch: 'readonly', setTimeout: 'readonly', console: 'readonly' },
    },
  },
);
