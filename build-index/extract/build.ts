/**
 * Pass 2 over an HTML page: walks the content containers chosen by
 * `scanPage` and turns them into heading-delimited sections of text blocks.
 * Only the open-element stack and the current block are held in memory, so
 * huge pages stay bounded by their own text.
 */
import type { DroppedBlock, Section } from './types.ts';
import type { ElementInfo } from './selector.ts';
import { BLOCK_TAGS, DEMOTED, HEADING_LEVEL, IS_SKIPPED, SKIP_TAGS, TITLE_ELEMENT, WRAPPER_TAGS } from './rules.ts';
import { elementInfo, PARSER_OPTIONS, type ScanResult } from './scan.ts';
import { collapse, textChars } from './text.ts';
import { createParser } from './parser.ts';
import { isPermalinkAnchor, isPermalinkLabel } from './permalink.ts';

export interface BuildResult {
  sections: Section[];
  /** Text of the first h1 inside the content, "" when none. */
  firstH1: string;
  /** Text of the first heading of any level, "" when none. */
  firstHeading: string;
  /** data-quarry-weight in effect on the (first) content container. */
  pageWeight: number;
  /** Values of data-quarry-weight that were not non-negative numbers. */
  badWeights: string[];
  /** Whether the page sets any valid data-quarry-weight: its owner chose weights, so no default weighting applies. */
  weighted: boolean;
  /** Duplicated ids that occur inside the content (duplicates in chrome do not matter). */
  duplicateIds: string[];
  /** Blocks inside the content that block-stats judged not to be content. */
  dropped: DroppedBlock[];
  /**
   * What is kept, for telling an index page from a page of text: characters
   * of text, of link text and of text outside list entries and headings
   * (prose), the links, the list entries and the entries that hold a link.
   */
  kept: { text: number; link: number; prose: number; links: number; entries: number; linkedEntries: number };
}

/** A cell or listing whose text is only numbers ("1 2 3 … 24") is a line-number gutter. */
const LINE_NUMBERS = /^\d+(\s+\d+){2,}$/;

interface Frame {
  el: ElementInfo;
  weight: number | null;
  /** Weight in effect from the ancestors, so the current weight is O(1) however deep the page nests. */
  inherited: number;
  /** An article-like element inside the content (counted, so `<header>` needs no ancestor scan). */
  article: boolean;
}

const isArticle = (e: ElementInfo): boolean => e.tag === 'article' || e.tag === 'main' || e.tag === 'section' || e.attrs.role === 'main';

const effectiveWeight = (f: Frame): number => f.weight ?? f.inherited;

interface TableCtx {
  row: string[] | null;
  cell: string[] | null;
}

/**
 * A `<dt id>` is a definition with its own anchor — Sphinx API entries
 * (`os.path.join`), PostgreSQL configuration parameters (`statement_timeout`).
 * It becomes a section one level below h6 (deeper for nested lists), so a
 * result can link to it and its term counts as a heading; when the list
 * ends, the section around it resumes.
 */
const DEFINITION_BASE_LEVEL = 6;

interface DefinitionList {
  /** Element depth of the <dl>. */
  depth: number;
  /** The section the list started in. */
  resume: Section;
  headingDepth: number;
}

interface OpenHeading {
  depth: number;
  level: number;
  id: string;
  text: string[];
  /** data-quarry-weight in effect at the heading (its own attribute included). */
  weight: number;
}

export function buildSections(html: string, scan: ScanResult): BuildResult {
  const useBody = scan.containers.size === 0;
  const stack: Frame[] = [];
  const infos: ElementInfo[] = [];
  const sections: Section[] = [];
  const headingStack: Array<{ level: number; text: string }> = [];
  const badWeights: string[] = [];
  let weighted = false;
  const allDuplicates = new Set(scan.duplicateIds);
  const duplicateIds = new Set<string>();
  let ordinal = 0;
  // Without <body> (a bare fragment) the whole document is the content.
  const wholeDocument = useBody && !scan.hasBody;
  let containerDepth = wholeDocument ? 0 : -1;
  let inside = wholeDocument;
  let skipDepth = -1;
  let headingsOnlyDepth = -1;
  let preDepth = -1;
  let preInCell = false;
  let pre: string[] = [];
  let heading: OpenHeading | null = null;
  /** An <a> inside the open heading; its text joins the heading only if it is not a permalink label. */
  let headingLink: { depth: number; permalink: boolean; text: string[] } | null = null;
  const tables: TableCtx[] = [];
  let inline: string[] = [];
  let pendingWrapperId = '';
  /** Depth of the element that gave pendingWrapperId: once it closes, it wrapped no heading. */
  let pendingWrapperDepth = -1;
  let pendingAnchorId = '';
  let lastAnchor = '';
  let pageWeight: number | null = null;
  let openArticles = 0;
  let firstH1 = '';
  let firstHeading = '';

  let cur: Section = { level: 0, heading: '', anchor: '', path: [], blocks: [], weight: 1 };
  sections.push(cur);
  const dropped: DroppedBlock[] = [];
  const keptText = { text: 0, link: 0, prose: 0, links: 0, entries: 0, linkedEntries: 0 };
  let linkDepth = -1;
  /** The open list entry (outermost <li>/<dt>) and whether it holds a link. */
  let entry: { depth: number; linked: boolean } | null = null;
  /** Depth of the open element whose blocks are moved to the end of their section (a version-history table). */
  let demoteDepth = -1;
  /** Blocks moved to the end of the current section. */
  let deferred: string[] = [];
  const definitionLists: DefinitionList[] = [];
  /** Sections that resume after a definition list; dropped when nothing followed the list. */
  const resumed = new Set<Section>();

  const currentWeight = (): number => (stack.length ? effectiveWeight(stack[stack.length - 1]) : 1);
  const validId = (id: string | undefined, ord: number): string =>
    id && scan.firstIdOrdinal.get(id) === ord ? id : '';
  /** The innermost open cell of any enclosing table: a nested table's rows belong to the outer cell, in reading order. */
  const cell = (): string[] | null => {
    for (let i = tables.length - 1; i >= 0; i--) if (tables[i].cell) return tables[i].cell;
    return null;
  };
  const pushBlock = (text: string) => {
    if (demoteDepth >= 0) deferred.push(text);
    else cur.blocks.push(text);
  };
  /** The section is over: blocks held back for its end join it now. */
  const endSection = () => {
    if (!deferred.length) return;
    for (const b of deferred) cur.blocks.push(b);
    deferred = [];
  };

  const flushInline = () => {
    if (!inline.length) return;
    const text = collapse(inline.join(''));
    inline = [];
    if (text) pushBlock(text);
  };
  /** Emits a finished block: into the enclosing table cell if any, else the section. */
  const emitBlock = (text: string) => {
    const c = cell();
    if (c) c.push(' ', text, ' ');
    else if (text) pushBlock(text);
  };
  const breakText = () => {
    if (heading) heading.text.push(' ');
    else if (preDepth >= 0) return;
    else if (cell()) cell()!.push(' ');
    else flushInline();
  };

  const startSection = (level: number, text: string, id: string, weight: number) => {
    endSection();
    while (headingStack.length && headingStack[headingStack.length - 1].level >= level) headingStack.pop();
    headingStack.push({ level, text });
    if (id) lastAnchor = id;
    cur = { level, heading: text, anchor: lastAnchor, path: headingStack.map((h) => h.text), blocks: [], weight };
    sections.push(cur);
    if (!firstHeading) firstHeading = text;
    if (level === 1 && !firstH1) firstH1 = text;
  };

  const parseWeight = (v: string | undefined): number | null => {
    if (v === undefined) return null;
    const n = Number(v.trim());
    if (v.trim() === '' || !Number.isFinite(n) || n < 0) {
      if (badWeights.length < 5) badWeights.push(v);
      return null;
    }
    weighted = true;
    return n;
  };

  const parser = createParser(
    {
      onopentag(tag, attrs) {
        const ord = ordinal++;
        const el = elementInfo(tag, attrs);
        const depth = stack.length;
        const frame: Frame = { el, weight: null, inherited: currentWeight(), article: false };
        const push = () => {
          if (inside && isArticle(el)) {
            frame.article = true;
            openArticles++;
          }
          stack.push(frame);
          infos.push(el);
        };

        if (!inside) {
          if (useBody ? tag === 'body' : scan.containers.has(ord)) {
            containerDepth = depth;
            inside = true;
            frame.weight = parseWeight(attrs['data-quarry-weight']);
            push();
            if (pageWeight === null) {
              pageWeight = currentWeight();
              cur.weight = pageWeight;
            }
            const id = validId(attrs.id, ord);
            if (id) pendingWrapperId = id;
            return;
          }
          // Outside the content, only weights matter (a weight on <body> applies to the page).
          frame.weight = parseWeight(attrs['data-quarry-weight']);
          push();
          return;
        }
        if (skipDepth >= 0) {
          push();
          return;
        }
        const verdict = scan.blocks.drop.get(ord);
        if (SKIP_TAGS.has(tag) || IS_SKIPPED(el, infos) || verdict) {
          if (verdict) dropped.push(verdict);
          push();
          skipDepth = depth;
          return;
        }
        push();
        if (tag === 'header' && headingsOnlyDepth < 0) {
          // A page banner when the content is the whole body; inside an
          // article (Docusaurus puts the h1 there) keep just its headings.
          if (useBody && openArticles === 0) {
            skipDepth = depth;
            return;
          }
          headingsOnlyDepth = depth;
        }
        frame.weight = parseWeight(attrs['data-quarry-weight']);
        if (attrs.id && allDuplicates.has(attrs.id)) duplicateIds.add(attrs.id);

        const id = validId(attrs.id, ord) || (tag === 'a' ? validId(attrs.name, ord) : tag === 'dt' ? (scan.termAnchors.get(ord) ?? '') : '');
        if (tag === 'dt' && id && !heading && preDepth < 0 && !tables.length && infos[depth - 1]?.tag === 'dl') {
          flushInline();
          if (definitionLists.at(-1)?.depth !== depth - 1) definitionLists.push({ depth: depth - 1, resume: cur, headingDepth: headingStack.length });
          heading = { depth, level: DEFINITION_BASE_LEVEL + definitionLists.length, id, text: [], weight: currentWeight() };
          pendingWrapperId = pendingAnchorId = '';
          return;
        }
        if (demoteDepth < 0 && (scan.blocks.demote.has(ord) || (el.classes.length > 0 && DEMOTED(el, infos.slice(0, -1))))) {
          flushInline();
          demoteDepth = depth;
        }
        const pseudo = scan.blocks.pseudoHeadings.has(ord) ? DEFINITION_BASE_LEVEL + 1 + definitionLists.length : el.classes.includes('title') && TITLE_ELEMENT(el, infos.slice(0, -1)) ? 1 : 0;
        const level = HEADING_LEVEL[tag] ?? pseudo;
        if (level && !heading && preDepth < 0 && !cell()) {
          flushInline();
          heading = { depth, level, id: id || pendingWrapperId || pendingAnchorId, text: [], weight: currentWeight() };
          pendingWrapperId = pendingAnchorId = '';
          return;
        }
        if (tag === 'a' && attrs.href !== undefined && linkDepth < 0) {
          linkDepth = depth;
          keptText.links++;
          if (entry) entry.linked = true;
        }
        if ((tag === 'li' || tag === 'dt') && !entry) entry = { depth, linked: false };
        if (tag === 'a' && heading && !headingLink) headingLink = { depth, permalink: isPermalinkAnchor(el, infos[depth - 1]), text: [] };
        if (id) {
          if (tag === 'a') {
            if (heading) heading.id ||= id;
            else pendingAnchorId = id;
          } else if (WRAPPER_TAGS.has(tag) && !heading) {
            pendingWrapperId = id;
            pendingWrapperDepth = depth;
          }
        }
        if (level) {
          breakText();
          return;
        }
        switch (tag) {
          case 'pre':
            if (preDepth < 0 && !heading) {
              if (cell()) cell()!.push(' ');
              else flushInline();
              preDepth = depth;
              preInCell = cell() !== null;
              pre = [];
            }
            return;
          case 'br':
            if (preDepth >= 0 && !heading) pre.push('\n');
            else if (heading) heading.text.push(' ');
            else if (cell()) cell()!.push(' ');
            else inline.push(' ');
            return;
          case 'table':
            breakText();
            tables.push({ row: null, cell: null });
            return;
          case 'tr':
            if (tables.length) tables[tables.length - 1].row = [];
            return;
          case 'td':
          case 'th':
            if (tables.length) {
              const t = tables[tables.length - 1];
              t.row ??= [];
              t.cell = [];
            }
            return;
        }
        if (BLOCK_TAGS.has(tag)) breakText();
      },

      ontext(text) {
        if (!inside || skipDepth >= 0) return;
        if (headingsOnlyDepth < 0 || heading) {
          const n = textChars(text);
          keptText.text += n;
          if (linkDepth >= 0) keptText.link += n;
          if (!entry && !heading) keptText.prose += n;
        }
        if (headingLink) {
          headingLink.text.push(text);
          return;
        }
        if (heading) {
          heading.text.push(text);
          return;
        }
        if (headingsOnlyDepth >= 0) return;
        if (preDepth >= 0) pre.push(text);
        else if (cell()) cell()!.push(text);
        else inline.push(text);
        if (pendingWrapperId || pendingAnchorId) {
          if (/\S/.test(text)) pendingWrapperId = pendingAnchorId = '';
        }
      },

      onclosetag(tag) {
        const depth = stack.length - 1;
        if (stack.pop()?.article) openArticles--;
        infos.pop();
        if (!inside) return;
        if (skipDepth >= 0) {
          if (depth === skipDepth) skipDepth = -1;
          return;
        }
        if (depth === linkDepth) linkDepth = -1;
        if (entry && depth === entry.depth) {
          keptText.entries++;
          if (entry.linked) keptText.linkedEntries++;
          entry = null;
        }
        if (headingLink && depth === headingLink.depth) {
          const text = headingLink.text.join('');
          if (!isPermalinkLabel(collapse(text), headingLink.permalink)) heading?.text.push(text);
          headingLink = null;
          return;
        }
        if (heading && depth === heading.depth) {
          const text = collapse(heading.text.join(''));
          const h = heading;
          heading = null;
          headingLink = null;
          if (text) startSection(h.level, text, h.id, h.weight);
          return;
        }
        if (depth === headingsOnlyDepth) headingsOnlyDepth = -1;
        if (depth === pendingWrapperDepth) {
          pendingWrapperId = '';
          pendingWrapperDepth = -1;
        }
        if (depth === demoteDepth) {
          if (BLOCK_TAGS.has(tag)) breakText();
          demoteDepth = -1;
        }
        if (definitionLists.length && depth === definitionLists[definitionLists.length - 1].depth) {
          // The list ends: text after it belongs to the section around it again.
          flushInline();
          endSection();
          const list = definitionLists.pop()!;
          headingStack.length = list.headingDepth;
          cur = { ...list.resume, path: [...list.resume.path], blocks: [] };
          sections.push(cur);
          resumed.add(cur);
          return;
        }
        if (depth === preDepth) {
          preDepth = -1;
          const text = pre.join('').replace(/^\n/, '').replace(/\s+$/, '').replace(/[\u200b\ufeff]/g, '');
          pre = [];
          if (!/\S/.test(text) || LINE_NUMBERS.test(text.trim())) return;
          // A listing laid out in a table (gtk-doc, some highlighters) keeps its
          // line breaks as a block of its own when nothing precedes it in its row.
          const t = tables.at(-1);
          if (preInCell && t?.cell && !t.cell.join('').trim() && !t.row?.length) {
            pushBlock(text);
            t.cell.push('');
            return;
          }
          emitBlock(text);
          return;
        }
        if (depth === containerDepth && !wholeDocument) {
          flushInline();
          containerDepth = -1;
          inside = false;
          return;
        }
        switch (tag) {
          case 'td':
          case 'th': {
            const t = tables[tables.length - 1];
            if (t?.cell) {
              const text = collapse(t.cell.join(''));
              t.cell = null;
              if (text && !LINE_NUMBERS.test(text)) (t.row ??= []).push(text);
            }
            return;
          }
          case 'tr': {
            const t = tables[tables.length - 1];
            if (t?.row) {
              const text = t.row.join(' | ');
              t.row = null;
              if (text) emitBlock(text);
            }
            return;
          }
          case 'table': {
            const t = tables.pop();
            if (t?.row?.length) emitBlock(t.row.join(' | '));
            return;
          }
        }
        if (BLOCK_TAGS.has(tag)) breakText();
      },
    },
    PARSER_OPTIONS,
  );
  parser.write(html);
  parser.end();
  flushInline();
  endSection();

  const kept = sections.filter((s) => (s.level > 0 && !resumed.has(s)) || s.blocks.length > 0);
  return { sections: kept, firstH1, firstHeading, pageWeight: pageWeight ?? 1, badWeights, weighted, duplicateIds: [...duplicateIds], dropped, kept: keptText };
}
