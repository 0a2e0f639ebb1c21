/**
 * Release notes name every setting and function of a release in a line
 * each; the page that documents one must still come first. Built from a cut
 * of Django's own docs (the 3.1 release notes from real-django-releases, the
 * settings reference from real-django-pages) with the real model.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchMode } from '../../../src/core/search/types.ts';
import { openIndex, type QuarryIndex } from '../../../src/node/index.ts';
import { buildSiteCopy, type BuiltSite } from '../../support/sample-site.ts';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/sites');

describe('release notes rank below the page that documents the feature', () => {
  let site: string;
  let built: BuiltSite;
  let index: QuarryIndex;
  beforeAll(async () => {
    site = await mkdtemp(join(tmpdir(), 'quarry-releases-'));
    await cp(join(FIXTURES, 'real-django-releases'), site, { recursive: true });
    await cp(join(FIXTURES, 'real-django-pages/ref/settings.html'), join(site, 'ref/settings.html'));
    built = await buildSiteCopy(site);
    index = await openIndex(built.index);
  }, 300_000);
  afterAll(async () => {
    await index?.close?.();
    await built?.cleanup();
    await rm(site, { recursive: true, force: true });
  });

  for (const mode of ['lexical', 'dense', 'hybrid'] as SearchMode[]) {
    it(`"DEFAULT_EXCEPTION_REPORTER" (${mode}): the settings reference first, the 3.1 release notes after it`, async () => {
      const urls = (await index.search('DEFAULT_EXCEPTION_REPORTER', { mode })).results.map((p) => p.url);
      expect(urls[0]).toBe('ref/settings.html');
      if (mode !== 'lexical') expect(urls).toContain('releases/3.1.html');
    });
  }

  it('a question about customising exception reports finds the setting’s entry first', async () => {
    const r = await index.search('how can I customize the class that generates exception reports');
    expect(r.results[0]?.url).toBe('ref/settings.html');
  });
});
