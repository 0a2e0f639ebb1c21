/**
 * `quarry build` arguments through the option table: flags, config file,
 * merge rules and ranges, and the help generated from the same table.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_DEFAULTS, buildFlagConfig } from '../../../build-index/config.ts';
import { crawlSite } from '../../../build-index/crawl.ts';
import { buildOptionsFromArgs } from '../../../src/cli/commands/build.ts';
import { COMMANDS } from '../../../src/cli/command-list.ts';
import { HELP, helpFor } from '../../../src/cli/help.ts';

async function tinySite(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'quarry-args-'));
  for (const file of ['guide.html', 'node_modules/x.html', 'drafts/y.html']) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), `<html><head><title>${file}</title></head><body><main><p>Words about ${file}.</p></main></body></html>`);
  }
  return dir;
}

async function crawled(site: string, o: { include: string[]; exclude: string[]; maxFileBytes: number }): Promise<string[]> {
  const files: string[] = [];
  for await (const item of crawlSite(site, o)) if (!('reason' in item)) files.push(item.relPath);
  return files.sort();
}

describe('quarry build arguments', () => {
  it('--exclude drafts/** adds to the default excludes, so node_modules stays out of the index', async () => {
    const site = await tinySite();
    const o = await buildOptionsFromArgs([site, '--exclude', 'drafts/**']);
    expect(o.exclude).toEqual([...BUILD_DEFAULTS.exclude, 'drafts/**']);
    expect(await crawled(site, o)).toEqual(['guide.html']);
  });

  it('--no-default-excludes keeps only the given patterns', async () => {
    const site = await tinySite();
    const o = await buildOptionsFromArgs([site, '--no-default-excludes', '--exclude', 'drafts/**']);
    expect(o.exclude).toEqual(['drafts/**']);
    expect(await crawled(site, o)).toEqual(['guide.html', 'node_modules/x.html']);
  });

  it('defaultExcludes: false in the config file does the same', async () => {
    const site = await tinySite();
    await writeFile(join(site, 'quarry.config.json'), JSON.stringify({ defaultExcludes: false }));
    expect((await buildOptionsFromArgs([site])).exclude).toEqual([]);
  });

  it('maps negated and renamed flags to their options', async () => {
    const o = await buildOptionsFromArgs(['/tmp/site', '--no-copy-model', '--sw', '--overlap', '20', '--chunk-words', '150', '--json']);
    expect(o).toMatchObject({ copyModel: false, serviceWorker: true, overlapWords: 20, chunkWords: 150, json: true });
    expect((await buildOptionsFromArgs(['/tmp/site'])).copyModel).toBe(true);
  });

  it('turns the deployment options on by flag or config key, both off by default', async () => {
    expect(await buildOptionsFromArgs(['/tmp/site'])).toMatchObject({ webgpu: false, precompress: false });
    expect(await buildOptionsFromArgs(['/tmp/site', '--webgpu', '--precompress'])).toMatchObject({ webgpu: true, precompress: true });
    const site = await tinySite();
    await writeFile(join(site, 'quarry.config.json'), JSON.stringify({ precompress: true }));
    expect(await buildOptionsFromArgs([site])).toMatchObject({ webgpu: false, precompress: true });
  });

  it('rejects an out-of-range value once, naming the flag and the range', async () => {
    await expect(buildOptionsFromArgs(['/tmp/site', '--chunk-words', '10'])).rejects.toMatchObject({
      code: 'BAD_OPTION',
      message: expect.stringMatching(/--chunk-words.*between 20 and 2000, got 10/),
    });
  });

  it('names the config file for an out-of-range value set there', async () => {
    const site = await tinySite();
    await writeFile(join(site, 'quarry.config.json'), JSON.stringify({ chunkWords: 5000 }));
    await expect(buildOptionsFromArgs([site])).rejects.toThrow(/"chunkWords" in .*quarry\.config\.json must be between 20 and 2000, got 5000/);
  });

  it('rejects a config file that names another config file, and one that is not an object', async () => {
    const site = await tinySite();
    await writeFile(join(site, 'quarry.config.json'), JSON.stringify({ config: 'other.json' }));
    await expect(buildOptionsFromArgs([site])).rejects.toThrow(/Unknown option "config" in .*quarry\.config\.json/);
    await writeFile(join(site, 'quarry.config.json'), '[1, 2]');
    await expect(buildOptionsFromArgs([site])).rejects.toThrow(/quarry\.config\.json must hold an object of options/);
  });

  it('reads the file --config names', async () => {
    const site = await tinySite();
    const file = join(await mkdtemp(join(tmpdir(), 'quarry-cfg-')), 'my.json');
    await writeFile(file, JSON.stringify({ minWords: 7 }));
    expect(await buildOptionsFromArgs([site, '--config', file])).toMatchObject({ minWords: 7, config: file });
  });

  it('--out is relative to the current folder; outDir in a config file to the site', async () => {
    const site = await tinySite();
    expect((await buildOptionsFromArgs([site, '--out', 'rel/_quarry'])).outDir).toBe(resolve('rel/_quarry'));
    await writeFile(join(site, 'quarry.config.json'), JSON.stringify({ outDir: 'docs/_quarry' }));
    expect((await buildOptionsFromArgs([site])).outDir).toBe(join(site, 'docs/_quarry'));
  });
});

describe('help generated from the tables', () => {
  it('quarry build --help shows every flag the parser accepts, and what --exclude really does', () => {
    const help = helpFor('build');
    for (const flag of Object.keys(buildFlagConfig())) expect(help).toMatch(new RegExp(`^  --${flag}\\b`, 'm'));
    expect(help).toMatch(/--exclude GLOB\s+Files to skip \(repeatable, adds to the defaults: _quarry\/\*\*,\s+\*\*\/node_modules\/\*\*/);
    expect(help).toMatch(/--include GLOB\s+Files to index \(repeatable, replaces the default/);
  });

  it('quarry --help lists every command main dispatches', () => {
    for (const c of COMMANDS) expect(HELP).toMatch(new RegExp(`^  ${c.name}\\b`, 'm'));
  });
});
