/**
 * Quarry as a consumer gets it: `npm pack` the repo, `npm install` the
 * tarball into an empty project (only the npm registry, here its cache), and
 * use it with plain `node`: no tsx, no Vite, no sources. Packs what
 * `npm run build` left in dist/ (npm test builds right before vitest).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_SITE } from '../../support/sample-site.ts';

const run = promisify(execFile);
const REPO = resolve(import.meta.dirname, '../../..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let root: string;
let project: string;
let pack: { filename: string; size: number; unpackedSize: number; files: { path: string }[] };

/**
 * The environment of a consumer's shell: no loader from the test runner
 * (NODE_OPTIONS), none of the npm_* settings `npm test` passes down (they
 * would point npm at this repo), no ONNXRUNTIME_NODE_INSTALL from the CI script.
 */
function consumerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|NODE_OPTIONS$|ONNXRUNTIME_NODE_INSTALL)/i.test(k)));
  return { ...env, ...extra };
}

function inProject(cmd: string, args: string[], env: Record<string, string> = {}) {
  return run(cmd, args, { cwd: project, env: consumerEnv(env), maxBuffer: 64 << 20 });
}

beforeAll(async () => {
  expect(existsSync(join(REPO, 'dist/src/cli/bin.js')), 'dist/ is missing: run `npm run build` first').toBe(true);
  root = await mkdtemp(join(tmpdir(), 'quarry-package-'));
  // --ignore-scripts: `prepare` would rebuild what npm test has just built.
  const packed = await run(NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', root], { cwd: REPO, env: consumerEnv(), maxBuffer: 64 << 20 });
  pack = (JSON.parse(packed.stdout) as (typeof pack)[])[0];
  console.log(`quarry tarball: ${(pack.size / 1e6).toFixed(2)} MB packed, ${(pack.unpackedSize / 1e6).toFixed(2)} MB unpacked, ${pack.files.length} files`);
  project = join(root, 'consumer');
  await cp(SAMPLE_SITE, join(project, 'site'), { recursive: true, filter: (src) => !src.includes('/_quarry') });
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }));
  await inProject(NPM, ['install', join(root, pack.filename), '--prefer-offline', '--no-audit', '--no-fund']);
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('the packed quarry package', () => {
  it('ships compiled JavaScript with declarations and a NOTICE, not the TypeScript sources', () => {
    const paths = pack.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['NOTICE', 'bin/quarry.js', 'dist/src/node/index.js', 'dist/src/node/index.d.ts', 'dist/src/widget.js', 'dist/widget/quarry.js']));
    expect(paths.filter((p) => p.endsWith('.ts') && !p.endsWith('.d.ts'))).toEqual([]);
  });

  it('installs without the TypeScript loader or transformers.js (which hard-depends on onnxruntime-node)', () => {
    expect(existsSync(join(project, 'node_modules/quarry/package.json'))).toBe(true);
    expect(existsSync(join(project, 'node_modules/tsx'))).toBe(false);
    expect(existsSync(join(project, 'node_modules/@huggingface/transformers'))).toBe(false);
  });

  it('npx quarry --help runs on plain Node', async () => {
    const { stdout } = await inProject(NPM, ['exec', '--offline', '--', 'quarry', '--help']);
    expect(stdout).toMatch(/Usage: quarry <command>/);
  });

  it('npx quarry build writes a complete index, widget included, and import("quarry") searches it', async () => {
    const env = { QUARRY_CACHE_DIR: join(REPO, 'node_modules/.cache/quarry/models') }; // the model the repo's tests prepared
    const built = await inProject(NPM, ['exec', '--offline', '--', 'quarry', 'build', 'site'], env);
    const index = join(project, 'site/_quarry');
    for (const f of ['manifest.json', 'quarry.js', 'quarry.worker.js']) expect(existsSync(join(index, f)), `${f} in ${index}\n${built.stderr}`).toBe(true);
    expect(JSON.parse(await readFile(join(index, 'manifest.json'), 'utf8')).model.id).toBe('quarry/all-MiniLM-L6-v2');

    const script = `import('quarry').then(async (q) => {
      const index = await q.openIndex(${JSON.stringify(index)});
      const r = await index.search('stop it from recalling earlier lookups', { k: 5, mode: 'hybrid' });
      console.log(JSON.stringify(r.results.map((x) => x.url)));
      await index.close();
    })`;
    const { stdout } = await inProject(process.execPath, ['-e', script], env);
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toContain('caching.html');
  });

  it('quarry/widget exports defineQuarrySearch, which does nothing where there are no custom elements', async () => {
    const { stdout } = await inProject(process.execPath, ['-e', `import('quarry/widget').then((w) => { w.defineQuarrySearch(); console.log(typeof w.defineQuarrySearch) })`]);
    expect(stdout.trim()).toBe('function');
  });
});
