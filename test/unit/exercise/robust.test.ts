import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadExercise } from '../../../src/exercise';
import { didYouMean, editDistance } from '../../../src/exercise/util';
import { HANDSHAKE } from './helpers';

describe('did you mean', () => {
  it('edit distance counts a transposition as one edit', () => {
    expect(editDistance('hsots', 'hosts')).toBe(1);
    expect(editDistance('conect', 'connect')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
  it('suggests only close candidates, case-insensitively', () => {
    expect(didYouMean('sever', ['client', 'server'])).toBe('server');
    expect(didYouMean('SERVR', ['client', 'server'])).toBe('server');
    expect(didYouMean('zebra', ['client', 'server'])).toBeUndefined();
    expect(didYouMean('ab', ['xy'])).toBeUndefined();
  });
  it('is symmetric and zero only for equal strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, b) === 0).toBe(a === b);
      }),
    );
  });
});

describe('never throws', () => {
  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const r = loadExercise(text, 'x');
        expect(Array.isArray(r.diagnostics)).toBe(true);
        for (const d of r.diagnostics) {
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });
  it('on arbitrary YAML values, and returns an exercise only without errors', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const r = loadExercise(stringify({ 'tcp-tutor': 1, title: 't', hosts: value, steps: value }), 'x');
        if (r.exercise) expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        else expect(r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
  it('on a valid file with one line deleted', () => {
    const lines = HANDSHAKE.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const r = loadExercise([...lines.slice(0, i), ...lines.slice(i + 1)].join('\n'), 'x');
      expect(r.exercise !== undefined || r.diagnostics.length > 0).toBe(true);
    }
  });
});
