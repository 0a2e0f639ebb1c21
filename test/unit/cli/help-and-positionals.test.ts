/**
 * The rule for `-h`/`--help`: before `--` it asks for help; after `--`
 * everything is positional, so `quarry search --index X -- -h` searches for "-h".
 */
import { describe, expect, it } from 'vitest';
import { runCli as run } from '../../support/run-cli.ts';


describe('-h and --', () => {
  it('prints help for -h or --help before --', async () => {
    for (const flag of ['-h', '--help']) {
      const { code, out } = await run(['search', '--index', '/no/such/index', flag]);
      expect(code).toBe(0);
      expect(out).toMatch(/Usage: quarry search/);
    }
  });

  it('treats -h and --help after -- as the query (the search runs and finds no index)', async () => {
    for (const query of ['-h', '--help']) {
      const { code, out, err } = await run(['search', '--index', '/no/such/index', '--', query]);
      expect(out).not.toMatch(/Usage:/);
      expect(code).toBe(3);
      expect(err).toMatch(/No Quarry index in \/no\/such\/index/);
    }
  });

  it('says in the search help how to search for a query that starts with -', async () => {
    expect((await run(['search', '--help'])).out).toMatch(/--\s+.*-h/);
  });
});
