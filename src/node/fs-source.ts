import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { QuarryError } from '../core/errors.ts';
import type { IndexSource } from '../core/load/source.ts';

/** Index files from a local folder. */
export function fsSource(dir: string): IndexSource {
  const root = resolve(dir);
  return {
    location: root,
    async read(path) {
      try {
        return new Uint8Array(await readFile(join(root, path)));
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' && path === 'manifest.json') {
          throw new QuarryError('INDEX_NOT_FOUND', `No Quarry index in ${root} (manifest.json is missing). Build one with \`quarry build <site>\`, or pass the index folder (usually <site>/_quarry).`);
        }
        throw new QuarryError(code === 'ENOENT' ? 'INDEX_CORRUPT' : 'INDEX_NOT_FOUND', `${join(root, path)}: ${(e as Error).message}. Rebuild the index.`, { cause: e });
      }
    },
  };
}
