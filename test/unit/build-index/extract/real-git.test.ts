/**
 * Git's documentation as Debian ships it (test/fixtures/sites/real-git, cut
 * from git-doc 2.39.5): AsciiDoc man pages, whose name and one-line summary
 * sit in #header outside #content, and the DocBook user manual. Two pages
 * include another page's text verbatim; that text must be indexed once, on
 * the page it comes from, and neither includer is an aggregate.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { passagesOn, passagesWith, readFixtureSite, type FixtureSite } from './helpers.ts';

let site: FixtureSite;
beforeAll(async () => {
  site = await readFixtureSite('real-git/');
});

describe('git man page (AsciiDoc)', () => {
  it('the NAME line, SYNOPSIS, DESCRIPTION and OPTIONS are all content, each linking to its section', () => {
    const page = passagesOn(site, 'git-rev-parse.html');
    const one = (text: string) => {
      const found = passagesWith(page, text);
      expect(found, text).toHaveLength(1);
      return found[0];
    };
    expect(one('git-rev-parse - Pick out and massage parameters').breadcrumb[0]).toBe('git-rev-parse(1) Manual Page');
    expect(['header', '_synopsis']).toContain(one('git rev-parse [<options>] <args>…').anchor);
    expect(one('This command is used to distinguish between them.').anchor).toBe('_description');
    const modes = one('Use git rev-parse in shell quoting mode');
    expect(modes.anchor).toBe('_operation_modes');
    expect(modes.breadcrumb).toEqual(['git-rev-parse(1) Manual Page', 'OPTIONS', 'Operation Modes']);
    expect(one('Tells the option parser to echo out the first -- met instead of skipping it.').anchor).toBe('_options_for_parseopt');
  });

  it('"Part of the git(1) suite", on every man page, is not content', () => {
    expect(passagesWith(site.passages, 'Part of the git(1) suite')).toEqual([]);
    expect(site.passages.filter((p) => p.breadcrumb.includes('GIT'))).toEqual([]);
  });
});

describe('git: text one page includes from another', () => {
  it('is indexed once, on the page it comes from', () => {
    const where = (text: string) => passagesWith(site.passages, text).map((p) => p.url);
    // gitglossary.html's terms, also the user manual's "Git Glossary" chapter.
    expect(where('Via the alternates mechanism, a repository can inherit part of its object database')).toEqual(['gitglossary.html']);
    expect(where('A "branch" is a line of development.')).toEqual(['gitglossary.html']);
    // gitrevisions.html's SPECIFYING REVISIONS, also in git-rev-parse.html.
    expect(where('The full SHA-1 object name (40-byte hexadecimal string)')).toEqual(['gitrevisions.html']);
    expect(where('@ alone is a shortcut for HEAD.')).toEqual(['gitrevisions.html']);
  });

  it('the includers are not aggregates: their own text stays, with no warning', () => {
    expect(site.dedupe.aggregates).toEqual([]);
    expect(site.warnings).toEqual([]);
    expect(passagesWith(passagesOn(site, 'user-manual.html'), 'It will be useful to have a Git repository to experiment with').map((p) => p.anchor)).toEqual(['how-to-get-a-git-repository']);
    expect(passagesWith(passagesOn(site, 'git-rev-parse.html'), 'Use git rev-parse in option parsing mode')).toHaveLength(1);
  });
});
