import { build } from 'esbuild';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Bundles a test entry into `outDir/<name>.js` plus a bare HTML page that loads it. */
export async function bundlePage(entry: string, outDir: string, name: string): Promise<string> {
  await build({ entryPoints: [entry], bundle: true, format: 'esm', target: 'es2022', outfile: join(outDir, `${name}.js`), logLevel: 'error' });
  await writeFile(
    join(outDir, `${name}.html`),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title><script type="module" src="./${name}.js"></script></head><body><main><h1>${name}</h1></main></body></html>`,
  );
  return `/${name}.html`;
}
