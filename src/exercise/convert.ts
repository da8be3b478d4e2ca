/** Turns a validated exercise document into the engine's `Scenario` and the quiz's `QuestionSpec`s. */
import type { LocalText } from '../common/text';
import type { Fault, Flag, HostConfig, IsnSpec, Profile, Scenario, Step } from '../engine/types';
import type { QuestionSpec } from '../quiz/types';
import { FAULT_KINDS, parseVerb } from './semantic';
import type { SourceMap } from './source';
import type { Exercise } from './types';
import { parseDuration } from './util';

type Obj = Record<string, unknown>;

/** One-way latency when the file gives none (ms). */
export const DEFAULT_LATENCY = 50;

function ms(v: unknown): number {
  const d = parseDuration(v);
  if (d === null) throw new Error(`not a duration: ${String(v)}`); // unreachable after validation
  return d;
}

function optional<T>(v: unknown, f: (x: unknown) => T): T | undefined {
  return v === undefined || v === null ? undefined : f(v);
}

export function toExercise(data: Obj, map: SourceMap): Exercise {
  const hosts: Record<string, HostConfig> = {};
  for (const [name, raw] of Object.entries(data.hosts as Obj)) {
    const h = raw as Obj;
    const cfg: HostConfig = { address: h.address as string, port: h.port as number };
    if (h.isn !== undefined) cfg.isn = h.isn as IsnSpec;
    for (const k of ['backlog', 'window', 'mss', 'wscale'] as const) if (typeof h[k] === 'number') cfg[k] = h[k] as number;
    if (typeof h.syncookies === 'boolean') cfg.syncookies = h.syncookies;
    if (typeof h.acceptBacklog === 'number') cfg.acceptBacklog = h.acceptBacklog;
    hosts[name] = cfg;
  }

  const network = (data.network ?? {}) as Obj;
  let latency: Scenario['network']['latency'] = DEFAULT_LATENCY;
  if (typeof network.latency === 'object' && network.latency !== null) {
    latency = Object.fromEntries(Object.entries(network.latency as Obj).map(([k, v]) => [k, ms(v)]));
  } else if (network.latency !== undefined && network.latency !== null) {
    latency = ms(network.latency);
  }

  const steps: Step[] = ((data.steps ?? []) as Obj[]).map((s, i) => toStep(s, map.mapRange(['steps', i])));
  const faults: Fault[] = ((data.faults ?? []) as Obj[]).map((f, i) => toFault(f, map.mapRange(['faults', i])));
  const questions: QuestionSpec[] = ((data.questions ?? []) as Obj[]).map((q, i) => toQuestion(q, map.mapRange(['questions', i])));

  const scenario: Scenario = {
    profile: ((data.profile as Profile | undefined) ?? 'rfc9293'),
    seed: (data.seed as number | undefined) ?? 0,
    hosts,
    network: { latency, ...(network.msl !== undefined && network.msl !== null ? { msl: ms(network.msl) } : {}) },
    steps,
    faults,
  };
  const ex: Exercise = { title: data.title as LocalText, scenario, questions };
  if (data.description !== undefined) ex.description = data.description as LocalText;
  if (data.body !== undefined) ex.body = data.body as LocalText;
  if (data.topic !== undefined) ex.topic = data.topic as string;
  if (data.misconceptions !== undefined) ex.misconceptions = data.misconceptions as LocalText[];
  return ex;
}

function toStep(s: Obj, source: unknown): Step {
  const at = optional(s.at, ms);
  if ('wait' in s) return { kind: 'wait', duration: ms(s.wait), source };
  if ('inject' in s) {
    const inj = s.inject as Obj;
    const step: Step = { kind: 'inject', from: inj.from as string, to: inj.to as string, flags: inj.flags as Flag[], source };
    const when = optional(inj.at, ms) ?? at;
    if (when !== undefined) step.at = when;
    for (const k of ['seq', 'ack', 'window'] as const) if (typeof inj[k] === 'number') step[k] = inj[k] as number;
    if (inj.data !== undefined) step.data = inj.data as number | string;
    return step;
  }
  const host = Object.keys(s).find((k) => k !== 'at') as string;
  const parsed = parseVerb(s[host] as string, 'en');
  if ('error' in parsed) throw new Error(parsed.error); // unreachable after validation
  const step: Step = { kind: 'call', host, call: parsed.call, source };
  if (parsed.target !== undefined) step.target = parsed.target;
  if (parsed.data !== undefined) step.data = parsed.data;
  if (at !== undefined) step.at = at;
  return step;
}

function toFault(f: Obj, source: unknown): Fault {
  const kind = FAULT_KINDS.find((k) => k in f) as Fault['kind'];
  const spec = (f[kind] ?? {}) as Obj;
  const fault: Fault = { kind, match: {}, nth: (spec.nth as number | 'last' | undefined) ?? 1, count: (spec.count as number | undefined) ?? 1, source };
  if (typeof spec.from === 'string') fault.match.from = spec.from;
  if (typeof spec.to === 'string') fault.match.to = spec.to;
  if (Array.isArray(spec.flags)) fault.match.flags = spec.flags as Flag[];
  if (typeof spec.len === 'number') fault.match.len = spec.len;
  const by = optional(spec.by, ms);
  if (by !== undefined) fault.by = by;
  return fault;
}

function toQuestion(q: Obj, source: unknown): QuestionSpec {
  const out: Obj = { ...q, source };
  if (q.msl !== undefined && q.msl !== null) out.msl = ms(q.msl);
  for (const k of Object.keys(out)) if (out[k] === null) delete out[k];
  return out as unknown as QuestionSpec;
}
