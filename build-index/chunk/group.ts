/**
 * Merges very short sections with their neighbours so passages are not
 * two-line fragments, without ever mixing unrelated parts of a page: a
 * section only joins a group whose first section has the same parent
 * heading (or is its parent). Sections long enough to stand alone keep their
 * own anchor, which is what makes FAQ-style pages link to the right answer.
 *
 * A section with an anchor of its own (an API entry, a `<dt id>` definition,
 * an FAQ question) is one micro-intent and stays its own passage however
 * short, so a query for one function finds that function's passage, not a
 * blend of five; only fragments (a bare "Returns" or "See also" line) merge.
 */
import type { Section } from '../extract/types.ts';
import { countWords } from './words.ts';

export interface Group {
  /** Anchor of the first member: the passage starts there. */
  anchor: string;
  /** Common heading path of all members (the parent's path once siblings merge). */
  breadcrumb: string[];
  /** Text blocks; members below the breadcrumb contribute their heading as a block. */
  blocks: string[];
  words: number;
  weight: number;
  /** How many sections were merged (1 = a section on its own). */
  members: number;
  /** Merged members below the breadcrumb (the first included): their anchor and heading, so a result can link to the one a query names. */
  subsections: Array<{ anchor: string; heading: string }>;
}

/** Sections with fewer body words are fragments and always merge when they can… */
export const FRAGMENT_WORDS = 6;
/** …and an anchored entry needs this many to stand alone (a one-link SEE ALSO, a bare "create-table-stmt:" label do not). */
export const MIN_ENTRY_WORDS = 2;

export interface GroupOptions {
  chunkWords: number;
  minWords: number;
}

function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => path[i] === p);
}

function commonPrefix(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < a.length && i < b.length && a[i] === b[i]; i++) out.push(a[i]);
  return out;
}

interface Pending {
  first: Section;
  members: Section[];
  words: number;
  breadcrumb: string[];
}

function finish(p: Pending): Group {
  const blocks: string[] = [];
  const subsections: Group['subsections'] = [];
  let weight = -Infinity;
  /** Headings already given: the breadcrumb, then the path of the member before. */
  let given: readonly string[] = p.breadcrumb;
  // Plain loops: one section may hold hundreds of thousands of blocks, too
  // many for push(...spread) or Math.max(...spread) arguments.
  for (const s of p.members) {
    if (s.weight > weight) weight = s.weight;
    // Parents below the breadcrumb that had no text of their own (a chapter
    // heading directly followed by its first section) exist in no other
    // passage: keep them in the text too.
    let shared = 0;
    while (shared < given.length && shared < s.path.length && given[shared] === s.path[shared]) shared++;
    for (let d = Math.max(shared, p.breadcrumb.length); d < s.path.length - 1; d++) blocks.push(s.path[d]);
    given = s.path;
    // A merged member's heading is no longer in the breadcrumb; keep it in the text.
    if (s.path.length > p.breadcrumb.length && s.heading) {
      blocks.push(s.heading);
      if (s.anchor) subsections.push({ anchor: s.anchor, heading: s.heading });
    }
    for (const b of s.blocks) blocks.push(b);
  }
  return {
    anchor: p.first.anchor,
    breadcrumb: p.breadcrumb,
    blocks,
    words: p.words,
    weight,
    members: p.members.length,
    subsections,
  };
}

export function groupSections(sections: readonly Section[], opts: GroupOptions): Group[] {
  const done: Pending[] = [];
  let pending: Pending | null = null;
  let previousAnchor = '';
  for (const s of sections) {
    const bodyWords = s.blocks.reduce((n, b) => n + countWords(b), 0);
    const ownAnchor = s.level > 0 && s.anchor !== '' && s.anchor !== previousAnchor;
    previousAnchor = s.anchor;
    // Headings with nothing under them (a chapter heading directly followed
    // by its first subsection) live on in their children's breadcrumbs.
    if (bodyWords === 0) continue;
    if (pending) {
      const parent = pending.first.level === 0 ? [] : pending.first.path.slice(0, -1);
      const headingWords = countWords(s.heading);
      const combined: number = pending.words + bodyWords + headingWords;
      // An anchored entry never joins its neighbour however short ("Default constructor."): it is what a
      // query for it should find. It may absorb unanchored parts of itself, and unanchored fragments always merge.
      const fragment = pending.words < FRAGMENT_WORDS || bodyWords < FRAGMENT_WORDS;
      const entry = ownAnchor && bodyWords >= MIN_ENTRY_WORDS;
      const short = !entry && (fragment || pending.words < opts.minWords || bodyWords < opts.minWords);
      if (short && combined <= opts.chunkWords && startsWith(s.path, parent)) {
        join(pending, s, combined);
        continue;
      }
      if (pending.words < MIN_ENTRY_WORDS && !done.length) {
        // A label with nothing after it to join, at the top of the page ("create-table-stmt:"): it
        // leads the next section's passage, which keeps that section's anchor.
        pending = { first: s, members: [...pending.members, s], words: combined, breadcrumb: commonPrefix(pending.breadcrumb, s.path) };
        continue;
      }
      done.push(pending);
    }
    pending = { first: s, members: [s], words: bodyWords, breadcrumb: s.path.slice() };
  }
  if (pending) done.push(pending);
  // A label left alone further down (a one-link SEE ALSO) ends the passage before it.
  const kept: Pending[] = [];
  for (const p of done) {
    const before = kept.at(-1);
    if (before && p.words < MIN_ENTRY_WORDS && startsWith(p.first.path, before.first.level === 0 ? [] : before.first.path.slice(0, -1))) {
      for (const m of p.members) join(before, m, before.words + p.words + countWords(m.heading));
    } else kept.push(p);
  }
  return kept.map(finish);
}

function join(p: Pending, s: Section, words: number): void {
  p.members.push(s);
  p.words = words;
  p.breadcrumb = commonPrefix(p.breadcrumb, s.path);
}
