/**
 * `<quarry-search>`: trigger button + modal search dialog (WAI-ARIA combobox
 * with a grouped listbox). Talks to a SearchClient created lazily on first
 * intent (trigger hover/focus, hotkey, open()).
 */
import type { Answer, DenseError, LoadProgress, SearchClient, SearchResponse } from '../client/types.ts';
import { toQuarryError, type QuarryErrorCode } from '../core/errors.ts';
import { readConfig, onceWarner, siteRoot, resolveHref, type WidgetConfig } from './attributes.ts';
import { QuarryBaseElement } from './base-element.ts';
import { ModalDialog } from './dialog.ts';
import { h, icon, ICONS, replaceChildren, show, setText } from './dom.ts';
import type { Item } from './items.ts';
import { ariaKeyShortcuts, currentPlatform, isApplePlatform, isEditableTarget, isOpenShortcut, isSlashShortcut, shortcutKeys, wantsNewTab } from './keyboard.ts';
import { ListboxView, type ListGroup } from './listbox.ts';
import { ProgressView } from './progress.ts';
import { browserStorage, recentKey, RecentSearches } from './recent-store.ts';
import type { Reformulation, ReformulationTracker } from './reformulation.ts';
import { countOptions, resultGroups, topPassageIds } from './results.ts';
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
export const QUARRY_EVENTS = {
  search: 'quarry:search',
  select: 'quarry:select',
  error: 'quarry:error',
  noResults: 'quarry:no-results',
  reformulate: 'quarry:reformulate',
} as const;

export interface QuarrySearchEventDetail {
  query: string;
  stage: SearchResponse['stage'];
  /** For a dense or hybrid answer: 'static' (no model yet, first visit) or 'full'. */
  tier?: SearchResponse['tier'];
  count: number;
}
export interface QuarrySelectEventDetail {
  url: string;
  /** The query the item was found with (for a recent search, the one it was saved with). */
  query: string;
  /** 1-based position among the items of its source (for 'answer': of the result the sentence came from). */
  rank: number;
  /** What was chosen: a result, the answer card, a recent search, or a "no good match" section suggestion. */
  source: 'result' | 'answer' | 'recent' | 'suggestion';
}
export interface QuarryNoResultsEventDetail {
  query: string;
}
export type QuarryReformulateEventDetail = Reformulation;
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
const RECENT_HINT_ID = 'quarry-recent-hint';
/** Passages the answer card is chosen from (the response's top ones, in rank order). */
const ANSWER_PASSAGES = 3;
const SOURCE_BY_KIND: Record<Exclude<Item['kind'], 'spelling'>, QuarrySelectEventDetail['source']> = {
  result: 'result',
  answer: 'answer',
  recent: 'recent',
  heading: 'suggestion',
};

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
    /** The query the listbox's options belong to ('' for recent searches; null: none shown). */
    #listQuery: string | null = null;
    #denseErrorReported = false;
    #recent: RecentSearches | null = null;
    /** Created with the first final results (its code is a chunk of its own): nothing before them can reformulate. */
    #reformulation: ReformulationTracker | null = null;
    /** Loaded the first time there are recent searches to show (a chunk of its own: a first visit has none). */
    #recentView: typeof import('./recent-view.ts') | null = null;

    // DOM (built on first connect)
    #dialog!: ModalDialog;
    #input!: HTMLInputElement;
    #clear!: HTMLButtonElement;
    #progress!: ProgressView;
    #badge!: HTMLElement;
    #badgeText!: HTMLElement;
    #notice!: HTMLElement;
    #noticeText!: HTMLElement;
    #state!: HTMLElement;
    #recentHead!: HTMLElement;
    #listbox!: ListboxView<Item>;

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
      this.#reformulation?.typed();
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
      this.#badgeText = h('span');
      this.#badge = h('div', { class: 'badge', hidden: true, attrs: { part: 'badge' } }, h('span', { class: 'spinner', attrs: { 'aria-hidden': 'true' } }), this.#badgeText);
      this.#noticeText = h('span');
      this.#notice = h('div', { class: 'notice', hidden: true, attrs: { part: 'notice' } }, icon(ICONS.alert), this.#noticeText);
      this.#listbox = new ListboxView<Item>(LISTBOX_ID, {
        clicked: (o, e) => this.#onClick(o, e),
        selected: (o) => {
          if (o) this.#input.setAttribute('aria-activedescendant', o.element.id);
          else this.#input.removeAttribute('aria-activedescendant');
        },
      });
      this.#state = h('div', { class: 'state', attrs: { part: 'state' } });
      const clearRecent = h('button', { class: 'lead-action', text: 'Clear', attrs: { type: 'button', 'aria-label': 'Clear recent searches' } });
      clearRecent.addEventListener('click', () => {
        this.#recentStore()?.clear();
        this.#renderStart();
        this.announcer.announce('Recent searches cleared');
        this.#input.focus();
      });
      this.#recentHead = h(
        'div',
        { class: 'lead', hidden: true },
        h('span', { class: 'lead-text', text: 'Recent searches' }),
        h('span', { id: RECENT_HINT_ID, hidden: true, text: 'Press Delete to remove it from recent searches.' }),
        clearRecent,
      );

      const modKey = apple ? '⌘' : 'Ctrl';
      const dialog = h(
        'dialog',
        { class: 'modal', attrs: { part: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-label': 'Search documentation' } },
        h('div', { class: 'search-bar' }, icon(ICONS.search), this.#input, this.#clear, close),
        this.#progress.element,
        h('div', { class: 'status-row' }, this.#badge, this.#notice),
        h('div', { class: 'body' }, this.#recentHead, this.#state, this.#listbox.element),
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
      if (wasOpen) return;
      this.#input.select();
      // Recent searches may have changed in another tab since the last time.
      if (this.#input.value === '') this.#renderStart();
    }

    close(): void {
      if (!this.#built) return;
      clearTimeout(this.#timer);
      this.#reformulation?.typed();
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
      this.#reformulation?.typed();
      const q = this.#query();
      show(this.#clear, this.#input.value !== '');
      if (q === '') {
        this.#seq++;
        this.#shownSeq = this.#seq;
        this.#shown = null;
        show(this.#badge, false);
        show(this.#notice, false);
        this.announcer.clear();
        this.#renderStart();
        return;
      }
      // Recent searches belong to the empty input: typing replaces them at once, not when results arrive.
      if (this.#listQuery === '') {
        this.#showList(null, []);
        show(this.#recentHead, false);
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
      this.#listbox.element.setAttribute('aria-busy', 'true');
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
      if (this.#stale(r, seq)) return;
      // "No good match" suggestions come only with an empty final answer: their code is a chunk of its own, loaded then.
      // Without it (a failed download) the plain "No results" state shows.
      if (r.noMatch && r.results.length === 0) {
        import('./suggestions.ts').then(
          (suggestions) => this.#render(r, seq, suggestions),
          () => this.#render(r, seq, null),
        );
        return;
      }
      this.#render(r, seq, null);
    }

    /** The input moved on, or a newer search already showed something. */
    #stale(r: SearchResponse, seq: number): boolean {
      return r.query !== this.#query() || seq < this.#shownSeq;
    }

    #render(r: SearchResponse, seq: number, suggestions: typeof import('./suggestions.ts') | null): void {
      // Checked again: a response that waited for the suggestions chunk may have been overtaken.
      if (this.#stale(r, seq)) return;
      this.#shownSeq = seq;
      const sameList = this.#listQuery === r.query;
      this.#shown = r;
      const count = countOptions(r.results);
      // The keyword stage of a natural-language query held back weak hits: semantic results are on their way.
      const withheld = !r.final && (r.withheld ?? 0) > 0;
      if (r.final || seq === this.#seq) this.#listbox.element.removeAttribute('aria-busy');
      show(this.#recentHead, false);

      if (count > 0) {
        this.#showList(r.query, resultGroups(r.results, this.#resolve), sameList);
        this.#renderState(null);
        this.announcer.announce(`${plural(count)} for “${r.query}”`);
      } else if (r.noMatch && suggestions && suggestions.countSuggestions(r.noMatch) > 0) {
        // Nothing is preselected: Enter must not swap the visitor's query for a guess.
        this.#showList(r.query, suggestions.suggestionGroups(r.noMatch, this.#resolve), false, -1);
        this.#renderState([h('p', {}, 'No results for “', h('strong', { text: r.query }), '”.'), h('p', { text: 'Try one of these, or different words.' })], 'compact');
        this.announcer.announce(`No results for “${r.query}”. ${suggestions.countSuggestions(r.noMatch)} suggestions.`);
      } else {
        this.#showList(null, []);
        if (withheld) this.#renderState([h('p', { text: 'Finding results by meaning…' })]);
        // Keyword search found nothing yet; semantic results may still find something (the badge says so).
        else if (!r.final) this.#renderState([h('p', {}, 'No keyword matches for “', h('strong', { text: r.query }), '”.')]);
        else {
          this.#renderState([h('p', {}, 'No results for “', h('strong', { text: r.query }), '”.'), h('p', { text: 'Try fewer words or a different phrasing.' })]);
          this.announcer.announce(`No results for “${r.query}”`);
        }
      }
      setText(this.#badgeText, withheld ? 'Exact keyword matches only · finding results by meaning…' : 'Semantic results loading…');
      show(this.#badge, r.stage === 'lexical' && !r.final && !(withheld && count === 0));
      if (r.denseError) this.#reportDenseError(r.denseError);
      if (r.notices?.length) console.debug('quarry:', r.notices.map((n) => n.message).join(' '));
      this.#setNotice([r.denseError ? semanticUnavailableText(r.denseError) : null, indexNoticeText(r.notices ?? [])]);
      this.emit<QuarrySearchEventDetail>(QUARRY_EVENTS.search, { query: r.query, stage: r.stage, ...(r.tier ? { tier: r.tier } : {}), count });
      if (!r.final) return;
      if (count === 0) this.emit<QuarryNoResultsEventDetail>(QUARRY_EVENTS.noResults, { query: r.query });
      this.#settled(r);
      if (count > 0 && r.stage !== 'lexical') this.#requestAnswer(r);
    }

    /** A final response is on screen: the reformulation tracker times it (see reformulation.ts). */
    #settled(r: SearchResponse): void {
      if (this.#reformulation) return this.#reformulation.shown(r.query);
      import('./reformulation.ts').then(
        ({ ReformulationTracker }) => {
          this.#reformulation ??= new ReformulationTracker((x) => this.emit<QuarryReformulateEventDetail>(QUARRY_EVENTS.reformulate, x));
          // Typing (or a newer response) while the chunk loaded means this one did not settle.
          if (this.#shown === r && r.query === this.#query()) this.#reformulation.shown(r.query);
        },
        (e: unknown) => console.debug('quarry: no reformulation events:', e),
      );
    }

    /** Asks for the answer card of a final response; shows it only if that response is still the one on screen. */
    #requestAnswer(r: SearchResponse): void {
      const client = this.#client;
      const ids = topPassageIds(r.results, ANSWER_PASSAGES);
      // A custom client written before answer() existed simply gets no card.
      if (!client || typeof client.answer !== 'function' || ids.length === 0) return;
      client
        .answer(r.query, ids)
        // The card's code is a chunk of its own, fetched only when there is a card to show.
        .then(async (a) => (a ? { a, card: await import('./answer-card.ts') } : null))
        .then(
          (got) => {
            if (got && this.#shown === r && r.query === this.#query()) this.#showAnswer(r, got.a, got.card.answerGroup);
          },
          (e: unknown) => console.debug('quarry: no answer card:', e),
        );
    }

    #showAnswer(r: SearchResponse, a: Answer, answerGroup: typeof import('./answer-card.ts').answerGroup): void {
      const url = this.#resolve(a.href);
      if (!url) {
        this.#warn(`quarry-search: ignoring an answer link with an unsupported URL: ${a.href}`);
        return;
      }
      const results = resultGroups(r.results, this.#resolve);
      const from = results.flatMap((g) => g.options).find((o) => o.passage === a.passage);
      // Same list plus the card: a selection the visitor already moved stays where it is; otherwise the card is selected.
      this.#showList(r.query, [answerGroup(a, url, from?.rank ?? 1), ...results], true);
      this.announcer.announce(`${plural(countOptions(r.results))} for “${r.query}”. Answer: ${a.text}`);
    }

    #showList(query: string | null, groups: ListGroup<Item>[], keep = false, preselect = 0): void {
      this.#listQuery = query;
      this.#listbox.render(groups, keep, preselect);
      this.#setExpanded(this.#listbox.options.length > 0);
    }

    #siteRoot(): URL {
      return siteRoot(this.#cfg(), (this.#client as { baseUrl?: string } | null)?.baseUrl, document.baseURI);
    }

    #resolve = (href: string): URL | null => resolveHref(href, this.#siteRoot());

    #recentStore(): RecentSearches | null {
      const config = this.#cfg();
      if (config.noRecent || !config.index) return null;
      return (this.#recent ??= new RecentSearches(recentKey(new URL(config.index, document.baseURI).href), browserStorage()));
    }

    #fail(err: { code: QuarryErrorCode; message: string }): void {
      if (this.#built) {
        this.#showList(null, []);
        this.#listbox.element.removeAttribute('aria-busy');
        show(this.#badge, false);
        show(this.#recentHead, false);
        this.#renderState([icon(ICONS.alert), h('p', {}, h('strong', { text: 'Search is unavailable.' })), h('p', { text: err.message })], 'error');
        this.announcer.announce(`Search is unavailable. ${err.message}`);
        this.#shown = null;
      }
      this.emit<QuarryErrorEventDetail>(QUARRY_EVENTS.error, { ...err, fatal: true });
    }

    #setExpanded(expanded: boolean): void {
      this.#input.setAttribute('aria-expanded', String(expanded));
    }

    /** The empty query: recent searches when there are some, else a hint. */
    #renderStart(): void {
      const entries = this.#recentStore()?.list() ?? [];
      const view = this.#recentView;
      if (entries.length > 0 && !view) {
        // Shown once their chunk is here, if the input is still empty; the hint until then (or if it cannot load).
        import('./recent-view.ts').then(
          (m) => {
            this.#recentView = m;
            if (this.#input.value === '') this.#renderStart();
          },
          (e: unknown) => console.debug('quarry: recent searches unavailable:', e),
        );
      }
      const group = view?.recentGroup(entries, this.#resolve, RECENT_HINT_ID);
      const some = !!group && group.options.length > 0;
      this.#showList(some ? '' : null, group ? [group] : []);
      show(this.#recentHead, some);
      this.#renderState(some ? null : [h('p', { text: 'Search the docs by keyword or by question.' })]);
    }

    #renderState(children: Node[] | null, variant: 'error' | 'compact' | null = null): void {
      show(this.#state, children !== null);
      this.#state.classList.toggle('error', variant === 'error');
      this.#state.classList.toggle('compact', variant === 'compact');
      if (children) replaceChildren(this.#state, ...children);
    }

    // ---------- keyboard & navigation ----------

    #onInputKeydown(e: KeyboardEvent): void {
      if (e.isComposing) return;
      switch (e.key) {
        case 'ArrowDown':
        case 'ArrowUp':
          if (this.#listbox.options.length === 0) return;
          e.preventDefault();
          this.#listbox.move(e.key === 'ArrowDown' ? 1 : -1);
          break;
        case 'Enter': {
          e.preventDefault();
          // Enter pressed before the debounce fired: search now, the user picks next.
          const o = this.#listbox.selected;
          if (o && this.#listQuery === this.#query()) this.#activate(o, e);
          else if (this.#query()) {
            clearTimeout(this.#timer);
            this.#run(this.#query());
          }
          break;
        }
        case 'Delete': {
          // Only recent searches are removable, and they only show while the input is empty.
          const o = this.#listbox.selected;
          if (o?.kind !== 'recent' || this.#input.value !== '') return;
          e.preventDefault();
          this.#removeRecent(o);
          break;
        }
      }
    }

    #onClick(o: Item, e: MouseEvent): void {
      if (o.kind === 'recent' && this.#recentView?.isRemoveClick(e)) {
        e.preventDefault();
        this.#removeRecent(o);
        return;
      }
      if (!o.url) {
        this.#activate(o, e);
        return;
      }
      // Ctrl/⌘/Shift/middle click: the browser opens the link itself (new tab or window); the event only reports it.
      if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) {
        this.#chose(o, o.url);
        return;
      }
      if (!this.#chose(o, o.url)) {
        e.preventDefault(); // a listener handles navigation (SPA router)
        return;
      }
      this.close(); // and the link navigates, as links do
    }

    /** Enter (or a click on an option that is not a link): go where it leads. */
    #activate(o: Item, e: MouseEvent | KeyboardEvent): void {
      if (o.kind === 'spelling') {
        if (o.query) this.search(o.query);
        return;
      }
      if (!o.url) {
        this.#warn(`quarry-search: ignoring result link with an unsupported URL: ${o.href}`);
        return;
      }
      const newTab = wantsNewTab(e as MouseEvent);
      if (!this.#chose(o, o.url)) return; // a listener handles navigation (SPA router)
      if (newTab) {
        window.open(o.url.href, '_blank', 'noopener');
        return;
      }
      this.close();
      location.assign(o.url.href);
    }

    /** The visitor chose `o`: remember it, end the reformulation window, fire quarry:select. False when a listener cancelled. */
    #chose(o: Item, url: URL): boolean {
      const query = o.kind === 'recent' && o.query ? o.query : this.#query();
      this.#recentStore()?.add({ query, title: o.title, href: url.href });
      this.#reformulation?.reset();
      const source = SOURCE_BY_KIND[o.kind as keyof typeof SOURCE_BY_KIND];
      return this.emit<QuarrySelectEventDetail>(QUARRY_EVENTS.select, { url: url.href, query, rank: o.rank, source }, true);
    }

    #removeRecent(o: Item): void {
      const index = this.#listbox.options.indexOf(o);
      this.#recentStore()?.remove(o.href);
      this.#renderStart();
      // Keep the selection where the removed entry was, so Delete can be pressed again.
      if (this.#listbox.options.length > 0) this.#listbox.select(Math.min(index, this.#listbox.options.length - 1), true);
      this.announcer.announce(`Removed “${o.title}” from recent searches`);
    }
  };
}
