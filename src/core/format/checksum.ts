/**
 * sha256 through WebCrypto, which Node ≥ 20 and every worker expose as
 * `globalThis.crypto.subtle` — so the core needs neither node:crypto nor DOM types.
 */
interface SubtleLike {
  digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = (globalThis as unknown as { crypto?: { subtle?: SubtleLike } }).crypto?.subtle;
  if (!subtle) throw new Error('WebCrypto (crypto.subtle) is not available; serve the site over https or localhost.');
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/**
 * Whether a file's sha256 is the one a manifest lists for it: all 64 digits,
 * or the 12-digit prefix a shard set lists (SHARD_HASH_CHARS). Never an
 * empty or shorter listing, which would accept anything.
 */
export function checksumMatches(actualHex: string, listed: string): boolean {
  return listed.length >= 12 && actualHex.startsWith(listed);
}
