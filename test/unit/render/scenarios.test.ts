/**
 * Golden pairs from real scenarios: scenario → engine trace → `.mmd` (and its text table).
 * When the engine's behaviour changes on purpose, regenerate with
 * `UPDATE_GOLDEN=1 npx vitest run test/unit/render` and review the diff.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine/index';
import { crosses } from '../../../src/render/crossing';
import { renderMermaid } from '../../../src/render/mermaid';
import { traceTable } from '../../../src/render/table';
import { parseMermaid, LINETYPE } from './mermaidParse';
import { SCENARIOS } from './scenarios';

const GOLDEN = join(__dirname, 'golden');

function matchGolden(file: string, text: string): void {
  const path = join(GOLDEN, file);
  if (process.env.UPDATE_GOLDEN || !existsSync(path)) writeFileSync(path, text);
  expect(text).toBe(readFileSync(path, 'utf8'));
}

const tableText = (t: ReturnType<typeof traceTable>): string => [t.columns, ...t.rows.map((r) => r.text)].map((cells) => cells.join(' | ')).join('\n') + '\n';

describe('golden diagrams from engine scenarios', () => {
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    it(name, async () => {
      const trace = simulate(scenario);
      const text = renderMermaid(trace);
      matchGolden(`scenario.${name}.mmd`, text);
      matchGolden(`scenario.${name}.table.txt`, tableText(traceTable(trace)));
      const parsed = await parseMermaid(text);
      const arrows = parsed.messages.filter((m) => m.type === LINETYPE.SOLID || m.type === LINETYPE.SOLID_CROSS);
      expect(arrows).toHaveLength(trace.segments.length);
    });
  }

  it('a listener holding several peers says whose each state change is (a SYN flood)', () => {
    const base = SCENARIOS['spoofed-syn']!;
    const flood = {
      ...base,
      steps: [
        ...base.steps.slice(0, 1),
        { kind: 'inject' as const, from: '10.0.0.66:1066', to: 'server', flags: ['SYN' as const], seq: 1 },
        { kind: 'inject' as const, from: '10.0.0.67:1067', to: 'server', flags: ['SYN' as const], seq: 1 },
        { kind: 'wait' as const, duration: 500 },
      ],
    };
    const notes = renderMermaid(simulate(flood)).split('\n').filter((l) => /Note over h1: SYN-RECEIVED/.test(l));
    expect(notes.map((l) => l.trim())).toEqual(['Note over h1: SYN-RECEIVED (10.0.0.66#58;1066)', 'Note over h1: SYN-RECEIVED (10.0.0.67#58;1067)']);
    const rows = traceTable(simulate(flood)).rows.filter((r) => r.kind === 'state' && r.text[3].startsWith('LISTEN → SYN-RECEIVED'));
    expect(rows.map((r) => r.text[3])).toEqual(['LISTEN → SYN-RECEIVED (10.0.0.66:1066)', 'LISTEN → SYN-RECEIVED (10.0.0.67:1067)']);
    // One peer: nothing to tell apart, no label (the everyday handshake stays as it was).
    expect(renderMermaid(simulate(base))).toMatch(/Note over h1: SYN-RECEIVED\n/);
  });

  it('simultaneous open: the two SYNs cross and are drawn in a par block', () => {
    const trace = simulate(SCENARIOS['simultaneous-open']!);
    const syns = trace.segments.filter((s) => s.seg.flags.length === 1 && s.seg.flags[0] === 'SYN');
    expect(syns).toHaveLength(2);
    expect(crosses(syns[0]!, syns[1]!)).toBe(true);
    expect(renderMermaid(trace)).toMatch(/\n\s+par /);
  });

  it('lost final ACK: a cross arrow, then the FIN retransmission and the 2MSL restart', () => {
    const trace = simulate(SCENARIOS['lost-final-ack']!);
    const text = renderMermaid(trace);
    expect(text).toMatch(/-x.*\(lost\)/);
    expect(text).toMatch(/FIN, ACK.*\(retransmission\)/);
    expect(text).toContain('2MSL timer restarted');
  });
});
