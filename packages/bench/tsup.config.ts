import { defineConfig } from 'tsup';

// Three programs: the orchestrator of `pnpm bench`, the soak, and the server child both of them fork (each
// contestant runs in its own process so the load generator never shares a CPU queue with the server).
export default defineConfig({
  entry: { bench: 'src/bench.ts', soak: 'src/soak.ts', server: 'src/server/main.ts' },
  format: ['esm'],
  clean: true,
  sourcemap: true,
  target: 'node20',
  // Everything from node_modules stays a runtime import: the contestants must run the packages as published.
  skipNodeModulesBundle: true,
});
