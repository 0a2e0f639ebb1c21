/**
 * `quarry build` never deletes what it did not write: an output folder that
 * is the site, holds the site, or holds someone else's files is refused
 * (non-zero exit, every file still there byte for byte); a new, empty or
 * Quarry-index folder is written. The real CLI, in child processes.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCompleteIndex, sha256, spawnBuild } from '../../support/build-child.ts';
import { SAMPLE_SITE } from '../../support/sample-site.ts';

/** path → sha256 of every file below `dir`. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const d of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (d.isFile()) out[join(d.parentPath, d.name)] = sha256(await readFile(join(d.parentPath, d.name)));
  }
  return out;
}

describe('the output folder', () => {
  let root: string;
  let site: string;
  let other: string;
  let before: Record<string, string>;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'quarry-out-'));
    site = join(root, 'site');
    await cp(SAMPLE_SITE, site, { recursive: true, filter: (src) => !src.includes('/_quarry') });
    await mkdir(join(site, 'assets'));
    await writeFile(join(site, 'assets', 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
    await writeFile(join(site, 'assets', 'site.css'), 'body { color: teal }');
    // A web app manifest is not a Quarry manifest.
    await writeFile(join(site, 'assets', 'manifest.json'), '{"name":"My docs","icons":[]}');
    other = join(root, 'other');
    await mkdir(other);
    await writeFile(join(other, 'notes.txt'), 'keep me');
    await symlink(site, join(root, 'site-link'));
    before = { ...(await snapshot(site)), ...(await snapshot(other)) };
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  const expectRefused = async (args: string[], message: RegExp) => {
    const r = await spawnBuild(args).done;
    expect(r.code, r.stderr).not.toBe(0);
    expect(r.stderr).toMatch(message);
    expect({ ...(await snapshot(site)), ...(await snapshot(other)) }).toEqual(before);
  };

  it('refuses the site folder itself', async () => {
    await expectRefused([site, '--out', site], new RegExp(`Refusing to write the index into ${site}: it is the site folder itself`));
  });

  it('refuses the site folder reached through a symlink', async () => {
    await expectRefused([site, '--out', join(root, 'site-link')], /it is the site folder itself/);
  });

  it('refuses a folder that contains the site', async () => {
    await expectRefused([site, '--out', root], new RegExp(`${root}: it contains the site folder ${site}`));
  });

  it('refuses a user folder inside the site', async () => {
    await expectRefused([site, '--out', join(site, 'assets')], new RegExp(`${join(site, 'assets')}: it already holds files that are not a Quarry index \\(logo.png, manifest.json, site.css\\)`));
  });

  it('refuses an unrelated folder with files in it', async () => {
    await expectRefused([site, '--out', other], new RegExp(`${other}: it already holds files that are not a Quarry index \\(notes.txt\\)`));
  });

  it('refuses outDir "." from quarry.config.json', async () => {
    const config = join(site, 'quarry.config.json');
    await writeFile(config, JSON.stringify({ outDir: '.' }));
    before[config] = sha256(await readFile(config));
    try {
      await expectRefused([site], /it is the site folder itself/);
    } finally {
      await rm(config);
      delete before[config];
    }
  });

  it('writes a new folder, then rebuilds into it once it is a Quarry index', async () => {
    const out = join(root, 'new', 'index');
    const first = await spawnBuild([site, '--out', out]).done;
    expect(first.code, first.stderr).toBe(0);
    const manifest = await expectCompleteIndex(out);
    const again = await spawnBuild([site, '--out', out]).done;
    expect(again.code, again.stderr).toBe(0);
    expect(await expectCompleteIndex(out)).not.toBe(manifest);
    expect(await snapshot(other)).toEqual(Object.fromEntries(Object.entries(before).filter(([k]) => k.startsWith(other))));
  });

  it('writes into an empty folder inside the site', async () => {
    const out = join(site, 'search-index');
    await mkdir(out);
    const r = await spawnBuild([site, '--out', out]).done;
    expect(r.code, r.stderr).toBe(0);
    await expectCompleteIndex(out);
    for (const [file, sum] of Object.entries(before)) expect(sha256(await readFile(file)), file).toBe(sum);
  });
});
