/**
 * SQLite's hand-written docs (test/fixtures/sites/real-sqlite, cut from
 * sqlite3-doc 3.40.1): what a no-flags build keeps of pages that share one
 * top menu, search form and tagline, an in-page table of contents, numbered
 * first headings, and an API object page. Passage-level FAQ behaviour is in
 * ../chunk/real-entries.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { extractFixture, pageOf, passagesOn, passagesWith, readFixtureSite, type FixtureSite } from './helpers.ts';

let site: FixtureSite;
beforeAll(async () => {
  site = await readFixtureSite('real-sqlite/');
});

const allText = () => site.passages.map((p) => [...p.breadcrumb, p.text].join('\n')).join('\n');

describe('SQLite: site chrome is not content', () => {
  it('the top menu, the search form and the "Small. Fast. Reliable." tagline on every page are in no passage', () => {
    const text = allText();
    for (const chrome of ['Small. Fast. Reliable.', 'Choose any three.', 'Search Documentation', 'Search Changelog', 'Purchase', 'License']) {
      expect(text, chrome).not.toContain(chrome);
    }
    // …while the pages' own text is there.
    expect(passagesWith(passagesOn(site, 'threadsafe.html'), 'SQLite supports three different threading modes')).toHaveLength(1);
  });

  it('the "Table Of Contents" box of a language page is not content; its sections are', () => {
    const page = passagesOn(site, 'lang_createtable.html');
    const text = page.map((p) => p.text).join('\n');
    expect(text).not.toContain('Table Of Contents');
    // Entries of the box name sections this cut does not have: they can only come from the box.
    expect(text).not.toContain('The PRIMARY KEY');
    expect(text).not.toContain('ROWIDs and the INTEGER PRIMARY KEY');
    const asSelect = passagesWith(page, 'A "CREATE TABLE ... AS SELECT" statement creates and populates a database table');
    expect(asSelect.map((p) => p.anchor)).toEqual(['create_table_as_select_statements']);
  });

  it("the FAQ's in-page list of questions is not content", () => {
    // The list's entries are the questions without their "(N)" numbers (a heading line "(2) What …" is the question itself).
    const text = passagesOn(site, 'faq.html').map((p) => p.text.replace(/^\(\d+\) .*$/gm, '')).join('\n');
    for (const entry of ['How do I create an AUTOINCREMENT field?', 'What datatypes does SQLite support?', 'Is SQLite threadsafe?']) expect(text, entry).not.toContain(entry);
    expect(passagesWith(passagesOn(site, 'faq.html'), 'SQLite uses dynamic typing.')).toHaveLength(1);
  });

  it('no heading takes the id of the hidden search form before it (#searchmenu)', () => {
    // The FAQ's <h2> has no id of its own; the last id before it is the search form's <div id=searchmenu>.
    const faq = pageOf(extractFixture('real-sqlite/faq.html'));
    const h2 = faq.sections.find((s) => s.heading === 'Frequently Asked Questions');
    expect(h2).toBeDefined();
    expect(h2!.anchor).not.toBe('searchmenu');
    expect(site.passages.filter((p) => p.anchor === 'searchmenu')).toEqual([]);
  });
});

describe('SQLite: titles', () => {
  it('pages whose first <h1> is "1. Overview" are titled by their <title>', () => {
    const title = (url: string) => [...new Set(passagesOn(site, url).map((p) => p.title))];
    expect(title('threadsafe.html')).toEqual(['Using SQLite In Multi-Threaded Applications']);
    expect(title('dbhash.html')).toEqual(['The dbhash.exe Utility Program']);
    expect(title('faq.html')).toEqual(['SQLite Frequently Asked Questions']);
  });
});

describe('SQLite: index pages', () => {
  // c3ref/stmt.html documents sqlite3_stmt (its life-cycle, in prose) and then
  // lists its 6 constructors, 1 destructor and 51 methods as links: 66% of the
  // page's text is link text. Judged on the whole page it looks like an index
  // (so do c3ref/sqlite3.html, c3ref/context.html, c3ref/blob.html and
  // session/session.html on the real site); its prose is the reference for
  // the object and must be indexed, the link lists dropped.
  it('an API object page whose method list is links is indexed, not skipped as an index page', () => {
    expect(site.warnings.filter((w) => w.file === 'c3ref/stmt.html')).toEqual([]);
    const stmt = passagesOn(site, 'c3ref/stmt.html');
    expect(passagesWith(stmt, 'An instance of this object represents a single SQL statement that has been compiled into binary form')).toHaveLength(1);
    expect(passagesWith(stmt, 'The life-cycle of a prepared statement object usually goes like this')).toHaveLength(1);
    expect(stmt.map((p) => p.text).join('\n')).not.toContain('sqlite3_column_database_name16');
  });
});
