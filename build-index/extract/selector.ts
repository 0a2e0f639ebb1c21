/**
 * A deliberately small CSS selector engine for a streaming parser: it matches
 * an element against the stack of its open ancestors, so no DOM is needed.
 * Supported: type, `*`, `#id`, `.class`, `[attr]`, `[attr=v]`, `[attr~=v]`,
 * `[attr^=v]`, `[attr*=v]`, descendant (space) and child (`>`) combinators,
 * and comma-separated lists. Anything else is rejected by `parseSelector`.
 */
import { QuarryError } from '../../src/core/errors.ts';

/** What the matcher needs to know about an open element. */
export interface ElementInfo {
  tag: string;
  attrs: Record<string, string>;
  classes: string[];
}

interface AttrTest {
  name: string;
  op: '' | '=' | '~=' | '^=' | '*=';
  value: string;
}

interface Compound {
  tag: string | null;
  id: string | null;
  classes: string[];
  attrs: AttrTest[];
}

/** Right-most compound first, each with the combinator that links it to the next one. */
type Complex = Array<{ compound: Compound; combinator: ' ' | '>' | null }>;

export type Selector = Complex[];

const IDENT = /^-?[_a-zA-Z\u00a0-\uffff][-\w\u00a0-\uffff]*/;

/** Parses a selector list; throws QuarryError('BAD_OPTION') naming the selector when it cannot. */
export function parseSelector(source: string): Selector {
  const fail = (why: string): never => {
    throw new QuarryError('BAD_OPTION', `selector "${source}" is not supported: ${why}. Use tags, #id, .class, [attr=value], descendant and > combinators.`);
  };
  const list: Selector = [];
  for (const part of source.split(',')) {
    let s = part.trim();
    if (!s) fail('empty selector in list');
    const parts: Array<{ compound: Compound; combinator: ' ' | '>' | null }> = [];
    let combinator: ' ' | '>' | null = null;
    while (s.length) {
      const c: Compound = { tag: null, id: null, classes: [], attrs: [] };
      let m: RegExpExecArray | null;
      const star = s[0] === '*';
      if (star) s = s.slice(1);
      else if ((m = IDENT.exec(s))) {
        c.tag = m[0].toLowerCase();
        s = s.slice(m[0].length);
      }
      let progressed = true;
      while (progressed && s.length) {
        progressed = false;
        if (s[0] === '#' || s[0] === '.') {
          const id = IDENT.exec(s.slice(1));
          if (!id) fail(`bad name after "${s[0]}"`);
          if (s[0] === '#') c.id = id![0];
          else c.classes.push(id![0]);
          s = s.slice(1 + id![0].length);
          progressed = true;
        } else if (s[0] === '[') {
          const a = /^\[\s*([-\w:]+)\s*(?:(=|~=|\^=|\*=)\s*(?:"([^"]*)"|'([^']*)'|([^\]\s]+)))?\s*\]/.exec(s);
          if (!a) fail('bad attribute test');
          c.attrs.push({ name: a![1].toLowerCase(), op: (a![2] ?? '') as AttrTest['op'], value: a![3] ?? a![4] ?? a![5] ?? '' });
          s = s.slice(a![0].length);
          progressed = true;
        }
      }
      if (!star && !c.tag && !c.id && !c.classes.length && !c.attrs.length) fail(s.length ? `unexpected "${s[0]}"` : 'missing selector');
      parts.push({ compound: c, combinator });
      const comb = /^\s*(>)?\s*/.exec(s)!;
      s = s.slice(comb[0].length);
      if (s.length) combinator = comb[1] ? '>' : comb[0].length ? ' ' : fail(`unexpected "${s[0]}"`);
      else if (comb[1]) fail('dangling ">"');
    }
    // Store right-to-left: the combinator on entry i links it to entry i+1 (its ancestor side).
    const rtl: Complex = [];
    for (let i = parts.length - 1; i >= 0; i--) rtl.push({ compound: parts[i].compound, combinator: i > 0 ? parts[i].combinator : null });
    list.push(rtl);
  }
  return list;
}

function matchCompound(c: Compound, el: ElementInfo): boolean {
  if (c.tag && c.tag !== el.tag) return false;
  if (c.id && el.attrs.id !== c.id) return false;
  for (const cls of c.classes) if (!el.classes.includes(cls)) return false;
  for (const a of c.attrs) {
    const v = el.attrs[a.name];
    if (v === undefined) return false;
    if (a.op === '=' && v !== a.value) return false;
    if (a.op === '~=' && !v.split(/\s+/).includes(a.value)) return false;
    if (a.op === '^=' && !v.startsWith(a.value)) return false;
    if (a.op === '*=' && !v.includes(a.value)) return false;
  }
  return true;
}

function matchComplex(sel: Complex, el: ElementInfo, ancestors: readonly ElementInfo[], i: number, top: number): boolean {
  if (!matchCompound(sel[i].compound, el)) return false;
  if (i === sel.length - 1) return true;
  const comb = sel[i].combinator;
  if (comb === '>') return top >= 0 && matchComplex(sel, ancestors[top], ancestors, i + 1, top - 1);
  for (let j = top; j >= 0; j--) if (matchComplex(sel, ancestors[j], ancestors, i + 1, j - 1)) return true;
  return false;
}

/** Does `el`, whose open ancestors are `ancestors` (outermost first), match `sel`? */
export function matches(sel: Selector, el: ElementInfo, ancestors: readonly ElementInfo[]): boolean {
  for (const complex of sel) if (matchComplex(complex, el, ancestors, 0, ancestors.length - 1)) return true;
  return false;
}

/** True when the selector list only looks at the element itself (no combinators). */
export function isSimple(sel: Selector): boolean {
  return sel.every((c) => c.length === 1);
}

export type Matcher = (el: ElementInfo, ancestors: readonly ElementInfo[]) => boolean;

/**
 * Compiles a selector list into a matcher that only tries the selectors whose
 * right-most compound could apply to the element (bucketed by id, class,
 * attribute name or tag) — most elements of a page hit no bucket at all.
 */
export function compileMatcher(sel: Selector): Matcher {
  const byKey = new Map<string, Complex[]>();
  const always: Complex[] = [];
  for (const complex of sel) {
    const c = complex[0].compound;
    const key = c.id ? `#${c.id}` : c.classes.length ? `.${c.classes[0]}` : c.attrs.length ? `[${c.attrs[0].name}` : c.tag ? c.tag : null;
    if (key === null) always.push(complex);
    else byKey.set(key, [...(byKey.get(key) ?? []), complex]);
  }
  const tryAll = (list: Complex[] | undefined, el: ElementInfo, ancestors: readonly ElementInfo[]) => {
    if (list) for (const complex of list) if (matchComplex(complex, el, ancestors, 0, ancestors.length - 1)) return true;
    return false;
  };
  return (el, ancestors) => {
    if (tryAll(always, el, ancestors) || tryAll(byKey.get(el.tag), el, ancestors)) return true;
    for (const cls of el.classes) if (tryAll(byKey.get(`.${cls}`), el, ancestors)) return true;
    for (const name in el.attrs) {
      if (name === 'class') continue;
      if (name === 'id' && tryAll(byKey.get(`#${el.attrs.id}`), el, ancestors)) return true;
      if (tryAll(byKey.get(`[${name}`), el, ancestors)) return true;
    }
    return false;
  };
}
