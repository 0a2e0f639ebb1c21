/**
 * The answer card: the sentence(s) the worker chose from the top passages,
 * shown above the results as the listbox's first option. Its link carries a
 * `:~:text=` fragment, so the browser scrolls to and highlights the sentence.
 */
import type { Answer } from '../core/search/types.ts';
import { h } from './dom.ts';
import { optionElement, type Item } from './items.ts';
import type { ListGroup } from './listbox.ts';

/** `rank`: the position of the result the sentence came from. */
export function answerGroup(answer: Answer, url: URL, rank: number): ListGroup<Item> {
  const crumbs = answer.breadcrumb.filter((c) => c.trim() !== '');
  const element = optionElement(
    url,
    'option answer',
    h(
      'div',
      { class: 'option-text' },
      h('div', { class: 'answer-label', text: 'Answer' }),
      h('p', { class: 'answer-text', text: answer.text }),
      crumbs.length > 0 && h('div', { class: 'option-path answer-source', text: crumbs.join(' › ') }),
    ),
  );
  const title = crumbs[crumbs.length - 1] ?? answer.text;
  return { ariaLabel: 'Answer', className: 'answer-group', options: [{ element, key: `answer:${answer.href}`, kind: 'answer', url, href: answer.href, title, rank, passage: answer.passage }] };
}
