/**
 * Widget styles, adopted into the shadow root as a constructable stylesheet
 * (CSP-safe: works under `style-src 'self'` without 'unsafe-inline').
 *
 * Theming — set these on `quarry-search` (or any ancestor) in site CSS:
 *   --quarry-accent        accent: selected result, group titles, focus ring
 *   --quarry-accent-fg     text on the accent (selected result)
 *   --quarry-bg            dialog and result card background
 *   --quarry-bg-alt        dialog body / trigger background
 *   --quarry-fg            main text
 *   --quarry-muted         secondary text (breadcrumbs, hints)
 *   --quarry-border        borders and separators
 *   --quarry-mark-bg       highlighted query terms (background)
 *   --quarry-mark-fg       highlighted query terms (text)
 *   --quarry-backdrop      page overlay behind the dialog
 *   --quarry-radius        corner radius
 *   --quarry-font          font family (default: system UI font)
 *   --quarry-width         dialog width on wide screens (default 640px)
 * A value set on the element applies to both themes; to theme light and dark
 * separately, set them inside your own `prefers-color-scheme` query or on
 * `quarry-search[theme=dark]`. Parts for deeper styling: trigger, dialog,
 * input, listbox, option, progress.
 * Light/dark: `theme="auto"` (default) follows prefers-color-scheme.
 */
export const CSS = /* css */ `
:host {
  --_accent: var(--quarry-accent, #4f46e5);
  --_accent-fg: var(--quarry-accent-fg, #ffffff);
  --_bg: var(--quarry-bg, #ffffff);
  --_bg-alt: var(--quarry-bg-alt, #f5f6f8);
  --_fg: var(--quarry-fg, #1b1d23);
  --_muted: var(--quarry-muted, #5c6270);
  --_border: var(--quarry-border, #dfe2e8);
  --_mark-bg: var(--quarry-mark-bg, #fdf0a6);
  --_mark-fg: var(--quarry-mark-fg, inherit);
  --_backdrop: var(--quarry-backdrop, rgb(22 24 32 / 0.5));
  --_radius: var(--quarry-radius, 10px);
  --_font: var(--quarry-font, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif);
  --_shadow: 0 1px 2px rgb(20 22 30 / 0.06), 0 1px 1px rgb(20 22 30 / 0.04);
  --_modal-shadow: 0 24px 64px -12px rgb(20 22 30 / 0.35), 0 0 0 1px rgb(20 22 30 / 0.06);
  display: inline-block;
  color-scheme: light;
  font: 400 16px/1.5 var(--_font);
  color: var(--_fg);
  letter-spacing: normal;
  text-transform: none;
  text-align: start;
}
@media (prefers-color-scheme: dark) {
  :host(:not([theme="light" i])) {
    --_accent: var(--quarry-accent, #9198ff);
    --_accent-fg: var(--quarry-accent-fg, #0d0f1c);
    --_bg: var(--quarry-bg, #23252d);
    --_bg-alt: var(--quarry-bg-alt, #1a1b21);
    --_fg: var(--quarry-fg, #e9eaef);
    --_muted: var(--quarry-muted, #a4a8b5);
    --_border: var(--quarry-border, #393c47);
    --_mark-bg: var(--quarry-mark-bg, #5d4b05);
    --_mark-fg: var(--quarry-mark-fg, #fff6cc);
    --_backdrop: var(--quarry-backdrop, rgb(0 0 0 / 0.6));
    --_shadow: none;
    --_modal-shadow: 0 24px 64px -12px rgb(0 0 0 / 0.7), 0 0 0 1px rgb(255 255 255 / 0.06);
    color-scheme: dark;
  }
}
:host([theme="dark" i]) {
  --_accent: var(--quarry-accent, #9198ff);
  --_accent-fg: var(--quarry-accent-fg, #0d0f1c);
  --_bg: var(--quarry-bg, #23252d);
  --_bg-alt: var(--quarry-bg-alt, #1a1b21);
  --_fg: var(--quarry-fg, #e9eaef);
  --_muted: var(--quarry-muted, #a4a8b5);
  --_border: var(--quarry-border, #393c47);
  --_mark-bg: var(--quarry-mark-bg, #5d4b05);
  --_mark-fg: var(--quarry-mark-fg, #fff6cc);
  --_backdrop: var(--quarry-backdrop, rgb(0 0 0 / 0.6));
  --_shadow: none;
  --_modal-shadow: 0 24px 64px -12px rgb(0 0 0 / 0.7), 0 0 0 1px rgb(255 255 255 / 0.06);
  color-scheme: dark;
}
:host([no-trigger]) { display: contents; }
[hidden] { display: none !important; }
*, *::before, *::after { box-sizing: border-box; }
.sr-only {
  position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip-path: inset(50%); white-space: nowrap; border: 0;
}
.icon { width: 1.15em; height: 1.15em; flex: none; fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; stroke-linejoin: round; }
kbd {
  display: inline-flex; align-items: center; justify-content: center;
  min-width: 1.6em; height: 1.5em; padding: 0 0.35em;
  font: 500 0.75em/1 var(--_font); color: var(--_muted);
  background: var(--_bg); border: 1px solid var(--_border); border-bottom-width: 2px; border-radius: 5px;
}
button { font: inherit; color: inherit; }
:focus-visible { outline: 2px solid var(--_accent); outline-offset: 2px; }

/* Trigger: looks like a search box. */
.trigger {
  display: flex; align-items: center; gap: 0.5em; width: 100%; min-width: 11rem;
  height: 2.5em; padding: 0 0.5em 0 0.75em; margin: 0;
  color: var(--_muted); background: var(--_bg-alt);
  border: 1px solid var(--_border); border-radius: var(--_radius);
  cursor: pointer; text-align: start; font-size: 0.9375em;
  transition: border-color 0.15s, box-shadow 0.15s;
}
.trigger:hover { border-color: var(--_accent); box-shadow: 0 0 0 3px color-mix(in srgb, var(--_accent) 15%, transparent); }
.trigger-label { flex: 1; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.trigger-keys { display: inline-flex; gap: 0.2em; }

/* Dialog (native <dialog>, top layer). */
.modal {
  position: fixed; inset: 0; margin: min(10vh, 6rem) auto auto;
  width: min(var(--quarry-width, 640px), calc(100vw - 2rem)); max-width: none;
  max-height: min(78vh, 44rem); padding: 0;
  color: var(--_fg); background: var(--_bg-alt);
  border: 0; border-radius: calc(var(--_radius) + 4px);
  box-shadow: var(--_modal-shadow);
  font: 400 16px/1.5 var(--_font);
  overflow: hidden;
  z-index: 2147483000; /* only matters without showModal() (no top layer) */
}
.modal[open] { display: flex; flex-direction: column; animation: quarry-in 0.16s ease-out; }
.modal::backdrop { background: var(--_backdrop, rgb(22 24 32 / 0.5)); backdrop-filter: blur(2px); animation: quarry-fade 0.16s ease-out; }
@keyframes quarry-in { from { opacity: 0; transform: translateY(-6px) scale(0.985); } }
@keyframes quarry-fade { from { opacity: 0; } }

.search-bar {
  display: flex; align-items: center; gap: 0.5em;
  margin: 0.75em 0.75em 0; padding: 0 0.5em 0 0.85em; height: 3.25em;
  background: var(--_bg); border: 2px solid var(--_accent); border-radius: var(--_radius);
  box-shadow: 0 0 0 4px color-mix(in srgb, var(--_accent) 14%, transparent);
}
.search-bar > .icon { color: var(--_accent); width: 1.35em; height: 1.35em; }
.input {
  flex: 1; min-width: 0; height: 100%; padding: 0; margin: 0;
  font: 400 1.125em/1 var(--_font); color: var(--_fg);
  background: transparent; border: 0; outline: none; appearance: none;
}
.input::placeholder { color: var(--_muted); opacity: 1; }
.input::-webkit-search-cancel-button, .input::-webkit-search-decoration { appearance: none; display: none; }
.clear, .close {
  display: inline-flex; align-items: center; justify-content: center; flex: none;
  padding: 0.35em; margin: 0; background: transparent; border: 0; border-radius: 6px;
  color: var(--_muted); cursor: pointer;
}
.clear:hover, .close:hover { color: var(--_fg); background: var(--_bg-alt); }
.close .cancel-text { display: none; font-size: 0.9375em; color: var(--_accent); font-weight: 500; }

.progress { margin: 0.6em 1em 0; font-size: 0.8125em; color: var(--_muted); }
.progress-text { margin-bottom: 0.3em; }
.progress-bar { height: 4px; border-radius: 2px; background: var(--_border); overflow: hidden; }
.progress-fill { height: 100%; background: var(--_accent); transform-origin: left; transform: scaleX(0); transition: transform 0.2s ease-out; }
.progress-bar.indeterminate .progress-fill { width: 35%; transform: none; animation: quarry-slide 1.2s ease-in-out infinite; }
@keyframes quarry-slide { from { margin-left: -35%; } to { margin-left: 100%; } }

.status-row { display: flex; flex-wrap: wrap; gap: 0.5em; margin: 0.6em 0.75em 0; }
.status-row:empty, .status-row:not(:has(> :not([hidden]))) { display: none; }
.badge {
  display: inline-flex; align-items: center; gap: 0.45em;
  padding: 0.2em 0.7em; font-size: 0.75em; font-weight: 500;
  color: var(--_accent); background: color-mix(in srgb, var(--_accent) 12%, var(--_bg));
  border-radius: 999px;
}
.spinner {
  width: 0.8em; height: 0.8em; border-radius: 50%;
  border: 2px solid color-mix(in srgb, var(--_accent) 30%, transparent); border-top-color: var(--_accent);
  animation: quarry-spin 0.8s linear infinite;
}
@keyframes quarry-spin { to { transform: rotate(360deg); } }
.notice {
  display: flex; align-items: flex-start; gap: 0.5em; width: 100%;
  padding: 0.5em 0.75em; font-size: 0.8125em;
  color: var(--_fg); background: var(--_bg); border: 1px solid var(--_border); border-left: 3px solid #d97706;
  border-radius: 6px;
}
.notice .icon { color: #d97706; margin-top: 0.1em; }

.body { flex: 1; min-height: 0; display: flex; flex-direction: column; }
/* The listbox is the scroller (a combobox popup: arrows scroll it, it needs no Tab stop). */
.listbox { flex: 1 1 auto; min-height: 0; overflow-y: auto; overscroll-behavior: contain; padding: 0.25em 0.75em 0.75em; scroll-padding: 2.5em 0 0.5em; }
.listbox:empty { display: none; }
.group { margin-top: 0.6em; }
.group-label {
  display: flex; align-items: center; gap: 0.45em;
  position: sticky; top: 0; z-index: 1; margin: 0 -0.25em; padding: 0.4em 0.35em 0.3em;
  font-size: 0.8125em; font-weight: 600; color: var(--_accent); background: var(--_bg-alt);
}
.group-label span { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.group-icon { width: 1.1em; height: 1.1em; }
.option {
  display: flex; align-items: center; gap: 0.75em;
  margin-top: 0.3em; padding: 0.6em 0.85em; min-height: 3.5em;
  background: var(--_bg); border-radius: calc(var(--_radius) - 2px); box-shadow: var(--_shadow);
  cursor: pointer; user-select: none; -webkit-tap-highlight-color: transparent;
  color: inherit; text-decoration: none;
}
.option-icon { color: var(--_muted); width: 1.25em; height: 1.25em; }
.option-enter { opacity: 0; width: 1.1em; height: 1.1em; }
.option-text { flex: 1; min-width: 0; }
.option-title { font-weight: 600; font-size: 0.9375em; line-height: 1.35; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.option-path { font-size: 0.75em; color: var(--_muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.option-excerpt {
  margin-top: 0.15em; font-size: 0.8125em; line-height: 1.45; color: var(--_muted);
  display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; overflow: hidden; overflow-wrap: anywhere;
}
mark { color: var(--_mark-fg); background: var(--_mark-bg); border-radius: 2px; padding: 0 0.1em; }
.option[aria-selected="true"] { background: var(--_accent); color: var(--_accent-fg); box-shadow: none; }
.option[aria-selected="true"] :is(.option-icon, .option-path, .option-excerpt, .option-enter) { color: var(--_accent-fg); opacity: 1; }
.option[aria-selected="true"] :is(.answer-label, .answer-text) { color: var(--_accent-fg); }
.option[aria-selected="true"] mark { color: inherit; background: transparent; text-decoration: underline; text-decoration-thickness: 2px; text-underline-offset: 2px; }

.answer { align-items: flex-start; border-inline-start: 3px solid var(--_accent); }
.answer-label { font-size: 0.6875em; font-weight: 700; letter-spacing: 0.06em; text-transform: uppercase; color: var(--_accent); }
.answer-text {
  margin: 0.1em 0 0.2em; font-size: 0.9375em; line-height: 1.45; color: var(--_fg);
  display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 4; overflow: hidden; overflow-wrap: anywhere;
}
.option-remove {
  display: inline-flex; flex: none; padding: 0.3em; border-radius: 6px; color: var(--_muted); cursor: pointer;
}
.option-remove:hover { color: var(--_fg); background: var(--_bg-alt); }
.option[aria-selected="true"] .option-remove { color: var(--_accent-fg); }
.option[aria-selected="true"] .option-remove:hover { background: color-mix(in srgb, var(--_accent-fg) 18%, transparent); }
.lead {
  display: flex; align-items: center; justify-content: space-between; gap: 1em;
  margin: 0.6em 1.1em 0; font-size: 0.8125em; font-weight: 600; color: var(--_muted);
}
.lead-action {
  padding: 0.15em 0.4em; margin: 0 -0.4em 0 0; background: transparent; border: 0; border-radius: 4px;
  color: var(--_accent); font-weight: 500; cursor: pointer;
}
.lead-action:hover { text-decoration: underline; }

.state { padding: 2.5em 1em; text-align: center; color: var(--_muted); font-size: 0.9375em; }
.state.compact { padding: 1.25em 1em 0.25em; }
.state p { margin: 0.25em 0; }
.state strong { color: var(--_fg); font-weight: 600; overflow-wrap: anywhere; }
.state .icon { width: 2em; height: 2em; margin-bottom: 0.5em; opacity: 0.7; }
.state.error .icon { color: #d97706; opacity: 1; }

.footer {
  display: flex; align-items: center; gap: 1.1em; flex: none;
  padding: 0.6em 1em; font-size: 0.75em; color: var(--_muted);
  background: var(--_bg); border-top: 1px solid var(--_border);
}
.footer .hint { display: inline-flex; align-items: center; gap: 0.35em; }
.footer .brand { margin-inline-start: auto; }
.footer kbd { font-size: 1em; }

@media (max-width: 640px) {
  .modal {
    margin: 0; width: 100vw; height: 100dvh; max-height: none; border-radius: 0;
  }
  .search-bar { margin: 0.5em; }
  .close .esc-key { display: none; }
  .close .cancel-text { display: inline; }
  .footer { display: none; }
  .option-excerpt { -webkit-line-clamp: 3; }
}
@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after, .modal[open], .modal::backdrop { animation: none !important; transition: none !important; }
  .spinner { border-top-color: color-mix(in srgb, var(--_accent) 30%, transparent); border-right-color: var(--_accent); }
}
@media (forced-colors: active) {
  .option[aria-selected="true"] { outline: 2px solid Highlight; }
  mark { forced-color-adjust: none; }
}
`;

let shared: CSSStyleSheet | null = null;

/** Applies the styles to a shadow root: one shared constructable sheet; a <style> text node fallback for old engines. */
export function adoptStyles(root: ShadowRoot): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet !== 'undefined' && 'replaceSync' in CSSStyleSheet.prototype) {
    shared ??= createSheet();
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, shared];
    return;
  }
  // Fallback (pre-2023 Safari): needs style-src 'unsafe-inline' under a strict CSP.
  const style = document.createElement('style');
  style.textContent = CSS;
  root.append(style);
}

function createSheet(): CSSStyleSheet {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  return sheet;
}
