import { parseArgs, type ParseArgsConfig } from 'node:util';
import { QuarryError } from '../../core/errors.ts';
import { DENSE_TIERS, SEARCH_MODES, type DenseTier, type SearchMode } from '../../core/search/types.ts';

export function parseMode(value: string | undefined): SearchMode {
  if (value === undefined) return 'hybrid';
  if (!(SEARCH_MODES as readonly string[]).includes(value)) throw new QuarryError('BAD_OPTION', `--mode must be one of ${SEARCH_MODES.join(', ')}, got "${value}".`);
  return value as SearchMode;
}

export function parseTier(value: string | undefined): DenseTier {
  if (value === undefined) return 'full';
  if (!(DENSE_TIERS as readonly string[]).includes(value)) throw new QuarryError('BAD_OPTION', `--tier must be one of ${DENSE_TIERS.join(', ')}, got "${value}".`);
  return value as DenseTier;
}

export function parseK(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const k = Number(value);
  if (!Number.isInteger(k) || k < 1 || k > 1000) throw new QuarryError('BAD_OPTION', `--k must be a whole number from 1 to 1000, got "${value}".`);
  return k;
}

export function requireFlag(value: string | undefined, flag: string, command: string): string {
  if (!value) throw new QuarryError('BAD_OPTION', `${flag} is required. See \`quarry ${command} --help\`.`);
  return value;
}

/** parseArgs with Quarry's error messages (unknown flag → BAD_OPTION naming it). */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, command: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new QuarryError('BAD_OPTION', `${(e as Error).message.replace(/\. To specify.*$/s, '')}. See \`quarry ${command} --help\`.`);
  }
}
