/**
 * Text from an exercise file (host names, spoofed addresses, titles) must never end a label early,
 * add a Mermaid statement, open a directive or comment, or reach the SVG as raw HTML.
 * Checked on the text and with Mermaid's own parser.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeLabel, renderMermaid } from '../../../src/render/mermaid';
import { hostileTrace } from './fixtures';
import { decodeEntities, parseMermaid } from './mermaidParse';

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '"; participant X',
  '%%{init: {"theme":"dark"}}%%',
  'evil\nNote over h0: pwned',
  'a;b#c',
  '--> h1: x',
  '+x',
  '-x',
  'a<br>b<br/>c',
  'end',
  'x\r\nrect red\r\nend',
  'wrap:long',
  'client @{ "type": "database" }',
  'ﬂ°°60¶ßscript',
  'tab\there\u2028sep',
];

/** Statements of a diagram: non-empty lines (the renderer writes one statement per line). */
const statements = (text: string): string[] => text.split('\n').filter((l) => l.trim() !== '');

/** Raw `<` other than the `<br/>` line breaks the renderer writes itself. */
const rawAngles = (text: string): number => (text.replace(/<br\/>|->>/g, '').match(/[<>]/g) ?? []).length;

describe('escapeLabel', () => {
  it.each(HOSTILE)('leaves nothing Mermaid reads as syntax in %j', (s) => {
    const out = escapeLabel(s);
    // Outside its `#NNN;` entity codes, the text holds none of the grammar's characters.
    const bare = out.replace(/#\d+;/g, ' ');
    expect(bare).not.toMatch(/[\n\r;<>"{}:%#]/);
    expect(bare).not.toContain('--');
    expect(out).not.toMatch(/^[+-]/);
  });

  it('keeps plain words, state names and numbers readable', () => {
    expect(escapeLabel('SYN-SENT seq=1000 ack=5001')).toBe('SYN-SENT seq=1000 ack=5001');
    expect(escapeLabel('建立连接')).toBe('建立连接');
  });

  it('Mermaid shows the original text of any string (control characters as spaces)', async () => {
    const alphabet = fc.constantFrom(...';#%<>"\'&`:{}-+@\n\r\t ab1ﬂ°¶ß中'.split(''));
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: alphabet, minLength: 1, maxLength: 24 }), async (s) => {
        const parsed = await parseMermaid(`sequenceDiagram\n  participant h0 as x\n  Note over h0: ${escapeLabel(s)}\n`);
        expect(parsed.messages).toHaveLength(1);
        expect(parsed.actors).toHaveLength(1);
        expect(decodeEntities(parsed.messages[0]!.message).trim()).toBe(s.replace(/[\n\r\t]/g, ' ').trim());
      }),
      { numRuns: 150 },
    );
  });
});

describe('renderMermaid with hostile host names', () => {
  const benign = renderMermaid(hostileTrace('client', '10.0.0.9:666'));

  it.each(HOSTILE)('host name %j adds no statement and no raw HTML', async (name) => {
    const text = renderMermaid(hostileTrace(name, '10.0.0.9:666'));
    expect(statements(text)).toHaveLength(statements(benign).length);
    expect(rawAngles(text)).toBe(0);
    expect(text).not.toContain('%%');
    const parsed = await parseMermaid(text);
    expect(parsed.actors.map((a) => a.id)).toEqual(['h0', 'h1', 'h2']);
    expect(decodeEntities(parsed.actors[0]!.description)).toContain(name.replace(/[\n\r\t\u2028]/g, ' '));
    const benignParsed = await parseMermaid(benign);
    expect(parsed.messages.map((m) => m.type)).toEqual(benignParsed.messages.map((m) => m.type));
  });

  it.each(HOSTILE)('spoofed source %j adds no statement and no raw HTML', async (from) => {
    const text = renderMermaid(hostileTrace('client', from));
    expect(statements(text)).toHaveLength(statements(benign).length);
    expect(rawAngles(text)).toBe(0);
    const parsed = await parseMermaid(text);
    expect(parsed.actors).toHaveLength(3);
    expect(decodeEntities(parsed.actors[2]!.description)).toContain(from.replace(/[\n\r\t\u2028]/g, ' '));
  });

  // Mermaid's title goes through DOMPurify, which needs a DOM: checked on the text only.
  it.each(HOSTILE)('title %j stays one title line', (title) => {
    const text = renderMermaid(hostileTrace('client', '10.0.0.9:666'), { title });
    const lines = statements(text);
    expect(lines.filter((l) => l.trim().startsWith('title '))).toHaveLength(1);
    expect(lines.filter((l) => !l.trim().startsWith('title '))).toEqual(statements(benign));
    expect(rawAngles(text)).toBe(0);
    expect(text).not.toContain('%%');
  });

  it('participant ids are generated, never the host name', () => {
    const text = renderMermaid(hostileTrace('"; participant X', '10.0.0.9:666'));
    expect(text.match(/^\s*participant (\S+) as/gm)?.map((l) => l.trim().split(' ')[1])).toEqual(['h0', 'h1', 'h2']);
  });
});
