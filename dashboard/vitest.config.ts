import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineProject } from 'vitest/config';

// one project of the root vitest config; runs alone with `npx vitest run` from this folder
export default defineProject({
  plugins: [vue()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  test: {
    name: 'dashboard',
    root: fileURLToPath(new URL('./', import.meta.url)),
    environment: 'happy-dom',
    include: ['src/**/__tests__/**/*.test.ts'],
  },
});
