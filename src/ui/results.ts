/**
 * Search results as listbox groups: one group per page (labelled by the
 * page title), one link option per passage with its breadcrumb and
 * highlighted excerpt.
 */
import type { PageResult, PassageHit } from '../core/search/types.ts';
import { h, icon, ICONS } from './dom.ts';
import { optionElement, type Item, type Resolve } from './items.ts';
import type { ListGroup } from './listbox.ts';
import { renderSnippet } from './snippet.ts';

/** What a page contributes when it has no passage (shouldn't happen, but keep the page clickable). */
function passagesOf(page: PageResult): PassageHit[] {
  if (page.passages.length > 0) return page.passages;
  return [{ id: -1, anchor: '', breadcrumb: [], href: page.url, score: page.score, snippet: [] }];
}

/** Number of options a response renders (for counts and events). */
export function countOptions(pages: readonly PageResult[]): number {
  let n = 0;
  for (const p of pages) n += Math.max(1, p.passages.length);
  return n;
}

/** The first `n` passage ids in rank order (what the answer card is chosen from). */
export function topPassageIds(pages: readonly PageResult[], n: number): number[] {
  const ids: number[] = [];
  for (const p of pages) for (const hit of p.passages) if (ids.length < n && hit.id >= 0) ids.push(hit.id);
  return ids;
}

export function resultGroups(pages: readonly PageResult[], resolve: Resolve): ListGroup<Item>[] {
  let rank = 0;
  return pages.map((page) => ({
    label: page.title || page.url,
    icon: ICONS.page,
    options: passagesOf(page).map((hit) => resultItem(page, hit, ++rank, resolve)),
  }));
}

function resultItem(page: PageResult, hit: PassageHit, rank: number, resolve: Resolve): Item {
  const crumbs = hit.breadcrumb.filter((c) => c.trim() !== '');
  const title = crumbs.length > 0 ? crumbs[crumbs.length - 1] : page.title || page.url;
  const path = crumbs.length > 1 ? crumbs.slice(0, -1).join(' › ') : '';
  const text = h('div', { class: 'option-text' }, h('div', { class: 'option-title', text: title }), path && h('div', { class: 'option-path', text: path }));
  if (hit.snippet.length > 0) {
    const excerpt = h('div', { class: 'option-excerpt' });
    excerpt.append(renderSnippet(hit.snippet));
    text.append(excerpt);
  }
  const url = resolve(hit.href);
  const element = optionElement(url, 'option', icon(hit.anchor ? ICONS.hash : ICONS.page, 'icon option-icon'), text, icon(ICONS.enter, 'icon option-enter'));
  return { element, key: `result:${hit.href}`, kind: 'result', url, href: hit.href, title, rank, passage: hit.id };
}
