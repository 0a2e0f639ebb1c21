import { describe, expect, it } from 'vitest';
import { pagesHint } from '../../../src/cli/commands/build-hint.ts';

describe('the "Add to your pages" hint after quarry build', () => {
  it('points at quarry.js where the site serves the index: site/docs/_quarry → /docs/_quarry/quarry.js', () => {
    const hint = pagesHint({ siteDir: '/w/site', outDir: '/w/site/docs/_quarry', wroteWidget: true });
    expect(hint).toContain('Add to your pages:');
    expect(hint).toContain('<script type="module" src="/docs/_quarry/quarry.js"></script>');
    expect(hint).toContain('<quarry-search></quarry-search>');
  });

  it('uses /_quarry/quarry.js for the default index folder', () => {
    expect(pagesHint({ siteDir: '/w/site', outDir: '/w/site/_quarry', wroteWidget: true })).toContain('src="/_quarry/quarry.js"');
  });

  it('says to serve an index folder outside the site, naming it', () => {
    for (const outDir of ['/w/elsewhere/_quarry', '/w/_quarry']) {
      const hint = pagesHint({ siteDir: '/w/site', outDir, wroteWidget: true });
      expect(hint).toMatch(new RegExp(`serve ${outDir} `));
      expect(hint).not.toContain(`src="/../`);
    }
  });

  it('a folder whose name starts with .. is still inside the site', () => {
    expect(pagesHint({ siteDir: '/w/site', outDir: '/w/site/..idx', wroteWidget: true })).toContain('src="/..idx/quarry.js"');
  });

  it('gives no script tag for a quarry.js the build did not write, and says how to get the widget', () => {
    const hint = pagesHint({ siteDir: '/w/site', outDir: '/w/site/_quarry', wroteWidget: false });
    expect(hint).not.toContain('<script');
    expect(hint).not.toContain('Add to your pages');
    expect(hint).toMatch(/npm run build/);
  });
});
