/**
 * The "no good match" state's ways forward, as listbox options: a respelled
 * query to run instead, and links to the sections whose headings are
 * closest to the query.
 */
import type { NoMatch } from '../core/search/types.ts';
import { h, icon, ICONS } from './dom.ts';
import { optionElement, type Item, type Resolve } from './items.ts';
import type { ListGroup } from './listbox.ts';

export function suggestionGroups(noMatch: NoMatch, resolve: Resolve): ListGroup<Item>[] {
  let rank = 0;
  const spelling: Item[] = [];
  const headings: Item[] = [];
  for (const s of noMatch.suggestions) {
    const text = s.text.trim();
    if (!text) continue;
    if (s.kind === 'spelling') {
      const element = optionElement(null, 'option suggestion', icon(ICONS.search, 'icon option-icon'), h('div', { class: 'option-text' }, h('div', { class: 'option-title', text: `Search for “${text}”` })));
      spelling.push({ element, key: `spelling:${text}`, kind: 'spelling', url: null, href: '', title: text, rank: ++rank, query: text });
    } else if (s.href) {
      const url = resolve(s.href);
      const path = (s.breadcrumb ?? []).filter((c) => c.trim() !== '').join(' › ');
      const element = optionElement(
        url,
        'option suggestion',
        icon(ICONS.hash, 'icon option-icon'),
        h('div', { class: 'option-text' }, h('div', { class: 'option-title', text }), path && h('div', { class: 'option-path', text: path })),
        icon(ICONS.enter, 'icon option-enter'),
      );
      headings.push({ element, key: `heading:${s.href}`, kind: 'heading', url, href: s.href, title: text, rank: ++rank });
    }
  }
  return [
    { label: 'Did you mean', options: spelling },
    { label: 'Closest sections', options: headings },
  ];
}

/** How many options suggestionGroups makes (0: the plain "No results" message instead). */
export function countSuggestions(noMatch: NoMatch): number {
  return noMatch.suggestions.filter((s) => s.text.trim() !== '' && (s.kind === 'spelling' || s.href)).length;
}
