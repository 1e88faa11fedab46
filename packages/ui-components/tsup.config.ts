import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'browser',
  // The host supplies React and Refine; core stays a dependency so its browser entry is shared, not copied.
  external: ['react', 'react-dom', '@refinedev/core', '@tanstack/react-query', '@sessionkit/core'],
});
