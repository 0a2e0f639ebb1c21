/** Hashing and atomic-ish placement of model folders. */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, rename, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** One hash for a set of files: order-independent, covers names and contents. */
export function combinedHash(fileHashes: Record<string, string>): string {
  const lines = Object.keys(fileHashes)
    .sort()
    .map((p) => `${p}\0${fileHashes[p]}\n`);
  return sha256(lines.join(''));
}

export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
  }
  return out.sort();
}

export function tempSibling(dir: string, tag: string): string {
  return `${dir}.${tag}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/**
 * Moves `tmp` to `dir`. If `dir` exists, `isValid(dir)` decides: a valid one
 * (another process finished first) wins and `tmp` is discarded; an invalid one
 * is moved aside and replaced. Returns whether `tmp` was installed.
 */
export async function installDir(tmp: string, dir: string, isValid: (dir: string) => Promise<boolean>): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await rename(tmp, dir);
      return true;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'EPERM') throw e;
    }
    if (await isValid(dir)) {
      await rm(tmp, { recursive: true, force: true });
      return false;
    }
    const old = tempSibling(dir, 'stale');
    try {
      await rename(dir, old);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e; // someone else moved it: retry
    }
    await rm(old, { recursive: true, force: true });
  }
  throw new Error(`could not move ${tmp} to ${dir}: it keeps being replaced by another process`);
}
