/**
 * Bytes → text for one page, the way a browser decodes a file it was served
 * without a charset header. Never throws: the caller gets either text (with
 * warnings about lossy or guessed decoding) or the reason the file is not
 * text at all.
 *
 * Order (WHATWG encoding sniffing): a BOM, then a `<meta charset>` /
 * http-equiv / `<?xml encoding?>` declaration in the first 1024 bytes, then —
 * nothing declared — UTF-8 when the bytes are valid UTF-8, else windows-1252
 * (the standard's fallback for most locales; it is also what latin-1
 * declarations mean). `encoding-sniffer` does the prescan; `@exodus/bytes`
 * decodes, because Node's own TextDecoder maps windows-1252 like latin-1
 * (0x80 → U+0080 instead of €) on some versions.
 */
import { TextDecoder } from '@exodus/bytes/encoding.js';
import { ResultType, Sniffer } from 'encoding-sniffer/sniffer';

export type Decoded = { ok: true; text: string; warnings: string[] } | { ok: false; reason: string };

const SNIFF_BYTES = 8192;

/** Binary if a NUL appears early or more than 10 % of the sniffed bytes are control characters. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    // Tab, LF, FF, CR and ESC appear in real text; the rest of C0 does not.
    if (b < 32 && b !== 9 && b !== 10 && b !== 12 && b !== 13 && b !== 27) control++;
  }
  return n > 0 && control / n > 0.1;
}

/** The encoding a browser would pick from the bytes alone, and whether the page chose it (BOM or declaration). */
export function sniffEncoding(bytes: Uint8Array): { encoding: string; declared: boolean } {
  const sniffer = new Sniffer();
  sniffer.write(bytes);
  return { encoding: sniffer.encoding, declared: sniffer.resultType !== ResultType.DEFAULT };
}

function isUtf16Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

export function decodePage(bytes: Uint8Array): Decoded {
  try {
    // UTF-16 text is full of NUL bytes: its BOM must be honoured before the binary check.
    if (!isUtf16Bom(bytes) && looksBinary(bytes)) return { ok: false, reason: 'binary file' };
    const { encoding, declared } = sniffEncoding(bytes);
    const warnings: string[] = [];
    if (!declared) {
      try {
        return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), warnings };
      } catch {
        warnings.push(`no charset declared and not valid UTF-8, decoded as ${encoding}`);
        return { ok: true, text: new TextDecoder(encoding).decode(bytes), warnings };
      }
    }
    if (encoding.toLowerCase() === 'utf-8') {
      try {
        return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), warnings };
      } catch {
        warnings.push('invalid UTF-8, decoded with replacement characters');
      }
    }
    return { ok: true, text: new TextDecoder(encoding).decode(bytes), warnings };
  } catch (e) {
    return { ok: false, reason: `could not be decoded (${e instanceof Error ? e.message : String(e)})` };
  }
}
