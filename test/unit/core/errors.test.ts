import { describe, expect, it } from 'vitest';
import { QuarryError, toQuarryError } from '../../../src/core/errors.ts';

describe('toQuarryError: one converter, the fallback code chosen by the caller', () => {
  it('keeps a QuarryError as it is', () => {
    const e = new QuarryError('MODEL_NOT_FOUND', 'models/x: 404');
    expect(toQuarryError(e, 'INDEX_CORRUPT')).toBe(e);
  });

  it('rebuilds the wire shape that crossed the worker boundary, code included', () => {
    const e = toQuarryError({ code: 'INDEX_NOT_FOUND', message: 'No Quarry index at /x/' }, 'WORKER_FAILED');
    expect(e).toBeInstanceOf(QuarryError);
    expect(e.toJSON()).toEqual({ code: 'INDEX_NOT_FOUND', message: 'No Quarry index at /x/' });
  });

  it('wraps anything else with the fallback, keeping the message and the cause', () => {
    const cause = new TypeError('Failed to fetch dynamically imported module');
    const e = toQuarryError(cause, 'NETWORK');
    expect(e.toJSON()).toEqual({ code: 'NETWORK', message: cause.message });
    expect(e.cause).toBe(cause);
    expect(toQuarryError('boom', 'WORKER_FAILED').toJSON()).toEqual({ code: 'WORKER_FAILED', message: 'boom' });
  });

  it('does not trust an unknown code on a foreign error (a DOMException, a Node errno)', () => {
    expect(toQuarryError(Object.assign(new Error('disk full'), { code: 'ENOSPC' }), 'OUTPUT_UNWRITABLE').code).toBe('OUTPUT_UNWRITABLE');
  });
});
