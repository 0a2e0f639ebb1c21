/**
 * Offline: after one visit the site and its semantic search work with no
 * network (service worker), a rebuilt index only fetches what changed, and
 * without a service worker the persistent cache still spares the model and
 * runtime downloads on a repeat visit.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../../build-index/build.ts';
import { resolveBuildOptions } from '../../../build-index/options.ts';
import { silentReporter } from '../../support/sample-site.ts';
import { tableEntries } from '../../../src/core/format/shard-tables.ts';
import { textShardPaths } from '../../support/shards.ts';
import type { Manifest } from '../../../src/core/format/manifest.ts';
import { serveBuiltSite, watchedPage, type ServedSite } from '../support/site-server.ts';
import { groupTitles, openDialog, searchHybrid } from '../support/widget-driver.ts';

const PARAPHRASE = 'stop it from recalling earlier lookups';
const BIG_FILES = /model_quantized\.onnx|ort-wasm-simd-threaded\.wasm|vectors\./;

async function addOfflineAttribute(site: string): Promise<void> {
  const file = join(site, 'index.html');
  await writeFile(file, (await readFile(file, 'utf8')).replace('<quarry-search>', '<quarry-search offline>'));
}

describe('with the service worker (quarry build --sw)', () => {
  let site: ServedSite;
  beforeAll(async () => {
    // Model and runtime offline: the full tier (the static tier is precached the same way, as listed files).
    site = await serveBuiltSite({ serviceWorker: true, staticTier: false }, addOfflineAttribute);
  });
  afterAll(() => site?.close());

  it('searches semantically offline after one visit, and a rebuild fetches only changed files', async () => {
    const w = await watchedPage(site);
    const url = `${site.server.url}/index.html`;
    await w.page.goto(url);
    await openDialog(w.page);
    await searchHybrid(w.page, PARAPHRASE);
    expect((await groupTitles(w.page))[0]).toBe('Result cache');

    // The service worker fills in what the search worker has not cached yet, then stores the manifest last.
    // (Polled from here: page.waitForFunction does not await an async predicate.)
    const manifestUrl = `${site.server.url}/_quarry/manifest.json`;
    const cachedManifest = () => w.page.evaluate(async (m) => (await (await caches.open('quarry-index-v1')).match(m))?.text() ?? '', manifestUrl);
    await expect.poll(cachedManifest, { timeout: 120_000, interval: 250 }).not.toBe('');
    // One online reload under the worker's control caches the page itself.
    await w.page.reload();
    await w.page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));

    await w.context.setOffline(true);
    await w.page.reload();
    await openDialog(w.page);
    await searchHybrid(w.page, PARAPHRASE);
    expect((await groupTitles(w.page))[0]).toBe('Result cache');
    await w.context.setOffline(false);

    // Rebuild with one page changed: the next online visit fetches only the changed files.
    const page = join(site.built.site, 'replication.html');
    await writeFile(page, (await readFile(page, 'utf8')).replace('</p>', ' Standby hosts may also be called replicas.</p>'));
    const before = JSON.parse(await readFile(join(site.built.index, 'manifest.json'), 'utf8')) as Manifest;
    await build(await resolveBuildOptions(site.built.site, { serviceWorker: true }), silentReporter);
    const after = JSON.parse(await readFile(join(site.built.index, 'manifest.json'), 'utf8')) as Manifest;
    // The page's text shard is new; unchanged shards keep their names (and their cached copies).
    // Read before the next build collects the previous generation's tables.
    const [beforeShards, afterShards] = [await textShardPaths(site.built.index, before), await textShardPaths(site.built.index, after)];
    const tables = (m: Manifest) => tableEntries(m.files.text).map((e) => e.path);
    // Shards whose text changed, and tables that list them (or whose passage ids moved).
    const changed = afterShards.filter((p) => !beforeShards.includes(p));
    const changedTables = tables(after).filter((p) => !tables(before).includes(p));
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.length).toBeLessThan(afterShards.length / 2);

    site.requests.length = 0;
    await w.page.reload();
    await openDialog(w.page);
    await searchHybrid(w.page, 'replicas standby');
    await expect.poll(cachedManifest, { timeout: 60_000, interval: 250 }).toContain(after.builtAt);
    expect(site.requests.filter((p) => p.startsWith('/_quarry/text/'))).toEqual(expect.arrayContaining([`/_quarry/${changed[0]}`]));
    expect(site.requests.filter((p) => p.startsWith('/_quarry/text/') && ![...changed, ...changedTables].some((c) => p === `/_quarry/${c}`))).toEqual([]);
    expect(site.requests.filter((p) => BIG_FILES.test(p) && !p.includes(after.files.vectors.path))).toEqual([]);
    expect(w.external).toEqual([]);
    await w.context.close();
  });
});

describe('without a service worker', () => {
  let site: ServedSite;
  beforeAll(async () => {
    site = await serveBuiltSite({ staticTier: false });
  });
  afterAll(() => site?.close());

  it('keeps model, runtime and index in Cache Storage: a repeat visit downloads none of them', async () => {
    const w = await watchedPage(site);
    await w.page.goto(`${site.server.url}/index.html`);
    await openDialog(w.page);
    await searchHybrid(w.page, PARAPHRASE);
    expect(site.requests.filter((p) => BIG_FILES.test(p)).length).toBeGreaterThanOrEqual(3);

    site.requests.length = 0;
    await w.page.reload();
    await openDialog(w.page);
    await searchHybrid(w.page, PARAPHRASE);
    expect((await groupTitles(w.page))[0]).toBe('Result cache');
    expect(site.requests.filter((p) => BIG_FILES.test(p))).toEqual([]);
    expect(site.requests).toContain('/_quarry/manifest.json');
    await w.context.close();
  });
});
