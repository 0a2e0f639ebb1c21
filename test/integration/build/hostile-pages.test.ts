/**
 * One build of a small site made of hostile pages, with the real model: odd
 * file names, a duplicate, a latin-1 page without a charset, a 3 MB "word"
 * and a page whose chunking throws. The build finishes, names every file it
 * skipped, and the index finds what a browser shows, at links that resolve to
 * the real files.
 */
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { build, type BuildSummary } from '../../../build-index/build.ts';
import { resolveBuildOptions } from '../../../build-index/options.ts';
import { openIndex } from '../../../src/node/index.ts';
import { resolveHref } from '../../../src/ui/attributes.ts';
import { silentReporter } from '../../support/sample-site.ts';

// Stands in for a page that breaks the chunker (as a 250,000-block section did): only this file throws.
vi.mock('../../../build-index/chunk/chunk.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../build-index/chunk/chunk.ts')>();
  return {
    ...real,
    chunkPage: (page: Parameters<typeof real.chunkPage>[0], options: Parameters<typeof real.chunkPage>[1]) => {
      if (page.url === 'explodes.html') throw new RangeError('Maximum call stack size exceeded');
      return real.chunkPage(page, options);
    },
  };
});

const doc = (title: string, body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main>${body}</main></body></html>`;

let root: string;
let site: string;
let summary: BuildSummary;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'quarry-hostile-'));
  site = join(root, 'site');
  const files: Record<string, string | Buffer> = {
    'page #1.html': doc('One', '<h1 id="one">Harbour tides</h1><p>The harbour tides table lists spring tides.</p>'),
    'page #2 (ü).html': doc('Two', '<h1 id="zwei">Kelp forests</h1><p>Kelp forests grow in cold water.</p><h2 id="vue d’ensemble">Vue d’ensemble</h2><p>Les forêts de varech abritent des loutres.</p>'),
    'reprint.html': doc('One again', '<h1 id="one">Harbour tides</h1><p>The harbour tides table lists spring tides.</p>'),
    'latin1.html': Buffer.concat([Buffer.from('<html><body><main><h1>Desserts</h1><p>La cr'), Buffer.from([0xe8]), Buffer.from('me br'), Buffer.from([0xfb]), Buffer.from('l'), Buffer.from([0xe9]), Buffer.from('e est un dessert.</p></main></body></html>')]),
    'blob.html': doc('Blob', `<h1>Embedded key</h1><p>The lighthouse keeper key follows.</p><p>${'QUJD'.repeat(750_000)}</p>`),
    'explodes.html': doc('Explodes', '<h1>Boom</h1><p>This page breaks the chunker.</p>'),
  };
  await mkdir(site);
  for (const [name, body] of Object.entries(files)) await writeFile(join(site, name), body);
  summary = await build(await resolveBuildOptions(site, {}), silentReporter);
}, 600_000);

afterAll(() => rm(root, { recursive: true, force: true }));

const warningsFor = (file: string) => summary.warnings.filter((w) => w.file === file).map((w) => w.reason);

describe('a build over hostile pages', () => {
  it('goes on past a page that throws, naming it and the reason', () => {
    expect(warningsFor('explodes.html')).toEqual(['could not be indexed (RangeError: Maximum call stack size exceeded); skipped']);
    expect(summary.pages).toBe(4);
  });

  it('names the duplicate it dropped and the file it duplicates', () => {
    expect(summary.duplicates).toBe(1);
    expect(warningsFor('page #1.html')).toEqual([]);
    expect(warningsFor('reprint.html')).toEqual(['duplicate of page #1.html (same content)']);
  });

  it('links to files with spaces, "#" and non-ASCII names resolve to those files and headings', async () => {
    const index = await openIndex(join(site, '_quarry'));
    const root = new URL('https://example.org/docs/');
    const land = (href: string) => {
      const u = resolveHref(href, root)!;
      return { file: decodeURIComponent(u.pathname.slice(root.pathname.length)), id: decodeURIComponent(u.hash.slice(1)) };
    };
    const kelp = (await index.search('kelp forests', { mode: 'lexical', k: 5 })).results[0];
    expect(land(kelp.passages[0].href)).toEqual({ file: 'page #2 (ü).html', id: 'zwei' });
    // The query names the merged sub-heading, so the link goes to its id (with a space and a curly quote).
    const overview = (await index.search('vue d’ensemble', { mode: 'lexical', k: 5 })).results[0];
    expect(land(overview.passages[0].href)).toEqual({ file: 'page #2 (ü).html', id: 'vue d’ensemble' });
    const tides = (await index.search('harbour tides', { mode: 'lexical', k: 5 })).results;
    expect(tides.map((r) => land(r.url).file)).toEqual(['page #1.html']);
  });

  it('finds "crème" on a latin-1 page that declares no charset', async () => {
    const index = await openIndex(join(site, '_quarry'));
    const r = (await index.search('crème brûlée', { mode: 'lexical', k: 5 })).results;
    expect(r[0]?.url).toBe('latin1.html');
    expect(warningsFor('latin1.html')).toEqual(['no charset declared and not valid UTF-8, decoded as windows-1252']);
  });

  it('a 3 MB "word" is not indexed whole, is warned about, and leaves the keyword files small', async () => {
    expect(warningsFor('blob.html')).toEqual(['1 over-long token (over 100 characters) not indexed']);
    const files = await readdir(join(site, '_quarry'));
    for (const f of files.filter((n) => /^(lexical|terms)\./.test(n))) expect((await stat(join(site, '_quarry', f))).size, f).toBeLessThan(100_000);
    const index = await openIndex(join(site, '_quarry'));
    const hit = (await index.search('lighthouse keeper', { mode: 'lexical', k: 1 })).results[0];
    expect(hit.url).toBe('blob.html');
    const snippet = hit.passages[0].snippet.map((s) => s.text).join('');
    expect(snippet.length).toBeLessThanOrEqual(222);
  });
});
