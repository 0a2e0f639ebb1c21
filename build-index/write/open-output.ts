/**
 * Everything a build does to its output folder before reading the site:
 * refuse a folder that is not Quarry's, create it, take the build lock, and
 * clean what killed builds left. A bad --out therefore fails at once, and
 * a second build fails fast instead of after encoding.
 */
import { mkdir, readdir, rmdir } from 'node:fs/promises';
import { QuarryError } from '../../src/core/errors.ts';
import { acquireBuildLock, type BuildLock } from './build-lock.ts';
import { cleanLegacyFolders, cleanTempFiles } from './leftovers.ts';
import { checkOutputFolder } from './output-guard.ts';
import { pauseForTest } from './test-hooks.ts';

export interface OpenOutput {
  outDir: string;
  lock: BuildLock;
  /** Leftovers of killed builds removed on the way in. */
  cleaned: string[];
  /** Releases the lock; removes the folder again if this build created it and left it empty. */
  release(): Promise<void>;
}

export async function openOutput(siteDir: string, outDir: string): Promise<OpenOutput> {
  await checkOutputFolder(siteDir, outDir);
  const cleaned = await cleanLegacyFolders(outDir);
  let created: string | undefined;
  try {
    created = await mkdir(outDir, { recursive: true });
  } catch (e) {
    throw new QuarryError('OUTPUT_UNWRITABLE', `Cannot create the index folder ${outDir}: ${(e as Error).message}. Choose another --out or fix its permissions.`, { cause: e });
  }
  const lock = await acquireBuildLock(outDir).catch(async (e: unknown) => {
    if (created) await rmdir(outDir).catch(() => {});
    throw e;
  });
  try {
    cleaned.push(...(await cleanTempFiles(outDir, siteDir)));
    await pauseForTest('after-lock');
  } catch (e) {
    await lock.release();
    throw e;
  }
  return {
    outDir,
    lock,
    cleaned,
    async release() {
      await lock.release();
      if (created && !(await readdir(outDir).catch(() => ['?'])).length) await rmdir(outDir).catch(() => {});
    },
  };
}
