import { readdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath, URL } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin } from 'vite';
import { initialJsBudget } from './build/initialJsBudget.ts';

/** The gateway a developer runs locally (`pnpm start`); it serves GraphQL and the wall's token. */
const gateway = 'http://localhost:4000';

/** Text formats worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = new Set([
  '.js',
  '.mjs',
  '.css',
  '.html',
  '.json',
  '.geojson',
  '.svg',
  '.map',
  '.txt',
  '.wasm',
]);
/** Below this a compressed copy saves less than the extra file and header cost. */
const MIN_BYTES = 1024;

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * Writes `.br` (brotli, quality 11) and `.gz` (gzip, level 9) beside every compressible file of the
 * build, once, so the gateway sends compressed bytes without compressing per request
 * (`gateway/src/dashboard.ts`). A copy that would not be smaller is not written.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'pb:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async closeBundle() {
      const files = (await readdir(outDir, { recursive: true, withFileTypes: true }))
        .filter((entry) => entry.isFile() && COMPRESSIBLE.has(extname(entry.name).toLowerCase()))
        .map((entry) => join(entry.parentPath, entry.name));
      let compressed = 0;
      let before = 0;
      let after = 0;
      await Promise.all(
        files.map(async (file) => {
          const bytes = await readFile(file);
          if (bytes.length < MIN_BYTES) return;
          const [br, gz] = await Promise.all([
            brotli(bytes, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
                [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
              },
            }),
            gzipped(bytes, { level: 9 }),
          ]);
          if (br.length < bytes.length) await writeFile(`${file}.br`, br);
          if (gz.length < bytes.length) await writeFile(`${file}.gz`, gz);
          compressed += 1;
          before += bytes.length;
          after += Math.min(br.length, bytes.length);
        }),
      );
      console.log(
        `precompressed ${compressed} file(s): ${(before / 1000).toFixed(1)} KB → ${(after / 1000).toFixed(1)} KB brotli`,
      );
    },
  };
}

/**
 * Starts, while the entry script loads, the downloads the wall needs next and would otherwise queue
 * behind its first queries on HTTP/1.1's six connections: the chart code (`charts/echarts.ts`, a
 * modulepreload: fetched and compiled, run only when the first chart mounts) and, on the national
 * wall, China's outline (a preload the map's `fetch` takes).
 */
function preloadCharts(): Plugin {
  return {
    name: 'pb:preload-charts',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const bundle = Object.values(context.bundle ?? {});
        const charts = bundle.find(
          (item) => item.type === 'chunk' && item.facadeModuleId?.endsWith('/src/charts/echarts.ts'),
        );
        const china = bundle.find(
          (item) =>
            item.type === 'asset' && item.originalFileNames?.some((name) => name.endsWith('/china.json')),
        );
        if (!charts || !china)
          throw new Error('pb:preload-charts: no chart chunk or national map in the bundle');
        const base = '/';
        return [
          {
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${charts.fileName}` },
            injectTo: 'head',
          },
          {
            tag: 'script',
            children: `if (!new URLSearchParams(location.search).get('region')) document.head.append(Object.assign(document.createElement('link'), { rel: 'preload', as: 'fetch', crossOrigin: 'anonymous', href: ${JSON.stringify(base + china.fileName)} }));`,
            injectTo: 'head',
          },
        ];
      },
    },
  };
}

export default defineConfig(({ command }) => ({
  plugins: [vue(), initialJsBudget({ budgetKb: 400 }), preloadCharts(), precompress()],
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
