/**
 * TEST-ONLY: lets the crash and lock tests stop a real `quarry build` child
 * at a chosen point so they can kill -9 it (or race a second build) there
 * deterministically. Read nowhere else; inert unless QUARRY_TEST_PAUSE is set.
 *
 *   QUARRY_TEST_PAUSE=before-manifest   the point to stop at (see PausePoint)
 *   QUARRY_TEST_RESUME_FILE=/tmp/x      go on once this file exists (else wait until killed)
 *
 * On reaching the point the build writes `quarry-test-paused:<point>` to stderr.
 */
import { existsSync } from 'node:fs';

export type PausePoint = 'after-lock' | 'before-manifest' | 'after-manifest';

export async function pauseForTest(point: PausePoint): Promise<void> {
  if (process.env.QUARRY_TEST_PAUSE !== point) return;
  process.stderr.write(`quarry-test-paused:${point}\n`);
  const resume = process.env.QUARRY_TEST_RESUME_FILE;
  while (!(resume && existsSync(resume))) await new Promise((r) => setTimeout(r, 25));
}
