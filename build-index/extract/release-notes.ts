/**
 * Release notes, changelogs and "what's new" pages rank below the pages that
 * document a feature. Their change items name every option and function of
 * a release in a line each, so they match nearly any keyword and many
 * paraphrases, and on sites that ship hundreds of them (Django: 275 pages,
 * 22% of its passages; SQLite's release log) they crowd out the page a
 * visitor wants. They are demoted, never dropped: a query about a change
 * still finds them when nothing else matches as well.
 *
 * Known by title, or by URL with a version in the title (`isReleaseNotes`);
 * a page that sets any data-quarry-weight keeps the weights its owner chose.
 */
import type { ExtractedPage } from './types.ts';

/** Multiplies the page's passage weights (see `weight` in the docs file): half a normal page's score. */
export const RELEASE_NOTES_WEIGHT = 0.5;

/**
 * A path segment (folder or file name without extension) that names release
 * notes. Not "changes" or "news": an API reference names functions so
 * (SQLite's c3ref/changes.html documents sqlite3_changes()).
 */
const SEGMENT = /^(releases?|release[-_]?notes?|releaselog|relnotes|changelogs?|change[-_]?log|whatsnew|what[-_]?s[-_]?new)$|^releases?[-_]\d/i;
/** A title that says so: "Django 3.2 release notes", "SQLite Release 3.35.2 On 2021-03-17", "E.1. Release 15.1", "What's New In Python 3.11", "Changelog", "Release History Of SQLite". */
const TITLE = /\b(release notes|release history|changelog|change log|what['’]s new in)\b|^(?:\S+\s+){0,3}release\s+v?\d+(?:\.\d+)*\b/i;
/** A version number in a title ("3.2.25", "v15.1"). */
const VERSION = /\bv?\d+\.\d+(?:\.\d+)*\b/;

/**
 * The title decides; the URL only with a version in the title
 * (releases/3.2.25.html "Django 3.2.25"), since an API reference may
 * document a Releases resource under a releases/ folder.
 */
export function isReleaseNotes(url: string, titles: ReadonlyArray<string | undefined>): boolean {
  const named = titles.filter((t): t is string => !!t).map((t) => t.trim());
  if (named.some((t) => TITLE.test(t))) return true;
  const segments = url.split('/').map((s) => s.replace(/\.[a-z0-9]+$/i, ''));
  return segments.some((s) => SEGMENT.test(s)) && named.some((t) => VERSION.test(t));
}

/** The page with its weights demoted when it is release notes and sets no weight of its own; else the page itself. */
export function weighReleaseNotes(page: ExtractedPage, ownWeights: boolean): ExtractedPage {
  if (ownWeights || !isReleaseNotes(page.url, [page.title, page.titleTag])) return page;
  return {
    ...page,
    demoted: 'release-notes',
    weight: page.weight * RELEASE_NOTES_WEIGHT,
    sections: page.sections.map((s) => ({ ...s, weight: s.weight * RELEASE_NOTES_WEIGHT })),
  };
}
