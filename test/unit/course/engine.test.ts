/**
 * The built-in course run through the real exercise loader, engine and quiz: every lesson loads,
 * `checkExercise` finds no problem (so every `expect` agrees with the engine), every question can be
 * asked and answered in both languages, and each lesson's story — what its body tells the learner
 * happens — is what the simulation shows.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGS } from '../../../src/common/text';
import type { Trace } from '../../../src/engine/index';
import { simulate } from '../../../src/engine/index';
import { checkExercise, loadExercise, type Exercise } from '../../../src/exercise/index';
import { computeAnswer, explain, PRACTICE_TOPICS, promptFor, revealAt, type QuestionSpec } from '../../../src/quiz/index';

const LESSONS_DIR = join(__dirname, '..', '..', '..', 'lessons');
const lessonFiles = readdirSync(LESSONS_DIR)
  .filter((f) => f.endsWith('.tcp.yaml'))
  .sort();

function read(file: string): string {
  return readFileSync(join(LESSONS_DIR, file), 'utf8');
}

function lesson(file: string): { exercise: Exercise; trace: Trace } {
  const result = loadExercise(read(file), file);
  if (!result.exercise) throw new Error(`${file} does not load: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return { exercise: result.exercise, trace: simulate(result.exercise.scenario) };
}

function text(bytes: Uint8Array | undefined): string {
  return new TextDecoder().decode(bytes ?? new Uint8Array());
}

/** The state `host` had just after the last event at or before virtual time `t`. */
function stateAt(trace: Trace, host: string, t: number): string | undefined {
  let state: string | undefined;
  trace.events.forEach((e, i) => {
    if (e.t <= t) state = trace.tcbs[i]?.[host]?.state;
  });
  return state;
}

describe.each(lessonFiles)('%s', (file) => {
  it('loads without errors', () => {
    const result = loadExercise(read(file), file);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.exercise).toBeDefined();
  });

  it('passes tcp-tutor check: every expect agrees with the engine', () => {
    const problems = checkExercise(read(file), file, 'en').map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`);
    expect(problems).toEqual([]);
  });

  it('has a topic with a practice generator', () => {
    expect(PRACTICE_TOPICS).toContain(lesson(file).exercise.topic);
  });

  it('asks each segment field only once (a question never repeats an answer given before)', () => {
    const { exercise, trace } = lesson(file);
    // next-isn asks for the seq of the host's last SYN.
    const asked = (q: QuestionSpec): string[] => {
      switch (q.ask) {
        case 'seq':
        case 'ack':
        case 'flags':
          return [`${q.segment}.${q.ask}`];
        case 'segment':
          return q.fields.map((f) => `${q.segment}.${f}`);
        case 'number': {
          if (q.topic !== 'next-isn') return [];
          const syns = trace.segments.filter((r) => r.from === q.host && r.seg.flags.includes('SYN') && !r.retransmission && !r.injected);
          return syns.length > 0 ? [`${syns[syns.length - 1]!.n}.seq`] : [];
        }
        default:
          return [];
      }
    };
    const all = exercise.questions.flatMap(asked);
    expect(all.filter((x, i) => all.indexOf(x) !== i)).toEqual([]);
  });

  it('can ask, answer and explain every question in both languages', () => {
    const { exercise, trace } = lesson(file);
    const ctx = { trace, scenario: exercise.scenario };
    for (const q of exercise.questions) {
      expect(() => computeAnswer(q, ctx), `question ${q.id}`).not.toThrow();
      for (const lang of LANGS) {
        expect(promptFor(q, ctx, lang).trim(), `prompt of ${q.id} (${lang})`).not.toBe('');
        expect(explain(q, ctx, lang).trim(), `explanation of ${q.id} (${lang})`).not.toBe('');
      }
    }
  });
});

// What each lesson's body promises the learner will see.
describe('the lessons tell what the simulation shows', () => {
  it('03: the questions come in the order they are asked, and the third ISN is asked once', () => {
    const { exercise, trace } = lesson('03-isn.tcp.yaml');
    const ctx = { trace, scenario: exercise.scenario };
    const stops = exercise.questions.map((q) => revealAt(q, ctx));
    expect(stops).toEqual([...stops].sort((a, b) => a - b));
    const next = exercise.questions.find((q) => q.id === 'next-isn')!;
    const thirdSynAck = trace.segments.filter((r) => r.from === 'server' && r.seg.flags.includes('SYN'))[2]!;
    expect(computeAnswer(next, ctx)).toEqual({ kind: 'number', value: thirdSynAck.seg.seq });
    expect(promptFor(next, ctx, 'en')).toContain(`segment ${thirdSynAck.n}`);
    expect(exercise.questions.some((q) => q.ask === 'seq' && q.segment === thirdSynAck.n)).toBe(false);
    // The probes of 1994 went to rsh, port 514.
    expect(trace.hosts.server!.port).toBe(514);
  });

  it('04a: with the backlog full of spoofed entries, the real client never gets past SYN-SENT', () => {
    const { trace } = lesson('04a-syn-flood.tcp.yaml');
    const clientSyns = trace.segments.filter((s) => s.from === 'client' && s.seg.flags.join() === 'SYN');
    expect(clientSyns.length).toBeGreaterThan(1); // the client had to retransmit
    expect(clientSyns[0]!.disposition).toBe('backlog-full');
    const spoofedAnswers = trace.segments.filter((s) => s.from === 'server' && s.to !== 'client');
    expect(spoofedAnswers.every((s) => s.fate === 'dropped')).toBe(true);
    expect(spoofedAnswers.some((s) => s.retransmission)).toBe(true); // the server retries its SYN,ACKs
    // Under rfc9293 the half-open entries outlive the client's patience: it never connects.
    expect(trace.events.some((e) => e.kind === 'state' && e.host === 'client' && e.to === 'ESTABLISHED')).toBe(false);
  });

  it('04b: with SYN cookies the same client gets in on its first SYN', () => {
    const { trace } = lesson('04b-syn-cookies.tcp.yaml');
    const clientSyns = trace.segments.filter((s) => s.from === 'client' && s.seg.flags.join() === 'SYN');
    expect(clientSyns).toHaveLength(1);
    expect(trace.segments.some((s) => s.reason === 'syn-cookie' && s.to === 'client')).toBe(true);
    expect(trace.events.some((e) => e.kind === 'state' && e.host === 'server' && e.to === 'ESTABLISHED')).toBe(true);
  });

  it('06a: the server retransmits its FIN into TIME-WAIT and the client acknowledges it again', () => {
    const { trace } = lesson('06a-time-wait-lost-ack.tcp.yaml');
    const lost = trace.segments.filter((s) => s.fate === 'dropped');
    expect(lost).toHaveLength(1);
    expect(lost[0]!.from).toBe('client');
    const refin = trace.segments.find((s) => s.from === 'server' && s.retransmission && s.seg.flags.includes('FIN'));
    expect(refin).toBeDefined();
    const reack = trace.segments.find((s) => s.from === 'client' && s.n > refin!.n);
    expect(reack?.reason).toBe('time-wait-ack');
    expect(trace.final).toEqual({ client: 'CLOSED', server: 'CLOSED' });
    expect(trace.errors).toEqual([]);
  });

  it('06b: the server application reads the old connection’s bytes instead of the new ones', () => {
    const { trace } = lesson('06b-old-duplicate.tcp.yaml');
    expect(trace.errors).toEqual([]); // the second connect really happened (TIME-WAIT was over)
    // Once from the first connection (the retransmitted copy), once more from the late original.
    expect(text(trace.received.server)).toBe('OLD-DATA' + 'OLD-DATA');
    expect(text(trace.received.server)).not.toContain('NEW-DATA');
  });

  it('08: the rebooted server resets the half-open connection the client still believes in', () => {
    const { trace } = lesson('08-half-open.tcp.yaml');
    const rst = trace.segments.find((s) => s.from === 'server' && s.seg.flags.includes('RST'));
    expect(rst).toBeDefined();
    expect(stateAt(trace, 'client', rst!.sentAt)).toBe('ESTABLISHED');
    expect(trace.final.client).toBe('CLOSED');
  });

  it('09: neither peer of the simultaneous open ever listens', () => {
    const { trace } = lesson('09-simultaneous-open.tcp.yaml');
    const states = trace.events.flatMap((e) => (e.kind === 'state' ? [e.to] : []));
    expect(states).not.toContain('LISTEN');
    expect(trace.final).toEqual({ alice: 'ESTABLISHED', bob: 'ESTABLISHED' });
  });

  it('10: both ends of the simultaneous close go through CLOSING and neither through FIN-WAIT-2', () => {
    const { trace } = lesson('10-simultaneous-close.tcp.yaml');
    for (const host of ['client', 'server']) {
      const path = trace.events.flatMap((e) => (e.kind === 'state' && e.host === host ? [e.to] : []));
      expect(path, host).toContain('CLOSING');
      expect(path, host).toContain('TIME-WAIT');
      expect(path, host).not.toContain('FIN-WAIT-2');
    }
  });

  it('11: the refused connect and the ABORT both end without TIME-WAIT', () => {
    const { trace } = lesson('11-rst.tcp.yaml');
    const states = trace.events.flatMap((e) => (e.kind === 'state' && e.host === 'client' ? [e.to] : []));
    expect(states).not.toContain('TIME-WAIT');
    expect(trace.segments.filter((s) => s.seg.flags.includes('RST'))).toHaveLength(2);
  });

  it('12a: under the Linux profile the FIN rides on the ACK and the client never waits in FIN-WAIT-2', () => {
    const { trace } = lesson('12a-linux-close.tcp.yaml');
    const combined = trace.segments.filter((s) => s.from === 'server' && s.seg.flags.includes('FIN'));
    expect(combined).toHaveLength(1);
    expect(combined[0]!.reason).toBe('fin-ack-combined');
    // Whatever states the client passes through, it leaves FIN-WAIT-1 and enters TIME-WAIT on that one segment.
    const causeOf = (to: string) =>
      trace.events.find((e) => e.kind === 'state' && e.host === 'client' && e.to === to) as { cause: { type: string; n?: number } } | undefined;
    expect(causeOf('TIME-WAIT')?.cause).toEqual({ type: 'segment', n: combined[0]!.n });
    const fw2 = causeOf('FIN-WAIT-2');
    if (fw2 !== undefined) expect(fw2.cause).toEqual({ type: 'segment', n: combined[0]!.n });
  });

  it('12b and 12c: the same in-window RST is challenged under Linux and resets under RFC 9293', () => {
    const linux = lesson('12b-linux-challenge-ack.tcp.yaml').trace;
    const base = lesson('12c-rfc9293-blind-reset.tcp.yaml').trace;
    const forged = (t: Trace) => t.segments.find((s) => s.injected)!;
    expect(forged(linux).seg.seq).toBe(forged(base).seg.seq);
    expect(forged(linux).disposition).toBe('answered-challenge-ack');
    expect(forged(base).disposition).toBe('reset');
    // Under the base rules nothing answers the forged RST, and the client is left half-open.
    expect(base.segments.filter((s) => s.n > forged(base).n)).toEqual([]);
    expect(base.final.client).toBe('ESTABLISHED');
  });
});
