import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const fromRoot = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** Below this a file is sent as it is (the server's threshold for on-the-fly compression is the same). */
const PRECOMPRESS_MIN_BYTES = 1024;
const COMPRESSIBLE = /\.(js|mjs|css|html|json|topojson|svg|txt|map)$/;

/**
 * Writes `.br` (maximum quality: done once per release, not per request) and `.gz` beside every
 * compressible built file, for @fastify/static's preCompressed. A variant that is not smaller than the
 * original is not written, so the original is sent.
 */
function precompress(): Plugin {
  return {
    name: 'tsunagari-precompress',
    apply: 'build',
    writeBundle(options) {
      const walk = (dir: string): string[] =>
        readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
          entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
        );
      for (const file of walk(options.dir ?? fromRoot('./dist/web'))) {
        if (!COMPRESSIBLE.test(file) || statSync(file).size < PRECOMPRESS_MIN_BYTES) continue;
        const body = readFileSync(file);
        const br = brotliCompressSync(body, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          },
        });
        if (br.length < body.length) writeFileSync(`${file}.br`, br);
        const gz = gzipSync(body, { level: 9 });
        if (gz.length < body.length) writeFileSync(`${file}.gz`, gz);
      }
    },
  };
}

/**
 * The web app lives in src/web and is built into dist/web, which the server serves with an
 * index.html fallback (src/server/app.ts). In development, `npm run dev:web` proxies the API to a
 * server started with `npm start`.
 */
export default defineConfig({
  root: fromRoot('./src/web'),
  // No public/ folder: every asset goes through the bundler so it gets a content hash.
  publicDir: false,
  plugins: [react(), tailwindcss(), precompress()],
  // The app is written against React's API and type-checked with React's types, but rendered by
  // preact/compat: React DOM alone was ~59 KB of the home page's ~144 KB (br) first load, and the
  // issue's bound is 100 KB (ADR 0021). Browser journeys run on this build, so they cover the swap.
  resolve: {
    alias: [
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react-dom$/, replacement: 'preact/compat' },
      { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
      { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
      { find: /^react$/, replacement: 'preact/compat' },
    ],
  },
  build: {
    outDir: fromRoot('./dist/web'),
    emptyOutDir: true,
    // Municipal PCs are often kept on older (but still supported) browsers.
    target: 'es2022',
    // Source maps only for development (WEB_SOURCE_MAPS=true): public maps publish the whole client
    // source, and the server refuses *.map unless the same setting is on (ADR 0021).
    sourcemap: process.env.WEB_SOURCE_MAPS === 'true' || process.env.WEB_SOURCE_MAPS === '1',
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/healthz': 'http://127.0.0.1:3000',
    },
  },
});
