import type { PageResult, PassageHit } from '../core/search/types.ts';
import { h, icon, ICONS } from './dom.ts';
import { renderSnippet } from './snippet.ts';
import { moveIndex } from './keyboard.ts';

export interface ResultOption {
  element: HTMLElement;
  page: PageResult;
  hit: PassageHit;
  /** 1-based position in the list (analytics). */
  rank: number;
}

export interface ResultsCallbacks {
  /** Called with the option and the triggering event (click / auxclick / keyboard). */
  activate(option: ResultOption, e: MouseEvent | KeyboardEvent): void;
  /** Selection moved (the input updates aria-activedescendant). */
  selected(option: ResultOption | null): void;
}

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

/**
 * The listbox: one `role=group` per page (labelled by the page title), one
 * `role=option` per passage with its breadcrumb and highlighted excerpt.
 * Focus stays in the input; selection is shown with aria-selected and
 * exposed through the input's aria-activedescendant.
 */
export class ResultsView {
  readonly element: HTMLElement;
  #options: ResultOption[] = [];
  #selected = -1;
  /** The user moved the selection (keys or pointer) since the query last changed. */
  #userChose = false;

  constructor(
    readonly id: string,
    private readonly cb: ResultsCallbacks,
  ) {
    this.element = h('div', { id, class: 'listbox', attrs: { role: 'listbox', 'aria-label': 'Search results', part: 'listbox' } });
    // Keep focus in the input when clicking an option.
    this.element.addEventListener('mousedown', (e) => e.preventDefault());
    this.element.addEventListener('click', (e) => this.#fromEvent(e, (o) => this.cb.activate(o, e)));
    this.element.addEventListener('auxclick', (e) => {
      if (e.button === 1) this.#fromEvent(e, (o) => this.cb.activate(o, e));
    });
    // pointermove, not mouseenter: a list that scrolls under a still mouse must not steal the selection.
    this.element.addEventListener('pointermove', (e) =>
      this.#fromEvent(e, (o) => {
        if (o.rank - 1 !== this.#selected) this.#userChose = true;
        this.select(o.rank - 1, false);
      }),
    );
  }

  #fromEvent(e: Event, fn: (o: ResultOption) => void): void {
    const el = (e.target as Element | null)?.closest?.('[role="option"]');
    if (!el) return;
    const o = this.#options.find((x) => x.element === el);
    if (o) fn(o);
  }

  get options(): readonly ResultOption[] {
    return this.#options;
  }

  get selected(): ResultOption | null {
    return this.#options[this.#selected] ?? null;
  }

  /**
   * Renders pages. When the user picked a passage and a staged update for the
   * same query arrives, that passage (same href) stays selected so nothing
   * jumps under them; otherwise the first option is pre-selected.
   */
  render(pages: readonly PageResult[], sameQuery = false): void {
    if (!sameQuery) this.#userChose = false;
    const keepHref = this.#userChose ? this.selected?.hit.href : undefined;
    const groups: HTMLElement[] = [];
    const options: ResultOption[] = [];
    pages.forEach((page, g) => {
      const labelId = `${this.id}-g${g}`;
      const label = h('div', { id: labelId, class: 'group-label', attrs: { role: 'presentation' } }, icon(ICONS.page, 'icon group-icon'), h('span', { text: page.title || page.url }));
      const group = h('div', { class: 'group', attrs: { role: 'group', 'aria-labelledby': labelId } }, label);
      for (const hit of passagesOf(page)) {
        const rank = options.length + 1;
        const el = this.#option(`${this.id}-o${rank - 1}`, page, hit);
        group.append(el);
        options.push({ element: el, page, hit, rank });
      }
      groups.push(group);
    });
    this.element.replaceChildren(...groups);
    this.#options = options;
    this.#selected = -1;
    const keep = keepHref === undefined ? -1 : options.findIndex((o) => o.hit.href === keepHref);
    if (keep < 0) this.element.scrollTop = 0;
    this.select(keep >= 0 ? keep : 0, false);
  }

  #option(id: string, page: PageResult, hit: PassageHit): HTMLElement {
    const crumbs = hit.breadcrumb.filter((c) => c.trim() !== '');
    const title = crumbs.length > 0 ? crumbs[crumbs.length - 1] : page.title || page.url;
    const path = crumbs.length > 1 ? crumbs.slice(0, -1).join(' › ') : '';
    const text = h('div', { class: 'option-text' }, h('div', { class: 'option-title', text: title }), path && h('div', { class: 'option-path', text: path }));
    if (hit.snippet.length > 0) {
      const excerpt = h('div', { class: 'option-excerpt' });
      excerpt.append(renderSnippet(hit.snippet));
      text.append(excerpt);
    }
    return h(
      'div',
      { id, class: 'option', attrs: { role: 'option', 'aria-selected': 'false', part: 'option' } },
      icon(hit.anchor ? ICONS.hash : ICONS.page, 'icon option-icon'),
      text,
      icon(ICONS.enter, 'icon option-enter'),
    );
  }

  clear(): void {
    this.#userChose = false;
    this.element.replaceChildren();
    this.#options = [];
    this.#selected = -1;
    this.cb.selected(null);
  }

  move(delta: number): void {
    this.#userChose = true;
    this.select(moveIndex(this.#selected, delta, this.#options.length), true);
  }

  select(index: number, scroll: boolean): void {
    if (index === this.#selected && index >= 0) return;
    this.selected?.element.setAttribute('aria-selected', 'false');
    this.#selected = index;
    const o = this.selected;
    if (o) {
      o.element.setAttribute('aria-selected', 'true');
      if (scroll) {
        // Reveal the page title too when selecting the first passage of a group.
        const group = o.element.parentElement;
        if (group && group.querySelector('[role="option"]') === o.element) group.scrollIntoView({ block: 'nearest' });
        o.element.scrollIntoView({ block: 'nearest' });
      }
    }
    this.cb.selected(o);
  }
}
