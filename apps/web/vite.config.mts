/// <reference types="vitest/config" />
// The web console: `vite build` writes dist/web (the API serves it at /); `vite` serves it on WEB_DEV_PORT and
// proxies the API's paths to the API on API_URL (http://localhost:3000 unless told). Vite 8's own oxc transform
// compiles the TSX (React's automatic runtime); no React plugin, no fast refresh.
import path from 'node:path';
import { defineConfig } from 'vite';

const API_URL = process.env.API_URL ?? 'http://localhost:3000';
/** The API's top-level paths: in development a browser's request for them goes to the API, except page loads. */
const API_PATHS = [
  'auth',
  'applications',
  'programmes',
  'jurisdictions',
  'public',
  'calendar',
  'organisations',
  'staff',
  'finance',
  'reports',
  'admin',
  'health',
  'docs',
  'me',
  'invitations',
];

export default defineConfig({
  root: import.meta.dirname,
  oxc: { jsx: { runtime: 'automatic' } },
  resolve: {
    alias: { '@app/domain/uscc.util': path.resolve(import.meta.dirname, '../../libs/domain/src/uscc.util.ts') },
  },
  build: {
    outDir: path.resolve(import.meta.dirname, '../../dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // antd's modules start with "use client" (for React Server Components), which a browser bundle drops
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    port: Number(process.env.WEB_DEV_PORT ?? 5173),
    // the credit-code module comes from libs/domain, outside this folder
    fs: { allow: [path.resolve(import.meta.dirname, '../..')] },
    proxy: Object.fromEntries(
      API_PATHS.map((p) => [
        `/${p}`,
        {
          target: API_URL,
          // a page load (the browser asks for HTML) stays with Vite, which answers index.html
          bypass: (req: { headers: { accept?: string } }) =>
            req.headers.accept?.includes('text/html') && p !== 'docs' && p !== 'admin' ? '/index.html' : undefined,
        },
      ]),
    ),
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.tsx', 'src/**/*.test.ts'],
    setupFiles: ['src/test-setup.ts'],
  },
});
