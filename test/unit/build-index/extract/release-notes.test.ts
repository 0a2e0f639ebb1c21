import { describe, expect, it } from 'vitest';
import { isReleaseNotes, RELEASE_NOTES_WEIGHT } from '../../../../build-index/extract/release-notes.ts';
import { extractPage } from '../../../../build-index/extract/extract.ts';
import { extractFixture, html, pageOf } from './helpers.ts';

describe('release notes', () => {
  it('are known by the names real sites give them', () => {
    expect(isReleaseNotes('releases/3.1.html', ['Django 3.1 release notes'])).toBe(true); // Sphinx (Django)
    expect(isReleaseNotes('releaselog/3_35_2.html', ['SQLite Release 3.35.2 On 2021-03-17'])).toBe(true);
    expect(isReleaseNotes('changes.html', ['Release History'])).toBe(true); // SQLite's changelog, by title
    expect(isReleaseNotes('release-15-1.html', ['E.18. Release 15.1'])).toBe(true); // PostgreSQL
    expect(isReleaseNotes('about/release-notes.html', ['Release Notes - MkDocs'])).toBe(true);
    expect(isReleaseNotes('whatsnew/3.11.html', ["What's New In Python 3.11"])).toBe(true);
    expect(isReleaseNotes('CHANGELOG.html', ['Changelog'])).toBe(true);
    expect(isReleaseNotes('releases/3.2.25.html', ['Django 3.2.25'])).toBe(true); // by URL, with a version in the title
  });

  it('are not API pages or guides whose names merely contain "changes", "news" or "release"', () => {
    expect(isReleaseNotes('c3ref/changes.html', ['Count The Number Of Rows Modified'])).toBe(false); // sqlite3_changes()
    expect(isReleaseNotes('topics/db/transactions.html', ['Database transactions'])).toBe(false);
    expect(isReleaseNotes('ref/models/instances.html', ['Model instance reference'])).toBe(false);
    expect(isReleaseNotes('sql-release-savepoint.html', ['RELEASE SAVEPOINT'])).toBe(false);
    expect(isReleaseNotes('news/rss.html', ['Syndicating the news feed'])).toBe(false);
    expect(isReleaseNotes('git-log.html', ['git-log(1)'])).toBe(false);
    expect(isReleaseNotes('rest/releases/releases.html', ['REST API endpoints for releases'])).toBe(false); // an API's Releases resource
  });

  it('weigh half as much as other pages, from the real Django 3.1 notes', () => {
    const notes = pageOf(extractFixture('real-django-releases/releases/3.1.html'));
    expect(notes.weight).toBe(RELEASE_NOTES_WEIGHT);
    expect(notes.sections.every((s) => s.weight === RELEASE_NOTES_WEIGHT)).toBe(true);
    expect(pageOf(extractFixture('real-django-pages/ref/settings.html')).weight).toBe(1);
  });

  it('keep the weights a page sets itself with data-quarry-weight', () => {
    const page = pageOf(extractPage('releases/4.0.html', html('<main data-quarry-weight="1.5"><h1>Django 4.0 release notes</h1><p>Django 4.0 adds functional unique constraints and a scrypt password hasher.</p></main>'), { selector: null }));
    expect(page.weight).toBe(1.5);
  });
});
