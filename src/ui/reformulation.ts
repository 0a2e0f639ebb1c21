/**
 * The reformulation signal for site analytics: a query whose final results
 * stayed on screen for `settleMs` with no typing is "settled"; when a
 * different query settles within `windowMs` of the previous one, with no
 * result chosen in between, the visitor most likely did not find what they
 * wanted and tried again. Quarry only reports it (an event); it sends nothing.
 */

export interface Reformulation {
  previous: string;
  query: string;
  /** From the previous query's results appearing to this query's. */
  elapsedMs: number;
}

export interface ReformulationOptions {
  settleMs?: number;
  windowMs?: number;
  now?: () => number;
}

export const SETTLE_MS = 1000;
export const REFORMULATE_WINDOW_MS = 10_000;

export class ReformulationTracker {
  readonly #settleMs: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #last: { query: string; at: number } | null = null;

  constructor(
    private readonly report: (r: Reformulation) => void,
    options: ReformulationOptions = {},
  ) {
    this.#settleMs = options.settleMs ?? SETTLE_MS;
    this.#windowMs = options.windowMs ?? REFORMULATE_WINDOW_MS;
    this.#now = options.now ?? (() => performance.now());
  }

  /** A final response for `query` is on screen. */
  shown(query: string): void {
    clearTimeout(this.#timer);
    const at = this.#now();
    this.#timer = setTimeout(() => this.#settle(query, at), this.#settleMs);
  }

  /** The query changed: whatever was shown did not settle. */
  typed(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** A result was chosen (or the dialog closed): the search ended; start afresh. */
  reset(): void {
    this.typed();
    this.#last = null;
  }

  #settle(query: string, at: number): void {
    this.#timer = undefined;
    const prev = this.#last;
    this.#last = { query, at };
    if (prev && same(prev.query) !== same(query) && at - prev.at <= this.#windowMs) this.report({ previous: prev.query, query, elapsedMs: Math.round(at - prev.at) });
  }
}

/** "Install  Guide" and "install guide" are one query, not a reformulation. */
function same(q: string): string {
  return q.toLowerCase().replace(/\s+/g, ' ').trim();
}
