import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

/** Where `npm run dev -w web` sends the graph, REST and OAuth: the gateway of `npm start`. */
const gateway = process.env.FLOWGRAPH_GATEWAY_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [react()],
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
  },
  test: {
    environment: 'jsdom',
    include: ['test/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
  },
});
