/** `quarry model prepare` and `quarry model verify`: human-readable output, exit code as result. */
import { exitCodeFor, isQuarryError } from '../core/errors.ts';
import { prepareDefaultModel, type PrepareOptions } from './prepare.ts';
import { verifyModel } from './verify.ts';

function parseArgs(args: string[]): { options: PrepareOptions; error?: string } {
  const options: PrepareOptions = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--cache-dir') options.cacheDir = args[++i];
    else if (a.startsWith('--cache-dir=')) options.cacheDir = a.slice('--cache-dir='.length);
    else return { options, error: `Unknown argument "${a}". Usage: quarry model prepare|verify [--cache-dir <folder>]` };
  }
  if (options.cacheDir === undefined && args.includes('--cache-dir')) return { options, error: '--cache-dir needs a folder' };
  return { options };
}

function fail(e: unknown): number {
  if (isQuarryError(e)) {
    console.error(`error [${e.code}]: ${e.message}`);
    return exitCodeFor(e.code);
  }
  console.error(`error: ${(e as Error)?.stack ?? String(e)}`);
  return 3;
}

export async function runModelPrepare(args: string[]): Promise<number> {
  const { options, error } = parseArgs(args);
  if (error) {
    console.error(error);
    return 1;
  }
  try {
    const t0 = Date.now();
    const model = await prepareDefaultModel({ ...options, onProgress: (p) => console.log(p.message) });
    console.log(`${model.id}: ${model.dims} dims, build dtype ${model.buildDtype}, browser dtype ${model.browserDtype}`);
    console.log(`hash ${model.hash} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    return 0;
  } catch (e) {
    return fail(e);
  }
}

export async function runModelVerify(args: string[]): Promise<number> {
  const { options, error } = parseArgs(args);
  if (error) {
    console.error(error);
    return 1;
  }
  try {
    const { checks, ok, model } = await verifyModel(options);
    console.log(`Verifying ${model.id} in ${model.dir}`);
    for (const c of checks) console.log(`${c.pass ? 'ok  ' : 'FAIL'} ${c.name}: ${c.actual} (expected ${c.expected})`);
    console.log(ok ? 'All checks passed.' : 'Some checks FAILED: delete the model folder above and run "quarry model prepare" again; if it still fails, report a bug.');
    return ok ? 0 : 3;
  } catch (e) {
    return fail(e);
  }
}
