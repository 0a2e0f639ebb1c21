/**
 * One build at a time per output folder. The lock is a file created
 * atomically with its full contents (written to a temp name, then
 * hard-linked into place, which fails if it exists) naming the pid and host
 * that hold it. A lock whose pid no longer runs on this host is stale (a
 * build killed with -9) and is taken over at once, with no timeout to wait
 * out; the holder re-checks ownership right before it replaces the index.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { link, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { QuarryError } from '../../src/core/errors.ts';
import { tempPathFor } from './atomic-file.ts';
import { isProcessAlive } from './owner-process.ts';

export const LOCK_FILE = '.quarry-build.lock';

interface LockOwner {
  pid: number;
  host: string;
  /** Tells this process's own locks from a dead process's that had the same pid (pids repeat across container runs). */
  token: string;
  startedAt: string;
}

export interface BuildLock {
  readonly file: string;
  /** Throws unless this build still holds the lock (checked before the index is replaced). */
  assertHeld(): Promise<void>;
  release(): Promise<void>;
}

const heldHere = new Set<string>();

export async function acquireBuildLock(outDir: string): Promise<BuildLock> {
  const file = join(outDir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: hostname(), token: randomUUID(), startedAt: new Date().toISOString() };
  const staged = tempPathFor(file);
  try {
    await writeFile(staged, JSON.stringify(me)).catch((e: unknown) => {
      throw unwritable(outDir, e);
    });
    for (let attempt = 0; ; attempt++) {
      try {
        await link(staged, file);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw unwritable(outDir, e);
      }
      const raw = await readFile(file, 'utf8').catch(() => null);
      if (raw === null) continue; // released meanwhile
      const owner = parseOwner(raw);
      if (attempt < 3 && (!owner || isStale(owner))) {
        await breakStale(file, raw);
        continue;
      }
      throw heldBy(owner, outDir, file);
    }
  } finally {
    await rm(staged, { force: true });
  }
  heldHere.add(me.token);

  const current = async () => parseOwner(await readFile(file, 'utf8').catch(() => ''));
  return {
    file,
    async assertHeld() {
      const owner = await current();
      if (owner?.token === me.token) return;
      throw new QuarryError(
        'OUTPUT_UNWRITABLE',
        `The build lock ${file} was taken by another build${owner ? ` (pid ${owner.pid})` : ''} while this one ran; this build stopped before replacing the index in ${outDir}. Run one build at a time into a folder.`,
      );
    },
    async release() {
      heldHere.delete(me.token);
      if ((await current())?.token === me.token) await rm(file, { force: true });
    },
  };
}

function parseOwner(raw: string): LockOwner | null {
  try {
    const o = JSON.parse(raw) as Partial<LockOwner>;
    return typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.token === 'string' ? (o as LockOwner) : null;
  } catch {
    return null;
  }
}

function isStale(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return false; // cannot tell from here
  if (owner.pid === process.pid) return !heldHere.has(owner.token);
  return !isProcessAlive(owner.pid);
}

/**
 * Moves the stale lock aside rather than deleting it, then checks that what
 * moved is the stale lock seen: if another build took it over in between,
 * its fresh lock is put back.
 */
async function breakStale(file: string, seen: string): Promise<void> {
  const aside = tempPathFor(file);
  try {
    await rename(file, aside);
  } catch {
    return; // gone already
  }
  if ((await readFile(aside, 'utf8').catch(() => seen)) !== seen) await link(aside, file).catch(() => {});
  await rm(aside, { force: true });
}

function heldBy(owner: LockOwner | null, outDir: string, file: string): QuarryError {
  const who = owner ? `another quarry build (pid ${owner.pid}${owner.host !== hostname() ? ` on ${owner.host}` : ''})` : 'another quarry build';
  return new QuarryError('OUTPUT_UNWRITABLE', `${who} is writing ${outDir}; wait for it to finish, or remove ${file} if no build is running.`);
}

function unwritable(outDir: string, e: unknown): QuarryError {
  return new QuarryError('OUTPUT_UNWRITABLE', `Cannot write to the index folder ${outDir}: ${(e as Error).message}. Choose another --out or fix its permissions.`, { cause: e });
}
