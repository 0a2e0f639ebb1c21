import { QuarryError } from '../errors.ts';

/**
 * Little-endian fixed ints, LEB128 varints and UTF-8 for the binary index
 * formats. Hand-rolled because the core may not assume TextEncoder/DataView
 * helpers beyond ES2022, and because varints are the hot path of decoding.
 */
export class ByteWriter {
  private buf = new Uint8Array(1 << 16);
  private pos = 0;

  get length(): number {
    return this.pos;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  u8(v: number): void {
    this.ensure(1);
    this.buf[this.pos++] = v;
  }

  u32(v: number): void {
    this.ensure(4);
    const b = this.buf;
    b[this.pos++] = v & 0xff;
    b[this.pos++] = (v >>> 8) & 0xff;
    b[this.pos++] = (v >>> 16) & 0xff;
    b[this.pos++] = (v >>> 24) & 0xff;
  }

  /** Overwrites 4 bytes at `at` (for section lengths known only afterwards). */
  patchU32(at: number, v: number): void {
    const b = this.buf;
    b[at] = v & 0xff;
    b[at + 1] = (v >>> 8) & 0xff;
    b[at + 2] = (v >>> 16) & 0xff;
    b[at + 3] = (v >>> 24) & 0xff;
  }

  varint(v: number): void {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new RangeError(`varint out of range: ${v}`);
    this.ensure(5);
    const b = this.buf;
    while (v >= 0x80) {
      b[this.pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    b[this.pos++] = v;
  }

  bytes(src: Uint8Array): void {
    this.ensure(src.length);
    this.buf.set(src, this.pos);
    this.pos += src.length;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}

/** Reads one file; every read failure names the part of the file being read. */
export class ByteReader {
  pos = 0;
  end: number;
  /** The part named in error messages. */
  part = 'header';

  constructor(
    readonly buf: Uint8Array,
    private readonly what: string,
  ) {
    this.end = buf.length;
  }

  /** Reads a u32 byte length and confines reads to that many bytes. */
  openSection(name: string): number {
    this.part = name;
    this.end = this.buf.length;
    const len = this.u32();
    if (this.pos + len > this.buf.length) this.fail(name, `section is truncated (${len} bytes declared)`);
    this.end = this.pos + len;
    return this.end;
  }

  /** Confines reads to buf[start, end). */
  window(start: number, end: number): void {
    this.pos = start;
    this.end = end;
  }

  fail(part: string, detail: string): never {
    throw new QuarryError('INDEX_CORRUPT', `${this.what}: ${part}: ${detail}; rebuild the index`);
  }

  u8(): number {
    if (this.pos >= this.end) this.fail(this.part, 'unexpected end of data');
    return this.buf[this.pos++];
  }

  u32(): number {
    if (this.pos + 4 > this.end) this.fail(this.part, 'unexpected end of data');
    const b = this.buf;
    const p = this.pos;
    this.pos += 4;
    return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16)) + b[p + 3] * 0x1000000;
  }

  varint(): number {
    const b = this.buf;
    const end = this.end;
    let p = this.pos;
    let v = 0;
    let shift = 0;
    for (;;) {
      if (p >= end) this.fail(this.part, 'unexpected end of data');
      const c = b[p++];
      if (shift === 28) {
        if (c > 0x0f) this.fail(this.part, 'varint overflow');
        v += c * 0x10000000;
        break;
      }
      v |= (c & 0x7f) << shift;
      if (c < 0x80) break;
      shift += 7;
    }
    this.pos = p;
    return v;
  }

  take(n: number): Uint8Array {
    if (n < 0 || this.pos + n > this.end) this.fail(this.part, 'unexpected end of data');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** Asserts the current section was consumed exactly. */
  expectEnd(): void {
    if (this.pos !== this.end) this.fail(this.part, `${this.end - this.pos} unexpected trailing bytes`);
  }
}

export function encodeUtf8(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out.push(c);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // lone surrogate
    if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return Uint8Array.from(out);
}

/** Decodes b[start, end); returns null on malformed UTF-8. */
export function decodeUtf8(b: Uint8Array, start: number, end: number): string | null {
  let s = '';
  let i = start;
  while (i < end) {
    const c = b[i++];
    if (c < 0x80) {
      s += String.fromCharCode(c);
      continue;
    }
    let cp: number;
    let need: number;
    if (c >= 0xc2 && c < 0xe0) {
      cp = c & 0x1f;
      need = 1;
    } else if (c >= 0xe0 && c < 0xf0) {
      cp = c & 0x0f;
      need = 2;
    } else if (c >= 0xf0 && c < 0xf5) {
      cp = c & 0x07;
      need = 3;
    } else return null;
    if (i + need > end) return null;
    for (let k = 0; k < need; k++) {
      const d = b[i++];
      if ((d & 0xc0) !== 0x80) return null;
      cp = (cp << 6) | (d & 0x3f);
    }
    s += String.fromCodePoint(cp);
  }
  return s;
}
