/** Byte helpers the engine needs without Node's Buffer or the DOM's TextEncoder. */

/** UTF-8 bytes of `s`. */
export function utf8(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/**
 * `n` bytes of readable filler for `send n`: the letters a..z repeating, continuing from `offset`
 * (how many bytes this host has sent before), so a stream reads "abcdef..." across segments.
 */
export function filler(n: number, offset: number): Uint8Array {
  // A view of the shared alphabet when it is long enough (payloads are never written to).
  if (offset % 26 + n <= ALPHABET.length) return ALPHABET.subarray(offset % 26, offset % 26 + n);
  const out = new Uint8Array(n);
  let i = 0;
  let start = offset % 26;
  while (i < n) {
    const len = Math.min(n - i, ALPHABET.length - start);
    out.set(ALPHABET.subarray(start, start + len), i);
    i += len;
    start = 0;
  }
  return out;
}

/** a..z repeated, for `filler`: long enough for any one segment's worth (65,535 bytes) from any letter. */
const ALPHABET = Uint8Array.from({ length: 26 * 2522 }, (_, i) => 97 + (i % 26));

const EMPTY = new Uint8Array(0);

/**
 * A growable byte buffer (amortised appends) with random access. Appended arrays are adopted, not
 * copied, while they fit: callers hand over arrays they no longer change.
 */
export class ByteBuf {
  private buf: Uint8Array = EMPTY;
  length = 0;

  append(b: Uint8Array): void {
    if (b.length === 0) return;
    if (this.length === 0) {
      this.buf = b;
      this.length = b.length;
      return;
    }
    // An adopted array is full (length === buf.length), so it is never written into.
    if (this.length + b.length > this.buf.length) {
      const next = new Uint8Array(Math.max(256, (this.length + b.length) * 2));
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
    }
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  /**
   * Bytes [from, to) as a view, not a copy: written bytes never change (appends only write past
   * `length`, and growing moves to a new buffer while old views keep the old one).
   */
  slice(from: number, to: number): Uint8Array {
    return this.buf.subarray(from, Math.min(to, this.length));
  }

  bytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/** An append-only list of byte arrays, joined once at the end (a host's sent / received stream). */
export class ChunkList {
  private chunks: Uint8Array[] = [];
  private total = 0;

  append(b: Uint8Array): void {
    if (b.length === 0) return;
    this.chunks.push(b);
    this.total += b.length;
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.total);
    let p = 0;
    for (const c of this.chunks) {
      out.set(c, p);
      p += c.length;
    }
    return out;
  }
}
