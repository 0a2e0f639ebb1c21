import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveBuildOptions } from '../../../build-index/options.ts';
import { BUILD_DEFAULTS } from '../../../build-index/config.ts';

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
