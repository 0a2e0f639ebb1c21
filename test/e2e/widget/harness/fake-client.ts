/**
 * A fake SearchClient with the real response shapes, driven from tests
 * through `window.__fake`. Behaviour by query:
 *   - default: a 'lexical' non-final response, then a 'hybrid' final one
 *     (held while `__fake.holdDense` is true, until `__fake.release()`)
 *   - contains "xss": results whose title/breadcrumb/snippet carry HTML
 *   - contains "jsurl": a result whose href is a javascript: URL
 *   - contains "offline": one final lexical response with denseError
 *   - contains "zzz": no results
 *   - contains "boom": search() rejects with INDEX_CORRUPT
 *   - contains "many": 8 pages × 3 passages (a list that scrolls)
 *   - contains "xyzzy": nothing, then a final response with `noMatch` and
 *     suggestions (a respelling, two headings); "xyzzy bare": no suggestions
 *   - starts with "how"/"why" (a natural-language query): the keyword stage
 *     withholds weak hits (`withheld`); "why" shows none of them
 * `answer()` gives a card for queries that end in "?" or start with "how"
 * (after `answerDelayMs`; `answers = false` turns cards off; with "xss" its
 * text carries HTML), recording each call.
 */
import type { LoadProgress, SearchClient, ClientStatus } from '../../../../src/client/types.ts';
import type { Answer, NoMatch, PageResult, SearchOptions, SearchResponse, SnippetPart } from '../../../../src/core/search/types.ts';

export interface FakeControl {
  created: string[];
  warmCount: number;
  disposeCount: number;
  calls: { query: string; options: SearchOptions }[];
  holdDense: boolean;
  lexicalDelayMs: number;
  denseDelayMs: number;
  answers: boolean;
  answerDelayMs: number;
  answerCalls: { query: string; passages: number[] }[];
  release(): void;
  progress(p: LoadProgress): void;
}

declare global {
  interface Window {
    __fake: FakeControl;
  }
}

interface Doc {
  url: string;
  title: string;
  sections: { anchor: string; breadcrumb: string[]; text: string }[];
}

const XSS = '<img src=x onerror=alert(1)>';

const DOCS: Doc[] = [
  {
    url: 'guide/install.html',
    title: 'Installation',
    sections: [
      { anchor: 'requirements', breadcrumb: ['Guide', 'Installation', 'Requirements'], text: 'Quarry needs Node 20 or newer to build the search index. The widget runs in any modern browser.' },
      { anchor: 'install-with-npm', breadcrumb: ['Guide', 'Installation', 'Install with npm'], text: 'Install the package with npm install quarry and add the search index build to your docs pipeline.' },
    ],
  },
  {
    url: 'guide/config.html',
    title: 'Configuration',
    sections: [
      { anchor: 'index-options', breadcrumb: ['Guide', 'Configuration', 'Index options'], text: 'Configure which pages the search index includes with glob patterns and chunk sizes.' },
      { anchor: 'themes', breadcrumb: ['Guide', 'Configuration', 'Themes'], text: 'The search dialog follows the color scheme of the page; set theme to light or dark to force one.' },
    ],
  },
  {
    url: 'api/search.html',
    title: 'Search API',
    sections: [{ anchor: '', breadcrumb: ['API reference', 'Search API'], text: 'Call search with a query and options; results arrive in stages: keyword first, then semantic.' }],
  },
];

function snippet(text: string, query: string): SnippetPart[] {
  const words = query.toLowerCase().split(/\s+/).filter((w) => w.length > 1);
  const parts: SnippetPart[] = [];
  for (const token of text.split(/(\s+)/)) {
    const mark = words.some((w) => token.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '').startsWith(w));
    const last = parts[parts.length - 1];
    if (last && last.mark === mark) last.text += token;
    else parts.push({ text: token, mark });
  }
  return parts;
}

/** The card for "how … ?" queries: the first sentence of the Requirements section, as a text fragment link. */
export const FAKE_ANSWER: Answer = {
  text: 'Quarry needs Node 20 or newer to build the search index.',
  href: 'guide/install.html#requirements:~:text=Quarry%20needs%20Node%2020%20or%20newer',
  breadcrumb: ['Installation', 'Requirements'],
  passage: 0,
  score: 0.71,
};

const NO_MATCH: NoMatch = {
  suggestions: [
    { kind: 'spelling', text: 'install' },
    { kind: 'heading', text: 'Index options', href: 'guide/config.html#index-options', breadcrumb: ['Configuration'] },
    { kind: 'heading', text: 'Themes', href: 'guide/config.html#themes', breadcrumb: ['Configuration'] },
  ],
};

function many(): PageResult[] {
  return Array.from({ length: 8 }, (_, i) => ({
    url: `guide/many-${i}.html`,
    title: `Long page ${i + 1}`,
    score: 1 - i / 20,
    meta: {},
    passages: Array.from({ length: 3 }, (_, j) => ({
      id: 100 + i * 3 + j,
      anchor: `s${j}`,
      breadcrumb: [`Long page ${i + 1}`, `Section ${i + 1}.${j + 1}`],
      href: `guide/many-${i}.html#s${j}`,
      score: 1 - i / 20 - j / 100,
      snippet: [{ text: `Passage ${j + 1} of page ${i + 1}, long enough to wrap onto a second line in a narrow dialog.`, mark: false }],
    })),
  }));
}

function results(query: string, k: number): PageResult[] {
  if (/zzz|xyzzy/.test(query)) return [];
  if (/many/.test(query)) return many().slice(0, k);
  if (/xss/.test(query)) {
    return [
      {
        url: 'guide/xss.html',
        title: `Title ${XSS}`,
        score: 1,
        meta: {},
        passages: [
          { id: 90, anchor: 'x', breadcrumb: ['Guide', `Crumb ${XSS}`], href: 'guide/xss.html#x', score: 1, snippet: [{ text: `before ${XSS} `, mark: false }, { text: `<b>xss</b>${XSS}`, mark: true }] },
        ],
      },
    ];
  }
  if (/jsurl/.test(query)) {
    return [{ url: 'javascript:alert(1)', title: 'Bad link', score: 1, meta: {}, passages: [{ id: 91, anchor: '', breadcrumb: ['Bad link'], href: 'javascript:alert(1)', score: 1, snippet: [{ text: 'jsurl', mark: true }] }] }];
  }
  return DOCS.slice(0, k).map((d, i) => ({
    url: d.url,
    title: d.title,
    score: 1 - i / 10,
    meta: {},
    passages: d.sections.map((s, j) => ({
      id: i * 10 + j,
      anchor: s.anchor,
      breadcrumb: s.breadcrumb,
      href: s.anchor ? `${d.url}#${s.anchor}` : d.url,
      score: 1 - i / 10 - j / 100,
      snippet: snippet(s.text, query),
    })),
  }));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createFakeClient(indexUrl: string): SearchClient {
  const listeners = new Set<(p: LoadProgress) => void>();
  let releaseWaiters: (() => void)[] = [];
  let latest = 0;
  const control = window.__fake;
  control.created.push(indexUrl);
  control.release = () => {
    control.holdDense = false;
    for (const r of releaseWaiters) r();
    releaseWaiters = [];
  };
  control.progress = (p) => listeners.forEach((l) => l(p));

  const response = (query: string, stage: SearchResponse['stage'], final: boolean, k: number, extra: Partial<SearchResponse> = {}): SearchResponse => ({
    query,
    stage,
    final,
    results: results(query, k),
    timings: { lexicalMs: 1, fuseMs: 0, totalMs: 2 },
    ...extra,
  });

  return {
    async search(query, options, onUpdate) {
      const seq = ++latest;
      control.calls.push({ query, options });
      const aborted = () => seq !== latest;
      const abort = () => Promise.reject({ code: 'ABORTED', message: 'superseded' });
      const k = options.k ?? 10;
      await sleep(control.lexicalDelayMs);
      if (aborted()) return abort();
      if (/boom/.test(query)) throw { code: 'INDEX_CORRUPT', message: 'passages.bin failed its sha256 check; rebuild the index' };
      if (/offline/.test(query)) {
        onUpdate(response(query, 'lexical', true, k, { denseError: { code: 'MODEL_NOT_FOUND', message: 'the model files could not be downloaded' } }));
        return;
      }
      if (options.mode === 'lexical') {
        onUpdate(response(query, 'lexical', true, k));
        return;
      }
      if (/^(how|why)\b/i.test(query)) {
        // Natural language: the keyword stage keeps only its strongest hit ("why": none).
        const all = response(query, 'lexical', false, k);
        const kept = /^why/i.test(query) ? [] : all.results.slice(0, 1);
        onUpdate({ ...all, results: kept, withheld: all.results.length - kept.length });
      } else onUpdate(response(query, 'lexical', false, k));
      if (control.holdDense) await new Promise<void>((r) => releaseWaiters.push(r));
      else await sleep(control.denseDelayMs);
      if (aborted()) return abort();
      const noMatch = /xyzzy/.test(query) ? (/bare/.test(query) ? { suggestions: [] } : NO_MATCH) : undefined;
      onUpdate(response(query, 'hybrid', true, k, { noMatch, timings: { encodeMs: 5, denseMs: 1, lexicalMs: 1, fuseMs: 0, totalMs: 8 } }));
    },
    async answer(query, passages) {
      control.answerCalls.push({ query, passages });
      await sleep(control.answerDelayMs);
      if (!control.answers || !/^how\b|\?$/i.test(query.trim())) return null;
      return /xss/.test(query) ? { ...FAKE_ANSWER, text: `Answer ${XSS}`, breadcrumb: ['Guide', `Crumb ${XSS}`] } : FAKE_ANSWER;
    },
    onProgress(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    async status(): Promise<ClientStatus> {
      return { index: 'ready', dense: 'ready', backend: 'wasm', threads: 1, crossOriginIsolated: false };
    },
    warm() {
      control.warmCount++;
    },
    dispose() {
      control.disposeCount++;
    },
  };
}
