import { foldForm } from './normalize.ts';
import { STOP_WORDS } from './stopwords.ts';

// Each pattern recognises one shape of code/identifier a user pastes.
const LITERAL_SHAPES: readonly RegExp[] = Object.freeze([
  /^--?[\p{L}\p{N}][\p{L}\p{N}_-]*(?:=.*)?$/u, // --no-cache, -v
  /[\p{L}\p{N}_]\(.*\)$/u, // fn(), count(*)
  /[\p{L}\p{N}]_[\p{L}\p{N}]|^_+[\p{L}\p{N}]/u, // snake_case, _private
  /[\p{L}_][\p{L}\p{N}_]*(?:\.|::)[\p{L}_][\p{L}\p{N}_]/u, // os.path.join, std::vector
  /\p{Ll}\p{Lu}|\p{Lu}\p{Lu}\p{Ll}/u, // camelCase, HTTPServer
  /^\p{Lu}[\p{Lu}\p{N}_]+$/u, // SQLSTATE, ENOENT, E1042
  /^\p{L}{1,4}\d+[\p{L}\p{N}]*$/u, // v15, utf8, E1042
  /^\d{3,}$/u, // 23505, 404
  /^v?\d+(?:\.\d+)+$/u, // 3.11.2
  /^[\p{L}\p{N}_.-]*\/[\p{L}\p{N}_.-]+/u, // paths: etc/postgresql.conf
  /^[<$@%#][\p{L}\p{N}_]/u, // $PGDATA, @decorator, <tag>
]);

// Brackets stay: they are what makes `fn()` look like code.
const EDGE_PUNCT = /^["'`]+|["'`,;:?!]+$|\.$/gu;

/**
 * kebab-case names (`button-press-event`, `max-old-space-size`): three or
 * more lower-case parts, none a stop word, so that English compounds
 * (`point-in-time`, `up-to-date`) and two-part words (`read-only`) stay prose.
 */
function isKebabName(token: string): boolean {
  const parts = token.split('-');
  return parts.length >= 3 && parts.every((p) => /^[\p{Ll}\p{N}]+$/u.test(p) && !STOP_WORDS.has(p));
}

function isLiteralToken(token: string): boolean {
  return LITERAL_SHAPES.some((re) => re.test(token)) || isKebabName(token);
}

/**
 * The literal guard: true when a query is an identifier, code or an error
 * number (`max_wal_size`, `os.path.join`, `SQLSTATE 23505`, `--no-cache`,
 * `E1042`, `button-press-event`), so fusion should lean on the lexical side; false for natural
 * language. A query counts as literal when at least half of its non-stop
 * tokens look like code, or when it has at most two such tokens and one does.
 */
export function looksLiteral(q: string): boolean {
  const tokens = foldForm(q)
    .trim()
    .split(/\s+/u)
    .map((t) => t.replace(EDGE_PUNCT, ''))
    .filter((t) => t.length > 0 && !STOP_WORDS.has(t.toLowerCase()));
  if (tokens.length === 0) return false;
  let literal = 0;
  for (const t of tokens) if (isLiteralToken(t)) literal++;
  return literal > 0 && (literal * 2 >= tokens.length || tokens.length <= 2);
}
