/**
 * `<quarry-search>` attributes: defaults and validation. Pure (no DOM), so
 * unit tests run it in Node. A wrong value falls back to the default and
 * produces one console warning naming the attribute and what it accepts.
 */
import { SEARCH_MODES, type SearchMode } from '../core/search/types.ts';

export type Theme = 'auto' | 'light' | 'dark';

export interface WidgetConfig {
  /** Index folder URL (always ends with '/'), or null when neither the attribute nor a default is set. */
  index: string | null;
  /** Site root that result URLs are relative to; null → derived from the index URL (its parent). */
  baseUrl: string | null;
  theme: Theme;
  placeholder: string;
  /** Pages to return; undefined → the client's default. */
  k: number | undefined;
  mode: SearchMode;
  /** Letter used with Ctrl/⌘ to open the dialog (lower case). */
  hotkey: string;
  noTrigger: boolean;
  /** `no-recent`: no recent searches shown or stored. */
  noRecent: boolean;
}

export const THEMES: readonly Theme[] = ['auto', 'light', 'dark'];
export const DEFAULT_PLACEHOLDER = 'Search docs';
export const MAX_K = 100;

export type AttributeReader = (name: string) => string | null;

/**
 * Reads and validates the attributes. `warn` is called once per problem;
 * callers dedupe across calls (see `onceWarner`).
 */
export function readConfig(get: AttributeReader, defaults: { indexUrl?: string }, warn: (message: string) => void): WidgetConfig {
  const index = nonEmpty(get('index')) ?? defaults.indexUrl ?? null;
  const theme = oneOf(get('theme'), 'theme', THEMES, 'auto', warn);
  const mode = oneOf(get('mode'), 'mode', SEARCH_MODES, 'hybrid', warn);

  let k: number | undefined;
  const kRaw = get('k');
  if (kRaw !== null && kRaw.trim() !== '') {
    const n = Number(kRaw);
    if (Number.isInteger(n) && n >= 1 && n <= MAX_K) k = n;
    else warn(`quarry-search: attribute "k" must be an integer from 1 to ${MAX_K}; got "${kRaw}", using the default.`);
  }

  let hotkey = 'k';
  const hk = get('hotkey');
  if (hk !== null) {
    const v = hk.trim().toLowerCase();
    if (/^[a-z0-9]$/.test(v)) hotkey = v;
    else warn(`quarry-search: attribute "hotkey" must be a single letter or digit (used with Ctrl/⌘); got "${hk}", using "k".`);
  }

  return {
    index: index === null ? null : withTrailingSlash(index),
    baseUrl: nonEmpty(get('base-url')),
    theme,
    placeholder: nonEmpty(get('placeholder')) ?? DEFAULT_PLACEHOLDER,
    k,
    mode,
    hotkey,
    noTrigger: get('no-trigger') !== null,
    noRecent: get('no-recent') !== null,
  };
}

function oneOf<T extends string>(raw: string | null, name: string, allowed: readonly T[], fallback: T, warn: (m: string) => void): T {
  if (raw === null) return fallback;
  const v = raw.trim().toLowerCase();
  if (v === '') return fallback;
  if ((allowed as readonly string[]).includes(v)) return v as T;
  warn(`quarry-search: attribute "${name}" must be one of ${allowed.join(', ')}; got "${raw}", using "${fallback}".`);
  return fallback;
}

function nonEmpty(v: string | null): string | null {
  return v === null || v.trim() === '' ? null : v.trim();
}

/** The index is a folder: "./search" and "./search/" mean the same. */
export function withTrailingSlash(url: string): string {
  const q = url.search(/[?#]/);
  const path = q === -1 ? url : url.slice(0, q);
  const rest = q === -1 ? '' : url.slice(q);
  return (path.endsWith('/') ? path : path + '/') + rest;
}

/** Returns a warn function that prints each distinct message once. */
export function onceWarner(sink: (m: string) => void = (m) => console.warn(m)): (m: string) => void {
  const seen = new Set<string>();
  return (m) => {
    if (seen.has(m)) return;
    seen.add(m);
    sink(m);
  };
}

/**
 * The site root that results' relative URLs resolve against:
 * `base-url` attribute → the client's `baseUrl` → the index folder's parent.
 */
export function siteRoot(config: Pick<WidgetConfig, 'index' | 'baseUrl'>, clientBaseUrl: string | undefined, documentBase: string): URL {
  if (config.baseUrl) return new URL(withTrailingSlash(config.baseUrl), documentBase);
  if (clientBaseUrl) return new URL(withTrailingSlash(clientBaseUrl), documentBase);
  const index = new URL(withTrailingSlash(config.index ?? './'), documentBase);
  return new URL('..', index);
}

/**
 * Resolves a result href against the site root. Only http(s) URLs are
 * returned: a `javascript:`/`data:` href from a tampered index gives null.
 * A leading '/' is taken as site-root-relative (sites served under a sub-path).
 */
export function resolveHref(href: string, root: URL): URL | null {
  let url: URL;
  try {
    const isAbsolute = /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//');
    url = new URL(isAbsolute ? href : href.replace(/^\/+/, ''), root);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
}
