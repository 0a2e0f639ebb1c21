/** `quarry serve` refuses what it cannot serve with a message instead of a stack trace. */
import { describe, expect, it } from 'vitest';
import { runCli as run } from '../../support/run-cli.ts';
import { serveStatic } from '../../../src/cli/serve/server.ts';


describe('quarry serve', () => {
  it('refuses a missing folder', async () => {
    const { code, err } = await run(['serve', '/no/such/folder', '--port', '0']);
    expect(code).toBe(1);
    expect(err).toMatch(/Folder not found: \/no\/such\/folder/);
  });

  it('says when the port is taken', async () => {
    const other = await serveStatic({ root: '.' });
    try {
      const { code, err } = await run(['serve', '.', '--port', String(other.port)]);
      expect(code).toBe(1);
      expect(err).toMatch(new RegExp(`Port ${other.port} is already in use.*--port`));
    } finally {
      await other.close();
    }
  });
});
