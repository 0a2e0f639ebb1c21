import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import { defineConfig, type Plugin } from 'vite';

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

/**
 * The widget's stylesheet is a template literal in src/ui/styles.ts (so the
 * tsc-compiled package needs no CSS loader); the bundle gets it minified
 * here: comments and indentation go, about 0.4 kB gzip of the page's first
 * download. esbuild without a target only drops what is redundant; it lowers
 * no syntax.
 */
function minifyWidgetCss(): Plugin {
  const literal = /\/\* css \*\/ `([^`]*)`/;
  return {
    name: 'quarry:minify-widget-css',
    enforce: 'pre',
    async transform(code, id) {
      if (!id.endsWith('/src/ui/styles.ts')) return null;
      const m = literal.exec(code);
      // Interpolations or escapes would need evaluating first: refuse rather than ship them mangled.
      if (!m || m[1].includes('${') || m[1].includes('\\')) this.error('expected `export const CSS = /* css */ `…`` without ${} or backslashes');
      const css = (await transform(m[1], { loader: 'css', minify: true })).code.trim();
      return { code: code.slice(0, m.index) + JSON.stringify(css) + code.slice(m.index + m[0].length), map: null };
    },
  };
}

export default defineConfig(({ mode }) => {
  const target = ENTRIES[mode] ?? ENTRIES.production;
  return {
    publicDir: 'public',
    plugins: [minifyWidgetCss()],
    resolve: {
      alias: {
        // onnxruntime-web's default "bundle" build embeds its runtime and points at
        // its .wasm with new URL(…, import.meta.url), which a library build inlines
        // (70 MB of base64). This build imports the runtime from env.wasmPaths,
        // which Quarry sets to the site's own ort/ folder.
        'onnxruntime-web/webgpu': fileURLToPath(new URL('node_modules/onnxruntime-web/dist/ort.webgpu.min.mjs', import.meta.url)),
      },
    },
    server: { port: 5173 },
    build: {
      outDir: 'dist/widget',
      emptyOutDir: target === ENTRIES.production,
      target: 'es2022',
      minify: true,
      sourcemap: false,
      copyPublicDir: false,
      lib: { entry: target.entry, name: 'quarrySw', formats: [target.format], fileName: () => target.file },
      // The widget's main-thread keyword fallback is a lazy chunk; modules it shares with
      // quarry.js (QuarryError) stay in quarry.js instead of costing the page a third file.
      // Library mode keeps whitespace in ES output (for consumers' tree-shaking); these files go to browsers as they are,
      // so the /* @__PURE__ */ annotations kept for a later bundler go too (licence comments stay).
      rollupOptions: { preserveEntrySignatures: 'allow-extension', output: { minify: true, comments: { legal: true, annotation: false, jsdoc: false } } },
    },
  };
});
