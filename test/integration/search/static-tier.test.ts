/**
 * The first-keystroke semantic tier (issue 15) with the real model at build
 * time and none at query time: a site composed of cuts of five real manuals,
 * its static word table and IVF lists, searched through openIndex's static tier.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildSummary } from '../../../build-index/build.ts';
import { resolveBuildOptions } from '../../../build-index/options.ts';
import type { Manifest } from '../../../src/core/format/manifest.ts';
import { openIndex } from '../../../src/node/index.ts';
import { silentReporter } from '../../support/sample-site.ts';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/sites');
const PARTS = ['real-django-pages', 'real-git', 'real-sqlite', 'real-sfml-index', 'real-mkdocs'];
/** Django's paginator page says "paginate", "objects", "per page": not "split", "screens" or "numbered". */
const PARAPHRASE = 'split a long list of objects across numbered screens';
const ANSWER = 'real-django-pages/ref/paginator.html';

describe('static tier', () => {
  let root: string;
  let site: string;
  let summary: BuildSummary;
  const buildSite = async (flags: Record<string, unknown> = {}) => build(await resolveBuildOptions(site, flags), silentReporter);

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'quarry-static-'));
    site = join(root, 'site');
    for (const part of PARTS) await cp(join(FIXTURES, part), join(site, part), { recursive: true });
    summary = await buildSite();
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('is built with the index: word rows, IVF lists and the nprobe the build chose', async () => {
    const manifest = JSON.parse(await readFile(join(site, '_quarry', 'manifest.json'), 'utf8')) as Manifest;
    expect(summary.staticTier).toMatchObject({ reused: false });
    expect(summary.staticTier!.words).toBeGreaterThan(500);
    expect(manifest.staticTier).toMatchObject({ version: 1, words: summary.staticTier!.words, nprobe: summary.staticTier!.nprobe });
    expect(manifest.files.staticRows && manifest.files.ivfCentroids && manifest.files.ivfLists).toBeTruthy();
    // Held-out texts: the mapped and tuned table is closer to the model than the words alone.
    const { heldOut } = summary.staticTier!.report!.table;
    expect(heldOut.tuned).toBeGreaterThan(heldOut.initial);
    // Tier 1 has its own "no good match" threshold: its cosines are not the model's.
    // Its cosines run higher than the model's (a mean of rows sits nearer every passage), so the model's floor would let them all through.
    expect(manifest.staticTier!.calibration!.denseFloor).toBeGreaterThan(manifest.calibration!.denseFloor);
  });

  it('ranks the page a paraphrase means first, where keywords alone rank another page first', async () => {
    const index = await openIndex(join(site, '_quarry'), { tier: 'static' });
    const lexical = await index.search(PARAPHRASE, { mode: 'lexical' });
    const hybrid = await index.search(PARAPHRASE, { mode: 'hybrid' });
    expect(lexical.results[0].url).not.toBe(ANSWER);
    expect(hybrid).toMatchObject({ stage: 'hybrid', tier: 'static' });
    expect(hybrid.results[0].url).toBe(ANSWER);
    // Literals stay lexical-led in tier 1 too.
    const literal = await index.search('sqlite3_stmt', { mode: 'hybrid' });
    expect(literal.results[0].url).toBe('real-sqlite/c3ref/stmt.html');
    await index.close();
  });

  it('says "no good match" for an off-topic question instead of ranking its nearest passages', async () => {
    const index = await openIndex(join(site, '_quarry'), { tier: 'static' });
    const offTopic = await index.search('how long should I bake banana bread with walnuts', { mode: 'hybrid' });
    expect(offTopic).toMatchObject({ tier: 'static', results: [], noMatch: expect.anything() });
    await index.close();
  });

  it('is reused by a rebuild of the unchanged site, without training again', async () => {
    const again = await buildSite();
    expect(again.staticTier).toMatchObject({ reused: true, words: summary.staticTier!.words, nprobe: summary.staticTier!.nprobe });
    expect(again.encoded).toBe(0);
  });

  it('names the file when a static-tier file is damaged, and --no-static-tier leaves the tier out', async () => {
    const dir = join(site, '_quarry');
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    const path = join(dir, manifest.files.ivfCentroids!.path);
    const good = await readFile(path);
    await writeFile(path, good.subarray(0, good.length - 7));
    const index = await openIndex(dir, { tier: 'static' });
    await expect(index.search(PARAPHRASE, { mode: 'dense' })).rejects.toMatchObject({ code: 'INDEX_CORRUPT', message: expect.stringContaining(manifest.files.ivfCentroids!.path) });
    await index.close();
    await writeFile(path, good);

    const without = await buildSite({ staticTier: false });
    expect(without.staticTier).toBeNull();
    const plain = await openIndex(dir, { tier: 'static' });
    expect(plain.manifest.staticTier).toBeUndefined();
    await expect(plain.search(PARAPHRASE, { mode: 'hybrid' })).rejects.toMatchObject({ code: 'BAD_OPTION', message: expect.stringContaining('--no-static-tier') });
    await plain.close();
  });
});
