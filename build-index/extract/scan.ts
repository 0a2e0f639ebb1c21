/**
 * Pass 1 over an HTML page: page-level facts (title, lang, canonical,
 * robots/refresh, meta pairs), every id's first element, and which elements
 * hold the main content. Pass 2 (`build.ts`) needs these up front because a
 * streaming parser cannot look ahead; counting open tags gives each element
 * an ordinal that is identical in both passes.
 */
import { createParser } from './parser.ts';
import type { ElementInfo, Matcher } from './selector.ts';
import { BODY_MARKER, CONTAINER_RULES } from './rules.ts';

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

/** Collects every element matching `sel` that is not inside another match. */
class OutermostMatches {
  readonly ordinals = new Set<number>();
  private insideDepth = -1;
  constructor(private readonly match: Matcher) {}
  open(el: ElementInfo, ancestors: readonly ElementInfo[], ordinal: number): void {
    if (this.insideDepth >= 0) return;
    if (this.match(el, ancestors)) {
      this.ordinals.add(ordinal);
      this.insideDepth = ancestors.length;
    }
  }
  close(depth: number): void {
    if (this.insideDepth === depth) this.insideDepth = -1;
  }
}

export function scanPage(html: string, userSelector: Matcher | null): ScanResult {
  const r: ScanResult = {
    titleTag: '', lang: '', canonical: null, noindex: false, redirect: null, meta: {},
    firstIdOrdinal: new Map(), duplicateIds: [], containers: new Set(), containerRule: 'body', hasBody: false,
  };
  const stack: ElementInfo[] = [];
  const marker = new OutermostMatches(BODY_MARKER);
  const user = userSelector ? new OutermostMatches(userSelector) : null;
  const firstAuto: number[] = CONTAINER_RULES.map(() => -1);
  let bestAuto = CONTAINER_RULES.length;
  let ordinal = 0;
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
          if ((attrs['http-equiv'] ?? '').toLowerCase() === 'refresh') {
            // A bare refresh reloads the same page; only one with a URL redirects.
            const m = /url\s*=\s*['"]?([^'"]+)/i.exec(content);
            if (m && r.redirect === null) r.redirect = m[1].trim();
          }
        }
        marker.open(el, stack, ord);
        user?.open(el, stack, ord);
        for (let i = 0; i < bestAuto; i++) {
          if (firstAuto[i] < 0 && CONTAINER_RULES[i].match(el, stack)) {
            firstAuto[i] = ord;
            bestAuto = i;
            break;
          }
        }
        stack.push(el);
      },
      ontext(text) {
        if (inTitle) title.push(text);
      },
      onclosetag(tag) {
        if (tag === 'title') inTitle = false;
        stack.pop();
        marker.close(stack.length);
        user?.close(stack.length);
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
  } else if (bestAuto < CONTAINER_RULES.length) {
    r.containers = new Set([firstAuto[bestAuto]]);
    r.containerRule = CONTAINER_RULES[bestAuto].name;
  }
  return r;
}
