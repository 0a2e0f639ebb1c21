/**
 * Chrome found by what a block holds, with no selector: in-page tables of
 * contents and summary tables, link-dense menus, version-history tables that
 * must not lead a passage, and bold anchored paragraphs that are FAQ
 * questions. Markup shapes are those of real generators (SQLite, Doxygen,
 * gtk-doc, Node-style history tables).
 */
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../../../build-index/extract/extract.ts';
import { chunkPage } from '../../../../build-index/chunk/chunk.ts';
import { allText, html, pageOf } from './helpers.ts';

const extract = (body: string, file = 'page.html') => extractPage(file, html(body, '<title>Page</title>'), { selector: null });
const prose = (topic: string) => `<p>The ${topic} call opens the stream and reads every record in order, returning the count of records it read.</p>`;

describe('block verdicts', () => {
  it('an in-page table of contents ("On this page" list of #links) is not content', () => {
    const page = pageOf(extract(`<main><h1>Timers</h1>
      <ul><li><a href="#setup">Setup</a></li><li><a href="#start">Starting a timer</a></li><li><a href="page.html#stop">Stopping</a></li></ul>
      <h2 id="setup">Setup</h2>${prose('setup')}<h2 id="start">Starting a timer</h2>${prose('start')}<h2 id="stop">Stopping</h2>${prose('stop')}</main>`));
    expect(page.sections[0].blocks).toEqual([]);
    expect(page.diagnostics?.dropped.map((d) => d.reason)).toEqual(['in-page-links']);
  });

  it('a two-entry list of nothing but links into the page is a table of contents too (git’s AsciiDoc ToolsForGit)', () => {
    const page = pageOf(extract(`<main><h1>Tools for Git</h1><h2 id="table_of_contents">Table of contents</h2>
      <div class="ulist"><ul><li><p><a href="#vscode">[vscode]</a></p></li><li><p><a href="#emacs">[emacs]</a></p></li></ul></div>
      <h3 id="vscode">Visual Studio Code</h3>${prose('vscode')}<h3 id="emacs">Emacs</h3>${prose('emacs')}</main>`));
    expect(allText(page)).not.toContain('[vscode]');
    expect(page.diagnostics?.dropped.map((d) => d.reason)).toEqual(['in-page-links']);
  });

  it('a two-entry list with prose around its in-page links stays', () => {
    const page = pageOf(extract(`<main><h1>Timers</h1>
      <ul><li>Create the timer first, as <a href="#setup">Setup</a> explains.</li><li>Then start it (<a href="#start">Starting</a>).</li></ul>
      <h2 id="setup">Setup</h2>${prose('setup')}<h2 id="start">Starting</h2>${prose('start')}</main>`));
    expect(allText(page)).toContain('Create the timer first, as Setup explains.');
  });

  it('a summary table whose rows link to the members documented below is not content (gtk-doc)', () => {
    const rows = ['gtk_widget_new', 'gtk_widget_show', 'gtk_widget_hide'].map((f) => `<tr><td>void</td><td><a href="#${f}">${f}</a> ()</td></tr>`).join('');
    const page = pageOf(extract(`<div class="refsect1"><h2>Functions</h2><table>${rows}</table>
      <h3 id="gtk_widget_new">gtk_widget_new ()</h3>${prose('new')}</div>`));
    expect(allText(page)).not.toContain('void | gtk_widget_show ()');
    expect(page.sections.find((s) => s.anchor === 'gtk_widget_new')?.blocks).toEqual([expect.stringContaining('opens the stream')]);
  });

  it('a menu of links inside the content is dropped, a prose list with a link is kept', () => {
    const page = pageOf(extract(`<main><h1>Streams</h1>
      <div class="tabs"><a href="a.html">Main Page</a> <a href="b.html">Classes</a> <a href="c.html">Files</a> <a href="d.html">Related Pages</a></div>
      <ul><li>Read the <a href="io.html">I/O guide</a> before opening a stream on a network socket.</li><li>Close it when done.</li><li>Errors are reported as exceptions.</li></ul>${prose('read')}</main>`));
    const text = allText(page);
    expect(text).not.toContain('Related Pages');
    expect(text).toContain('Read the I/O guide before opening a stream');
  });

  it('a "Version | Changes" history table never leads its section: it moves after the prose', () => {
    const page = pageOf(extract(`<main><h1>fs</h1><h2 id="readfile">fs.readFile(path)</h2>
      <table><tr><th>Version</th><th>Changes</th></tr><tr><td>v10.0.0</td><td>The callback is no longer optional.</td></tr></table>
      <p>Asynchronously reads the entire contents of a file.</p></main>`));
    const s = page.sections.find((x) => x.anchor === 'readfile')!;
    expect(s.blocks[0]).toBe('Asynchronously reads the entire contents of a file.');
    expect(s.blocks.slice(1)).toEqual(['Version | Changes', 'v10.0.0 | The callback is no longer optional.']);
  });

  it('a <details> titled History moves after the prose too', () => {
    const page = pageOf(extract(`<main><h1>fs</h1><h2 id="stat">fs.stat(path)</h2>
      <details><summary>History</summary><p>v8.0.0: added the bigint option.</p></details>
      <p>Returns information about the file at path.</p></main>`));
    expect(page.sections.find((x) => x.anchor === 'stat')!.blocks[0]).toBe('Returns information about the file at path.');
  });

  it('SQLite-style FAQ: each bold anchored question is its own section and passage, linking to its anchor', () => {
    const q = (n: number, question: string, answer: string) => `<a name="q${n}"></a><p><b>(${n}) ${question}</b></p><blockquote><p>${answer}</p></blockquote>`;
    const page = pageOf(extract(`<h2>Frequently Asked Questions</h2>
      <ol><li><a href="#q1">How do I create an AUTOINCREMENT field?</a></li><li><a href="#q2">What datatypes does SQLite support?</a></li><li><a href="#q3">Is SQLite threadsafe?</a></li></ol>
      ${q(1, 'How do I create an AUTOINCREMENT field?', 'A column declared INTEGER PRIMARY KEY will autoincrement.')}
      ${q(2, 'What datatypes does SQLite support?', 'SQLite uses dynamic typing for the content of each column.')}
      ${q(3, 'Is SQLite threadsafe?', 'SQLite is threadsafe when compiled with the default options.')}`, 'faq.html'));
    const passages = chunkPage(page, { chunkWords: 200, overlapWords: 35, minWords: 50 });
    expect(passages.map((p) => [p.anchor, p.breadcrumb.at(-1)])).toEqual([
      ['q1', '(1) How do I create an AUTOINCREMENT field?'],
      ['q2', '(2) What datatypes does SQLite support?'],
      ['q3', '(3) Is SQLite threadsafe?'],
    ]);
    expect(passages[2].text).toBe('SQLite is threadsafe when compiled with the default options.');
  });

  it('a bold paragraph without an anchor stays text (emphasis, not a question)', () => {
    const page = pageOf(extract(`<main><h1>Notes</h1><p><b>Warning: back up the database first.</b></p>${prose('backup')}</main>`));
    expect(page.sections.map((s) => s.heading)).toEqual(['Notes']);
    expect(page.sections[0].blocks[0]).toBe('Warning: back up the database first.');
  });

  it('a page that is only lists of links is skipped as an index page, with a warning naming why', () => {
    const items = Array.from({ length: 30 }, (_, i) => `<li><a href="class${i}.html">sf::Class${i}</a> : <a href="mod${i}.html">sf::Module${i}</a></li>`).join('');
    const r = extract(`<div class="contents"><ul>${items}</ul></div>`, 'functions_s.html');
    expect(r.kind).toBe('skip');
    expect(r.warnings.map((w) => w.reason)).toEqual([expect.stringMatching(/links.*; skipped as an index page$/)]);
  });
});
