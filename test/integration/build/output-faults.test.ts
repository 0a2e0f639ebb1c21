/**
 * Faults while a rebuild writes into a live index: an output folder that
 * cannot be written, a full disk, and a second build racing the first. Each
 * leaves a complete index behind (the previous one unless the build
 * finished), with every file matching its manifest checksum. The real CLI
 * with the real model, in child processes.
 *
 * Tests run as root, which ignores permission bits, so "unwritable" is made
 * with the immutable attribute (chattr +i binds root too) and "disk full"
 * with a small tmpfs filled to the brim; each is skipped, saying why, where
 * the machine cannot do that.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, fstatSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCompleteIndex, spawnBuild } from '../../support/build-child.ts';
import { buildSiteCopy, type BuiltSite } from '../../support/sample-site.ts';

function probe(setup: (dir: string) => boolean): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'quarry-probe-'));
  try {
    return setup(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const chattr = (flag: '+i' | '-i', path: string) => spawnSync('chattr', [flag, path]).status === 0;
const canMakeImmutable = probe((dir) => chattr('+i', dir) && chattr('-i', dir));
const canMountTmpfs = probe((dir) => spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]).status === 0 && spawnSync('umount', [dir]).status === 0);

describe('faults during a rebuild', () => {
  let built: BuiltSite;
  let edits = 0;
  const editSite = async (site = built.site) => {
    const page = join(site, 'troubleshooting.html');
    await writeFile(page, (await readFile(page, 'utf8')).replace('</p>', ` Fault note number ${++edits}.</p>`));
  };
  const listing = async (dir: string) => (await readdir(dir, { recursive: true })).map(String).sort();

  beforeAll(async () => {
    built = await buildSiteCopy();
  });
  afterAll(() => built?.cleanup());

  it.skipIf(!canMakeImmutable)('an index folder that cannot be written: a clear error, exit code 2, the previous index complete', async () => {
    const before = await expectCompleteIndex(built.index);
    await editSite();
    expect(chattr('+i', built.index)).toBe(true);
    try {
      const r = await spawnBuild([built.site]).done;
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`Cannot write to the index folder ${built.index}`);
    } finally {
      chattr('-i', built.index);
    }
    expect(await expectCompleteIndex(built.index)).toBe(before);
  });

  it.skipIf(!canMakeImmutable)('a folder in it that cannot be written fails the build midway and rolls back to the previous index', async () => {
    const before = await expectCompleteIndex(built.index);
    const files = await listing(built.index);
    await editSite();
    const text = join(built.index, 'text');
    expect(chattr('+i', text)).toBe(true);
    try {
      const r = await spawnBuild([built.site]).done;
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/Writing the index to .* failed: .*The previous index is unchanged\./);
    } finally {
      chattr('-i', text);
    }
    expect(await expectCompleteIndex(built.index)).toBe(before);
    expect(await listing(built.index)).toEqual(files); // nothing of the failed build is left
  });

  describe.skipIf(!canMountTmpfs)('on a full disk (a small tmpfs, filled)', () => {
    let mount: string;
    let site: string;
    let filler: number;
    beforeAll(async () => {
      mount = await mkdtemp(join(tmpdir(), 'quarry-full-'));
      expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=96m', 'tmpfs', mount]).status).toBe(0);
      site = join(mount, 'site');
      await cp(built.site, site, { recursive: true });
      filler = openSync(join(mount, 'filler'), 'w');
      for (const size of [1 << 20, 4096]) {
        const chunk = Buffer.alloc(size, 1);
        try {
          for (;;) writeSync(filler, chunk);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
        }
      }
      // Room for the lock and the ledger, not for the new index files.
      ftruncateSync(filler, fstatSync(filler).size - 8 * 4096);
    });
    afterAll(async () => {
      if (filler !== undefined) closeSync(filler);
      if (mount) {
        spawnSync('umount', ['-l', mount]);
        await rm(mount, { recursive: true, force: true });
      }
    });

    it('ENOSPC: a clear error, exit code 2, the previous index complete; the next build with room succeeds', async () => {
      const index = join(site, '_quarry');
      const before = await expectCompleteIndex(index);
      const files = await listing(index);
      await editSite(site);
      const r = await spawnBuild([site]).done;
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/ENOSPC.*The previous index is unchanged\./);
      expect(await expectCompleteIndex(index)).toBe(before);
      expect(await listing(index)).toEqual(files);

      ftruncateSync(filler, 0);
      const again = await spawnBuild([site]).done;
      expect(again.code, again.stderr).toBe(0);
      expect(await expectCompleteIndex(index)).not.toBe(before);
    });
  });

  it('two builds into one folder: the second fails fast with the lock message, the first completes', async () => {
    const before = await expectCompleteIndex(built.index);
    await editSite();
    const resume = join(built.root, 'resume-first-build');
    const first = spawnBuild([built.site], { QUARRY_TEST_PAUSE: 'after-lock', QUARRY_TEST_RESUME_FILE: resume });
    await first.waitForStderr(/quarry-test-paused:after-lock/);

    const second = await spawnBuild([built.site]).done;
    expect(second.code).toBe(2);
    const lock = join(built.index, '.quarry-build.lock');
    expect(second.stderr).toContain(`another quarry build (pid ${first.child.pid}) is writing ${built.index}; wait for it to finish, or remove ${lock} if no build is running.`);
    expect(second.stderr).not.toMatch(/unchanged/);
    expect(await expectCompleteIndex(built.index)).toBe(before);

    await mkdir(resume);
    const r = await first.done;
    expect(r.code, r.stderr).toBe(0);
    expect(await expectCompleteIndex(built.index)).not.toBe(before);
    expect(await readdir(built.index)).not.toContain('.quarry-build.lock');
  });

  it('a corrupt model: the build fails naming the model file, the previous index complete', async () => {
    const before = await expectCompleteIndex(built.index);
    await editSite();
    // A copy of the prepared model with its ONNX file cut in half, as a broken download leaves it.
    const { resolveModel } = await import('../../../src/model/resolve.ts');
    const model = await resolveModel('default');
    const broken = join(built.root, 'broken-model');
    await cp(model.dir, broken, { recursive: true });
    const onnx = join(broken, 'onnx', 'model_quantized.onnx');
    const bytes = await readFile(onnx);
    await writeFile(onnx, bytes.subarray(0, bytes.length >> 1));
    const r = await spawnBuild([built.site, '--model', broken]).done;
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/model/i);
    expect(r.stderr).toContain(broken);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(await expectCompleteIndex(built.index)).toBe(before);
  });
});
