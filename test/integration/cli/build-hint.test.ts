/**
 * The hint `quarry build` prints (the real CLI in-process, the real model):
 * a script path where the site serves the index, and never a script tag for
 * a quarry.js that is not in the index folder.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main.ts';

async function quarry(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c) => ((out += String(c)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return { code: await main(args), out };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('quarry build: the "Add to your pages" hint', () => {
  let root: string;
  let site: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'quarry-hint-'));
    site = join(root, 'site');
    await mkdir(join(site, 'docs'), { recursive: true });
    const text = 'Connection pooling keeps a small set of open database connections and hands them to requests as they arrive.';
    await writeFile(join(site, 'docs', 'pooling.html'), `<html><head><title>Pooling</title></head><body><main><h1>Pooling</h1><p>${text}</p></main></body></html>`);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('a site whose index is at site/docs/_quarry gets /docs/_quarry/quarry.js', async () => {
    const out = join(site, 'docs', '_quarry');
    const r = await quarry(['build', site, '--out', out]);
    expect(r.code).toBe(0);
    if (existsSync(join(out, 'quarry.js'))) expect(r.out).toContain('<script type="module" src="/docs/_quarry/quarry.js"></script>');
    else expect(r.out).not.toContain('<script');
  });

  it('an index folder outside the site: the hint says to serve that folder', async () => {
    const out = join(root, 'search-index');
    const r = await quarry(['build', site, '--out', out]);
    expect(r.code).toBe(0);
    if (existsSync(join(out, 'quarry.js'))) {
      expect(r.out).toContain(`serve ${out} from your site`);
      expect(r.out).not.toContain('Add to your pages');
    } else expect(r.out).not.toContain('<script');
  });
});
