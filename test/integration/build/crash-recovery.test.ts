/**
 * Rebuilds of a live index folder: a reader polling it, a build killed with
 * -9 at each stage, and slowed renames never find it incomplete; the next
 * build collects what killed builds left. Builds run as the real CLI with
 * the real model, in child processes.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../../src/core/format/manifest.ts';
import { deadPid, expectCompleteIndex, manifestEntries, pollIndex, spawnBuild } from '../../support/build-child.ts';
import { buildSiteCopy, type BuiltSite } from '../../support/sample-site.ts';

const STATE_FILES = ['manifest.json', 'build-cache.json', 'build-files.json'];
const hasStrace = spawnSync('strace', ['-V']).status === 0;

describe('rebuilding a live index', () => {
  let built: BuiltSite;
  let edits = 0;
  /** Changes one page's text, so the next build writes new postings, vectors and text files (docs, which holds no text, stays). */
  const editSite = async () => {
    const page = join(built.site, 'troubleshooting.html');
    await writeFile(page, (await readFile(page, 'utf8')).replace('</p>', ` Kelp note number ${++edits} for this rebuild.</p>`));
  };
  const build = async (args: string[] = [], env: Record<string, string> = {}) => {
    const r = await spawnBuild([built.site, ...args], env).done;
    expect(r.code, r.stderr).toBe(0);
    return r;
  };
  const manifestText = () => readFile(join(built.index, 'manifest.json'), 'utf8');
  const listing = async () => (await readdir(built.index, { recursive: true })).map(String).sort();

  beforeAll(async () => {
    built = await buildSiteCopy();
  });
  afterAll(() => built?.cleanup());

  it('a reader polling the folder through 3 rebuilds always finds manifest.json and every file it lists', async () => {
    const poller = pollIndex(built.index);
    let previous = '';
    for (let i = 0; i < 3; i++) {
      await editSite();
      previous = await manifestText();
      await build();
    }
    const { probes, problems } = poller.stop();
    expect(problems).toEqual([]);
    expect(probes).toBeGreaterThan(100);
    await expectCompleteIndex(built.index);

    // One generation back stays for visitors who loaded the previous manifest; older ones are collected.
    const current = new Set(manifestEntries(JSON.parse(await manifestText()) as Manifest, built.index).map((e) => e.path));
    const keep = new Set([...current, ...manifestEntries(JSON.parse(previous) as Manifest, built.index).map((e) => e.path)]);
    const files = (await readdir(built.index, { recursive: true, withFileTypes: true })).filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name).slice(built.index.length + 1));
    expect(files.filter((f) => !STATE_FILES.includes(f)).sort()).toEqual([...keep].sort());
    // The edited page's text shard in two versions: the current one and the one before.
    expect([...keep].filter((f) => /^text\/[0-9a-f]+\.json$/.test(f) && !current.has(f))).toHaveLength(1);
  });

  it.skipIf(!hasStrace)('every state the folder passes through is a whole index (each rename slowed to 0.1 s with strace)', async () => {
    await editSite();
    const before = await manifestText();
    const poller = pollIndex(built.index);
    const slowRenames = ['strace', '-f', '--seccomp-bpf', '-qq', '-o', '/dev/null', '-e', 'trace=rename,renameat,renameat2', '-e', 'inject=rename,renameat,renameat2:delay_exit=100000'];
    const r = await spawnBuild([built.site], {}, slowRenames).done;
    const { problems } = poller.stop();
    expect(r.code, r.stderr).toBe(0);
    expect(problems).toEqual([]);
    expect(await manifestText()).not.toBe(before);
    await expectCompleteIndex(built.index);
  });

  it('kill -9 while it encodes leaves the previous index complete', async () => {
    const before = await manifestText();
    const files = await listing();
    // Other passage sizes: every passage needs encoding.
    const child = spawnBuild([built.site, '--chunk-words', '60', '--overlap', '10']);
    await child.waitForStderr(/Extracted \d+ passages/);
    child.kill();
    await child.done;
    expect(await manifestText()).toBe(before);
    expect((await listing()).filter((f) => !files.includes(f) && f !== '.quarry-build.lock')).toEqual([]);
    await expectCompleteIndex(built.index);
  });

  it('kill -9 as soon as its first new data file appears leaves the previous index complete', async () => {
    await editSite();
    const before = await manifestText();
    const old = new Set(readdirSync(join(built.index, 'text')));
    const child = spawnBuild([built.site]);
    await new Promise<void>((resolve, reject) => {
      const look = () => {
        if (readdirSync(join(built.index, 'text')).some((f) => !old.has(f))) return resolve();
        child.child.exitCode === null ? setImmediate(look) : reject(new Error('the build ended before writing'));
      };
      look();
    });
    child.kill();
    await child.done;
    expect(await manifestText()).toBe(before);
    await expectCompleteIndex(built.index);
  });

  it('kill -9 with every new file in place, just before manifest.json is replaced, leaves the previous index complete', async () => {
    await editSite();
    const before = await manifestText();
    const oldText = new Set(manifestEntries(JSON.parse(before) as Manifest, built.index).map((e) => e.path));
    const child = spawnBuild([built.site], { QUARRY_TEST_PAUSE: 'before-manifest' });
    await child.waitForStderr(/quarry-test-paused:before-manifest/);
    expect((await readdir(join(built.index, 'text'))).filter((f) => f.endsWith('.json') && !oldText.has(`text/${f}`)).length).toBeGreaterThan(0);
    child.kill();
    await child.done;
    expect(await manifestText()).toBe(before);
    await expectCompleteIndex(built.index);
  });

  it('kill -9 right after manifest.json is replaced leaves the new index complete', async () => {
    await editSite();
    const before = await manifestText();
    const child = spawnBuild([built.site], { QUARRY_TEST_PAUSE: 'after-manifest' });
    await child.waitForStderr(/quarry-test-paused:after-manifest/);
    child.kill();
    await child.done;
    expect(await manifestText()).not.toBe(before);
    await expectCompleteIndex(built.index);
  });

  it('the next build removes what killed builds left: their files, temp files, lock, and old-style temp folders', async () => {
    const parent = built.site; // the index folder's parent
    const dead = deadPid();
    const legacy = [`._quarry.tmp-${dead}-1764000000000`, `._quarry.old-${dead}-1764000000001`];
    for (const name of legacy) {
      await mkdir(join(parent, name, 'text'), { recursive: true });
      await writeFile(join(parent, name, 'vectors.0123456789ab.bin'), Buffer.alloc(1 << 20));
    }
    // A live build's folder (this test process stands in for it) is left alone.
    const live = `._quarry.tmp-${process.pid}-1764000000002`;
    await mkdir(join(parent, live));
    await writeFile(join(built.index, `docs.0123456789ab.json.${dead}-1.quarry-tmp`), 'half a file');
    await writeFile(join(built.index, 'text', `0.0123456789ab.json.${dead}-2.quarry-tmp`), 'half a file');
    expect(await readdir(built.index)).toContain('.quarry-build.lock'); // left by the builds killed above

    const previous = await manifestText();
    await editSite();
    await build();

    const names = await readdir(parent);
    for (const name of legacy) expect(names).not.toContain(name);
    expect(names).toContain(live);
    const files = await listing();
    expect(files.filter((f) => f.endsWith('.quarry-tmp') || f === '.quarry-build.lock')).toEqual([]);
    const keep = new Set([...manifestEntries(JSON.parse(await manifestText()) as Manifest, built.index), ...manifestEntries(JSON.parse(previous) as Manifest, built.index)].map((e) => e.path));
    const entries = await readdir(built.index, { recursive: true, withFileTypes: true });
    const stray = entries.filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name).slice(built.index.length + 1)).filter((f) => !keep.has(f) && !STATE_FILES.includes(f));
    expect(stray).toEqual([]);
    await expectCompleteIndex(built.index);
  });
});
