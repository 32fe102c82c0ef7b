import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { initialJsBudget } from './build/initialJsBudget.ts';

/** The gateway a developer runs locally (`pnpm start`); it serves GraphQL and the wall's token. */
const gateway = 'http://localhost:4000';

export default defineConfig(({ command }) => ({
  plugins: [vue(), initialJsBudget({ budgetKb: 400 })],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  // strips Apollo Client's development-only checks and messages from the production bundle
  define: command === 'build' ? { 'globalThis.__DEV__': JSON.stringify(false) } : {},
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // ECharts is most of the initial JS; the budget plugin above is the limit that matters
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: {
      '/graphql': { target: gateway, ws: true, changeOrigin: true },
      '/wall-config.json': { target: gateway, changeOrigin: true },
    },
  },
}));
