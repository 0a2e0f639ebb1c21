import { defineConfig } from 'vite';

/**
 * `vite` serves the demo (index.html + public/sample-docs).
 * `vite build` writes the widget (dist/widget/quarry.js); `--mode worker` the
 * search worker, `--mode sw` the service worker. Separate builds, so none pulls
 * a shared chunk: the page loads one small file, the worker one big one.
 */
const ENTRIES: Record<string, { entry: string; file: string; format: 'es' | 'iife' }> = {
  production: { entry: 'src/quarry.ts', file: 'quarry.js', format: 'es' },
  worker: { entry: 'worker/search.worker.ts', file: 'quarry.worker.js', format: 'es' },
  // Service workers loaded with importScripts() must be classic scripts.
  sw: { entry: 'worker/quarry-sw.ts', file: 'quarry-sw.js', format: 'iife' },
};

export default defineConfig(({ mode }) => {
  const target = ENTRIES[mode] ?? ENTRIES.production;
  return {
    publicDir: 'public',
    server: { port: 5173 },
    build: {
      outDir: 'dist/widget',
      emptyOutDir: target === ENTRIES.production,
      target: 'es2022',
      minify: true,
      sourcemap: false,
      copyPublicDir: false,
      lib: { entry: target.entry, name: 'quarrySw', formats: [target.format], fileName: () => target.file },
      rollupOptions: { output: { inlineDynamicImports: true } },
    },
  };
});
