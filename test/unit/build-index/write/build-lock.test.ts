import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireBuildLock, LOCK_FILE } from '../../../../build-index/write/build-lock.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'quarry-lock-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;
const writeLock = (owner: object) => writeFile(join(dir, LOCK_FILE), JSON.stringify({ host: hostname(), token: 'other', startedAt: '', ...owner }));

describe('the build lock', () => {
  it('lets one build in; a second gets a message naming the holder, the folder and the lock file', async () => {
    const lock = await acquireBuildLock(dir);
    await expect(acquireBuildLock(dir)).rejects.toMatchObject({
      code: 'OUTPUT_UNWRITABLE',
      message: `another quarry build (pid ${process.pid}) is writing ${dir}; wait for it to finish, or remove ${join(dir, LOCK_FILE)} if no build is running.`,
    });
    await lock.assertHeld();
    await lock.release();
    expect(await readdir(dir)).toEqual([]);
    await (await acquireBuildLock(dir)).release();
  });

  it('takes over the lock of a build that was killed (its pid is gone)', async () => {
    await writeLock({ pid: deadPid() });
    const lock = await acquireBuildLock(dir);
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('takes over a lock left by an earlier process that had this same pid', async () => {
    await writeLock({ pid: process.pid, token: 'from-an-earlier-container-run' });
    await (await acquireBuildLock(dir)).release();
  });

  it('respects a live holder, and one on another host it cannot check', async () => {
    const sleeper = spawnSync('sh', ['-c', 'sleep 30 >/dev/null 2>&1 & echo $!'], { encoding: 'utf8' });
    const pid = Number(sleeper.stdout.trim());
    try {
      await writeLock({ pid });
      await expect(acquireBuildLock(dir)).rejects.toMatchObject({ message: expect.stringContaining(`another quarry build (pid ${pid}) is writing`) });
    } finally {
      process.kill(pid, 'SIGKILL');
    }
    await writeLock({ pid: deadPid(), host: 'build-box-7' });
    await expect(acquireBuildLock(dir)).rejects.toMatchObject({ message: expect.stringContaining('on build-box-7) is writing') });
  });

  it('a holder whose lock was taken over notices before it replaces the index', async () => {
    const lock = await acquireBuildLock(dir);
    await writeLock({ pid: 1 });
    await expect(lock.assertHeld()).rejects.toMatchObject({ code: 'OUTPUT_UNWRITABLE', message: expect.stringContaining('was taken by another build (pid 1)') });
    await lock.release();
    expect(await readdir(dir)).toEqual([LOCK_FILE]); // not its lock to remove
  });
});
