import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanLegacyFolders, cleanTempFiles } from '../../../../build-index/write/leftovers.ts';

let site: string;
let out: string;
beforeEach(async () => {
  site = await mkdtemp(join(tmpdir(), 'quarry-leftovers-'));
  out = join(site, '_quarry');
});
afterEach(() => rm(site, { recursive: true, force: true }));

const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;
const manifest = JSON.stringify({ format: 'quarry-index', version: 1, files: {} });

describe('leftovers of killed builds', () => {
  it('removes old-style temp folders whose build is gone, keeps a live build\'s and unrelated folders', async () => {
    const dead = deadPid();
    await mkdir(out);
    await writeFile(join(out, 'manifest.json'), manifest);
    for (const name of [`._quarry.tmp-${dead}-1764000000000`, `._quarry.old-${dead}-1764000000001`, `._quarry.tmp-${process.ppid}-1764000000002`, '.cache', `.other.tmp-${dead}-1`]) {
      await mkdir(join(site, name));
      await writeFile(join(site, name, 'x.bin'), 'x');
    }
    await cleanLegacyFolders(out);
    expect((await readdir(site)).sort()).toEqual([`._quarry.tmp-${process.ppid}-1764000000002`, '.cache', `.other.tmp-${dead}-1`, '_quarry'].sort());
  });

  it('moves back the complete index a build killed between its two renames left in .old-*', async () => {
    const dead = deadPid();
    const old = join(site, `._quarry.old-${dead}-1764000000000`);
    await mkdir(old);
    await writeFile(join(old, 'manifest.json'), manifest);
    await mkdir(join(site, `._quarry.tmp-${dead}-1764000000001`));
    await cleanLegacyFolders(out);
    expect(await readFile(join(out, 'manifest.json'), 'utf8')).toBe(manifest);
    expect(await readdir(site)).toEqual(['_quarry']);
  });

  it('removes temp files of writers that are gone, in the index and the site root, and nothing else', async () => {
    const dead = deadPid();
    await mkdir(join(out, 'text'), { recursive: true });
    const doomed = [join(out, `docs.0123456789ab.json.${dead}-1.quarry-tmp`), join(out, 'text', `0.0123456789ab.json.${dead}-2.quarry-tmp`), join(site, `quarry-sw.js.${dead}-3.quarry-tmp`)];
    const kept = [join(out, `vectors.0123456789ab.bin.${process.ppid}-1.quarry-tmp`), join(out, 'docs.0123456789ab.json'), join(out, 'notes.quarry-tmp'), join(site, 'index.html')];
    for (const f of [...doomed, ...kept]) await writeFile(f, 'x');
    expect((await cleanTempFiles(out, site)).sort()).toEqual(doomed.sort());
    for (const f of kept) expect(await readFile(f, 'utf8')).toBe('x');
  });
});
