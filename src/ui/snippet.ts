import type { SnippetPart } from '../core/search/types.ts';

/**
 * SnippetPart[] → text nodes and `<mark>` elements. The text is never parsed
 * as HTML, so `<img onerror=…>` in an indexed page shows up as literal text.
 */
export function renderSnippet(parts: readonly SnippetPart[]): DocumentFragment {
  const frag = document.createDocumentFragment();
  for (const part of parts) {
    if (!part.text) continue;
    if (part.mark) {
      const m = document.createElement('mark');
      m.textContent = part.text;
      frag.append(m);
    } else {
      frag.append(document.createTextNode(part.text));
    }
  }
  return frag;
}

/** Plain text of a snippet (tests, titles). */
export function snippetText(parts: readonly SnippetPart[]): string {
  return parts.map((p) => p.text).join('');
}
