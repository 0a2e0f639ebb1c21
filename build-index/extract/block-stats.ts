/**
 * Judges blocks by what they hold, so chrome is found with no selector and
 * no knowledge of the generator. Pass 1 (`scan.ts`) feeds every element's
 * text through a `BlockStats`; when a block closes, its verdict is recorded by
 * ordinal and pass 2 (`build.ts`) acts on it:
 *
 * - a list or table whose entries link into the same page is an in-page table
 *   of contents or an API page's summary table ("On this page", Doxygen's
 *   member list): the entries it lists are indexed where they are defined;
 * - a list, table or div whose text is nearly all link text is navigation;
 * - a version-history table (or `<details>` titled "History") is kept but
 *   moved after its section's prose, so it never leads a passage;
 * - a paragraph that is wholly bold, short and anchored is a pseudo-heading
 *   (FAQ questions laid out as `<a name=q1><p><b>(1) How do I …?</b>`).
 */
import type { DropReason } from './types.ts';
import type { ElementInfo } from './selector.ts';
import { textChars } from './text.ts';

/** Average characters per word (spaces excluded) in documentation text: block sizes are counted in characters, reported in words. */
export const CHARS_PER_WORD = 5.5;
/** Lists and tables with fewer entries are never judged (two links in a row are prose). */
const MIN_ENTRIES = 3;
/** Two entries are enough when each is nothing but a link into the page (AsciiDoc's two-item "Table of contents"): prose never looks like that. */
const MIN_PURE_IN_PAGE_ENTRIES = 2;
const PURE_LINK_TEXT_SHARE = 0.9;
/** Share of entries linking into the page for an in-page table of contents / summary… */
const IN_PAGE_ENTRY_SHARE = 0.6;
/** …each entry short, as a list of names is (a prose list that cites a section is not one). */
const MAX_ENTRY_CHARS = 240;
/** Share of text that is link text for a navigation block. */
const LINK_TEXT_SHARE = 0.75;
/** A long list of short entries that nearly all carry a link ("encode() : sf::Utf8, sf::Utf16") is an index, at a lower link share. */
const INDEX_LIST_ENTRIES = 10;
const INDEX_LIST_ENTRY_CHARS = 100;
const INDEX_LIST_LINK_ENTRY_SHARE = 0.9;
const INDEX_LIST_LINK_TEXT_SHARE = 0.4;
/** A div needs this many links and characters to be judged as navigation. */
const MIN_DIV_LINKS = 4;
const MIN_DIV_CHARS = 30;
/** A pseudo-heading is at most this many characters, and this share of them bold. */
const PSEUDO_HEADING_MAX_CHARS = 200;
const PSEUDO_HEADING_BOLD_SHARE = 0.9;

const LISTS = new Set(['ul', 'ol', 'menu', 'dl']);
const JUDGED = new Set(['ul', 'ol', 'menu', 'dl', 'table', 'div', 'p', 'details', 'nav']);
const ENTRY_OF: Record<string, string> = { li: 'list', dt: 'list', tr: 'table' };

const HISTORY_FIRST = /^(version|versions|release|since|added in|history|date)$/i;
const HISTORY_OTHER = /^(changes?|description|notes?|what changed|changelog)$/i;
const HISTORY_SUMMARY = /^(history|version history|changelog|changes)$/i;


interface Stat {
  ord: number;
  tag: string;
  depth: number;
  text: number;
  link: number;
  inPage: number;
  bold: number;
  links: number;
  entries: number;
  linkEntries: number;
  /** Short entries with at least one link. */
  shortLinkEntries: number;
  inPageEntries: number;
  /** First characters of the text, for the inspect report. */
  sample: string;
  /** Tables: cell texts of the first row; details: the summary's text. */
  firstRow: string[] | null;
  /** p: an id of its own, or an anchor right before it. */
  anchored: boolean;
}

interface Entry {
  text: number;
  link: number;
  inPage: number;
  /** The block the entry belongs to (a list or table Stat). */
  owner: Stat;
}

export interface BlockVerdicts {
  /** Ordinal → why the element (and everything in it) is not content. */
  drop: Map<number, { reason: DropReason; words: number; sample: string }>;
  /** Ordinals of elements whose blocks go to the end of their section. */
  demote: Set<number>;
  /** Ordinals of paragraphs that act as headings. */
  pseudoHeadings: Set<number>;
}

export class BlockStats {
  readonly verdicts: BlockVerdicts = { drop: new Map(), demote: new Set(), pseudoHeadings: new Set() };
  private readonly stats: Stat[] = [];
  private readonly entries: Array<Entry & { depth: number }> = [];
  private link: { depth: number; inPage: boolean } | null = null;
  private boldDepth = -1;
  private cellDepth = -1;
  private cell: string[] | null = null;
  /** An empty `<a name|id>` was the last thing seen: the next paragraph is anchored. */
  private anchorPending = false;

  /** `isSelf(href)`: does the link point into the page being scanned? */
  constructor(private readonly isSelf: (href: string) => boolean) {}

  open(el: ElementInfo, depth: number, ordinal: number): void {
    const { tag, attrs } = el;
    if (tag === 'a') {
      if (attrs.href !== undefined && !this.link) {
        this.link = { depth, inPage: this.isSelf(attrs.href) };
        for (const s of this.stats) s.links++;
      } else if (attrs.href === undefined && (attrs.name || attrs.id)) this.anchorPending = true;
    }
    if ((tag === 'b' || tag === 'strong') && this.boldDepth < 0) this.boldDepth = depth;
    const entryKind = ENTRY_OF[tag];
    if (entryKind) {
      const owner = this.innermost(entryKind === 'list' ? (s) => LISTS.has(s.tag) : (s) => s.tag === 'table');
      if (owner) this.entries.push({ depth, text: 0, link: 0, inPage: 0, owner });
    }
    if ((tag === 'td' || tag === 'th') && this.cellDepth < 0) {
      const table = this.innermost((s) => s.tag === 'table');
      if (table && table.firstRow && table.entries === 0) {
        this.cellDepth = depth;
        this.cell = [];
      }
    }
    if (tag === 'summary') {
      const details = this.innermost((s) => s.tag === 'details');
      if (details?.firstRow && details.firstRow.length === 0 && this.cellDepth < 0) {
        this.cellDepth = depth;
        this.cell = [];
      }
    }
    if (JUDGED.has(tag)) {
      const anchored = tag === 'p' && (!!attrs.id || this.anchorPending);
      this.stats.push({
        ord: ordinal, tag, depth, text: 0, link: 0, inPage: 0, bold: 0, links: 0, entries: 0, linkEntries: 0, shortLinkEntries: 0, inPageEntries: 0,
        sample: '', firstRow: tag === 'table' || tag === 'details' ? [] : null, anchored,
      });
    }
  }

  text(text: string): void {
    const n = textChars(text);
    if (n === 0) return;
    this.anchorPending = false;
    const inLink = this.link !== null;
    const inPage = inLink && this.link!.inPage;
    const bold = this.boldDepth >= 0;
    for (const s of this.stats) {
      s.text += n;
      if (inLink) s.link += n;
      if (inPage) s.inPage += n;
      if (bold) s.bold += n;
      if (s.sample.length < 80) s.sample += ` ${text}`;
    }
    for (const e of this.entries) {
      e.text += n;
      if (inLink) e.link += n;
      if (inPage) e.inPage += n;
    }
    this.cell?.push(text);
  }

  close(tag: string, depth: number): void {
    if (this.link && depth === this.link.depth) this.link = null;
    if (depth === this.boldDepth) this.boldDepth = -1;
    if (depth === this.cellDepth) {
      const text = this.cell!.join('').replace(/\s+/g, ' ').trim();
      const owner = this.innermost((s) => s.tag === (tag === 'summary' ? 'details' : 'table'));
      if (owner?.firstRow) owner.firstRow.push(text);
      this.cellDepth = -1;
      this.cell = null;
    }
    const entry = this.entries.at(-1);
    if (entry && entry.depth === depth) {
      this.entries.pop();
      if (entry.text > 0) {
        entry.owner.entries++;
        if (entry.link >= entry.text * 0.5) entry.owner.linkEntries++;
        if (entry.link > 0 && entry.text <= INDEX_LIST_ENTRY_CHARS) entry.owner.shortLinkEntries++;
        if (entry.inPage > 0 && entry.text <= MAX_ENTRY_CHARS) entry.owner.inPageEntries++;
      }
    }
    const stat = this.stats.at(-1);
    if (stat && stat.depth === depth) {
      this.stats.pop();
      this.judge(stat);
    }
  }

  private innermost(test: (s: Stat) => boolean): Stat | undefined {
    for (let i = this.stats.length - 1; i >= 0; i--) if (test(this.stats[i])) return this.stats[i];
    return undefined;
  }

  private judge(s: Stat): void {
    const drop = (reason: DropReason): void => void this.verdicts.drop.set(s.ord, { reason, words: s.sample ? Math.max(1, Math.round(s.text / CHARS_PER_WORD)) : 0, sample: s.sample.replace(/\s+/g, ' ').trim().slice(0, 60) });
    if (s.tag === 'p') {
      if (s.anchored && s.text > 0 && s.text <= PSEUDO_HEADING_MAX_CHARS && s.bold >= s.text * PSEUDO_HEADING_BOLD_SHARE) this.verdicts.pseudoHeadings.add(s.ord);
      return;
    }
    if (s.tag === 'details') {
      if (s.firstRow?.length && HISTORY_SUMMARY.test(s.firstRow[0])) this.verdicts.demote.add(s.ord);
      return;
    }
    if (s.text === 0) return;
    if (LISTS.has(s.tag) || s.tag === 'table') {
      if (s.entries >= MIN_ENTRIES && s.inPageEntries >= s.entries * IN_PAGE_ENTRY_SHARE) return drop('in-page-links');
      if (s.entries >= MIN_PURE_IN_PAGE_ENTRIES && s.inPageEntries === s.entries && s.link >= s.text * PURE_LINK_TEXT_SHARE) return drop('in-page-links');
      if (s.entries >= MIN_ENTRIES && s.link >= s.text * LINK_TEXT_SHARE && s.linkEntries >= s.entries * 0.8) return drop('link-dense');
      if (s.entries >= INDEX_LIST_ENTRIES && s.shortLinkEntries >= s.entries * INDEX_LIST_LINK_ENTRY_SHARE && s.link >= s.text * INDEX_LIST_LINK_TEXT_SHARE) return drop('link-dense');
      if (s.tag === 'table' && s.firstRow && isHistoryHeader(s.firstRow)) this.verdicts.demote.add(s.ord);
      return;
    }
    // div, nav: only runs of links (a tab bar, a breadcrumb trail) are judged.
    if (s.links >= MIN_DIV_LINKS && s.text >= MIN_DIV_CHARS && s.link >= s.text * LINK_TEXT_SHARE) drop('link-dense');
  }
}

/** "Version | Changes", "Release | Description": a table of when things changed. */
export function isHistoryHeader(cells: readonly string[]): boolean {
  return cells.length >= 2 && HISTORY_FIRST.test(cells[0]) && cells.slice(1).some((c) => HISTORY_OTHER.test(c));
}
