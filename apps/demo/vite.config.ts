import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The panel is built into dist/web and served by the demo's Express host from the same origin, so the session
// cookie and the CSRF cookie need no cross-site settings. `pnpm --filter @sessionkit/demo exec vite` proxies
// the API to a demo started on port 3000 for work on the panel alone.
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // React, Refine and React Query change far less often than the panel: a chunk of their own stays cached.
        advancedChunks: { groups: [{ name: 'vendor', test: /node_modules/ }] },
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/auth': 'http://127.0.0.1:3000',
    },
  },
});
