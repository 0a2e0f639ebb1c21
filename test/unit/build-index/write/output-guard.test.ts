import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkOutputFolder } from '../../../../build-index/write/output-guard.ts';

let root: string;
let site: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'quarry-guard-'));
  site = join(root, 'site');
  await mkdir(join(site, 'assets'), { recursive: true });
  await writeFile(join(site, 'index.html'), '<p>hi</p>');
  await writeFile(join(site, 'assets', 'logo.png'), 'png');
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('checkOutputFolder', () => {
  it('refuses the site itself, also through a symlink or a trailing ".."', async () => {
    await symlink(site, join(root, 'link'));
    for (const out of [site, join(root, 'link'), join(site, 'assets', '..')]) {
      await expect(checkOutputFolder(site, out)).rejects.toMatchObject({ code: 'BAD_OPTION', message: expect.stringContaining('it is the site folder itself') });
    }
  });

  it('refuses a folder that contains the site', async () => {
    await expect(checkOutputFolder(site, root)).rejects.toMatchObject({ code: 'BAD_OPTION', message: expect.stringContaining(`it contains the site folder ${site}`) });
  });

  it('refuses a folder holding files that are not a Quarry index, naming some of them', async () => {
    await writeFile(join(site, 'assets', 'manifest.json'), '{"name":"web app"}');
    await expect(checkOutputFolder(site, join(site, 'assets'))).rejects.toMatchObject({ code: 'BAD_OPTION', message: expect.stringContaining('(logo.png, manifest.json)') });
  });

  it('refuses a file as the output folder', async () => {
    await expect(checkOutputFolder(site, join(site, 'index.html'))).rejects.toMatchObject({ code: 'OUTPUT_UNWRITABLE', message: expect.stringContaining('it is a file') });
  });

  it('accepts a new folder, an empty one, a Quarry index, and what a killed first build left', async () => {
    await checkOutputFolder(site, join(site, '_quarry'));
    await checkOutputFolder(site, join(root, 'elsewhere', 'deep', 'index'));
    await mkdir(join(site, 'empty'));
    await checkOutputFolder(site, join(site, 'empty'));
    await mkdir(join(site, 'index'));
    await writeFile(join(site, 'index', 'manifest.json'), JSON.stringify({ format: 'quarry-index', version: 1, files: {} }));
    await writeFile(join(site, 'index', 'docs.0123456789ab.json'), '{}');
    await checkOutputFolder(site, join(site, 'index'));
    await mkdir(join(site, 'killed'));
    await writeFile(join(site, 'killed', '.quarry-build.lock'), '{}');
    await writeFile(join(site, 'killed', 'build-files.json.123-1.quarry-tmp'), '');
    await checkOutputFolder(site, join(site, 'killed'));
    await mkdir(join(site, 'killed-later'));
    await writeFile(join(site, 'killed-later', 'build-files.json'), JSON.stringify({ format: 'quarry-build-files', version: 1, files: [] }));
    await writeFile(join(site, 'killed-later', 'docs.0123456789ab.json'), '{}');
    await checkOutputFolder(site, join(site, 'killed-later'));
  });
});
