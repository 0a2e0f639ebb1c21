/**
 * Bytes → text for one page. Never throws: the caller gets either text (with
 * warnings about lossy decoding) or the reason the file is not text at all.
 */

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

/**
 * The charset a page declares in its first 1024 bytes (`<meta charset>` or
 * the http-equiv form), like a browser's prescan; null when none.
 */
export function sniffCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).toString('latin1');
  const m =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ??
    /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head);
  return m ? m[1].toLowerCase() : null;
}

function decoderFor(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label);
  } catch {
    return null;
  }
}

export function decodePage(bytes: Uint8Array): Decoded {
  // A UTF-16 BOM is checked first because UTF-16 text is full of NUL bytes.
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const label = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    return { ok: true, text: new TextDecoder(label).decode(bytes), warnings: [] };
  }
  if (looksBinary(bytes)) return { ok: false, reason: 'binary file' };

  const warnings: string[] = [];
  const declared = sniffCharset(bytes);
  const hasUtf8Bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (declared && !hasUtf8Bom) {
    const dec = decoderFor(declared);
    if (!dec) warnings.push(`unsupported charset "${declared}", decoded as UTF-8`);
    else if (dec.encoding !== 'utf-8') return { ok: true, text: dec.decode(bytes), warnings };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), warnings };
  } catch {
    warnings.push('invalid UTF-8, decoded with replacement characters');
    return { ok: true, text: new TextDecoder('utf-8').decode(bytes), warnings };
  }
}
