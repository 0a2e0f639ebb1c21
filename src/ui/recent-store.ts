/**
 * Recent searches: what the visitor searched for and the result they chose,
 * newest first, one entry per result, kept in localStorage under a key per
 * index. Storage that is missing or throws (privacy modes, sandboxed
 * iframes, a full quota) turns the feature off without a word.
 */

export interface RecentEntry {
  query: string;
  /** The chosen result's title (its section heading). */
  title: string;
  /** Its absolute URL. */
  href: string;
}

export const MAX_RECENT = 6;
/** Longer strings in storage are not ours (or were tampered with): dropped. */
const MAX_FIELD = 2048;

/** The part of Storage used (tests pass a Map-backed one). */
export type RecentStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function recentKey(indexUrl: string): string {
  return `quarry:recent:${indexUrl}`;
}

/** `entry` first, the same href dropped from further down, at most `max`. */
export function addEntry(list: readonly RecentEntry[], entry: RecentEntry, max = MAX_RECENT): RecentEntry[] {
  return [entry, ...list.filter((e) => e.href !== entry.href)].slice(0, max);
}

/** Entries from stored JSON; anything malformed is dropped, never thrown. */
export function parseEntries(raw: string | null): RecentEntry[] {
  if (!raw) return [];
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  const ok = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '' && v.length <= MAX_FIELD;
  const out: RecentEntry[] = [];
  for (const e of data) {
    if (!e || typeof e !== 'object') continue;
    const { query, title, href } = e as Record<string, unknown>;
    if (ok(query) && ok(title) && ok(href) && !out.some((x) => x.href === href)) out.push({ query, title, href });
  }
  return out.slice(0, MAX_RECENT);
}

/** window.localStorage, or null where reading it throws or it cannot be written. */
export function browserStorage(): RecentStorage | null {
  try {
    const s = window.localStorage;
    const probe = 'quarry:probe';
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    return null;
  }
}

export class RecentSearches {
  #storage: RecentStorage | null;

  constructor(
    readonly key: string,
    storage: RecentStorage | null,
  ) {
    this.#storage = storage;
  }

  get enabled(): boolean {
    return this.#storage !== null;
  }

  list(): RecentEntry[] {
    try {
      return parseEntries(this.#storage?.getItem(this.key) ?? null);
    } catch {
      this.#storage = null;
      return [];
    }
  }

  add(entry: RecentEntry): void {
    this.#write(addEntry(this.list(), entry));
  }

  remove(href: string): void {
    this.#write(this.list().filter((e) => e.href !== href));
  }

  clear(): void {
    this.#write([]);
  }

  #write(list: RecentEntry[]): void {
    if (!this.#storage) return;
    try {
      if (list.length === 0) this.#storage.removeItem(this.key);
      else this.#storage.setItem(this.key, JSON.stringify(list));
    } catch {
      // Quota or a storage that went away: the feature is off from now on.
      this.#storage = null;
    }
  }
}
