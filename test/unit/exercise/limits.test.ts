import { describe, expect, it } from 'vitest';
import { EXERCISE_LIMITS, loadExercise } from '../../../src/exercise';
import { file } from './helpers';

const codes = (text: string) => loadExercise(text, 'x.tcp.yaml').diagnostics.map((d) => d.code);

describe('hostile files', () => {
  it('a billion-laughs file with 10,000 aliases errors quickly, without expanding it', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    let prev = 'a';
    for (let i = 0; i < 9; i++) {
      const name = `l${i}`;
      lines.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(',')}]`);
      prev = name;
    }
    // ~10,000 alias nodes in total at the last level
    lines.push(`big: [${Array(10000).fill(`*${prev}`).join(',')}]`);
    const text = lines.join('\n') + '\n';
    const t0 = performance.now();
    const r = loadExercise(text, 'laughs.tcp.yaml');
    const elapsed = performance.now() - t0;
    expect(r.exercise).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toEqual(['limit-aliases']);
    expect(r.diagnostics[0].message).toContain('too many YAML aliases');
    // at the 101st alias: 90 on lines 2-10, so the 11th `*l8` of the last line
    expect(r.diagnostics[0].line).toBe(11);
    expect(r.diagnostics[0].column).toBe(7 + 4 * 10);
    expect(elapsed).toBeLessThan(2000);
  });

  it('a file over the size cap is refused before parsing', () => {
    const text = file('steps: []\n') + `description: "${'x'.repeat(EXERCISE_LIMITS.maxFileSize)}"\n`;
    const r = loadExercise(text, 'big.tcp.yaml');
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'limit-size', line: 1, column: 1, severity: 'error' });
  });

  it('too many steps: one clear error at `steps`', () => {
    const steps = Array(EXERCISE_LIMITS.maxSteps + 1).fill('  - wait: 1ms').join('\n');
    const r = loadExercise(file(`steps:\n${steps}\n`), 'x');
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'limit-steps', line: 6, column: 1 });
    expect(r.diagnostics[0].message).toBe(`too many steps (${EXERCISE_LIMITS.maxSteps + 1}; the limit is ${EXERCISE_LIMITS.maxSteps})`);
    // exactly at the cap is fine
    const ok = Array(EXERCISE_LIMITS.maxSteps).fill('  - wait: 1ms').join('\n');
    expect(codes(file(`steps:\n${ok}\n`))).toEqual([]);
  });

  it('too many hosts and too many questions', () => {
    const hosts = Array.from({ length: 17 }, (_, i) => `  h${i}: { address: 10.0.1.${i}, port: 1 }`).join('\n');
    expect(codes(`tcp-tutor: 1\ntitle: t\nhosts:\n${hosts}\nsteps: []\n`)).toEqual(['limit-hosts']);
    const qs = Array.from({ length: 201 }, (_, i) => `  - { id: q${i}, ask: number, topic: segment-count }`).join('\n');
    expect(codes(file(`steps: []\nquestions:\n${qs}\n`))).toEqual(['limit-questions']);
  });

  it.each(['!!js/function "function () {}"', '!!binary aGVsbG8=', '!custom 1', '!!str 1', '!!python/object:os.system ls'])('YAML tag rejected: %s', (tagged) => {
    const r = loadExercise(file(`description: ${tagged}\nsteps: []\n`), 'x');
    expect(r.exercise).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toContain('yaml-tag');
    const d = r.diagnostics.find((x) => x.code === 'yaml-tag')!;
    expect(d.line).toBe(6);
    expect(d.column).toBe(14);
  });

  it('deep nesting is refused', () => {
    const deep = '['.repeat(100) + ']'.repeat(100);
    expect(codes(file(`description: ${deep}\nsteps: []\n`))).toEqual(['limit-depth']);
  });

  it('a handful of aliases is allowed', () => {
    const r = loadExercise(file('network: { latency: &l 10ms, msl: *l }\nsteps: []\n'), 'x');
    expect(r.diagnostics).toEqual([]);
    expect(r.exercise!.scenario.network).toEqual({ latency: 10, msl: 10 });
  });
});
