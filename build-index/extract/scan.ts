/**
 * Pass 1 over an HTML page: page-level facts (title, lang, canonical,
 * robots/refresh, meta pairs), every id's first element, and which elements
 * hold the main content. Pass 2 (`build.ts`) needs these up front because a
 * streaming parser cannot look ahead; counting open tags gives each element
 * an ordinal that is identical in both passes.
 */
import { createParser } from './parser.ts';
import type { ElementInfo, Matcher } from './selector.ts';
import { BODY_MARKER, CONTAINER_RULES, IS_SKIPPED, SKIP_TAGS } from './rules.ts';
import { BlockStats, type BlockVerdicts } from './block-stats.ts';
import { textChars } from './text.ts';

export interface ScanResult {
  titleTag: string;
  lang: string;
  canonical: string | null;
  noindex: boolean;
  /** Target of a `<meta http-equiv=refresh>` redirect, null when none. */
  redirect: string | null;
  meta: Record<string, string>;
  /** id (or a[name]) → ordinal of the first element carrying it. */
  firstIdOrdinal: Map<string, number>;
  duplicateIds: string[];
  /** Ordinals of the content containers; empty means "use body". */
  containers: Set<number>;
  /** Which rule chose the containers, for diagnostics. */
  containerRule: string;
  /** Auto-detected containers passed over because they did not hold the page's content. */
  rejectedRoots: Array<{ rule: string; why: string }>;
  /** `<dt>` ordinal → the id of an anchor it opens with (`<dt><a id="def_branch"></a>branch`, AsciiDoc glossaries). */
  termAnchors: Map<number, string>;
  /** What pass 2 drops, moves or promotes (see block-stats.ts). */
  blocks: BlockVerdicts;
  /** Characters of text in the chosen content (body when none), the share of them inside links, and the links. */
  content: { text: number; link: number; links: number };
  /** False for fragments without <body> (htmlparser2 does not invent one). */
  hasBody: boolean;
}

export const PARSER_OPTIONS = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true } as const;

export function elementInfo(tag: string, attrs: Record<string, string>): ElementInfo {
  const cls = attrs.class;
  return { tag, attrs, classes: cls ? cls.split(/\s+/).filter(Boolean) : [] };
}

/** Parses `data-quarry-meta="key:value, other:value"` into `into`. */
function addMeta(value: string, into: Record<string, string>): void {
  // Split only on commas that start a new "key:" so values may contain commas.
  for (const pair of value.split(/,(?=\s*[\w.-]+\s*:)/)) {
    const i = pair.indexOf(':');
    if (i <= 0) continue;
    const key = pair.slice(0, i).trim();
    const v = pair.slice(i + 1).trim();
    if (key && !(key in into)) into[key] = v;
  }
}

/** Collects every element matching `sel` that is not inside another match, and how much text (and link text) they hold. */
class OutermostMatches {
  readonly ordinals = new Set<number>();
  text = 0;
  link = 0;
  links = 0;
  private insideDepth = -1;
  constructor(private readonly match: Matcher) {}
  open(el: ElementInfo, ancestors: readonly ElementInfo[], ordinal: number): void {
    if (this.insideDepth >= 0) return;
    if (this.match(el, ancestors)) {
      this.ordinals.add(ordinal);
      this.insideDepth = ancestors.length;
    }
  }
  countLink(): void {
    if (this.insideDepth >= 0) this.links++;
  }
  count(chars: number, inLink: boolean): void {
    if (this.insideDepth < 0) return;
    this.text += chars;
    if (inLink) this.link += chars;
  }
  close(depth: number): void {
    if (this.insideDepth === depth) this.insideDepth = -1;
  }
}

/**
 * An auto-detected container must hold the page's content: a `#content`
 * that Doxygen's markup closes right after the navigation, or a `.content`
 * that is one code block, is passed over for the next rule (or the body).
 */
const MIN_CONTENT_SHARE = 0.3;
/** …and at least this share of all its text, links included (a short index page's content is links, its footer prose). */
const MIN_TEXT_SHARE = 0.2;
const MAX_CONTAINER_LINK_SHARE = 0.7;

function containerProblem(m: OutermostMatches, body: { text: number; link: number }, generic: boolean): string | null {
  const prose = m.text - m.link;
  const bodyProse = body.text - body.link;
  if (m.text > 0 && m.link > m.text * MAX_CONTAINER_LINK_SHARE && bodyProse > prose * 2) return `${Math.round((m.link / m.text) * 100)}% of its text is links`;
  // Both measures must be low: an index page's content is mostly links (little prose), a short page's body mostly sidebar.
  if (generic && bodyProse > 0 && prose < bodyProse * MIN_CONTENT_SHARE && m.text < body.text * MIN_TEXT_SHARE) return `holds ${Math.round((prose / bodyProse) * 100)}% of the page's text`;
  return null;
}


/** Does `href`, written on page `relPath`, point at a fragment of that same page? */
export function inPageLink(relPath: string): (href: string) => boolean {
  const base = new URL(`http://site.invalid/${relPath.split('/').map(encodeURIComponent).join('/')}`);
  return (href) => {
    const h = href.trim();
    if (h.startsWith('#')) return h.length > 1;
    if (!h.includes('#')) return false;
    try {
      const u = new URL(h, base);
      return u.origin === base.origin && u.pathname === base.pathname && u.hash.length > 1;
    } catch {
      return false;
    }
  };
}

export function scanPage(html: string, userSelector: Matcher | null, relPath = 'page.html'): ScanResult {
  const blocks = new BlockStats(inPageLink(relPath));
  const r: ScanResult = {
    titleTag: '', lang: '', canonical: null, noindex: false, redirect: null, meta: {},
    firstIdOrdinal: new Map(), duplicateIds: [], containers: new Set(), containerRule: 'body', hasBody: false,
    rejectedRoots: [], termAnchors: new Map(), blocks: blocks.verdicts, content: { text: 0, link: 0, links: 0 },
  };
  const stack: ElementInfo[] = [];
  const marker = new OutermostMatches(BODY_MARKER);
  const user = userSelector ? new OutermostMatches(userSelector) : null;
  const auto = CONTAINER_RULES.map((rule) => new OutermostMatches(rule.match));
  const body = { text: 0, link: 0, links: 0 };
  let generator = '';
  let skipDepth = -1;
  let linkDepth = -1;
  let ordinal = 0;
  /** The open <dt> while no text has been seen in it. */
  let term: { ord: number; depth: number } | null = null;
  let inTitle = false;
  const title: string[] = [];
  const dupSeen = new Set<string>();

  const noteId = (id: string, ord: number) => {
    if (!id) return;
    if (!r.firstIdOrdinal.has(id)) r.firstIdOrdinal.set(id, ord);
    else if (!dupSeen.has(id)) {
      dupSeen.add(id);
      r.duplicateIds.push(id);
    }
  };

  const parser = createParser(
    {
      onopentag(tag, attrs) {
        const ord = ordinal++;
        const el = elementInfo(tag, attrs);
        noteId(attrs.id ?? '', ord);
        if (tag === 'a' && attrs.name && attrs.name !== attrs.id) noteId(attrs.name, ord);
        if (attrs['data-quarry-meta']) addMeta(attrs['data-quarry-meta'], r.meta);
        if (tag === 'body') r.hasBody = true;
        if (tag === 'html' && attrs.lang && !r.lang) r.lang = attrs.lang.trim();
        else if (tag === 'html' && attrs['xml:lang'] && !r.lang) r.lang = attrs['xml:lang'].trim();
        else if (tag === 'title' && !stack.some((e) => e.tag === 'svg')) inTitle = true;
        else if (tag === 'link' && r.canonical === null && (attrs.rel ?? '').toLowerCase().split(/\s+/).includes('canonical') && attrs.href) {
          r.canonical = attrs.href.trim();
        } else if (tag === 'meta') {
          const name = (attrs.name ?? '').toLowerCase();
          const content = attrs.content ?? '';
          if ((name === 'robots' || name === 'quarry') && /\bnoindex\b/i.test(content)) r.noindex = true;
          if (name === 'generator' && !generator) generator = content;
          if ((attrs['http-equiv'] ?? '').toLowerCase() === 'refresh') {
            // A bare refresh reloads the same page; only one with a URL redirects.
            const m = /url\s*=\s*['"]?([^'"]+)/i.exec(content);
            if (m && r.redirect === null) r.redirect = m[1].trim();
          }
        }
        if (tag === 'dt') term = { ord, depth: stack.length };
        else if (term && tag === 'a' && attrs.href === undefined && (attrs.id || attrs.name) && !r.termAnchors.has(term.ord)) r.termAnchors.set(term.ord, attrs.id || attrs.name);
        marker.open(el, stack, ord);
        user?.open(el, stack, ord);
        if (skipDepth < 0 && (SKIP_TAGS.has(tag) || IS_SKIPPED(el, stack))) skipDepth = stack.length;
        if (skipDepth < 0) {
          CONTAINER_RULES.forEach((rule, i) => {
            if (!rule.generator || rule.generator.test(generator)) auto[i].open(el, stack, ord);
          });
          blocks.open(el, stack.length, ord);
          if (tag === 'a' && attrs.href !== undefined && linkDepth < 0) {
            linkDepth = stack.length;
            body.links++;
            for (const m of auto) m.countLink();
          }
        }
        stack.push(el);
      },
      ontext(text) {
        if (inTitle) title.push(text);
        if (skipDepth >= 0) return;
        const n = textChars(text);
        if (n === 0) return;
        term = null;
        const inLink = linkDepth >= 0;
        body.text += n;
        if (inLink) body.link += n;
        for (const m of auto) m.count(n, inLink);
        blocks.text(text);
      },
      onclosetag(tag) {
        if (tag === 'title') inTitle = false;
        stack.pop();
        const depth = stack.length;
        marker.close(depth);
        user?.close(depth);
        if (depth === skipDepth) skipDepth = -1;
        else if (skipDepth < 0) {
          for (const m of auto) m.close(depth);
          blocks.close(tag, depth);
          if (depth === linkDepth) linkDepth = -1;
        }
      },
    },
    PARSER_OPTIONS,
  );
  parser.write(html);
  parser.end();

  r.titleTag = title.join('').replace(/\s+/g, ' ').trim();
  if (marker.ordinals.size) {
    r.containers = marker.ordinals;
    r.containerRule = 'data-quarry-body';
  } else if (user && user.ordinals.size) {
    r.containers = user.ordinals;
    r.containerRule = 'selector';
  } else {
    for (let i = 0; i < auto.length; i++) {
      if (!auto[i].ordinals.size) continue;
      const problem = containerProblem(auto[i], body, CONTAINER_RULES[i].generic);
      if (problem) {
        r.rejectedRoots.push({ rule: CONTAINER_RULES[i].name, why: problem });
        continue;
      }
      r.containers = auto[i].ordinals;
      r.containerRule = CONTAINER_RULES[i].name;
      r.content = { text: auto[i].text, link: auto[i].link, links: auto[i].links };
      break;
    }
  }
  if (!r.containers.size) r.content = body;
  return r;
}
