/**
 * Bytes of a text file → text, refusing bytes that are not UTF-8 instead of turning them into
 * U+FFFD. Pure (TextDecoder is in every JS runtime: Node, the extension host, the webview), so
 * the CLI and the extension read files the same way.
 */

/** Where the first byte that is not UTF-8 is, 1-based like an editor shows it. */
export interface DecodeError {
  /** 1-based line of the first bad byte. */
  line: number;
  /** 1-based column (UTF-16 code units of the valid text before it on its line, plus one). */
  column: number;
  /** 0-based byte offset of the first bad byte in the input (after the BOM, if any, is counted). */
  offset: number;
  /** The bad byte itself (0..255). */
  byte: number;
}

export type DecodeResult = { text: string } | { error: DecodeError };

const BOM = [0xef, 0xbb, 0xbf];

/**
 * Decodes UTF-8 `bytes` (a leading byte order mark is stripped). On bytes that are not UTF-8,
 * returns where the first bad one is instead of replacing it.
 */
export function decodeUtf8(bytes: Uint8Array): DecodeResult {
  const start = bytes.length >= 3 && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2] ? 3 : 0;
  const body = start === 0 ? bytes : bytes.subarray(start);
  try {
    // ignoreBOM: the BOM was handled above, so a second one stays text (as an editor shows it).
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body) };
  } catch {
    // The decoder and the scan agree on what is valid (both follow RFC 3629).
    const bad = firstInvalidUtf8(body);
    return { error: positionOf(body, bad < 0 ? 0 : bad, start) };
  }
}

/**
 * Offset of the first byte that does not start or continue a well-formed UTF-8 sequence (RFC 3629:
 * no overlong forms, no surrogates, nothing above U+10FFFF), or -1 when every byte is valid. A
 * sequence cut short or broken is reported at its lead byte; a stray continuation byte at itself.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // overlong
      if (b === 0xed) hi = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90; // overlong
      if (b === 0xf4) hi = 0x8f; // above U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      // A sequence that is cut short or broken is reported at its lead byte.
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

function positionOf(body: Uint8Array, offset: number, bomLength: number): DecodeError {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (body[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // The bytes before the bad one on its line are valid UTF-8, so they decode exactly.
  const before = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body.subarray(lineStart, offset));
  return { line, column: before.length + 1, offset: offset + bomLength, byte: body[offset] ?? 0 };
}
