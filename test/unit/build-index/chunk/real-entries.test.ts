/**
 * Entity-level passages on pages cut from real sites (test/fixtures/sites/real-*),
 * read as a no-flags `quarry build` reads them: each FAQ question, API entry,
 * class member and glossary term is one passage that links to its own anchor
 * and is headed by its question or signature, however short; version notes
 * never lead an entry; no passage is a left-over fragment.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Passage } from '../../../../src/core/format/docs.ts';
import { passagesOn, passagesWith, readFixtureSite, type FixtureSite } from '../extract/helpers.ts';

let sqlite: FixtureSite;
let django: FixtureSite;
let sfml: FixtureSite;
let git: FixtureSite;
beforeAll(async () => {
  [sqlite, django, sfml, git] = await Promise.all(['real-sqlite/', 'real-django-pages/', 'real-sfml-index/', 'real-git/'].map(readFixtureSite));
});

/** The one passage of `passages` that contains `text`. */
function theOne(passages: readonly Passage[], text: string): Passage {
  const found = passagesWith(passages, text);
  expect(found.map((p) => `${p.url}#${p.anchor}`), text).toHaveLength(1);
  return found[0];
}

describe('SQLite FAQ (questions as bold paragraphs after <a name=qN>)', () => {
  it('each question is its own passage linking to its own anchor, headed by the question', () => {
    const faq = passagesOn(sqlite, 'faq.html');
    expect([...new Set(faq.map((p) => p.anchor))]).toEqual(['q1', 'q2', 'q6', 'q13']);
    for (const p of faq) expect(p.breadcrumb.at(-1), p.anchor).toMatch(new RegExp(`^\\(${p.anchor.slice(1)}\\) `));
    const q2 = theOne(faq, 'SQLite uses dynamic typing. Content can be stored as INTEGER, REAL, TEXT, BLOB, or as NULL.');
    expect(q2.anchor).toBe('q2');
    expect(q2.breadcrumb).toEqual(['Frequently Asked Questions', '(2) What datatypes does SQLite support?']);
    const q6 = theOne(faq, 'Threads are evil.');
    expect(q6.anchor).toBe('q6');
    expect(q6.text).toContain('Under Unix, you should not carry an open SQLite database across a fork() system call');
    expect(q6.text).not.toContain('public domain');
    expect(theOne(faq, 'SQLite is in the public domain.').anchor).toBe('q13');
  });

  it("an answer's prose leads its passage, before its code", () => {
    const [first] = passagesOn(sqlite, 'faq.html').filter((p) => p.anchor === 'q1');
    expect(first.text.startsWith('Short answer: A column declared INTEGER PRIMARY KEY will autoincrement.')).toBe(true);
    expect(first.text.indexOf('Longer answer:')).toBeLessThan(first.text.indexOf('CREATE TABLE t1('));
  });

  // Every SQLite page ends in <p align=center><small><i>This page last modified
  // on … UTC</i></small></p>. Its date differs per page; the site-level pass
  // compares blocks with digits ignored, so it is removed as boilerplate and
  // question 13's answer does not end with it.
  it('the "This page last modified" footer is not part of the last answer', () => {
    const q13 = theOne(passagesOn(sqlite, 'faq.html'), 'SQLite is in the public domain.');
    expect(q13.text).not.toContain('This page last modified');
  });
});

describe('Doxygen class page (SFML sf::Mutex)', () => {
  const MUTEX = 'classsf_1_1Mutex.html';

  it('each documented member is its own passage, headed by its name and led by its signature', () => {
    const page = passagesOn(sfml, MUTEX);
    const lock = theOne(page, 'If the mutex is already locked in another thread');
    expect(lock).toMatchObject({ anchor: 'a1a16956a6bbea764480c1b80f2e45763', breadcrumb: ['sf::Mutex Class Reference', 'lock()'] });
    expect(lock.text.startsWith('void sf::Mutex::lock')).toBe(true);
    expect(lock.text).not.toContain('void sf::Mutex::unlock');
    const unlock = theOne(page, 'void sf::Mutex::unlock');
    expect(unlock.text).toContain('Unlock the mutex.');
    expect(unlock).toMatchObject({ anchor: 'ade71268ffc5e80756652058b01c23c33', breadcrumb: ['sf::Mutex Class Reference', 'unlock()'] });
  });

  // Mutex() ("sf::Mutex::Mutex | ( | ) / Default constructor.") and ~Mutex()
  // ("… / Destructor.") each have under 6 words of body, so both are treated
  // as fragments and merged into one passage anchored at Mutex(), breadcrumb
  // "sf::Mutex Class Reference" (the members' own names move into the text).
  // On sf::Sound the same merge glues the default constructor to the Status
  // enum before it.
  it('a one-line member is its own passage too: the default constructor and the destructor', () => {
    const page = passagesOn(sfml, MUTEX);
    expect(theOne(page, 'Default constructor.')).toMatchObject({ anchor: 'a9bd52a48320fd7b6db8a78037aad276e', breadcrumb: ['sf::Mutex Class Reference', 'Mutex()'] });
    expect(theOne(page, 'Destructor.')).toMatchObject({ anchor: 'a9f76a67b7b6d3918131a692179b4e3f2', breadcrumb: ['sf::Mutex Class Reference', '~Mutex()'] });
  });
});

describe('Django API reference (Sphinx <dt id> entries)', () => {
  const PAGINATOR = 'ref/paginator.html';

  it('each entry is its own passage, headed by its signature', () => {
    const page = passagesOn(django, PAGINATOR);
    expect(theOne(page, 'The maximum number of items to include on a page')).toMatchObject({
      anchor: 'django.core.paginator.Paginator.per_page',
      breadcrumb: ['Paginator', 'Paginator class', 'Paginator.per_page'],
    });
    expect(theOne(page, 'but may add an ellipsis to either or both sides of the current page number')).toMatchObject({
      anchor: 'django.core.paginator.Paginator.get_elided_page_range',
      breadcrumb: ['Paginator', 'Paginator class', 'Methods', 'Paginator.get_elided_page_range(number, *, on_each_side=3, on_ends=2)'],
    });
    expect(theOne(page, 'A paginator acts like a sequence of Page')).toMatchObject({
      anchor: 'django.core.paginator.Paginator',
      breadcrumb: ['Paginator', 'Paginator class', 'class Paginator(object_list, per_page, orphans=0, allow_empty_first_page=True)'],
    });
  });

  // "Paginator.num_pages: The total number of pages." and "Page.paginator: The
  // associated Paginator object." have under 6 words of body: each is merged
  // into the entry before it (Paginator.count, Page.number), whose anchor the
  // passage keeps; its breadcrumb falls back to "Attributes".
  it('a one-line entry is its own passage, not merged into the entry before it', () => {
    const page = passagesOn(django, PAGINATOR);
    expect(theOne(page, 'The total number of pages.').anchor).toBe('django.core.paginator.Paginator.num_pages');
    expect(theOne(page, 'The associated Paginator object.').anchor).toBe('django.core.paginator.Page.paginator');
  });

  it('a "Changed in Django 3.1:" note stays after the description it amends', () => {
    const cls = theOne(passagesOn(django, PAGINATOR), 'A paginator acts like a sequence of Page');
    expect(cls.text.startsWith('A paginator acts like a sequence of Page')).toBe(true);
    expect(cls.text.indexOf('Changed in Django 3.1:')).toBeGreaterThan(0);
  });

  // Sphinx puts `.. versionadded::` first in the entry (div.versionadded), so
  // "New in Django 3.2." opens the passage's text and its snippet; only
  // version-history tables and <details>History are moved after the prose.
  // 76 of 3768 passages of Django's ref/ open this way on the real site.
  it('a "New in Django …" note does not lead its entry\'s passage', () => {
    const elided = theOne(passagesOn(django, PAGINATOR), 'but may add an ellipsis to either or both sides');
    expect(elided.text.startsWith('Returns a 1-based list of page numbers')).toBe(true);
    const reporter = theOne(passagesOn(django, 'ref/settings.html'), 'Default exception reporter class to be used');
    expect(reporter.text.startsWith('New in Django')).toBe(false);
  });
});

describe('git glossary (AsciiDoc <dt> with an <a id="def_…"> anchor)', () => {
  // The anchor is an <a id> inside the <dt>, not an id on the <dt>, so no
  // term becomes a section: all five terms are one passage under DESCRIPTION,
  // anchored #_description.
  it('each term is its own passage, linking to its #def_ anchor', () => {
    const page = passagesOn(git, 'gitglossary.html');
    expect(theOne(page, 'Untyped object, e.g. the contents of a file.').anchor).toBe('def_blob_object');
    expect(theOne(page, 'A "branch" is a line of development.').anchor).toBe('def_branch');
    expect(theOne(page, 'Via the alternates mechanism').anchor).toBe('def_alternate_object_database');
  });
});

describe('no left-over fragments', () => {
  // Fragments merge with a neighbour only while the merged group stays within
  // chunk-words, so a fragment next to a long section stays a passage of its
  // own: SQLite's syntax-diagram label ("create-table-stmt:", whose diagram is
  // an SVG) before a 250-word section, and gitrevisions' one-link SEE ALSO
  // after SPECIFYING REVISIONS. Every SQLite statement page and many git man
  // pages have one.
  it('a syntax-diagram label or a one-link SEE ALSO is not a passage of its own', () => {
    expect(passagesOn(sqlite, 'lang_createtable.html').map((p) => p.text)).not.toContain('create-table-stmt:');
    expect(passagesOn(git, 'gitrevisions.html').map((p) => p.text)).not.toContain('git-rev-parse(1)');
  });
});
