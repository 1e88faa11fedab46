import { defineConfig } from 'tsup';

// The host runs from plain JavaScript (node dist/server/main.js): no TypeScript runner at run time.
export default defineConfig({
  entry: { main: 'server/main.ts' },
  outDir: 'dist/server',
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  clean: true,
  // Workspace packages and npm dependencies stay imports, resolved from node_modules at run time.
  skipNodeModulesBundle: true,
});
