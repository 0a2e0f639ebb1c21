/**
 * Build options: defaults live here and nowhere else; CLI flags and
 * quarry.config.json are validated against them once (see `resolveBuildOptions`).
 */
export interface BuildOptions {
  siteDir: string;
  /** Index folder; default `<siteDir>/_quarry`. */
  outDir: string;
  /** "default" (embedded MiniLM), a local folder, or a Hugging Face id (online only). */
  model: string;
  /** Target words per passage. */
  chunkWords: number;
  /** Overlap between windows of a long section, in words. */
  overlapWords: number;
  /** Sections shorter than this merge with a sibling under the same parent. */
  minWords: number;
  include: string[];
  exclude: string[];
  /** CSS selector of the main content; overrides auto-detection. */
  selector: string | null;
  copyModel: boolean;
  /** What the encoder sees: title + breadcrumb + text by default. */
  encodeFields: Array<'title' | 'breadcrumb' | 'text'>;
  queryPrefix: string | null;
  passagePrefix: string | null;
  pooling: 'mean' | 'cls' | null;
  batchSize: number;
  /** Write a service worker (quarry-sw.js) that precaches the index. */
  serviceWorker: boolean;
  json: boolean;
  /** Largest HTML file read, in bytes; larger ones are skipped with a warning. */
  maxFileBytes: number;
}

export const BUILD_DEFAULTS: Readonly<Omit<BuildOptions, 'siteDir' | 'outDir'>> = Object.freeze({
  model: 'default',
  chunkWords: 200,
  overlapWords: 35,
  minWords: 50,
  include: ['**/*.{html,htm,md}'],
  exclude: ['_quarry/**', '**/node_modules/**', '**/_static/**', '**/_sources/**', '**/genindex.html', '**/search.html', '**/404.html'],
  selector: null,
  copyModel: true,
  encodeFields: ['title', 'breadcrumb', 'text'] as BuildOptions['encodeFields'],
  queryPrefix: null,
  passagePrefix: null,
  pooling: null,
  batchSize: 16,
  serviceWorker: false,
  json: false,
  maxFileBytes: 20 * 1024 * 1024,
});
