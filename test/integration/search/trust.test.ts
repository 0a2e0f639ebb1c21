/**
 * Results a visitor can trust, on the sample docs site with the real model:
 * "no good match" instead of a page of neighbours, a literal that returns
 * its page alone, keyword results held back while the model loads, and an
 * answer card quoting the page verbatim.
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readQueries } from '../../../src/cli/commands/queries-file.ts';
import type { SearchResponse } from '../../../src/core/search/types.ts';
import { openIndex, type QuarryIndex } from '../../../src/node/index.ts';
import { buildSiteCopy, SAMPLE_QUERIES, type BuiltSite } from '../../support/sample-site.ts';

/** Visible text of a page, as the browser matches a text fragment against it (tags out, whitespace collapsed). */
function pageText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/giu, ' ')
    .replace(/<[^>]+>/gu, ' ')
    .replace(/&nbsp;/gu, ' ')
    .replace(/&lt;/gu, '<')
    .replace(/&gt;/gu, '>')
    .replace(/&quot;/gu, '"')
    .replace(/&#39;/gu, "'")
    .replace(/&amp;/gu, '&')
    .replace(/\s+/gu, ' ');
}

async function sitePages(site: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await readdir(site, { recursive: true })) {
    const path = String(entry);
    if (path.endsWith('.html') && !path.includes('_quarry')) out.set(path.split('\\').join('/'), pageText(await readFile(join(site, path), 'utf8')));
  }
  return out;
}

const topIds = (r: SearchResponse) =>
  r.results
    .flatMap((p) => p.passages)
    .sort((a, b) => b.score - a.score)
    .map((h) => h.id);

describe('results a visitor can trust (sample site, real model)', () => {
  let built: BuiltSite;
  let index: QuarryIndex;
  let pages: Map<string, string>;

  beforeAll(async () => {
    built = await buildSiteCopy();
    index = await openIndex(built.index);
    pages = await sitePages(built.site);
  });
  afterAll(async () => {
    await index?.close();
    await built?.cleanup();
  });

  it('the build calibrates where meaning stops: noise below, the site’s own headings above', () => {
    const c = index.manifest.calibration!;
    expect(c.noise.offTopic.p50).toBeLessThan(c.denseFloor);
    expect(c.noise.madeUp.p95).toBeLessThan(c.unknownWordsFloor);
    expect(c.inDomain.p50).toBeGreaterThan(c.unknownWordsFloor);
  });

  it('says "no good match" for nonsense and off-topic queries, with sections to try instead', async () => {
    for (const q of ['xyzzy frobnicate', 'best pizza dough recipe', 'qwpoeiruty zmxncbv']) {
      const r = await index.search(q);
      expect(r.results, q).toEqual([]);
      expect(r.noMatch?.suggestions.some((s) => s.kind === 'heading' && s.href), q).toBe(true);
    }
  });

  it('answers every labelled sample query', async () => {
    for (const q of await readQueries(SAMPLE_QUERIES)) {
      const r = await index.search(q.query);
      expect(r.noMatch, q.query).toBeUndefined();
      expect(r.results.map((p) => p.url), q.query).toContain(q.relevant[0]);
    }
  });

  it('offers the respelled query when the words are near ones the headings use', async () => {
    // A made-up word beside a misspelled real one: nothing answers it, the respelling might.
    const r = await index.search('xyzzy replicaton');
    expect(r.noMatch?.suggestions[0]).toEqual({ kind: 'spelling', text: 'xyzzy replication' });
    // The closest sections follow, the replication page among them.
    expect(r.noMatch?.suggestions.slice(1).some((s) => s.href?.startsWith('replication.html'))).toBe(true);
  });

  it('returns only the page that holds a lone literal, not a filled list', async () => {
    // Literals that occur on exactly one page of the site, found in the pages themselves.
    const counts = new Map<string, Set<string>>();
    for (const [url, text] of pages) for (const w of text.match(/\b[a-z]+(?:_[a-z]+){2,}\b/gu) ?? []) counts.set(w, (counts.get(w) ?? new Set()).add(url));
    const unique = [...counts].filter(([, urls]) => urls.size === 1).slice(0, 3);
    expect(unique.length).toBeGreaterThan(0);
    for (const [literal, urls] of unique) {
      const r = await index.search(literal);
      expect(r.results.map((p) => p.url), literal).toEqual([...urls]);
    }
  });

  it('cuts the long tail: a query shows a few pages, not most of the site', async () => {
    const r = await index.search('wal_buffer_size');
    expect(r.results.length).toBeLessThan(pages.size / 2);
  });

  it('while the model loads, a question shows only keyword hits holding most of its words and says how many wait', async () => {
    const stages: SearchResponse[] = [];
    await index.engine.search('How do I restore a backup to a specific moment?', {}, { dense: () => index.dense(), onStage: (r) => stages.push(r) });
    const [keyword, final] = stages;
    expect(keyword.stage).toBe('lexical');
    expect(keyword.withheld).toBeGreaterThan(0);
    expect(final.results[0].url).toBe('backup.html');
    // A literal is not held back: its keyword hits are the answer.
    const literal: SearchResponse[] = [];
    await index.engine.search('wal_buffer_size', {}, { dense: () => index.dense(), onStage: (r) => literal.push(r) });
    expect(literal[0].withheld).toBeUndefined();
    expect(literal[0].results[0].url).toBe('configuration.html');
  });

  it('an index built before calibration existed never says "no good match"', async () => {
    const file = join(built.index, 'manifest.json');
    const manifest = JSON.parse(await readFile(file, 'utf8'));
    delete manifest.calibration;
    await writeFile(file, JSON.stringify(manifest));
    const old = await openIndex(built.index);
    try {
      const r = await old.search('xyzzy frobnicate');
      expect(r.noMatch).toBeUndefined();
      expect(r.results.length).toBeGreaterThan(0);
    } finally {
      await old.close();
    }
  });

  it('the answer card quotes the one sentence that answers a question, verbatim from the page its link opens', async () => {
    const q = 'Can I run two servers on one machine?';
    const r = await index.search(q);
    const card = await index.answer(q, topIds(r));
    expect(card).not.toBeNull();
    expect(card!.text).toMatch(/separate data directories and different ports/);
    const [url, fragment] = card!.href.split('#');
    expect(url).toBe('troubleshooting.html');
    const directive = fragment.split(':~:text=')[1];
    // Every term of the text directive is on the page as the browser reads it.
    for (const term of directive.split(',')) expect(pages.get(url)).toContain(decodeURIComponent(term));
  });

  it('the answer card is not shown for a literal or a keyword lookup', async () => {
    for (const q of ['wal_buffer_size', 'E2210', 'retryPolicy backoff']) expect(await index.answer(q, topIds(await index.search(q))), q).toBeNull();
  });
});
