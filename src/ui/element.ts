/**
 * `<quarry-search>`: trigger button + modal search dialog (WAI-ARIA combobox
 * with a grouped listbox). Talks to a SearchClient created lazily on first
 * intent (trigger hover/focus, hotkey, open()).
 */
import type { DenseError, LoadProgress, SearchClient, SearchResponse } from '../client/types.ts';
import { toQuarryError, type QuarryErrorCode } from '../core/errors.ts';
import { readConfig, onceWarner, siteRoot, resolveHref, type WidgetConfig } from './attributes.ts';
import { QuarryBaseElement } from './base-element.ts';
import { ModalDialog } from './dialog.ts';
import { h, icon, ICONS, replaceChildren, show, setText } from './dom.ts';
import { ariaKeyShortcuts, currentPlatform, isApplePlatform, isEditableTarget, isOpenShortcut, isSlashShortcut, shortcutKeys, wantsNewTab } from './keyboard.ts';
import { ProgressView } from './progress.ts';
import { countOptions, ResultsView, type ResultOption } from './results.ts';
import { indexNoticeText, semanticUnavailableText } from './notices.ts';
import { adoptStyles } from './styles.ts';

export interface QuarrySearchElementOptions {
  createClient: (indexUrl: string) => SearchClient;
  /** Used when the element has no `index` attribute (the bundle passes its own folder). */
  defaultIndexUrl?: string;
}

/**
 * The events the element dispatches (bubbling, composed), all `quarry:<what>`.
 * README "Events" documents each detail; `quarry:search` {query, stage, count}
 * is also read by tools (shared/tools/first-visit-bytes.mjs): keep it stable.
 */
export const QUARRY_EVENTS = { search: 'quarry:search', select: 'quarry:select', error: 'quarry:error' } as const;

export interface QuarrySearchEventDetail {
  query: string;
  stage: SearchResponse['stage'];
  count: number;
}
export interface QuarrySelectEventDetail {
  url: string;
  query: string;
  /** 1-based position of the chosen result in the list. */
  rank: number;
}
export interface QuarryErrorEventDetail {
  code: QuarryErrorCode;
  message: string;
  /** false: only semantic search failed, keyword results still work. */
  fatal: boolean;
}

/** The element's JS API (what `document.querySelector('quarry-search')` gives). */
export interface QuarrySearchElement extends HTMLElement {
  open(): void;
  close(): void;
  search(query: string): void;
  readonly isOpen: boolean;
}

export const DEBOUNCE_MS = 60;
const LISTBOX_ID = 'quarry-listbox';

function plural(n: number): string {
  return n === 1 ? '1 result' : `${n} results`;
}

export function createQuarrySearchClass(options: QuarrySearchElementOptions): CustomElementConstructor {
  return class QuarrySearch extends QuarryBaseElement implements QuarrySearchElement {
    #root: ShadowRoot;
    #warn = onceWarner();
    #config: WidgetConfig | null = null;
    #built = false;
    #client: SearchClient | null = null;
    #unsubscribe: (() => void) | null = null;
    #warmed = false;
    #timer: ReturnType<typeof setTimeout> | undefined;
    #seq = 0;
    #shownSeq = 0;
    #shown: SearchResponse | null = null;
    #denseErrorReported = false;

    // DOM (built on first connect)
    #dialog!: ModalDialog;
    #input!: HTMLInputElement;
    #clear!: HTMLButtonElement;
    #progress!: ProgressView;
    #badge!: HTMLElement;
    #notice!: HTMLElement;
    #noticeText!: HTMLElement;
    #state!: HTMLElement;
    #results!: ResultsView;

    constructor() {
      super();
      this.#root = this.attachShadow({ mode: 'open' });
      adoptStyles(this.#root);
    }

    #onKeydown = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.isComposing) return; // another instance (or the page) handled it
      const config = this.#cfg();
      if (isOpenShortcut(e, config.hotkey)) {
        e.preventDefault();
        if (this.isOpen) this.close();
        else this.open();
      } else if (!this.isOpen && isSlashShortcut(e) && !isEditableTarget(e)) {
        e.preventDefault();
        this.open();
      }
    };

    protected onConnect(): void {
      this.#config = this.#read();
      if (!this.#built) this.#build();
      document.addEventListener('keydown', this.#onKeydown);
    }

    protected onDisconnect(): void {
      document.removeEventListener('keydown', this.#onKeydown);
      clearTimeout(this.#timer);
      if (this.#built) this.#dialog.close();
    }

    protected onDispose(): void {
      this.#unsubscribe?.();
      this.#unsubscribe = null;
      this.#client?.dispose();
      this.#client = null;
      this.#warmed = false;
    }

    #read(): WidgetConfig {
      return readConfig((n) => this.getAttribute(n), { indexUrl: options.defaultIndexUrl }, this.#warn);
    }

    #cfg(): WidgetConfig {
      return (this.#config ??= this.#read());
    }

    // ---------- DOM ----------

    #build(): void {
      this.#built = true;
      const config = this.#cfg();
      const apple = isApplePlatform(currentPlatform());

      if (!config.noTrigger) {
        const [mod, key] = shortcutKeys(config.hotkey, apple);
        const trigger = h(
          'button',
          { class: 'trigger', attrs: { type: 'button', part: 'trigger', 'aria-haspopup': 'dialog', 'aria-keyshortcuts': ariaKeyShortcuts(config.hotkey) } },
          icon(ICONS.search),
          h('span', { class: 'trigger-label', text: config.placeholder }),
          h('span', { class: 'trigger-keys', attrs: { 'aria-hidden': 'true' } }, h('kbd', { text: mod }), h('kbd', { text: key })),
        );
        trigger.addEventListener('click', () => this.open());
        const warm = (): void => this.#warm();
        trigger.addEventListener('pointerenter', warm);
        trigger.addEventListener('focus', warm);
        trigger.addEventListener('touchstart', warm, { passive: true });
        this.#root.append(trigger);
      }

      this.#input = h('input', {
        class: 'input',
        attrs: {
          type: 'search',
          part: 'input',
          role: 'combobox',
          'aria-expanded': 'false',
          'aria-controls': LISTBOX_ID,
          'aria-autocomplete': 'list',
          'aria-label': 'Search documentation',
          placeholder: config.placeholder,
          autocomplete: 'off',
          autocapitalize: 'off',
          autocorrect: 'off',
          spellcheck: 'false',
          enterkeyhint: 'search',
          maxlength: 256,
        },
      });
      this.#input.addEventListener('input', () => this.#onInput());
      this.#input.addEventListener('keydown', (e) => this.#onInputKeydown(e));

      this.#clear = h('button', { class: 'clear', hidden: true, attrs: { type: 'button', 'aria-label': 'Clear the query' } }, icon(ICONS.clear));
      this.#clear.addEventListener('click', () => {
        this.#input.value = '';
        this.#onInput();
        this.#input.focus();
      });
      const close = h(
        'button',
        { class: 'close', attrs: { type: 'button', 'aria-label': 'Close search' } },
        h('kbd', { class: 'esc-key', text: 'esc', attrs: { 'aria-hidden': 'true' } }),
        h('span', { class: 'cancel-text', text: 'Cancel', attrs: { 'aria-hidden': 'true' } }),
      );
      close.addEventListener('click', () => this.close());

      this.#progress = new ProgressView();
      this.#badge = h('div', { class: 'badge', hidden: true, attrs: { part: 'badge' } }, h('span', { class: 'spinner', attrs: { 'aria-hidden': 'true' } }), 'Semantic results loading…');
      this.#noticeText = h('span');
      this.#notice = h('div', { class: 'notice', hidden: true, attrs: { part: 'notice' } }, icon(ICONS.alert), this.#noticeText);
      this.#results = new ResultsView(LISTBOX_ID, {
        activate: (o, e) => this.#activate(o, e),
        selected: (o) => {
          if (o) this.#input.setAttribute('aria-activedescendant', o.element.id);
          else this.#input.removeAttribute('aria-activedescendant');
        },
      });
      this.#state = h('div', { class: 'state', attrs: { part: 'state' } });

      const modKey = apple ? '⌘' : 'Ctrl';
      const dialog = h(
        'dialog',
        { class: 'modal', attrs: { part: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-label': 'Search documentation' } },
        h('div', { class: 'search-bar' }, icon(ICONS.search), this.#input, this.#clear, close),
        this.#progress.element,
        h('div', { class: 'status-row' }, this.#badge, this.#notice),
        h('div', { class: 'body' }, this.#results.element, this.#state),
        h(
          'div',
          { class: 'footer', attrs: { 'aria-hidden': 'true' } },
          h('span', { class: 'hint' }, h('kbd', { text: '↵' }), 'to select'),
          h('span', { class: 'hint' }, h('kbd', { text: '↑' }), h('kbd', { text: '↓' }), 'to navigate'),
          h('span', { class: 'hint' }, h('kbd', { text: modKey }), h('kbd', { text: '↵' }), 'new tab'),
          h('span', { class: 'hint' }, h('kbd', { text: 'esc' }), 'to close'),
          h('span', { class: 'brand', text: 'Search by Quarry' }),
        ),
        this.announcer.element,
      );
      this.#dialog = new ModalDialog(dialog, { requestClose: () => this.close() });
      this.#root.append(dialog);
      this.#renderStart();
    }

    // ---------- client ----------

    #ensureClient(): SearchClient | null {
      if (this.#client) return this.#client;
      const config = this.#cfg();
      if (!config.index) {
        this.#fail({ code: 'BAD_OPTION', message: 'quarry-search needs an "index" attribute (the URL of the search index folder).' });
        return null;
      }
      try {
        this.#client = options.createClient(new URL(config.index, document.baseURI).href);
      } catch (e) {
        // The client could not be created (a Worker the browser refuses, a bad URL).
        this.#fail(toQuarryError(e, 'WORKER_FAILED').toJSON());
        return null;
      }
      this.#unsubscribe = this.#client.onProgress((p) => this.#onProgress(p));
      return this.#client;
    }

    #warm(): void {
      if (this.#warmed) return;
      const client = this.#ensureClient();
      if (!client) return;
      this.#warmed = true;
      client.warm();
    }

    #onProgress(p: LoadProgress): void {
      if (!this.#built) return;
      this.#progress.update(p);
      // The progress line gives way to the failure: semantic search lost, keyword search goes on.
      if (p.phase === 'failed' && p.error && !p.error.fatal) {
        this.#reportDenseError(p.error);
        this.#setNotice([semanticUnavailableText(p.error)]);
      }
    }

    #reportDenseError(error: DenseError): void {
      if (this.#denseErrorReported) return;
      this.#denseErrorReported = true;
      console.debug('quarry: semantic search unavailable:', error.message);
      this.emit<QuarryErrorEventDetail>(QUARRY_EVENTS.error, { code: error.code, message: error.message, fatal: false });
    }

    #setNotice(lines: (string | null)[]): void {
      const text = lines.filter(Boolean).join(' ');
      setText(this.#noticeText, text);
      show(this.#notice, text !== '');
    }

    // ---------- API ----------

    get isOpen(): boolean {
      return this.#built && this.#dialog.isOpen;
    }

    open(): void {
      if (!this.isConnected) return;
      if (!this.#built) this.#build();
      this.#warm();
      const wasOpen = this.#dialog.isOpen;
      this.#dialog.open(this.#input);
      if (!wasOpen) this.#input.select();
    }

    close(): void {
      if (!this.#built) return;
      clearTimeout(this.#timer);
      this.#dialog.close();
    }

    search(query: string): void {
      this.open();
      if (!this.#built) return;
      this.#input.value = query;
      this.#onInput(true);
    }

    // ---------- searching ----------

    #query(): string {
      return this.#input.value.trim();
    }

    #onInput(immediate = false): void {
      clearTimeout(this.#timer);
      const q = this.#query();
      show(this.#clear, this.#input.value !== '');
      if (q === '') {
        this.#seq++;
        this.#shownSeq = this.#seq;
        this.#shown = null;
        this.#results.clear();
        this.#setExpanded(false);
        show(this.#badge, false);
        show(this.#notice, false);
        this.announcer.clear();
        this.#renderStart();
        return;
      }
      if (immediate) this.#run(q);
      else this.#timer = setTimeout(() => this.#run(q), DEBOUNCE_MS);
    }

    #run(query: string): void {
      const client = this.#ensureClient();
      if (!client) return;
      if (!this.#warmed) this.#warm();
      const seq = ++this.#seq;
      const config = this.#cfg();
      this.#results.element.setAttribute('aria-busy', 'true');
      if (!this.#shown) this.#renderState([h('p', { text: 'Searching…' })]);
      client
        .search(query, { k: config.k, mode: config.mode }, (r) => this.#onUpdate(r, seq))
        .catch((e: unknown) => {
          // The client sends QuarryErrors; anything else came from a client that failed to answer.
          const err = toQuarryError(e, 'WORKER_FAILED').toJSON();
          if (err.code === 'ABORTED' || seq !== this.#seq || query !== this.#query()) return;
          this.#fail(err);
        });
    }

    #onUpdate(r: SearchResponse, seq: number): void {
      // Stale: the input moved on, or a newer search already showed something.
      if (r.query !== this.#query() || seq < this.#shownSeq) return;
      this.#shownSeq = seq;
      const sameQuery = this.#shown?.query === r.query;
      this.#shown = r;
      const count = countOptions(r.results);
      if (r.final || seq === this.#seq) this.#results.element.removeAttribute('aria-busy');

      if (count > 0) {
        this.#results.render(r.results, sameQuery);
        this.#renderState(null);
        this.announcer.announce(`${plural(count)} for “${r.query}”`);
      } else if (!r.final) {
        // Keyword search found nothing yet; semantic results may still find something (the badge says so).
        this.#results.clear();
        this.#renderState([h('p', {}, 'No keyword matches for “', h('strong', { text: r.query }), '”.')]);
      } else {
        this.#results.clear();
        this.#renderState([
          h('p', {}, 'No results for “', h('strong', { text: r.query }), '”.'),
          h('p', { text: 'Try fewer words or a different phrasing.' }),
        ]);
        this.announcer.announce(`No results for “${r.query}”`);
      }
      this.#setExpanded(count > 0);
      show(this.#badge, r.stage === 'lexical' && !r.final);
      if (r.denseError) this.#reportDenseError(r.denseError);
      if (r.notices?.length) console.debug('quarry:', r.notices.map((n) => n.message).join(' '));
      this.#setNotice([r.denseError ? semanticUnavailableText(r.denseError) : null, indexNoticeText(r.notices ?? [])]);
      this.emit<QuarrySearchEventDetail>(QUARRY_EVENTS.search, { query: r.query, stage: r.stage, count });
    }

    #fail(err: { code: QuarryErrorCode; message: string }): void {
      if (this.#built) {
        this.#results.clear();
        this.#results.element.removeAttribute('aria-busy');
        this.#setExpanded(false);
        show(this.#badge, false);
        this.#renderState([icon(ICONS.alert), h('p', {}, h('strong', { text: 'Search is unavailable.' })), h('p', { text: err.message })], true);
        this.announcer.announce(`Search is unavailable. ${err.message}`);
        this.#shown = null;
      }
      this.emit<QuarryErrorEventDetail>(QUARRY_EVENTS.error, { ...err, fatal: true });
    }

    #setExpanded(expanded: boolean): void {
      this.#input.setAttribute('aria-expanded', String(expanded));
    }

    #renderStart(): void {
      this.#renderState([h('p', { text: 'Search the docs by keyword or by question.' })]);
    }

    #renderState(children: Node[] | null, error = false): void {
      show(this.#state, children !== null);
      this.#state.classList.toggle('error', error);
      if (children) replaceChildren(this.#state, ...children);
    }

    // ---------- keyboard & navigation ----------

    #onInputKeydown(e: KeyboardEvent): void {
      if (e.isComposing) return;
      switch (e.key) {
        case 'ArrowDown':
        case 'ArrowUp':
          if (this.#results.options.length === 0) return;
          e.preventDefault();
          this.#results.move(e.key === 'ArrowDown' ? 1 : -1);
          break;
        case 'Enter': {
          e.preventDefault();
          // Enter pressed before the debounce fired: search now, the user picks next.
          const o = this.#results.selected;
          if (o && this.#shown?.query === this.#query()) this.#activate(o, e);
          else if (this.#query()) {
            clearTimeout(this.#timer);
            this.#run(this.#query());
          }
          break;
        }
      }
    }

    #activate(o: ResultOption, e: MouseEvent | KeyboardEvent): void {
      const config = this.#cfg();
      const root = siteRoot(config, (this.#client as { baseUrl?: string } | null)?.baseUrl, document.baseURI);
      const url = resolveHref(o.hit.href, root);
      if (!url) {
        this.#warn(`quarry-search: ignoring result link with an unsupported URL: ${o.hit.href}`);
        return;
      }
      const newTab = wantsNewTab(e as MouseEvent);
      const proceed = this.emit<QuarrySelectEventDetail>(QUARRY_EVENTS.select, { url: url.href, query: this.#query(), rank: o.rank }, true);
      if (!proceed) return; // a listener handles navigation (SPA router)
      if (newTab) {
        window.open(url.href, '_blank', 'noopener');
        return;
      }
      this.close();
      location.assign(url.href);
    }
  };
}
