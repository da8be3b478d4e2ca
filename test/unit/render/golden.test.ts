/**
 * Golden pairs: trace → expected `.mmd`. Regenerate with
 * `UPDATE_GOLDEN=1 npx vitest run test/unit/render` and review the diff.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderMermaid, type MermaidOptions } from '../../../src/render/mermaid';
import type { Trace } from '../../../src/engine/types';
import { closeTrace, duplicateTrace, handshakeTrace, longTrace, lostTrace, simultaneousOpenTrace, spoofedTrace } from './fixtures';
import { parseMermaid } from './mermaidParse';

const GOLDEN = join(__dirname, 'golden');

async function golden(name: string, trace: Trace, opts?: MermaidOptions): Promise<void> {
  const text = renderMermaid(trace, opts);
  const file = join(GOLDEN, `${name}.mmd`);
  if (process.env.UPDATE_GOLDEN || !existsSync(file)) writeFileSync(file, text);
  expect(text).toBe(readFileSync(file, 'utf8'));
  await parseMermaid(text); // Mermaid itself accepts it
}

describe('golden diagrams from hand-built traces', () => {
  it('handshake', () => golden('handshake', handshakeTrace()));
  it('handshake, relative numbers, zh-cn', () => golden('handshake.relative.zh-cn', handshakeTrace(), { numbers: 'relative', lang: 'zh-cn' }));
  it('close with TIME-WAIT', () => golden('close', closeTrace()));
  it('lost segment and retransmission', () => golden('lost-retransmission', lostTrace()));
  it('network duplicate', () => golden('duplicate', duplicateTrace()));
  it('spoofed SYN', () => golden('spoofed-syn', spoofedTrace()));
  it('simultaneous open (crossing)', () => golden('simultaneous-open', simultaneousOpenTrace()));
  it('long trace, page 2 of 10 segments', () => golden('long.window', longTrace(20), { window: { from: 11, to: 20 } }));
  it('quiz: segment 3 hidden, stopped at its send (its arrival is what the learner predicts)', () => golden('handshake.quiz', handshakeTrace(), { upTo: 3, hide: { segment: 3, fields: ['seq', 'ack'] } }));
});
