/**
 * Site-level title pass, run once every page is extracted. A page's own
 * facts cannot tell a banner from a title: Django's first <h1> is the site
 * name on all 692 pages, MkDocs titles all end in " - MkDocs", Doxygen gives
 * every page the same <title>. Seen across the site, the part most pages
 * share is the site's, and the rest is the page's.
 */
import type { Passage } from '../../src/core/format/docs.ts';
import type { ExtractedPage } from './types.ts';

/** Separators between a page's name and the site's, as generators write them. */
const SEPARATORS = [' | ', ' — ', ' – ', ' - ', ' :: ', ': '];
/** A part shared by this share of the pages (and at least MIN_PAGES) belongs to the site. */
const SHARED_SHARE = 0.6;
const MIN_PAGES = 3;
/** Headings looked at for a distinctive one. */
const HEADINGS_KEPT = 6;

interface PageTitles {
  title: string;
  titleTag: string;
  headings: string[];
}

export interface SiteTitleResult {
  /** Pages whose title changed. */
  cleaned: number;
  /** A title still shared by most pages after cleaning, null when titles are distinct enough. */
  shared: { title: string; pages: number; of: number } | null;
}

const isShared = (count: number, of: number): boolean => of >= MIN_PAGES && count >= MIN_PAGES && count >= SHARED_SHARE * of;

function mostCommon(values: Iterable<string>): { value: string; count: number } | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: { value: string; count: number } | null = null;
  for (const [value, count] of counts) if (!best || count > best.count) best = { value, count };
  return best;
}

/** The `<title>` part most pages share ("— Django 3.2.25 documentation" or "Acme Docs | "), null when none. */
export function sharedTitlePart(titleTags: readonly string[]): { sep: string; part: string; at: 'prefix' | 'suffix' } | null {
  let best: { sep: string; part: string; at: 'prefix' | 'suffix'; count: number } | null = null;
  for (const sep of SEPARATORS) {
    for (const at of ['suffix', 'prefix'] as const) {
      const parts = titleTags.flatMap((t) => {
        const i = at === 'suffix' ? t.lastIndexOf(sep) : t.indexOf(sep);
        return i > 0 ? [at === 'suffix' ? t.slice(i + sep.length) : t.slice(0, i)] : [];
      });
      const top = mostCommon(parts);
      if (top && top.value.trim() && (!best || top.count > best.count)) best = { sep, part: top.value, at, count: top.count };
    }
  }
  return best && isShared(best.count, titleTags.length) ? { sep: best.sep, part: best.part, at: best.at } : null;
}

/** `<title>` without the site's part; "" when the title is only the site's part or does not carry it. */
function withoutPart(titleTag: string, shared: NonNullable<ReturnType<typeof sharedTitlePart>>): string {
  const { sep, part, at } = shared;
  if (at === 'suffix') return titleTag.endsWith(sep + part) ? titleTag.slice(0, -(sep + part).length).trim() : '';
  return titleTag.startsWith(part + sep) ? titleTag.slice((part + sep).length).trim() : '';
}

export class SiteTitles {
  private readonly pages = new Map<string, PageTitles>();

  /** Records a page that made it into the index (call once per kept page). */
  note(page: ExtractedPage): void {
    const headings = [...new Set(page.sections.filter((s) => s.level > 0 && s.level <= 6).map((s) => s.heading))].slice(0, HEADINGS_KEPT);
    this.pages.set(page.url, { title: page.title, titleTag: page.titleTag ?? '', headings });
  }

  /** Decides each page's title and rewrites the passages' titles and banner breadcrumbs to match. */
  apply(passages: Passage[]): SiteTitleResult {
    const retitled = this.decide();
    for (const p of passages) {
      const title = retitled.get(p.url);
      if (title === undefined) continue;
      // A breadcrumb that starts at the banner heading starts at the page's title instead.
      if (p.breadcrumb[0] === p.title) p.breadcrumb = [title, ...p.breadcrumb.slice(1)];
      p.title = title;
    }
    const of = this.pages.size;
    const finalTop = mostCommon([...this.pages.entries()].map(([url, pg]) => retitled.get(url) ?? pg.title));
    return {
      cleaned: retitled.size,
      shared: finalTop && isShared(finalTop.count, of) ? { title: finalTop.value, pages: finalTop.count, of } : null,
    };
  }

  /** url → new title, for the pages whose title changes. */
  private decide(): Map<string, string> {
    const out = new Map<string, string>();
    const pages = [...this.pages.entries()];
    if (pages.length < MIN_PAGES) return out;
    const part = sharedTitlePart(pages.map(([, p]) => p.titleTag).filter(Boolean));
    const topTitle = mostCommon(pages.map(([, p]) => p.title));
    const banner = topTitle && isShared(topTitle.count, pages.length) ? topTitle.value : null;
    const headingPages = new Map<string, number>();
    for (const [, p] of pages) for (const h of p.headings) headingPages.set(h, (headingPages.get(h) ?? 0) + 1);
    const distinctive = (h: string) => h !== banner && !isShared(headingPages.get(h) ?? 0, pages.length);
    const cleanTags = new Map(pages.map(([url, p]) => [url, part ? withoutPart(p.titleTag, part) : '']));
    const tagPages = new Map<string, number>();
    for (const [url, p] of pages) for (const t of new Set([p.titleTag, cleanTags.get(url)!])) tagPages.set(t, (tagPages.get(t) ?? 0) + 1);
    // Doxygen gives every page the same <title>: then it names no page.
    const namesPage = (tag: string) => tag !== '' && tag !== banner && !isShared(tagPages.get(tag) ?? 0, pages.length);

    for (const [url, p] of pages) {
      const cleanTag = cleanTags.get(url)!;
      let title = p.title;
      if (p.title === banner) {
        title = namesPage(cleanTag) ? cleanTag : namesPage(p.titleTag) ? p.titleTag : p.headings.find(distinctive) ?? p.title;
      } else if (namesPage(cleanTag) && p.title === p.titleTag) {
        title = cleanTag;
      }
      if (title && title !== p.title) out.set(url, title);
    }
    // Titles that still collide ("1. Overview" on 43 SQLite pages, whose first
    // h1 is a numbered section): a page whose <title> names it alone takes that.
    const finalTitle = (url: string, p: PageTitles) => out.get(url) ?? p.title;
    const uses = new Map<string, number>();
    for (const [url, p] of pages) uses.set(finalTitle(url, p), (uses.get(finalTitle(url, p)) ?? 0) + 1);
    for (const [url, p] of pages) {
      if ((uses.get(finalTitle(url, p)) ?? 0) < 2) continue;
      const cleanTag = cleanTags.get(url)!;
      const tag = namesPage(cleanTag) ? cleanTag : namesPage(p.titleTag) ? p.titleTag : '';
      if (tag && (tagPages.get(tag) ?? 0) === 1 && !uses.has(tag)) out.set(url, tag);
    }
    return out;
  }
}
