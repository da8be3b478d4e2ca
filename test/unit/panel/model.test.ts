import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine/index';
import { encodeSegment, fieldLayout } from '../../../src/engine/wire';
import { loadExercise } from '../../../src/exercise/index';
import type { QuestionView } from '../../../src/protocol/messages';
import { renderMermaid } from '../../../src/render/index';
import { stateAfter } from '../../../src/quiz/answers';
import {
  askedPosition,
  bytesOfField,
  clampStep,
  eventIndexAtStep,
  forwardLimit,
  moveTo,
  openQuestion,
  openQuestions,
  pageOf,
  segmentFromLabel,
  tcbsAtStep,
  viewRange,
} from '../../../webview/model';

function load(file: string) {
  const loaded = loadExercise(readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8'), file);
  if (!loaded.exercise) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  return { exercise: loaded.exercise, trace: simulate(loaded.exercise.scenario) };
}

const q = (id: string, revealAt: number, extra: Partial<QuestionView> = {}): QuestionView => ({ id, kind: 'state', prompt: id, revealAt, tries: 3, done: false, ...extra });

describe('step-through with questions', () => {
  const questions = [q('a', 2), q('b', 2), q('c', 5)];
  const on = (...done: string[]) => ({ enabled: true, done: new Set(done) });

  it('stops at the first unanswered question and opens questions one at a time', () => {
    expect(moveTo(9, 0, questions, 9, on())).toBe(2);
    expect(openQuestion(questions, 2, on())?.id).toBe('a');
    expect(openQuestion(questions, 2, on('a'))?.id).toBe('b');
    expect(openQuestion(questions, 2, on('a', 'b'))).toBeUndefined();
  });

  it('blocks Next at an open question, then lets it through to the next stop', () => {
    expect(moveTo(3, 2, questions, 9, on())).toBe(2);
    expect(moveTo(3, 2, questions, 9, on('a', 'b'))).toBe(3);
    expect(moveTo(9, 3, questions, 9, on('a', 'b'))).toBe(5);
    expect(forwardLimit(questions, 5, 9, on('a', 'b', 'c'))).toBe(9);
  });

  it('goes back freely and never past the ends', () => {
    expect(moveTo(0, 5, questions, 9, on())).toBe(0);
    expect(moveTo(-4, 1, questions, 9, on())).toBe(0);
    expect(clampStep(99, 9)).toBe(9);
  });

  it('numbers questions in the order they are asked, not the order of the file', () => {
    const late = q('late', 7);
    const early = q('early', 0);
    const alsoEarly = q('also-early', 0);
    const list = [late, early, alsoEarly];
    expect(list.map((x) => askedPosition(list, x))).toEqual([2, 0, 1]);
  });

  it('ignores questions when quiz mode is off', () => {
    const off = { enabled: false, done: new Set<string>() };
    expect(moveTo(9, 0, questions, 9, off)).toBe(9);
    expect(openQuestion(questions, 2, off)).toBeUndefined();
  });

  it('draws the asked segment blanked, not the rest', () => {
    const seqQ = q('s', 3, { kind: 'seq', hide: { segment: 4, fields: ['seq'] } });
    expect(viewRange(3, 9, [seqQ])).toEqual({ upTo: 4, hide: { segment: 4, fields: ['seq'] } });
    expect(viewRange(3, 9, [])).toEqual({ upTo: 3 });
  });

  it('blanks what every open question at the step asks, not only the one the form shows', () => {
    const seqQ = q('s', 3, { kind: 'seq', hide: { segment: 4, fields: ['seq'] } });
    const flagsQ = q('f', 3, { kind: 'flags', hide: { segment: 4, fields: ['flags'] } });
    const clientQ = q('c', 3, { hideState: { host: 'client', after: 3 } });
    const serverQ = q('v', 3, { hideState: { host: 'server', after: 3 } });
    const open = openQuestions([seqQ, flagsQ, clientQ, serverQ], 3, on());
    expect(open.map((x) => x.id)).toEqual(['s', 'f', 'c', 'v']);
    expect(viewRange(3, 9, open)).toEqual({
      upTo: 4,
      hide: { segment: 4, fields: ['seq', 'flags'] },
      hideState: [
        { host: 'client', after: 3 },
        { host: 'server', after: 3 },
      ],
    });
    // Once the first is answered, the rest stay blanked.
    expect(viewRange(3, 9, openQuestions([seqQ, flagsQ, clientQ, serverQ], 3, on('s'))).hide).toEqual({ segment: 4, fields: ['flags'] });
  });

  it('draws only as far as the asked question needs: a state question first keeps the next segment off screen', () => {
    const clientQ = q('c', 3, { hideState: { host: 'client', after: 3 } });
    const seqQ = q('s', 3, { kind: 'seq', hide: { segment: 4, fields: ['seq'] } });
    expect(viewRange(3, 9, [clientQ, seqQ])).toEqual({ upTo: 3, hideState: [{ host: 'client', after: 3 }] });
  });
});

describe('paging long traces', () => {
  it('shows 40 segments a page', () => {
    expect(pageOf(1, 100)).toEqual({ page: 1, pages: 3, from: 1, to: 40 });
    expect(pageOf(41, 100)).toEqual({ page: 2, pages: 3, from: 41, to: 80 });
    expect(pageOf(100, 100)).toEqual({ page: 3, pages: 3, from: 81, to: 100 });
    expect(pageOf(0, 5)).toEqual({ page: 1, pages: 1, from: 1, to: 5 });
  });
});

describe('TCB beside the diagram', () => {
  it('after the last segment shows the states the quiz computes', () => {
    const { exercise, trace } = load('examples/handshake.tcp.yaml');
    const ctx = { trace, scenario: exercise.scenario };
    // After the handshake's last segment everyone is where the quiz says they are.
    const end = trace.segments.length;
    for (const host of Object.keys(trace.hosts)) {
      expect(tcbsAtStep(trace, end)[host]?.state).toBe(stateAfter(ctx, host, end));
    }
  });

  it('never shows a state the diagram has not reached yet', () => {
    const { trace } = load('examples/four-way-close.tcp.yaml');
    for (let step = 0; step <= trace.segments.length; step++) {
      const i = eventIndexAtStep(trace, step);
      const next = trace.segments[step];
      if (!next) continue;
      // The event after the last one shown is the send of segment step+1 (or comes after it).
      const sendOfNext = trace.events.findIndex((e) => e.kind === 'send' && e.n === next.n);
      expect(i).toBeLessThan(sendOfNext);
    }
  });

  it('starts before any event with no TCB', () => {
    const { trace } = load('examples/handshake.tcp.yaml');
    const first = trace.events.findIndex((e) => e.kind === 'send');
    expect(eventIndexAtStep(trace, 0)).toBe(first - 1);
  });
});

describe('clicks on arrow labels', () => {
  it('every arrow label the renderer writes names its segment', () => {
    const { trace } = load('examples/time-wait.tcp.yaml');
    const source = renderMermaid(trace, {});
    const arrows = source.split('\n').filter((l) => /^\s*h\d+(->>|-x)h\d+: /.test(l));
    expect(arrows.length).toBe(trace.segments.length);
    // Mermaid decodes `#35;` back to `#`: the text the SVG shows starts with `#n `.
    const shown = arrows.map((l) => l.slice(l.indexOf(': ') + 2).replace(/#(\d+);/g, (_, c: string) => String.fromCodePoint(Number(c))));
    expect(shown.map(segmentFromLabel)).toEqual(trace.segments.map((r) => r.n));
    expect(segmentFromLabel('SYN seq=0')).toBeUndefined();
  });
});

describe('hex highlight', () => {
  it('covers exactly the bytes of each field', () => {
    const { trace } = load('examples/handshake.tcp.yaml');
    const seg = trace.segments[0].seg;
    const bytes = encodeSegment(seg);
    const layout = fieldLayout(seg);
    const by = (name: string) => bytesOfField(layout.find((f) => f.name === name)!);
    expect(by('seq')).toEqual([4, 5, 6, 7]);
    expect(by('dataOffset')).toEqual([12]);
    expect(by('flag:SYN')).toEqual([13]);
    const seqBytes = by('seq').map((i) => bytes[i]);
    expect(((seqBytes[0] << 24) | (seqBytes[1] << 16) | (seqBytes[2] << 8) | seqBytes[3]) >>> 0).toBe(seg.seq);
  });
});

describe('an accepted question about a late segment', () => {
  it('shows everything sent before the segment arrives, and nothing of what it did', async () => {
    const { exercise, trace } = load('lessons/06b-old-duplicate.tcp.yaml');
    const { questionView } = await import('../../../src/quiz/view');
    const q = exercise.questions.find((x) => x.id === 'old-accepted')!;
    const v = questionView(q, { trace, scenario: exercise.scenario }, 'en');
    const late = trace.segments.find((r) => r.n === 4)!;
    // The stop: the last segment sent before #4 arrives (the new connection's segments included).
    expect(trace.segments[v.revealAt - 1]!.sentAt).toBeLessThan(late.arrivedAt!);
    expect(trace.segments[v.revealAt]?.sentAt ?? Infinity).toBeGreaterThanOrEqual(late.arrivedAt!);
    expect(v.revealAt).toBeGreaterThan(13);
    const text = renderMermaid(trace, { ...viewRange(v.revealAt, trace.segments.length, [v]) });
    expect(text).toContain('#35;13 ACK');
    // What the server did with #4 (its ACK, sent when #4 arrived) is not on screen yet.
    const answer = trace.segments.find((r) => r.from === 'server' && r.sentAt === late.arrivedAt)!;
    expect(text).not.toContain(`#35;${answer.n} `);
    expect(text).not.toMatch(/#35;4 [^\n]*lost/);
  });
});
