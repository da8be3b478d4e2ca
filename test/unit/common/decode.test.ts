import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, firstInvalidUtf8 } from '../../../src/common/decode';

const bytes = (...parts: (string | number[])[]): Uint8Array => {
  const out: number[] = [];
  for (const p of parts) out.push(...(typeof p === 'string' ? new TextEncoder().encode(p) : p));
  return new Uint8Array(out);
};

describe('decodeUtf8', () => {
  it('decodes UTF-8, Chinese included', () => {
    expect(decodeUtf8(bytes('title: 三次握手\n'))).toEqual({ text: 'title: 三次握手\n' });
  });
  it('strips a byte order mark (columns then match the editor)', () => {
    expect(decodeUtf8(bytes([0xef, 0xbb, 0xbf], 'a: 1\n'))).toEqual({ text: 'a: 1\n' });
  });
  it('a Latin-1 é is an error at its line and column, not a U+FFFD in the text', () => {
    // "title: caf\xe9": line 2, column 11 (after "title: caf").
    const r = decodeUtf8(bytes('tcp-tutor: 1\ntitle: caf', [0xe9], '\n'));
    expect(r).toEqual({ error: { line: 2, column: 11, offset: 23, byte: 0xe9 } });
  });
  it('columns count characters, not bytes (Chinese before the bad byte)', () => {
    const r = decodeUtf8(bytes('标题: ', [0xff]));
    expect('error' in r && r.error).toMatchObject({ line: 1, column: 5, byte: 0xff });
  });
  it('with a BOM the offset counts it, the column does not', () => {
    const r = decodeUtf8(bytes([0xef, 0xbb, 0xbf], 'ab', [0x80]));
    expect(r).toEqual({ error: { line: 1, column: 3, offset: 5, byte: 0x80 } });
  });
  it.each([
    ['a stray continuation byte', [0x41, 0x80], 1],
    ['a sequence cut short at the end', [0x41, 0xe2, 0x82], 1],
    ['a lead byte followed by ASCII', [0xe2, 0x41, 0x42], 0],
    ['an overlong slash', [0xc0, 0xaf], 0],
    ['an overlong three-byte form', [0xe0, 0x80, 0xaf], 0],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80], 0],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['0xFF', [0x20, 0x20, 0xff], 2],
  ])('%s is reported at the byte that starts it', (_name, input, at) => {
    const r = decodeUtf8(new Uint8Array(input));
    expect('error' in r && r.error.offset).toBe(at);
  });
  it('agrees with TextDecoder on arbitrary bytes: text exactly when it decodes, else where', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (input) => {
        let expected: string | null;
        try {
          expected = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(input);
        } catch {
          expected = null;
        }
        const r = decodeUtf8(input);
        if (expected === null) {
          expect('error' in r).toBe(true);
          expect(firstInvalidUtf8(input.subarray(input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? 3 : 0))).toBeGreaterThanOrEqual(0);
        } else expect(r).toEqual({ text: expected });
      }),
      { numRuns: 2000 },
    );
  });
  it('valid text never reports a bad byte', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        expect(firstInvalidUtf8(new TextEncoder().encode(s))).toBe(-1);
      }),
    );
  });
});
