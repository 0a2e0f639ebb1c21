/**
 * Recent searches as listbox options (the empty state). Each is a link to
 * the result the visitor chose; its × removes it. The × is not a control of
 * its own (an option's content is presentational): keyboard and screen
 * reader users remove the selected entry with Delete, which each option
 * names in aria-keyshortcuts and its description.
 */
import { h, icon, ICONS } from './dom.ts';
import { optionElement, type Item, type Resolve } from './items.ts';
import type { ListGroup } from './listbox.ts';
import type { RecentEntry } from './recent-store.ts';

export const REMOVE_CLASS = 'option-remove';

export function recentGroup(entries: readonly RecentEntry[], resolve: Resolve, hintId: string): ListGroup<Item> {
  const options: Item[] = [];
  for (const e of entries) {
    const url = resolve(e.href);
    if (!url) continue;
    const element = optionElement(
      url,
      'option recent',
      icon(ICONS.history, 'icon option-icon'),
      h('div', { class: 'option-text' }, h('div', { class: 'option-title', text: e.title }), h('div', { class: 'option-path', text: `“${e.query}”` })),
      h('span', { class: REMOVE_CLASS, attrs: { 'aria-hidden': 'true', title: 'Remove from recent searches' } }, icon(ICONS.clear)),
    );
    element.setAttribute('aria-keyshortcuts', 'Delete');
    element.setAttribute('aria-describedby', hintId);
    options.push({ element, key: `recent:${e.href}`, kind: 'recent', url, href: e.href, title: e.title, rank: options.length + 1, query: e.query });
  }
  return { ariaLabel: 'Recent searches', className: 'recent-group', options };
}

/** True when a click landed on an entry's ×. */
export function isRemoveClick(e: Event): boolean {
  return !!(e.target as Element | null)?.closest?.(`.${REMOVE_CLASS}`);
}
