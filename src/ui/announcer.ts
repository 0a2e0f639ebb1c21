import { h } from './dom.ts';

/**
 * One polite live region per widget. It lives inside the dialog: when the
 * dialog is modal everything outside it is inert and would not be read.
 * Announcements are coalesced (the last one within `delayMs` wins) so fast
 * typing or staged results don't make screen readers chatter.
 */
export class Announcer {
  readonly element: HTMLElement;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #last = '';

  constructor(readonly delayMs = 400) {
    this.element = h('div', { class: 'sr-only', attrs: { role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' } });
  }

  announce(message: string): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      if (message === this.#last) return;
      this.#last = message;
      this.element.textContent = message;
    }, this.delayMs);
  }

  clear(): void {
    clearTimeout(this.#timer);
    this.#last = '';
    this.element.textContent = '';
  }
}
