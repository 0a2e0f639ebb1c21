/**
 * The combobox's popup: a `role=listbox` of `role=group`s, each with an
 * optional sticky label, holding `role=option`s. Focus stays in the input;
 * the selection is aria-selected here and aria-activedescendant there. What
 * an option is (a result, the answer card, a recent search, a suggestion)
 * is the caller's business: this view only lists, selects and scrolls.
 */
import { h, icon } from './dom.ts';
import { moveIndex } from './keyboard.ts';

export interface ListOption {
  element: HTMLElement;
  /** Identity across re-renders: a staged update keeps the option with this key selected. */
  key: string;
}

export interface ListGroup<T extends ListOption> {
  /** Visible sticky label; without one the group is named by `ariaLabel`. */
  label?: string;
  /** Icon path data shown before the label. */
  icon?: readonly string[];
  ariaLabel?: string;
  className?: string;
  options: T[];
}

export interface ListboxCallbacks<T extends ListOption> {
  /** A plain click, a modified click or a middle click on an option (the event says which). */
  clicked(option: T, e: MouseEvent): void;
  /** Selection moved (the input updates aria-activedescendant). */
  selected(option: T | null): void;
}

/** Space kept between a revealed option and the listbox edge or the sticky label above it. */
const REVEAL_GAP_PX = 6;

export class ListboxView<T extends ListOption> {
  readonly element: HTMLElement;
  #options: T[] = [];
  #selected = -1;
  /** The visitor moved the selection (keys or pointer) since the list last changed meaning. */
  #userChose = false;

  constructor(
    readonly id: string,
    private readonly cb: ListboxCallbacks<T>,
  ) {
    this.element = h('div', { id, class: 'listbox', attrs: { role: 'listbox', 'aria-label': 'Search results', part: 'listbox' } });
    // Focus stays in the input whatever button is pressed on an option (the links are tabindex=-1 but mouse-focusable).
    this.element.addEventListener('mousedown', (e) => e.preventDefault());
    this.element.addEventListener('click', (e) => this.#fromEvent(e, (o) => this.cb.clicked(o, e)));
    this.element.addEventListener('auxclick', (e) => {
      if (e.button === 1) this.#fromEvent(e, (o) => this.cb.clicked(o, e));
    });
    // pointermove, not mouseenter: a list that scrolls under a still mouse must not steal the selection.
    this.element.addEventListener('pointermove', (e) =>
      this.#fromEvent(e, (o) => {
        const i = this.#options.indexOf(o);
        if (i !== this.#selected) this.#userChose = true;
        this.select(i, false);
      }),
    );
  }

  #fromEvent(e: Event, fn: (o: T) => void): void {
    const el = (e.target as Element | null)?.closest?.('[role="option"]');
    if (!el) return;
    const o = this.#options.find((x) => x.element === el);
    if (o) fn(o);
  }

  get options(): readonly T[] {
    return this.#options;
  }

  get selected(): T | null {
    return this.#options[this.#selected] ?? null;
  }

  get userChose(): boolean {
    return this.#userChose;
  }

  /**
   * Shows `groups`. With `keep` (a staged update of the same list) the option
   * the visitor picked stays selected and in view, so nothing jumps under them;
   * otherwise `preselect` (default the first option) is selected.
   */
  render(groups: readonly ListGroup<T>[], keep = false, preselect = 0): void {
    if (!keep) this.#userChose = false;
    const keepKey = this.#userChose ? this.selected?.key : undefined;
    const options: T[] = [];
    const nodes = groups
      .filter((g) => g.options.length > 0)
      .map((g, i) => {
        const labelId = `${this.id}-g${i}`;
        const label = g.label ? h('div', { id: labelId, class: 'group-label', attrs: { role: 'presentation' } }, g.icon && icon(g.icon, 'icon group-icon'), h('span', { text: g.label })) : null;
        const naming = label ? { 'aria-labelledby': labelId } : { 'aria-label': g.ariaLabel };
        const group = h('div', { class: g.className ? `group ${g.className}` : 'group', attrs: { role: 'group', ...naming } }, label);
        for (const o of g.options) {
          o.element.id = `${this.id}-o${options.length}`;
          group.append(o.element);
          options.push(o);
        }
        return group;
      });
    this.element.replaceChildren(...nodes);
    this.#options = options;
    this.#selected = -1;
    const kept = keepKey === undefined ? -1 : options.findIndex((o) => o.key === keepKey);
    if (kept >= 0) {
      this.select(kept, true);
      return;
    }
    this.#userChose = false;
    this.element.scrollTop = 0;
    this.select(options.length > 0 ? Math.min(preselect, options.length - 1) : -1, false);
  }

  clear(): void {
    this.render([]);
  }

  move(delta: number): void {
    this.#userChose = true;
    this.select(moveIndex(this.#selected, delta, this.#options.length), true);
  }

  select(index: number, reveal: boolean): void {
    if (index === this.#selected && index >= 0) return;
    this.selected?.element.setAttribute('aria-selected', 'false');
    this.#selected = index;
    const o = this.selected;
    if (o) {
      o.element.setAttribute('aria-selected', 'true');
      if (reveal) this.#reveal(o.element);
    }
    this.cb.selected(o);
  }

  /**
   * Scrolls the least that shows `el` below its group's sticky label (for
   * the first option of a group, the label itself too). Measured rather than
   * left to scroll-padding + scrollIntoView, which engines apply differently.
   */
  #reveal(el: HTMLElement): void {
    if (el === this.#options[0]?.element) {
      this.element.scrollTop = 0;
      return;
    }
    const list = this.element.getBoundingClientRect();
    const group = el.parentElement;
    const label = group?.querySelector<HTMLElement>(':scope > .group-label') ?? null;
    const first = group?.querySelector('[role="option"]') === el;
    const r = el.getBoundingClientRect();
    const top = first && group ? group.getBoundingClientRect().top : r.top - (label ? label.getBoundingClientRect().height : 0);
    // A stuck label sits at the padding edge or the border edge, depending on the engine: allow for either.
    const bandTop = list.top + (parseFloat(getComputedStyle(this.element).paddingTop) || 0) + REVEAL_GAP_PX;
    const bandBottom = list.bottom - REVEAL_GAP_PX;
    if (top < bandTop) this.element.scrollTop -= bandTop - top;
    else if (r.bottom > bandBottom) this.element.scrollTop += Math.min(r.bottom - bandBottom, top - bandTop);
  }
}
