/**
 * Passage text → sentences with their character offsets, and what each one
 * is. Excerpts, deep links and the answer card all cut passages here, so
 * they agree on where a sentence starts and which sub-section holds it.
 *
 * The build lays a passage out as blocks joined by "\n" (build-index/chunk):
 * a paragraph or list item on one line with its whitespace collapsed, a
 * merged sub-section's heading on a line of its own, a table row as its cells
 * joined by " | ", and a <pre> listing with its own line breaks, indentation
 * and blank lines. So every line break ends a sentence, and a line's shape
 * says whether it is prose.
 */

/**
 * - prose:   a sentence of running text
 * - heading: a sub-section heading, or a short label line without a full stop
 * - table:   one table row ("cell | cell")
 * - code:    one line of a listing or command
 */
export type SentenceKind = 'prose' | 'heading' | 'table' | 'code';

export interface Sentence {
  /** `text.slice(start, end)`: verbatim, no surrounding whitespace. */
  text: string;
  start: number;
  end: number;
  kind: SentenceKind;
  /**
   * Index into the `headings` given to splitSentences of the sub-section this
   * sentence is in (a heading line is in its own); -1 before the first one.
   */
  section: number;
}

const TABLE_CELL_SEPARATOR = ' | ';
/** Characters that are rare in prose and common in code. */
const CODE_CHARS = /[{}[\]()<>=;$|\\&*+`]/gu;
/** Share of a line's non-space characters that are CODE_CHARS above which it is code. */
const CODE_CHAR_SHARE = 0.06;
/** How a code line or a prompt starts; prose lines start with a word. */
const CODE_START = /^(?:[$>#%{}[\])<]|\/\/|\/\*|\*\/|>>>)/u;
/** A command-line flag or a relative/absolute path: code when the line is not a sentence. */
const COMMAND_SIGNS = /(?:^|\s)(?:--?\p{L}|\.{1,2}\/|~\/|\/[\p{L}\p{N}_.-]+\/)/u;
/** A line ending like a sentence (closing quotes and brackets may follow). */
const TERMINAL = /[.!?:;。！？…][)"'\]」』”’）]*$/u;
/** A label line (a heading the caller did not name, "Parameters", "2.4.1") has at most this many words. */
const LABEL_WORDS = 10;
/**
 * Where a prose line splits: after . ! ? before whitespace, or after CJK
 * full stops, which need no space. Whether a Latin split is taken depends on
 * what comes next (see `splitsAt`).
 */
const BOUNDARY = /[.!?][)"'\]」』”’）]*(?=\s)|[。！？][)」』）]*/gu;
/** Abbreviations whose dot does not end a sentence (lower-cased, without the final dot). */
const ABBREVIATIONS: ReadonlySet<string> = new Set(['e.g', 'i.e', 'vs', 'cf', 'approx', 'incl', 'fig', 'eq', 'resp', 'viz', 'al']);
const WORD_BEFORE = /[\p{L}.]+$/u;
/** Longest abbreviation looked at before a dot. */
const ABBREVIATION_CHARS = 8;
const NEXT_VISIBLE = /\s*(\S)/uy;

/**
 * Splits `text` into sentences in order. `headings` are the headings of the
 * passage's merged sub-sections, in order (the passage record's
 * `subsections`): the lines that hold them start a new `section`.
 */
export function splitSentences(text: string, headings: readonly string[] = []): Sentence[] {
  const out: Sentence[] = [];
  let section = -1;
  let nextHeading = 0;
  /** Index in `out` where the previous line's sentences start, or -1 after a blank line. */
  let previousLine = -1;
  let afterBlank = false;
  for (let lineStart = 0; lineStart <= text.length; ) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const [start, end] = trimmed(text, lineStart, lineEnd);
    const next = lineEnd + 1;
    if (start === end) {
      // Blank lines only occur inside listings: the line above was code.
      if (previousLine >= 0) for (let i = previousLine; i < out.length; i++) out[i].kind = 'code';
      previousLine = -1;
      afterBlank = lineEnd < text.length;
      lineStart = next;
      continue;
    }
    const line = text.slice(start, end);
    const first = out.length;
    const heading = findHeading(line, headings, nextHeading);
    if (heading >= 0) {
      section = heading;
      nextHeading = heading + 1;
      out.push({ text: line, start, end, kind: 'heading', section });
    } else {
      const kind = afterBlank ? 'code' : lineKind(line, start > lineStart);
      if (kind === 'prose') for (const [a, b] of proseSentences(text, start, end)) out.push({ text: text.slice(a, b), start: a, end: b, kind, section });
      else out.push({ text: line, start, end, kind, section });
    }
    previousLine = first;
    afterBlank = false;
    lineStart = next;
  }
  return out;
}

/** [start, end) of `text[from, to)` without leading and trailing whitespace. */
function trimmed(text: string, from: number, to: number): [number, number] {
  let a = from;
  let b = to;
  while (a < b && /\s/u.test(text[a])) a++;
  while (b > a && /\s/u.test(text[b - 1])) b--;
  return [a, b];
}

/** First heading at or after `from` that is exactly this line, or -1. */
function findHeading(line: string, headings: readonly string[], from: number): number {
  for (let i = from; i < headings.length; i++) if (headings[i].trim() === line) return i;
  return -1;
}

/** What a line is, by its shape alone (it is not a named heading). */
function lineKind(line: string, indented: boolean): SentenceKind {
  // Extracted paragraphs have their whitespace collapsed and trimmed; only listings keep indentation.
  if (indented) return 'code';
  if (line.includes(TABLE_CELL_SEPARATOR)) return 'table';
  if (CODE_START.test(line)) return 'code';
  const visible = line.replace(/\s+/gu, '').length;
  // A list item may end in ";" like a statement: only the body counts.
  const codeChars = line.replace(TERMINAL, '').match(CODE_CHARS)?.length ?? 0;
  if (codeChars > 0 && codeChars >= visible * CODE_CHAR_SHARE) return 'code';
  if (TERMINAL.test(line)) return 'prose';
  if (COMMAND_SIGNS.test(line) || codeChars > 0) return 'code';
  return line.split(/\s+/u).length <= LABEL_WORDS ? 'heading' : 'prose';
}

/** [start, end) of each sentence of the prose line `text[from, to)`. */
function proseSentences(text: string, from: number, to: number): Array<[number, number]> {
  const line = text.slice(from, to);
  const out: Array<[number, number]> = [];
  let start = 0;
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(line); m !== null; m = BOUNDARY.exec(line)) {
    const cut = m.index + m[0].length;
    if (!splitsAt(line, m.index, cut)) continue;
    const [a, b] = trimmed(line, start, cut);
    if (a < b) out.push([from + a, from + b]);
    start = cut;
  }
  const [a, b] = trimmed(line, start, line.length);
  if (a < b) out.push([from + a, from + b]);
  return out;
}

/** Whether the stop at `line[mark]` (the match ends at `cut`) ends a sentence. */
function splitsAt(line: string, mark: number, cut: number): boolean {
  if (/[。！？]/u.test(line[mark])) return cut < line.length;
  NEXT_VISIBLE.lastIndex = cut;
  const rest = NEXT_VISIBLE.exec(line);
  if (rest === null) return false;
  // "e.g. the", "a 2. option": a sentence does not go on in lower case.
  if (/\p{Ll}/u.test(rest[1])) return false;
  // "CREATE TABLE ... AS SELECT": an elision, not a full stop.
  if (line[mark] === '.' && line[mark - 1] === '.') return false;
  const before = WORD_BEFORE.exec(line.slice(Math.max(0, mark - ABBREVIATION_CHARS), mark));
  return !(line[mark] === '.' && before !== null && ABBREVIATIONS.has(before[0].toLowerCase()));
}
