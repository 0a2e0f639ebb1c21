/**
 * SFML's Doxygen reference as Debian ships it (test/fixtures/sites/real-sfml-index,
 * whole pages from libsfml-doc 2.5.1): a class page, "List of all members"
 * pages and member index pages. Index pages must be skipped with a warning
 * that names them; the class page's own text must be clean. Passage-level
 * member behaviour is in ../chunk/real-entries.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { passagesOn, passagesWith, readFixtureSite, type FixtureSite } from './helpers.ts';

let site: FixtureSite;
beforeAll(async () => {
  site = await readFixtureSite('real-sfml-index/');
});

const indexWarning = (file: string) => site.warnings.filter((w) => w.file === file && /skipped as an index page/.test(w.reason));

describe('Doxygen: symbol index pages', () => {
  const SKIPPED = ['classsf_1_1Cursor-members.html', 'functions_func_l.html', 'functions_e.html'];

  it('a class\'s "List of all members" page and member index pages are skipped as index pages', () => {
    // functions_e.html has only 18 links (47% of its text), functions_func_l.html 25 (59%), Cursor-members 39 (56%).
    for (const file of SKIPPED) {
      expect(indexWarning(file), file).toHaveLength(1);
      expect(passagesOn(site, file), file).toEqual([]);
    }
  });

  // functions_func_l.html gets two: "Doxygen content container was empty,
  // indexed the page body" (its one list, dropped as link-dense, was all of
  // div.contents) and then "… skipped as an index page". The first is not true
  // of a page that is skipped.
  it('each skipped index page gets one warning, which names it', () => {
    for (const file of SKIPPED) expect(site.warnings.filter((w) => w.file === file).map((w) => w.reason), file).toEqual([expect.stringMatching(/skipped as an index page$/)]);
  });

  // classsf_1_1Mutex-members.html lists a class's 4 members (9 links): the
  // member table is dropped as link-dense, and the page is indexed as one
  // passage, "This is the complete list of members for sf::Mutex, including
  // all inherited members." (a sentence every -members page repeats, with its
  // class name). On the real site every small class has such a page.
  it.fails('the "List of all members" page of a small class is skipped as an index page', () => {
    expect(indexWarning('classsf_1_1Mutex-members.html')).toHaveLength(1);
    expect(passagesOn(site, 'classsf_1_1Mutex-members.html')).toEqual([]);
  });
});

describe('Doxygen: a class page', () => {
  it('is titled by its div.title, and its member summary table is not indexed', () => {
    const page = passagesOn(site, 'classsf_1_1Mutex.html');
    expect([...new Set(page.map((p) => p.title))]).toEqual(['sf::Mutex Class Reference']);
    const text = page.map((p) => p.text).join('\n');
    // Rows of table.memberdecls: "Public Member Functions", "void lock () | Lock the mutex. More..."
    expect(text).not.toContain('Public Member Functions');
    expect(text).not.toContain('Lock the mutex. More...');
    // The member itself is documented, once, where it is defined.
    expect(passagesWith(page, 'If the mutex is already locked in another thread, this call will block the execution until the mutex is released.')).toHaveLength(1);
  });

  // Doxygen writes a hidden tooltip (div.ttc, shown on hover) for every linked
  // symbol in a code example: "sf::Mutex / Blocks concurrent access … /
  // Definition: Mutex.hpp:48", "sf::Mutex::lock / void lock() / Lock the mutex."
  // They are indexed as part of the Detailed Description, between the example
  // and the prose after it (421 tooltips on 66 class pages of the real site).
  it('the hover tooltips of a code example are not content', () => {
    const details = passagesOn(site, 'classsf_1_1Mutex.html').filter((p) => p.anchor === 'details');
    expect(details.length).toBeGreaterThan(0);
    const text = details.map((p) => p.text).join('\n');
    expect(text).toContain('Be very careful with mutexes.');
    expect(text).not.toContain('Definition: Mutex.hpp:48');
    expect(text).not.toContain('void lock()');
  });
});
