import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const fromRoot = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The web app lives in src/web and is built into dist/web, which the server serves with an
 * index.html fallback (src/server/app.ts). In development, `npm run dev:web` proxies the API to a
 * server started with `npm start`.
 */
export default defineConfig({
  root: fromRoot('./src/web'),
  // No public/ folder: every asset goes through the bundler so it gets a content hash.
  publicDir: false,
  plugins: [react(), tailwindcss()],
  build: {
    outDir: fromRoot('./dist/web'),
    emptyOutDir: true,
    // Municipal PCs are often kept on older (but still supported) browsers.
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/healthz': 'http://127.0.0.1:3000',
    },
  },
});
