/**
 * Cleans what killed builds left behind, once their process is gone:
 * - temp files of this design (`<name>.<pid>-<n>.quarry-tmp`, see atomic-file.ts);
 * - the `.<out>.tmp-<pid>-<time>` and `.<out>.old-<pid>-<time>` folders that
 *   builds before the in-place swap wrote beside the output folder (42–68 MB
 *   each). A killed old build could leave its only complete index in an
 *   `.old-` folder with no output folder at all: that one is moved back.
 */
import { readdirSync } from 'node:fs';
import { readdir, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { tempFileOwner } from './atomic-file.ts';
import { readCurrentManifest } from './index-folder.ts';
import { isProcessAlive } from './owner-process.ts';

/** Before taking the lock (the output folder may not exist yet): the old design's sibling folders. */
export async function cleanLegacyFolders(outDir: string): Promise<string[]> {
  const parent = dirname(outDir);
  const pattern = new RegExp(`^\\.${escapeRegExp(basename(outDir))}\\.(tmp|old)-(\\d+)-(\\d+)$`);
  const names = await readdir(parent).catch(() => [] as string[]);
  const dead = names
    .map((name) => ({ name, m: pattern.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null && !isProcessAlive(Number(x.m[2])))
    .sort((a, b) => Number(b.m[3]) - Number(a.m[3]));
  const removed: string[] = [];
  for (const { name, m } of dead) {
    const path = join(parent, name);
    if (m[1] === 'old' && isEmptyOrMissing(outDir) && (await readCurrentManifest(path))) {
      // The old build died between its two renames: this is the only index left.
      await rmdir(outDir).catch(() => {});
      if (await rename(path, outDir).then(() => true, () => false)) continue;
    }
    await rm(path, { recursive: true, force: true });
    removed.push(path);
  }
  return removed;
}

/** Under the lock: temp files in the output folder (and the site's quarry-sw.js) whose writer is gone. */
export async function cleanTempFiles(outDir: string, siteDir: string): Promise<string[]> {
  const candidates = [
    ...(await readdir(outDir, { recursive: true })).map((rel) => join(outDir, String(rel))),
    ...(await readdir(siteDir).catch(() => [] as string[])).filter((n) => n.startsWith('quarry-sw.js.')).map((n) => join(siteDir, n)),
  ];
  const removed: string[] = [];
  for (const path of candidates) {
    const pid = tempFileOwner(basename(path));
    // Our own pid here is a previous process's: this one has written nothing yet.
    if (pid === null || (pid !== process.pid && isProcessAlive(pid))) continue;
    await rm(path, { force: true });
    removed.push(path);
  }
  return removed;
}

function isEmptyOrMissing(dir: string): boolean {
  try {
    return readdirSync(dir).length === 0;
  } catch {
    return true;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
