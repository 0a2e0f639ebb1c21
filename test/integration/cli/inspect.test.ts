/**
 * `quarry inspect` as a user runs it: the real CLI in a child process (from
 * the sources, test/support/cli.ts), the real default model's tokenizer, a
 * site cut from Django's docs.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InspectReport } from '../../../build-index/inspect/types.ts';
import { QUARRY_NODE_ARGS } from '../../support/cli.ts';

const DJANGO = join(import.meta.dirname, '../../fixtures/sites/real-django');

function quarry(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, [...QUARRY_NODE_ARGS, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('close', (code) => ok({ code, out, err }));
  });
}

describe('quarry inspect', () => {
  it('--json prints one InspectReport on stdout and nothing else', async () => {
    const run = await quarry(['inspect', '--json', DJANGO]);
    expect(run.code).toBe(0);
    expect(run.err).toBe('');
    const report = JSON.parse(run.out) as InspectReport;
    expect(report.version).toBe(1);
    expect(Object.keys(report)).toEqual(['version', 'site', 'model', 'figures', 'warnings', 'fileWarnings', 'pages', 'pagesTotal']);
    expect(report.site).toBe(DJANGO);
    expect(report.model.maxTokens).toBeGreaterThan(0);
    expect(report.pages.map((p) => p.title)).toEqual(['FAQ: The admin', 'Model field reference', 'Settings', 'Database transactions']);
    expect(report.pages.every((p) => p.dropped.some((d) => d.reason === 'link-dense' && d.sample.includes('Table of contents')))).toBe(true);
    expect(report.figures.titles.share).toBe(1);
  });

  it('takes build flags and --page', async () => {
    const run = await quarry(['inspect', DJANGO, '--json', '--page', 'ref/settings.html', '--selector', 'div.section', '--min-words', '10']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.out) as InspectReport;
    expect(report.pages.map((p) => [p.url, p.root?.rule])).toEqual([['ref/settings.html', 'selector']]);
    expect(report.pagesTotal).toBe(4);
  });

  it('prints a readable report: site figures, warnings, then each page', async () => {
    const run = await quarry(['inspect', DJANGO]);
    expect(run.code).toBe(0);
    const out = run.out;
    expect(out).toMatch(/^Quarry inspect: .*real-django\n/);
    expect(out).toMatch(/\n {2}files +4 read: 4 pages, 0 skipped/);
    expect(out).toMatch(/\n {2}titles +4 distinct of 4 \(100%\)/);
    expect(out.indexOf('\nSite\n')).toBeLessThan(out.indexOf('\nWarnings'));
    expect(out.indexOf('\nWarnings')).toBeLessThan(out.indexOf('\nPages (4)\n'));
    expect(out).toContain('  ref/settings.html  "Settings"  1 passage');
    expect(out).toMatch(/dropped link-dense \(\d+ words\): "Django 3\.2\.25 documentation.*Table of contents/);
  });

  it('fails with a message when --page matches no page', async () => {
    const run = await quarry(['inspect', DJANGO, '--page', 'nope/**']);
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.err).toMatch(/--page nope\/\*\* matched none of the 4 pages read/);
  });
});
