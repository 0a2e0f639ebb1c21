/**
 * Comlink's default 'throw' handler keeps only message/name/stack. This one
 * carries QuarryError's `code`, so the page can tell "index missing" from
 * "model failed". Installed on both sides of the worker boundary.
 */
import { transferHandlers, type TransferHandler } from 'comlink';
import { toQuarryError, type QuarryErrorCode } from '../core/errors.ts';

type Thrown = { value: unknown };
type Wire = { code: QuarryErrorCode; message: string };

/**
 * `fallback`: the code for an error thrown without one on the side that
 * installs this (the worker says WORKER_FAILED: it failed to answer).
 */
export function installErrorTransfer(fallback: QuarryErrorCode): void {
  const handler: TransferHandler<Thrown, Wire> = {
    canHandle: (v): v is Thrown => typeof v === 'object' && v !== null && 'value' in v && (v as { value: unknown }).value instanceof Error,
    serialize: ({ value }) => [toQuarryError(value, fallback).toJSON(), []],
    deserialize: (w) => {
      throw toQuarryError(w, fallback);
    },
  };
  transferHandlers.set('throw', handler as unknown as TransferHandler<unknown, unknown>);
}
