import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveBuildOptions } from '../../../build-index/options.ts';
import { BUILD_DEFAULTS } from '../../../build-index/config.ts';
import { crawlSite } from '../../../build-index/crawl.ts';

describe('resolveBuildOptions', () => {
  it('applies defaults and puts the index in <site>/_quarry', async () => {
    const o = await resolveBuildOptions('/tmp/site', {});
    expect(o.outDir).toBe('/tmp/site/_quarry');
    expect(o.chunkWords).toBe(BUILD_DEFAULTS.chunkWords);
  });

  it('takes flags over the config file over defaults', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'quarry-opt-'));
    await writeFile(join(dir, 'quarry.config.json'), JSON.stringify({ chunkWords: 150, overlapWords: 20 }));
    const o = await resolveBuildOptions(dir, { chunkWords: '250' });
    expect(o.chunkWords).toBe(250);
    expect(o.overlapWords).toBe(20);
  });

  it('rejects unknown keys naming the file and listing known options', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'quarry-opt-'));
    const file = join(dir, 'quarry.config.json');
    await writeFile(file, JSON.stringify({ chunkSize: 150 }));
    await expect(resolveBuildOptions(dir, {})).rejects.toMatchObject({ code: 'BAD_OPTION', message: expect.stringMatching(/"chunkSize".*quarry\.config\.json.*chunkWords/) });
  });

  it('rejects wrong types instead of dropping them', async () => {
    await expect(resolveBuildOptions('/tmp/site', { chunkWords: 'lots' })).rejects.toThrow(/"chunkWords".*positive whole number.*"lots"/);
    await expect(resolveBuildOptions('/tmp/site', { encodeFields: 'title,body' })).rejects.toThrow(/encodeFields/);
    await expect(resolveBuildOptions('/tmp/site', { pooling: 'max' })).rejects.toThrow(/"mean" or "cls"/);
  });

  it('rejects an overlap that is not smaller than the chunk', async () => {
    await expect(resolveBuildOptions('/tmp/site', { chunkWords: '100', overlapWords: '100' })).rejects.toThrow(/overlap/);
  });

  it('reads a broken config file with a clear message', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'quarry-opt-'));
    await writeFile(join(dir, 'quarry.config.json'), '{ nope');
    await expect(resolveBuildOptions(dir, {})).rejects.toThrow(/Cannot read .*quarry\.config\.json/);
  });
});

describe('--exclude adds to the default excludes', () => {
  async function tinySite(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'quarry-exclude-'));
    const page = (title: string) => `<html><head><title>${title}</title></head><body><main><h1>${title}</h1><p>Some words about ${title}.</p></main></body></html>`;
    for (const [file, title] of [['guide.html', 'Guide'], ['node_modules/x.html', 'Vendored'], ['drafts/y.html', 'Draft']]) {
      await mkdir(dirname(join(dir, file)), { recursive: true });
      await writeFile(join(dir, file), page(title));
    }
    return dir;
  }

  async function crawled(site: string, options: { include: string[]; exclude: string[]; maxFileBytes: number }): Promise<string[]> {
    const files: string[] = [];
    for await (const item of crawlSite(site, options)) if (!('reason' in item)) files.push(item.relPath);
    return files;
  }

  it('keeps node_modules/** excluded when --exclude drafts/** is given', async () => {
    const site = await tinySite();
    const o = await resolveBuildOptions(site, { exclude: ['drafts/**'] });
    expect(o.exclude).toEqual(expect.arrayContaining(['drafts/**', '**/node_modules/**', '**/_static/**']));
    expect(await crawled(site, o)).toEqual(['guide.html']);
  });

  it('adds a config file\'s exclude and the flag\'s to the defaults', async () => {
    const site = await tinySite();
    await writeFile(join(site, 'quarry.config.json'), JSON.stringify({ exclude: ['drafts/**'] }));
    const o = await resolveBuildOptions(site, { exclude: ['old/**'] });
    expect(o.exclude).toEqual(expect.arrayContaining(['**/node_modules/**', 'drafts/**', 'old/**']));
    expect(await crawled(site, o)).toEqual(['guide.html']);
  });
});
