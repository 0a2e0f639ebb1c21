/**
 * The modal: a native `<dialog>` opened with showModal(), so it sits in the
 * top layer (no z-index fights with the site) and the rest of the page is
 * inert. On top of that: an explicit Tab trap (Tab never leaves the dialog),
 * Esc handling, backdrop click, scroll lock and focus restore on close.
 */

// tabindex=-1 leaves the Tab order: the result links are options, reached with the arrows from the input.
const FOCUSABLE = ':is(button:not([disabled]), input:not([disabled]), a[href], [tabindex]):not([tabindex^="-"])';

export interface DialogCallbacks {
  /** Called when the user dismisses (Esc, backdrop, close button). */
  requestClose(): void;
}

export class ModalDialog {
  #restoreFocus: HTMLElement | null = null;
  #savedOverflow: string | null = null;

  constructor(
    readonly element: HTMLDialogElement,
    private readonly cb: DialogCallbacks,
  ) {
    element.addEventListener('keydown', (e) => this.#onKeydown(e));
    // Native Esc (and Android back) fire 'cancel': route it through our close so focus is restored.
    element.addEventListener('cancel', (e) => {
      e.preventDefault();
      this.cb.requestClose();
    });
    // Clicks on ::backdrop are dispatched to the <dialog> itself: close when outside its box.
    element.addEventListener('click', (e) => {
      if (e.target !== element || e.detail === 0) return;
      const r = element.getBoundingClientRect();
      if (e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom) this.cb.requestClose();
    });
  }

  get isOpen(): boolean {
    return this.element.open;
  }

  open(focusTarget: HTMLElement): void {
    if (this.element.open) {
      focusTarget.focus();
      return;
    }
    this.#restoreFocus = deepActiveElement();
    if (typeof this.element.showModal === 'function' && this.element.isConnected) this.element.showModal();
    else this.element.setAttribute('open', '');
    const root = document.documentElement;
    this.#savedOverflow = root.style.overflow;
    root.style.overflow = 'hidden'; // CSSOM, CSP-safe
    focusTarget.focus();
  }

  close(): void {
    if (!this.element.open) return;
    if (typeof this.element.close === 'function') this.element.close();
    else this.element.removeAttribute('open');
    if (this.#savedOverflow !== null) {
      document.documentElement.style.overflow = this.#savedOverflow;
      this.#savedOverflow = null;
    }
    const back = this.#restoreFocus;
    this.#restoreFocus = null;
    if (back && back.isConnected && typeof back.focus === 'function') back.focus({ preventScroll: true });
  }

  #onKeydown(e: KeyboardEvent): void {
    if (e.key === 'Escape' && !e.isComposing) {
      e.preventDefault();
      e.stopPropagation();
      this.cb.requestClose();
      return;
    }
    if (e.key !== 'Tab') return;
    const items = focusables(this.element);
    if (items.length === 0) {
      e.preventDefault();
      return;
    }
    const active = (this.element.getRootNode() as ShadowRoot | Document).activeElement;
    const i = items.indexOf(active as HTMLElement);
    const next = e.shiftKey ? (i <= 0 ? items.length - 1 : i - 1) : i === -1 || i === items.length - 1 ? 0 : i + 1;
    e.preventDefault();
    items[next].focus();
  }
}

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest('[hidden]') && el.getClientRects().length > 0);
}

/** document.activeElement, descending into open shadow roots. */
export function deepActiveElement(): HTMLElement | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el instanceof HTMLElement ? el : null;
}
