/**
 * Comlink's default 'throw' handler keeps only message/name/stack. This one
 * also carries QuarryError's `code`, so the page can tell "index missing"
 * from "model failed". Installed on both sides of the worker boundary.
 */
import { transferHandlers, type TransferHandler } from 'comlink';
import { QuarryError, type QuarryErrorCode } from '../core/errors.ts';

type Thrown = { value: unknown };
type Wire = { code?: QuarryErrorCode; message: string; name?: string };

const handler: TransferHandler<Thrown, Wire> = {
  canHandle: (v): v is Thrown => typeof v === 'object' && v !== null && 'value' in v && (v as { value: unknown }).value instanceof Error,
  serialize: ({ value }) => {
    const e = value as Error & { code?: QuarryErrorCode };
    return [{ code: e instanceof QuarryError ? e.code : undefined, message: e.message, name: e.name }, []];
  },
  deserialize: (w) => {
    throw w.code ? new QuarryError(w.code, w.message) : Object.assign(new Error(w.message), { name: w.name ?? 'Error' });
  },
};

export function installErrorTransfer(): void {
  transferHandlers.set('throw', handler as unknown as TransferHandler<unknown, unknown>);
}
