import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine/index';
import { loadExercise } from '../../../src/exercise/index';
import {
  DISPOSITIONS,
  SEND_REASONS,
  UI_STRING_KEYS,
  format,
  fromWireTrace,
  parsePanelState,
  parseToHost,
  parseToWebview,
  toWireTrace,
  type PanelSnapshot,
  type ToWebview,
} from '../../../src/protocol/messages';

function traceOf(file: string) {
  const loaded = loadExercise(readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8'), file);
  if (!loaded.exercise) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  return simulate(loaded.exercise.scenario);
}

const strings = Object.fromEntries(UI_STRING_KEYS.map((k) => [k, k])) as PanelSnapshot['strings'];

function snapshot(): PanelSnapshot {
  return {
    uri: 'file:///x/handshake.tcp.yaml',
    exerciseId: 'file:///x/handshake.tcp.yaml',
    title: 'Handshake',
    description: '',
    body: '## Lesson\n**bold** text',
    lang: 'en',
    trace: toWireTrace(traceOf('examples/handshake.tcp.yaml')),
    questions: [{ id: 'q1', kind: 'seq', prompt: 'seq of #2?', revealAt: 1, tries: 3, done: false, hide: { segment: 2, fields: ['seq'] } }],
    strings,
    reasons: Object.fromEntries(SEND_REASONS.map((r) => [r, r])) as PanelSnapshot['reasons'],
    dispositions: Object.fromEntries(DISPOSITIONS.map((d) => [d, d])) as PanelSnapshot['dispositions'],
    acceptances: { accepted: 'a', ignored: 'i', ack: 'k', 'challenge-ack': 'c', rst: 'r' },
    warnings: [],
    misconceptions: ['A SYN carries no sequence number. It occupies one.'],
  };
}

/** What postMessage does to a value: structured clone (JSON here is the stricter stand-in). */
const overTheWire = <T>(v: T): unknown => JSON.parse(JSON.stringify(v));

describe('webview → host', () => {
  it('accepts every well-formed message', () => {
    const ok = [
      { type: 'webview/ready' },
      { type: 'webview/ready', state: { uri: 'file:///a.tcp.yaml', step: 3, numbers: 'relative', zoom: 'fit' } },
      { type: 'webview/error', message: 'boom' },
      { type: 'step/changed', step: 4 },
      { type: 'quiz/shown', questionId: 'q1' },
      { type: 'quiz/answer', questionId: 'q1', input: 'SYN-SENT' },
      { type: 'quiz/answer', questionId: 'q2', input: { seq: '1000', flags: 'SYN, ACK' } },
      { type: 'quiz/hint', questionId: 'q1' },
      { type: 'export/copy', format: 'markdown', text: '```mermaid\nsequenceDiagram\n```' },
      { type: 'export/svg', svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' },
      { type: 'export/png', background: 'dark', base64: 'iVBORw0KGgo=' },
    ];
    for (const m of ok) expect(parseToHost(overTheWire(m)), JSON.stringify(m)).toEqual(m);
  });

  it('drops unknown types, non-objects and missing or mistyped fields', () => {
    const bad: unknown[] = [
      null,
      'webview/ready',
      [],
      { type: 'nope' },
      { type: 'toString' },
      { type: '__proto__' },
      { type: 'step/changed', step: -1 },
      { type: 'step/changed', step: 1.5 },
      { type: 'step/changed', step: '2' },
      { type: 'quiz/answer', questionId: 'q1' },
      { type: 'quiz/answer', questionId: '', input: 'x' },
      { type: 'quiz/answer', questionId: 'q1', input: 42 },
      { type: 'quiz/answer', questionId: 'q1', input: { evil: 'x' } },
      { type: 'quiz/answer', questionId: 'q1', input: 'x'.repeat(5000) },
      { type: 'export/copy', format: 'html', text: 'x' },
      { type: 'export/svg', svg: '<script>alert(1)</script>' },
      { type: 'export/png', background: 'light', base64: 'not base64!' },
      { type: 'export/png', background: 'blue', base64: 'AAAA' },
      { type: 'webview/error' },
    ];
    for (const m of bad) expect(parseToHost(m), JSON.stringify(m)).toBeUndefined();
  });

  it('keeps a ready message but drops a malformed saved state', () => {
    expect(parseToHost({ type: 'webview/ready', state: { uri: 'file:///a', step: 'x', numbers: 'absolute', zoom: 1 } })).toEqual({ type: 'webview/ready' });
  });

  it('caps the size of an error message', () => {
    const m = parseToHost({ type: 'webview/error', message: 'x'.repeat(10_000) });
    expect(m?.type === 'webview/error' && m.message.length).toBe(2000);
  });
});

describe('host → webview', () => {
  it('a snapshot with a real trace survives postMessage and validation', () => {
    const msg: ToWebview = { type: 'trace/show', snapshot: snapshot() };
    const parsed = parseToWebview(overTheWire(msg));
    expect(parsed).toEqual(msg);
  });

  it('rejects a snapshot whose trace is damaged', () => {
    const s = snapshot();
    const broken = overTheWire({ type: 'trace/show', snapshot: s }) as { snapshot: { trace: { segments: { seg: { payload: unknown } }[] } } };
    broken.snapshot.trace.segments[0].seg.payload = [300];
    expect(parseToWebview(broken)).toBeUndefined();
    const noState = overTheWire({ type: 'trace/show', snapshot: s }) as { snapshot: { trace: { final: Record<string, string> } } };
    noState.snapshot.trace.final.client = 'HALF-OPEN';
    expect(parseToWebview(noState)).toBeUndefined();
  });

  it('rejects a snapshot missing a UI string', () => {
    const s = snapshot() as unknown as { strings: Record<string, string> };
    delete s.strings.next;
    expect(parseToWebview({ type: 'trace/show', snapshot: s })).toBeUndefined();
  });

  it('accepts load errors, quiz results and hints', () => {
    const msgs: ToWebview[] = [
      { type: 'trace/error', uri: 'file:///a', title: 'a', heading: 'a could not be shown:', diagnostics: [{ location: 'a.tcp.yaml:3:5', severity: 'error', message: 'unknown key', code: 'schema' }] },
      { type: 'quiz/result', result: { questionId: 'q1', status: 'wrong', misconception: 'FIN takes a sequence number', attempts: 1, triesLeft: 2, done: false } },
      { type: 'quiz/result', result: { questionId: 'q1', status: 'correct', attempts: 2, triesLeft: 1, done: true, answer: 'TIME-WAIT', explanation: 'because', fields: { seq: true } } },
      { type: 'quiz/hints', questionId: 'q1', hints: ['look at SND.NXT'], more: true },
    ];
    for (const m of msgs) expect(parseToWebview(overTheWire(m))).toEqual(m);
    expect(parseToWebview({ type: 'quiz/result', result: { questionId: 'q1', status: 'maybe', attempts: 1, triesLeft: 2, done: false } })).toBeUndefined();
  });
});

describe('trace on the wire', () => {
  it('round-trips segments, payload bytes included', () => {
    const trace = traceOf('examples/half-close.tcp.yaml');
    const back = fromWireTrace(JSON.parse(JSON.stringify(toWireTrace(trace))));
    expect(back.segments.length).toBe(trace.segments.length);
    expect(back.segments.some((r) => r.seg.payload.length > 0)).toBe(true);
    for (const [i, r] of trace.segments.entries()) {
      expect(back.segments[i].seg.payload).toBeInstanceOf(Uint8Array);
      expect(Array.from(back.segments[i].seg.payload)).toEqual(Array.from(r.seg.payload));
      expect(back.segments[i].seg.seq).toBe(r.seg.seq);
    }
    expect(back.events).toEqual(trace.events);
    expect(back.tcbs).toEqual(trace.tcbs);
  });
});

describe('panel state', () => {
  it('accepts what the page stores and rejects anything else', () => {
    expect(parsePanelState({ uri: 'file:///a', step: 2, numbers: 'absolute', zoom: 1.5 })).toEqual({ uri: 'file:///a', step: 2, numbers: 'absolute', zoom: 1.5 });
    expect(parsePanelState(undefined)).toBeUndefined();
    expect(parsePanelState({ uri: '', step: 2, numbers: 'absolute', zoom: 'fit' })).toBeUndefined();
    expect(parsePanelState({ uri: 'file:///a', step: 2, numbers: 'hex', zoom: 'fit' })).toBeUndefined();
    expect(parsePanelState({ uri: 'file:///a', step: 2, numbers: 'absolute', zoom: 1000 })).toBeUndefined();
  });

  it('keeps quiz mode, the selected segment and the finished questions across hide/show and reloads', () => {
    const full = { uri: 'file:///a', step: 2, numbers: 'absolute', zoom: 'fit', quiz: false, selected: 3, finished: ['q1', 'q2'] };
    expect(parsePanelState(full)).toEqual(full);
    expect(parsePanelState({ ...full, quiz: 'no' })).toBeUndefined();
    expect(parsePanelState({ ...full, selected: 0 })).toBeUndefined();
    expect(parsePanelState({ ...full, finished: [42] })).toBeUndefined();
    expect(parsePanelState({ ...full, finished: Array.from({ length: 1001 }, (_, i) => `q${i}`) })).toBeUndefined();
  });
});

describe('format', () => {
  it('fills numbered placeholders and leaves unknown ones', () => {
    expect(format('Step {0} of {1}', 3, 9)).toBe('Step 3 of 9');
    expect(format('第 {0} 步，共 {1} 步', 3, 9)).toBe('第 3 步，共 9 步');
    expect(format('{0} and {2}', 'a')).toBe('a and {2}');
  });
});
