import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';

/** The coverage floors CI enforces, one file for jest and Vitest. */
const thresholds = JSON.parse(readFileSync(new URL('../coverage-thresholds.json', import.meta.url), 'utf8')) as {
  web: { lines: number; branches: number };
};

/** Where `npm run dev -w web` sends the graph, REST and OAuth: the gateway of `npm start`. */
const gateway = process.env.FLOWGRAPH_GATEWAY_URL ?? 'http://127.0.0.1:4000';

/** The dev server answers `/explorer` with explorer.html, as the gateway does (gateway/src/web-app.ts). */
const explorerPath: Plugin = {
  name: 'flowgraph-explorer-path',
  configureServer(server) {
    server.middlewares.use((req, _res, next) => {
      if (req.url === '/explorer' || req.url?.startsWith('/explorer?')) req.url = `/explorer.html${req.url.slice('/explorer'.length)}`;
      next();
    });
  },
};

export default defineConfig({
  plugins: [react(), explorerPath],
  server: {
    port: 5173,
    proxy: {
      '/graphql': { target: gateway, ws: true },
      '/api': gateway,
      '/oauth': gateway,
      '/webhooks': gateway,
    },
  },
  build: {
    outDir: 'dist',
    // web/scripts/budgets.mjs reads which chunk each entry and route loads from here.
    manifest: true,
    sourcemap: true,
    target: 'es2022',
    // Two pages: the app, and the API explorer (GraphiQL; its own closure, printed without a budget).
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL('index.html', import.meta.url)),
        explorer: fileURLToPath(new URL('explorer.html', import.meta.url)),
      },
      // GraphiQL's modules open with React Compiler's "use no memo", which bundling drops harmlessly.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
    // Monaco (the explorer) is megabytes by nature; the app's own sizes are checked by budgets.mjs.
    chunkSizeWarningLimit: 3000,
  },
  // Monaco's workers (the explorer) are ES modules with imports of their own.
  worker: { format: 'es' },
  test: {
    environment: 'jsdom',
    include: ['test/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
    // userEvent types key by key: on a busy 2-core CI machine a form test can pass 5 s.
    testTimeout: 15_000,
    // `vitest run --coverage` (npm test -- --coverage): every source file, as jest's coverage does.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.{ts,tsx}'],
      exclude: ['src/generated/**', '**/*.d.ts'],
      reportsDirectory: '../coverage/web',
      reporter: ['json-summary', 'text-summary'],
      thresholds: thresholds.web,
    },
  },
});
