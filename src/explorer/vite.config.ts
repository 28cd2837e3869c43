import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Builds the explorer into dist/explorer, which `explorerRouter` serves at `/`. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Nothing is copied verbatim: every asset goes through the bundle so none is fetched from elsewhere.
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../../dist/explorer', import.meta.url)),
    emptyOutDir: true,
    // Monaco (inside GraphiQL) is large by nature and loads only when the playground opens.
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      onwarn(warning, warn) {
        // "use client" and similar directives are for server-rendered React; this page renders only in the browser.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  worker: { format: 'es' },
  // `vite --config src/explorer/vite.config.ts` serves the page with live reload; the API stays on `npm start`.
  server: { proxy: { '/graphql': process.env.EXPLORER_API ?? 'http://127.0.0.1:4000' } },
  // The dev server's pre-bundler cannot follow `?worker` imports; these modules are served as they are.
  optimizeDeps: { exclude: ['graphiql/setup-workers/vite', '@graphiql/react/setup-workers/vite'] },
});
