import { expose, wrap } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { QuarryError } from '../../../src/core/errors.ts';
import { installErrorTransfer } from '../../../src/protocol/error-transfer.ts';

describe('errors across the worker boundary', () => {
  const channel = new MessageChannel();
  afterEach(() => {
    channel.port1.close();
    channel.port2.close();
  });

  it('arrive as QuarryErrors: with their own code, or the installer’s fallback when they had none', async () => {
    installErrorTransfer('WORKER_FAILED');
    expose(
      {
        missing: () => Promise.reject(new QuarryError('INDEX_NOT_FOUND', 'No Quarry index at /docs/_quarry/')),
        bug: () => Promise.reject(new RangeError('offset is out of bounds')),
      },
      channel.port2 as unknown as Parameters<typeof expose>[1],
    );
    const remote = wrap<{ missing(): Promise<void>; bug(): Promise<void> }>(channel.port1 as unknown as Parameters<typeof wrap>[0]);
    const missing = await remote.missing().catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(QuarryError);
    expect(missing).toMatchObject({ code: 'INDEX_NOT_FOUND', message: 'No Quarry index at /docs/_quarry/' });
    const bug = await remote.bug().catch((e: unknown) => e);
    expect(bug).toBeInstanceOf(QuarryError);
    expect(bug).toMatchObject({ code: 'WORKER_FAILED', message: 'offset is out of bounds' });
  });
});
