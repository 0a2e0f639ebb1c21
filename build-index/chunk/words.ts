/**
 * Word counting shared by extraction and chunking.
 *
 * Scripts written without spaces (Han, Hiragana, Katakana) would otherwise
 * count a whole paragraph as one "word" and defeat the chunk size limits, so
 * each such character counts as one word. Runs of other characters count as
 * one word when they contain a letter or digit (so "|", "—" or "{" do not).
 */

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}';
const TOKEN = new RegExp(`[${CJK}]|[^\\s${CJK}]+`, 'gu');
const WORDISH = /[\p{L}\p{N}]/u;
const HAS_CJK = new RegExp(`[${CJK}]`, 'u');
const NON_ASCII = /[^\x00-\x7f]/;

/** Same rule as the general path, as a plain loop: most documentation text is ASCII. */
function countAsciiWords(text: string): number {
  let n = 0;
  let inToken = false;
  let counted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) {
      inToken = false;
      continue;
    }
    if (!inToken) {
      inToken = true;
      counted = false;
    }
    if (!counted && ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) {
      counted = true;
      n++;
    }
  }
  return n;
}

/** Number of words in `text` (CJK characters count one each). */
export function countWords(text: string): number {
  if (!NON_ASCII.test(text)) return countAsciiWords(text);
  let n = 0;
  for (const m of text.matchAll(TOKEN)) if (WORDISH.test(m[0])) n++;
  return n;
}

/** True when `text` contains a character that counts as a word on its own. */
export function hasCjk(text: string): boolean {
  return HAS_CJK.test(text);
}

/**
 * Splits `text` into word-sized slices whose concatenation is exactly `text`:
 * each slice is one token plus the whitespace that follows it (leading
 * whitespace sticks to the first slice). Used when a sentence is too long for
 * one passage and must be cut between words.
 */
export function wordSlices(text: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`(?:[${CJK}]|[^\\s${CJK}]+)\\s*`, 'gu');
  let lead = /^\s*/.exec(text)![0];
  let last = lead.length;
  for (const m of text.slice(lead.length).matchAll(re)) {
    out.push(lead + m[0]);
    lead = '';
    last += m[0].length;
  }
  if (last < text.length || out.length === 0) {
    // Only whitespace, or whitespace the regex could not attach.
    if (out.length === 0) out.push(text);
    else out[out.length - 1] += text.slice(last);
  }
  return out;
}
