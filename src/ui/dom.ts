/**
 * Safe DOM construction. Everything the widget shows is built with
 * createElement/textContent: no HTML strings are parsed anywhere (no
 * innerHTML, insertAdjacentHTML or outerHTML), so result text, titles and
 * breadcrumbs from an index can never become markup.
 */

export type Child = Node | string | null | undefined | false;

export interface Props {
  class?: string;
  id?: string;
  text?: string;
  hidden?: boolean;
  /** Attributes (aria-*, role, data-*, type…). `style` is refused: CSP-safe code sets CSSOM properties instead. */
  attrs?: Record<string, string | number | boolean | undefined>;
}

function applyProps(el: Element, props: Props | undefined): void {
  if (!props) return;
  if (props.class) el.setAttribute('class', props.class);
  if (props.id) el.id = props.id;
  if (props.text !== undefined) el.textContent = props.text;
  if (props.hidden) el.setAttribute('hidden', '');
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === undefined || value === false) continue;
    if (name === 'style' || name.startsWith('on')) throw new Error(`quarry-search: refusing to set attribute ${name}`);
    el.setAttribute(name, value === true ? '' : String(value));
  }
}

/** Creates an HTML element; string children become text nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  applyProps(el, props);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A decorative 24×24 stroke icon built from path data (aria-hidden). */
export function icon(paths: readonly string[], className = 'icon'): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('class', className);
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const d of paths) {
    const p = document.createElementNS(SVG_NS, 'path');
    p.setAttribute('d', d);
    svg.append(p);
  }
  return svg;
}

export const ICONS = {
  search: ['M10.5 18a7.5 7.5 0 1 1 0-15 7.5 7.5 0 0 1 0 15Z', 'm21 21-5.2-5.2'],
  page: ['M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8Z', 'M14 3v5h5', 'M9 13h6', 'M9 17h4'],
  hash: ['M5 9h14', 'M5 15h14', 'M10 3 8 21', 'M16 3l-2 18'],
  enter: ['M9 10 4 15l5 5', 'M20 4v7a4 4 0 0 1-4 4H4'],
  clear: ['M18 6 6 18', 'M6 6l12 12'],
  history: ['M3 12a9 9 0 1 0 3-6.7L3 8', 'M3 3v5h5', 'M12 7v5l3 2'],
  alert: ['M12 9v4', 'M12 17h.01', 'M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0Z'],
} as const;

export function append(parent: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

/** Replaces all children (text is always inserted as text). */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

export function show(el: Element, visible: boolean): void {
  el.toggleAttribute('hidden', !visible);
}
