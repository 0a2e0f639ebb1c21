/**
 * What the listbox lists: search results, the answer card, recent searches
 * and "no good match" suggestions. Every one that leads somewhere is an
 * `<a href>` carrying the option role, so hovering shows the URL and
 * middle-click, Ctrl/⌘-click and "copy link address" work as on any link.
 */
import { h, type Child } from './dom.ts';
import type { ListOption } from './listbox.ts';

export type ItemKind = 'result' | 'answer' | 'recent' | 'heading' | 'spelling';

export interface Item extends ListOption {
  kind: ItemKind;
  /** Where it leads (resolved, http(s) only); null for 'spelling', and for a link Quarry refused. */
  url: URL | null;
  /** The href as the index gave it (named in the warning when it was refused). */
  href: string;
  /** What a recent search remembers it by. */
  title: string;
  /** 1-based position among the items of its kind (`quarry:select` rank). */
  rank: number;
  /** 'spelling': the query it runs; 'recent': the query it was found with. */
  query?: string;
  /** 'result' and 'answer': the passage behind it. */
  passage?: number;
}

/** Resolves an index href to an absolute http(s) URL, or null (see resolveHref). */
export type Resolve = (href: string) => URL | null;

/**
 * An option element: a link when it has a URL. tabindex=-1 keeps it out of
 * the Tab order (the combobox pattern keeps focus in the input).
 */
export function optionElement(url: URL | null, className: string, ...children: Child[]): HTMLElement {
  const attrs = { role: 'option', 'aria-selected': 'false', tabindex: -1, part: 'option' };
  return url ? h('a', { class: className, attrs: { ...attrs, href: url.href } }, ...children) : h('div', { class: className, attrs }, ...children);
}
