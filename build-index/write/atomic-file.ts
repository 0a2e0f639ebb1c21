/**
 * Files replaced in place are written to a temp name beside them, synced,
 * then renamed over the target, so a reader (a visitor's browser, a deploy
 * copying the folder) sees the old bytes or the new ones, never half a file.
 * The temp name carries the writer's pid: a later build can tell a killed
 * writer's leftovers from a live writer's work (see leftovers.ts).
 */
import { constants } from 'node:fs';
import { copyFile, open, rename, rm } from 'node:fs/promises';

const TEMP_NAME = /\.(\d+)-\d+\.quarry-tmp$/;
let sequence = 0;

/** A fresh temp name beside `path`, owned by this process. */
export function tempPathFor(path: string): string {
  return `${path}.${process.pid}-${++sequence}.quarry-tmp`;
}

/** The pid that wrote a temp file of ours, or null when `name` is not one. */
export function tempFileOwner(name: string): number | null {
  const m = TEMP_NAME.exec(name);
  return m ? Number(m[1]) : null;
}

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = tempPathFor(path);
  try {
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

export async function copyFileAtomic(from: string, to: string): Promise<void> {
  const tmp = tempPathFor(to);
  try {
    await copyFile(from, tmp, constants.COPYFILE_EXCL);
    await syncFile(tmp);
    await rename(tmp, to);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Makes renames into `dir` durable. Best effort: some platforms (Windows)
 * cannot open a folder for syncing, and a crash there costs only durability
 * against power loss, never a half-written file.
 */
export async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // not supported here
  }
}
