import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine/index';
import {
  checkAnswer,
  choiceLabel,
  computeAnswer,
  explain,
  generatePractice,
  PRACTICE_TOPICS,
  promptFor,
  type Answer,
} from '../../../src/quiz/index';

/** What a learner who knows the answer would type. */
function inputFor(a: Answer): string | Record<string, string> {
  switch (a.kind) {
    case 'state':
      return a.state;
    case 'number':
      return a.absent ? 'none' : String(a.value);
    case 'flags':
      return a.flags.length ? a.flags.join(', ') : 'none';
    case 'fields':
      return Object.fromEntries(
        Object.entries(a.fields).map(([k, v]) => [k, (a.absent ?? []).includes(k as 'ack') ? 'none' : Array.isArray(v) ? v.join(',') || 'none' : String(v)]),
      );
    case 'acceptance':
      return a.value;
    case 'choice':
      return choiceLabel(a.index);
  }
}

describe('generatePractice', () => {
  it('covers the twelve course topics', () => {
    expect(PRACTICE_TOPICS).toEqual([
      'header',
      'handshake',
      'isn',
      'syn-flood',
      'close',
      'time-wait',
      'half-close',
      'half-open',
      'simultaneous-open',
      'simultaneous-close',
      'rst',
      'linux',
    ]);
  });

  it('rejects an unknown topic', () => {
    expect(() => generatePractice('sliding-window', 1)).toThrow(/unknown practice topic/);
  });

  describe.each(PRACTICE_TOPICS)('%s', (topic) => {
    it('is deterministic for a seed', () => {
      expect(generatePractice(topic, 11)).toEqual(generatePractice(topic, 11));
    });

    it('differs across seeds', () => {
      const scenarios = [1, 2, 3, 4].map((s) => JSON.stringify(generatePractice(topic, s).scenario.hosts));
      expect(new Set(scenarios).size).toBeGreaterThan(1);
    });

    it.each([1, 2, 3, 4, 5, 6, 7, 8, 17, 2024])('seed %i: 4+ questions, each with a computable answer that checks as correct', (seed) => {
      const p = generatePractice(topic, seed);
      expect(typeof p.title === 'object' && p.title.en && p.title['zh-cn']).toBeTruthy();
      expect(p.questions.length).toBeGreaterThanOrEqual(4);
      expect(new Set(p.questions.map((q) => q.id)).size).toBe(p.questions.length);
      const ctx = { scenario: p.scenario, trace: simulate(p.scenario) };
      for (const q of p.questions) {
        const answer = computeAnswer(q, ctx);
        expect(checkAnswer(q, ctx, inputFor(answer), 'en'), `${q.id}`).toMatchObject({ status: 'correct' });
        expect(promptFor(q, ctx, 'zh-cn').length).toBeGreaterThan(0);
        expect(explain(q, ctx, 'en').length).toBeGreaterThan(0);
      }
    });
  });

  it('handshake practice asks about the SYN,ACK\'s ack, which is the client ISN + 1', () => {
    const p = generatePractice('handshake', 5);
    const ctx = { scenario: p.scenario, trace: simulate(p.scenario) };
    const q = p.questions.find((x) => x.id === 'handshake-2')!;
    const a = computeAnswer(q, ctx);
    const clientIsn = p.scenario.hosts.client!.isn as number;
    expect(a).toEqual({ kind: 'number', value: q.ask === 'ack' && q.numbers === 'relative' ? 1 : (clientIsn + 1) >>> 0 });
  });

  it('time-wait practice loses the final ACK and asks about the retransmitted FIN', () => {
    const p = generatePractice('time-wait', 3);
    const ctx = { scenario: p.scenario, trace: simulate(p.scenario) };
    expect(ctx.trace.segments.some((r) => r.fate === 'dropped')).toBe(true);
    const q = p.questions.find((x) => x.ask === 'accepted');
    expect(q && computeAnswer(q, ctx)).toEqual({ kind: 'acceptance', value: 'ack' });
  });

  it('simultaneous-close practice crosses the FINs: CLOSING, and FIN-WAIT-2 is called out', () => {
    const p = generatePractice('simultaneous-close', 4);
    const ctx = { scenario: p.scenario, trace: simulate(p.scenario) };
    const q = p.questions.find((x) => x.id === 'simultaneous-close-1')!;
    expect(computeAnswer(q, ctx)).toEqual({ kind: 'state', state: 'CLOSING' });
    expect(checkAnswer(q, ctx, 'FIN-WAIT-2', 'en').misconception).toMatch(/FINs crossed/);
  });
});
