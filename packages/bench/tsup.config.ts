import { defineConfig } from 'tsup';

// Four programs: the orchestrator of `pnpm bench`, the soak, the UI phase alone (`bash scripts/bench.sh ui`), and
// the server child the first two fork (each contestant runs in its own process so the load generator never shares
// a CPU queue with the server).
export default defineConfig({
  entry: { bench: 'src/bench.ts', soak: 'src/soak.ts', ui: 'src/ui.ts', server: 'src/server/main.ts' },
  format: ['esm'],
  clean: true,
  sourcemap: true,
  target: 'node20',
  // Everything from node_modules stays a runtime import: the contestants must run the packages as published.
  skipNodeModulesBundle: true,
});
