/**
 * Text normalisation shared by the tokenizer, the snippet marker and the
 * query side. Build and query must normalise identically or terms miss.
 */

// Typographic quotes and dashes come from prose (and from docs generators
// that "smarten" code); folding them lets `--no-cache` typed as `—no-cache`
// and `don’t` typed as `don't` meet.
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u02BC\u0060\u00B4]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]/g;
// Combining diacritics for Latin/Greek/Cyrillic only: stripping every \p{M}
// would destroy Indic vowel signs and Japanese (han)dakuten.
const LATIN_MARKS = /[\u0300-\u036f]/g;
const WHITESPACE = /\s+/gu;

/** NFKC + unified quotes/dashes, case preserved (the tokenizer needs case for CamelCase). */
export function foldForm(s: string): string {
  return s
    .normalize('NFKC')
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, '-');
}

/** Removes Latin accents: "café" → "cafe"; CJK and Hangul come back recomposed. */
export function foldAccents(s: string): string {
  // Cheap exit: pure ASCII has nothing to fold and is the common case.
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(s)) return s;
  return s.normalize('NFD').replace(LATIN_MARKS, '').normalize('NFC');
}

/** NFKC, unified quotes/dashes, lower-case, collapsed whitespace. Idempotent. */
export function normalizeText(s: string): string {
  // Lower-casing can produce non-NFKC sequences (e.g. "İ"), hence the second pass.
  return foldForm(s).toLowerCase().normalize('NFKC').replace(WHITESPACE, ' ').trim();
}

// Leading question phrasing carries no lexical signal and, worse, its words
// ("way", "make", "use") match thousands of passages. The dense side keeps the
// full question; only the lexical side sees the stripped one.
const BOILERPLATE = new RegExp(
  '^(?:' +
    [
      "how (?:do|can|should|could|would|might|does) (?:i|we|you|one)(?: go about)?",
      'how to',
      "what(?:'s| is| are) (?:the )?(?:best |right |correct |proper |recommended |easiest |fastest )?(?:way|ways|method|steps) (?:to|for|of)",
      'is there (?:a|an|any) (?:way|option|setting|method) (?:to|for|of)',
      "(?:what|which|where|why|when|who)(?:'s| is| are| does| do| did| can| should| was)?",
      "(?:can|could|should|would|may|do|does|did|is|are) (?:i|we|you|one|it|there)",
      'i (?:want|need|would like|wish|am trying|try) to',
      "i'm trying to",
      'please',
      'tell me(?: about)?',
      'explain',
    ].join('|') +
    ')(?=\\s|$)\\s*',
  'i',
);

/**
 * Drops leading question boilerplate ("how do I …", "is there a way to …").
 * Returns the input unchanged when nothing would be left, so a query is never
 * emptied by this step.
 */
export function stripQuestionBoilerplate(q: string): string {
  let rest = foldForm(q).trim();
  for (let guard = 0; guard < 4; guard++) {
    const m = BOILERPLATE.exec(rest);
    if (!m || m[0].length === 0) break;
    rest = rest.slice(m[0].length);
  }
  rest = rest.replace(/[\s?!.]+$/u, '');
  return rest.length > 0 ? rest : q.trim();
}
