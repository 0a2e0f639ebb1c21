import { describe, expect, it } from 'vitest';
import { allText, extractFixture, pageOf } from './helpers.ts';
import { extractPage } from '../../../../build-index/extract/extract.ts';

describe('extractPage on real generator markup', () => {
  it('Sphinx: div.body, section ids, headerlinks and sidebar dropped', () => {
    const r = extractFixture('sphinx/install.html');
    const page = pageOf(r);
    expect(r.warnings).toEqual([]);
    expect(page.title).toBe('Installing Widgetlib');
    expect(page.lang).toBe('en');
    expect(page.canonical).toBe('https://widgetlib.example.org/en/stable/install.html');
    expect(page.sections.map((s) => [s.level, s.heading, s.anchor])).toEqual([
      [1, 'Installing Widgetlib', 'installing-widgetlib'],
      [2, 'From PyPI', 'from-pypi'],
      [2, 'Building from source', 'building-from-source'],
      [3, 'Optional extras', 'optional-extras'],
      // An API entry (<dt id>) is a definition section below h6, with its own anchor.
      [7, 'widgetlib.check_install()', 'widgetlib.check_install'],
    ]);
    expect(page.sections[3].path).toEqual(['Installing Widgetlib', 'Building from source', 'Optional extras']);
    expect(page.sections[4].path).toEqual(['Installing Widgetlib', 'Building from source', 'Optional extras', 'widgetlib.check_install()']);
    expect(page.sections[4].blocks).toEqual(['Prints the installed version and the optional extras that were found.']);
    const text = allText(page);
    expect(text).not.toContain('¶');
    expect(text).not.toMatch(/Quick search|Navigation|Copyright|Table of Contents/);
    expect(page.sections[1].blocks).toContain('$ python3 -m venv .venv\n$ .venv/bin/pip install widgetlib');
    expect(page.sections[3].blocks).toContain('Extra | Adds');
    expect(page.sections[3].blocks).toContain('fast | the compiled renderer');
    expect(page.sections[3].blocks).not.toContain('widgetlib.check_install()');
  });

  it('MkDocs Material: .md-content, sidebars, edit button, source-file footer dropped', () => {
    const page = pageOf(extractFixture('mkdocs-material/configuration.html'));
    expect(page.title).toBe('Configuration');
    expect(page.sections.map((s) => s.anchor)).toEqual(['configuration', 'routes', 'timeouts']);
    expect(page.sections[2].path).toEqual(['Configuration', 'Routes', 'Timeouts']);
    const text = allText(page);
    expect(text).not.toMatch(/Edit|Table of contents|Last update|Material for MkDocs|Skip to content|¶/);
    expect(page.sections[2].blocks).toEqual([
      'connect_timeout — seconds to wait for the upstream to accept',
      'read_timeout — seconds to wait for a response',
      'Warning',
      'Timeouts below one second are rounded up.',
    ]);
    expect(page.sections[1].blocks[1]).toContain('[[route]]\npath = "/api"');
  });

  it('Docusaurus: h1 inside the markdown <header> is kept, hash links, breadcrumbs, TOC and pager dropped', () => {
    const page = pageOf(extractFixture('docusaurus/getting-started.html'));
    expect(page.title).toBe('Getting started');
    expect(page.canonical).toBe('https://lumen.example.dev/docs/getting-started');
    expect(page.sections.map((s) => [s.level, s.heading, s.anchor])).toEqual([
      [1, 'Getting started', ''],
      [2, 'Create a deck', 'create-a-deck'],
      [3, 'Deck layout', 'deck-layout'],
    ]);
    const text = allText(page);
    expect(text).not.toMatch(/On this page|Edit this page|Copy|Next|Themes|Skip to main|\u200b/);
    expect(page.sections[1].blocks).toContain('npx create-lumen-deck my-talk\ncd my-talk');
    // <br> separates words.
    expect(page.sections[2].blocks[0]).toBe('Each slide is a section separated by ---. Speaker notes start with Note:.');
  });

  it('VitePress: .vp-doc, header anchors and doc footer dropped', () => {
    const page = pageOf(extractFixture('vitepress/guide.html'));
    expect(page.title).toBe('Routing');
    expect(page.lang).toBe('en-US');
    expect(page.sections.map((s) => [s.heading, s.anchor])).toEqual([
      ['Routing', 'routing'],
      ['Dynamic routes', 'dynamic-routes'],
    ]);
    expect(allText(page)).not.toMatch(/Edit this page|Previous page|MIT License|Skip to content|Sidebar|On this page/);
  });

  it('Hugo theme: #content minus sidebar; weight, meta, ignore and hidden honoured', () => {
    const page = pageOf(extractFixture('hugo/post.html'));
    expect(page.title).toBe('Backups einrichten');
    expect(page.lang).toBe('de');
    expect(page.meta).toEqual({ section: 'Betrieb' });
    expect(page.sections.map((s) => s.weight)).toEqual([2, 2]);
    const text = allText(page);
    expect(text).not.toMatch(/In diesem Abschnitt|Dokumentation|nicht indexiert|Versteckter|© 2024/);
    expect(text).toContain('Setzen Sie backup.schedule auf einen Cron-Ausdruck.');
  });

  it('plain HTML: body fallback, nav/footer dropped, <a id> inside heading, table rows', () => {
    const page = pageOf(extractFixture('plain/index.html'));
    expect(page.title).toBe('Reference');
    expect(page.sections.map((s) => [s.heading, s.anchor])).toEqual([
      ['', ''],
      ['Reference', ''],
      ['Options', 'options'],
      ['Exit codes', 'exit-codes'],
    ]);
    expect(page.sections[1].blocks).toEqual(['The acme command takes one argument.']);
    expect(page.sections[2].blocks).toEqual(['--verbose', '--quiet']);
    expect(page.sections[3].blocks).toEqual(['Code | Meaning', '0 | success', '2 | bad usage']);
    expect(allText(page)).not.toMatch(/FAQ|Generated by hand/);
  });

  it('the selector option overrides detection; data-quarry-body overrides both', async () => {
    const { extractPage } = await import('../../../../build-index/extract/extract.ts');
    const bytes = Buffer.from('<body><main><h1>Main</h1><p>main text</p></main><div class="x"><p>x text</p></div></body>');
    const viaSelector = pageOf(extractPage('a.html', bytes, { selector: 'div.x' }));
    expect(allText(viaSelector)).toBe('\nx text');
    const marked = Buffer.from('<body><main><p>main text</p><section data-quarry-body><h2 id="k">Kept</h2><p>only this</p></section></main></body>');
    const viaMarker = pageOf(extractPage('b.html', marked, { selector: 'main' }));
    expect(viaMarker.sections.map((s) => [s.heading, s.anchor, s.blocks])).toEqual([['Kept', 'k', ['only this']]]);
  });

  it('a bad selector option is a BAD_OPTION error naming the selector', async () => {
    const { extractPage } = await import('../../../../build-index/extract/extract.ts');
    expect(() => extractPage('a.html', Buffer.from('<p>x</p>'), { selector: 'main:has(p)' })).toThrow(/selector "main:has\(p\)"/);
  });
});

describe('definition lists with ids (API entries, configuration parameters)', () => {
  it('become sections of their own, and text after the list returns to the surrounding section', () => {
    const html = `<!doctype html><html lang="en"><head><title>Client settings</title></head><body><main>
      <h1 id="top">Client settings</h1>
      <h2 id="STATEMENT-BEHAVIOR">Statement behaviour</h2>
      <p>These settings control statements.</p>
      <dl>
        <dt id="GUC-STATEMENT-TIMEOUT"><code>statement_timeout</code> (integer)</dt>
        <dd><p>Abort any statement that takes more than the specified amount of time.</p>
          <dl><dt id="GUC-NESTED">nested_option</dt><dd><p>A nested definition.</p></dd></dl>
        </dd>
        <dt id="GUC-LOCK-TIMEOUT"><code>lock_timeout</code> (integer)</dt>
        <dd><p>Abort any statement that waits longer than this for a lock.</p></dd>
        <dt>no id here</dt><dd><p>Plain term without an anchor.</p></dd>
      </dl>
      <p>Text after the list belongs to the statement section again.</p>
    </main></body></html>`;
    const r = extractPage('config.html', new TextEncoder().encode(html), { selector: null });
    const page = pageOf(r);
    const rows = page.sections.map((s) => [s.level, s.heading, s.anchor, s.path.at(-1)]);
    expect(rows).toEqual([
      [1, 'Client settings', 'top', 'Client settings'],
      [2, 'Statement behaviour', 'STATEMENT-BEHAVIOR', 'Statement behaviour'],
      [7, 'statement_timeout (integer)', 'GUC-STATEMENT-TIMEOUT', 'statement_timeout (integer)'],
      [8, 'nested_option', 'GUC-NESTED', 'nested_option'],
      // (statement_timeout resumes after the nested list, but nothing follows: no empty section)
      [7, 'lock_timeout (integer)', 'GUC-LOCK-TIMEOUT', 'lock_timeout (integer)'],
      [2, 'Statement behaviour', 'STATEMENT-BEHAVIOR', 'Statement behaviour'],
    ]);
    expect(page.sections[3].path).toEqual(['Client settings', 'Statement behaviour', 'statement_timeout (integer)', 'nested_option']);
    // A term without an id stays text of the definition before it.
    expect(page.sections[4].blocks.join(' ')).toContain('Plain term without an anchor');
    expect(page.sections[5].blocks).toEqual(['Text after the list belongs to the statement section again.']);
  });
});
