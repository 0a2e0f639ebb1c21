import { defineConfig } from 'vite';

/**
 * `vite` serves the demo (index.html + public/sample-docs).
 * `vite build` writes the widget (dist/widget/quarry.js); `vite build --mode worker`
 * writes the worker (dist/widget/quarry.worker.js). They are separate builds so
 * neither pulls a shared chunk: the page loads one small file, the worker one big one.
 */
export default defineConfig(({ mode }) => {
  const worker = mode === 'worker';
  return {
    publicDir: 'public',
    server: { port: 5173 },
    build: {
      outDir: 'dist/widget',
      emptyOutDir: !worker,
      target: 'es2022',
      minify: true,
      sourcemap: false,
      copyPublicDir: false,
      lib: {
        entry: worker ? 'worker/search.worker.ts' : 'src/quarry.ts',
        formats: ['es'],
        fileName: () => (worker ? 'quarry.worker.js' : 'quarry.js'),
      },
      rollupOptions: { output: { inlineDynamicImports: true } },
    },
  };
});
