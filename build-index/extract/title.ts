/**
 * Result title choice. The content's first h1 wins: it is what the reader
 * sees on the page and carries no site-name suffix. Without an h1
 * (PostgreSQL's DocBook pages use h2 titles) the <title> is used with a
 * trailing " — Site Name" style segment removed; then the first heading of
 * any level; then the file name.
 */

const SUFFIX_SEPARATORS = [' — ', ' – ', ' | ', ' · ', ' :: ', ' - '];

/** "Install — Tern 2.1 documentation" → "Install". Single-segment titles are kept. */
export function stripSiteSuffix(title: string): string {
  for (const sep of SUFFIX_SEPARATORS) {
    const i = title.lastIndexOf(sep);
    if (i > 0) return title.slice(0, i).trim();
  }
  return title;
}

export function titleFromPath(relPath: string): string {
  const parts = relPath.split('/').filter(Boolean);
  let name = parts.pop() ?? relPath;
  name = name.replace(/\.(html?|md|markdown)$/i, '');
  if (name.toLowerCase() === 'index' && parts.length) name = parts[parts.length - 1];
  const words = name.replace(/[-_]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : relPath;
}

export function chooseTitle(firstH1: string, titleTag: string, firstHeading: string, relPath: string): string {
  if (firstH1) return firstH1;
  if (titleTag) return stripSiteSuffix(titleTag);
  if (firstHeading) return firstHeading;
  return titleFromPath(relPath);
}
