import type { LoadProgress } from '../client/types.ts';
import { h, setText, show } from './dom.ts';

/** "12.3 MB" style sizes (decimal units, like download dialogs). */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '';
  if (n < 1000) return `${Math.round(n)} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(0)} kB`;
  return `${(n / 1e6).toFixed(1)} MB`;
}

const PHASE_TEXT: Record<LoadProgress['phase'], string> = {
  index: 'Loading search index…',
  model: 'Downloading semantic search model…',
  warmup: 'Preparing semantic search…',
  ready: '',
  failed: '',
};

/** The status line for a progress event; null when nothing should show. */
export function progressText(p: LoadProgress): string | null {
  if (p.phase === 'ready' || p.phase === 'failed') return null;
  const base = p.message?.trim() || PHASE_TEXT[p.phase];
  if (p.total > 0) return `${base} ${formatBytes(p.loaded)} of ${formatBytes(p.total)}`;
  if (p.loaded > 0) return `${base} ${formatBytes(p.loaded)}`;
  return base;
}

/** Fraction 0..1, or null for an indeterminate bar. */
export function progressFraction(p: LoadProgress): number | null {
  if (p.total <= 0) return null;
  return Math.min(1, Math.max(0, p.loaded / p.total));
}

/** Progress bar + text shown the first time the index/model load. */
export class ProgressView {
  readonly element: HTMLElement;
  #bar: HTMLElement;
  #fill: HTMLElement;
  #text: HTMLElement;

  constructor() {
    this.#fill = h('div', { class: 'progress-fill' });
    this.#bar = h('div', { class: 'progress-bar', attrs: { role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100 } }, this.#fill);
    this.#text = h('div', { class: 'progress-text' });
    this.element = h('div', { class: 'progress', hidden: true, attrs: { part: 'progress' } }, this.#text, this.#bar);
  }

  update(p: LoadProgress): void {
    const text = progressText(p);
    show(this.element, text !== null);
    if (text === null) return;
    setText(this.#text, text);
    this.#bar.setAttribute('aria-label', text);
    const f = progressFraction(p);
    this.#bar.classList.toggle('indeterminate', f === null);
    if (f === null) {
      this.#bar.removeAttribute('aria-valuenow');
      this.#fill.style.removeProperty('transform');
    } else {
      this.#bar.setAttribute('aria-valuenow', String(Math.round(f * 100)));
      // CSSOM property, not a style attribute string: allowed under style-src without 'unsafe-inline'.
      this.#fill.style.transform = `scaleX(${f})`;
    }
  }

  hide(): void {
    show(this.element, false);
  }
}
