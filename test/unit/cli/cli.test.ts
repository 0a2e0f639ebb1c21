import { describe, expect, it } from 'vitest';
import { runCli as run } from '../../support/run-cli.ts';


describe('quarry CLI', () => {
  it('prints help listing every command', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    for (const cmd of ['build', 'search', 'query', 'eval', 'tune', 'check', 'serve', 'model prepare', 'model verify']) expect(out).toContain(cmd);
  });

  it('prints per-command help with the options', async () => {
    const { code, out } = await run(['build', '--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/--chunk-words N/);
    expect(out).toMatch(/--no-copy-model/);
  });

  it('rejects an unknown command with the list of commands', async () => {
    const { code, err } = await run(['biuld']);
    expect(code).toBe(1);
    expect(err).toMatch(/unknown command "biuld".*build, inspect, search/);
  });

  it('rejects an unknown flag naming it', async () => {
    const { code, err } = await run(['build', 'site', '--chunk-size', '100']);
    expect(code).toBe(1);
    expect(err).toMatch(/--chunk-size/);
  });

  it('reports a missing site folder with exit code 1', async () => {
    const { code, err } = await run(['build', '/no/such/site']);
    expect(code).toBe(1);
    expect(err).toMatch(/Site folder not found: \/no\/such\/site/);
  });

  it('reports a missing index with exit code 3 and what to do', async () => {
    const { code, err } = await run(['search', '--index', '/no/such/index', 'hello']);
    expect(code).toBe(3);
    expect(err).toMatch(/No Quarry index in \/no\/such\/index.*quarry build/);
  });

  it('validates --mode and --k', async () => {
    expect((await run(['search', '--index', '/x', '--mode', 'fuzzy', 'q'])).err).toMatch(/--mode must be one of hybrid, lexical, dense/);
    expect((await run(['query', '--index', '/x', '--queries', '/x.jsonl', '--k', '0'])).err).toMatch(/--k must be a whole number/);
  });
});
