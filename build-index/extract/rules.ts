/**
 * Where the main content is and what inside it is chrome. One table per
 * question so supporting another generator is a one-line change.
 */
import { compileMatcher, parseSelector, type Matcher } from './selector.ts';

/**
 * Auto-detected content containers, most specific first. Every outermost
 * match of an entry is content (AsciiDoc writes one `div.sect1` per section),
 * and an entry whose matches do not hold the page's text is passed over
 * (`scan.ts`): a generic entry (`main`, `.content`) when it holds little of
 * the page's text, any entry when it is mostly links. An entry with a
 * `generator` applies only to pages whose `<meta name=generator>` matches it. Generator-specific containers come before
 * `main`/`article` because those usually also hold breadcrumbs, tables of
 * contents and pagers.
 */
export const CONTAINER_RULES: ReadonlyArray<{ name: string; match: Matcher; generator?: RegExp; generic: boolean }> = (
  [
    ['Docusaurus', '.theme-doc-markdown'],
    ['MkDocs Material', '.md-content'],
    ['VitePress', '.vp-doc'],
    ['Starlight', '.sl-markdown-content'],
    ['Sphinx / Read the Docs theme', 'div.body, div[role=main], .rst-content [itemprop=articleBody]'],
    ['main', 'main, [role=main]', undefined, true],
    ['article', 'article', undefined, true],
    // The page's name and one-line summary ("git-add - Add file contents to the index") sit in #header.
    ['AsciiDoc', '#header, #content', /^asciidoc(tor)?\b/i],
    ['Doxygen', 'div.headertitle, div.contents'],
    ['DocBook (PostgreSQL)', 'div.book, div.set, div.part, div.reference, div.chapter, div.appendix, div.preface, div.refentry, div.sect1, div.article, div.glossary, div.bibliography, div.index'],
    ['content', '#content, #main-content, .main-content, .content, .page-content, .post-content, .markdown-body', undefined, true],
  ] as Array<[string, string, RegExp?, boolean?]>
).map(([name, sel, generator, generic]) => ({ name, match: compileMatcher(parseSelector(sel)), ...(generator ? { generator } : {}), generic: generic === true }));

/** Elements that are a page's title though not a heading element (Doxygen's `div.title`): read as an h1. */
export const TITLE_ELEMENT: Matcher = compileMatcher(parseSelector('div.headertitle > div.title'));

/** Author override: index only these elements. */
export const BODY_MARKER: Matcher = compileMatcher(parseSelector('[data-quarry-body]'));

/** Elements (with everything inside) that are never content. */
export const SKIP_TAGS: ReadonlySet<string> = new Set([
  'nav', 'aside', 'footer', 'script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'canvas',
  'button', 'select', 'textarea', 'dialog', 'head', 'title',
]);

export const IS_SKIPPED: Matcher = compileMatcher(parseSelector(
  [
    '[hidden]', '[aria-hidden=true]', '[data-quarry-ignore]',
    '[role=navigation]', '[role=banner]', '[role=contentinfo]', '[role=search]', '[role=complementary]',
    // DocBook / PostgreSQL
    '.navheader', '.navfooter', 'div.toc',
    // Doxygen: the module a class belongs to, printed inside its title, and the
    // member summary tables (each member is documented in full further down)
    '.ingroups', 'table.memberdecls', 'div.ttc',
    // Line-number gutters of code listings (Pygments, gtk-doc, Doxygen, highlight.js plugins)
    '.linenos', '.lineno', '.listing_lines', '.line-numbers-rows', '.gutter', '.hljs-ln-numbers',
    // Sphinx
    '.headerlink', '.sphinxsidebar', 'div.related', 'div.footer', '#searchbox', '.copybutton',
    // MkDocs Material
    '.md-header', '.md-sidebar', '.md-footer', '.md-source-file', '.md-content__button', '.md-nav',
    // Docusaurus
    '.hash-link', '.theme-doc-toc-mobile', '.theme-doc-toc-desktop', '.theme-doc-breadcrumbs', '.theme-doc-footer',
    '.theme-doc-version-badge', '.pagination-nav', '.table-of-contents',
    // VitePress / Starlight / Hugo themes
    '.header-anchor', '.VPDocFooter', '.VPDocAside', '.sl-anchor-link', '.anchor-link', '.heading-anchor',
    '.sidebar', '.breadcrumbs', '.breadcrumb', '.edit-link', '.prev-next', '.skip-link', '.sr-only', '.visually-hidden',
  ].join(', '),
));

/** Notes on when something changed (Sphinx's "New in version 3.1."): kept, after their section's prose, so they never lead a passage. */
export const DEMOTED: Matcher = compileMatcher(parseSelector('.versionadded, .versionchanged'));

/** Elements whose end separates blocks of text (no words glued across them). */
export const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'main',
  'menu', 'nav', 'ol', 'p', 'section', 'summary', 'ul', 'table', 'tbody', 'thead', 'tfoot',
]);

/** Elements whose id, when the element directly wraps a heading, is that heading's anchor. */
export const WRAPPER_TAGS: ReadonlySet<string> = new Set(['section', 'div', 'article', 'main', 'header', 'hgroup']);

export const HEADING_LEVEL: Readonly<Record<string, number>> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
