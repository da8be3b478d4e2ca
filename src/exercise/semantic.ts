/**
 * Checks the schema cannot express: host names used before they exist, step verbs, durations,
 * duplicate ids and addresses, states spelt wrong. Defensive: runs even when the schema failed,
 * so it only looks at values of the expected type.
 */
import type { Lang } from '../common/text';
import { TCP_STATES, type UserCall } from '../engine/types';
import { messages } from './messages';
import type { Path, SourceMap } from './source';
import type { Diagnostic } from './types';
import { parseState } from '../quiz/parse';
import { PRACTICE_TOPICS } from '../quiz/practice';
import { didYouMean, ENDPOINT, HOST_NAME, parseDuration } from './util';

export const STEP_VERBS: readonly UserCall[] = ['listen', 'connect', 'send', 'receive', 'close', 'abort', 'status', 'crash', 'reboot'];
export const RESERVED_STEP_KEYS = ['wait', 'inject', 'at'] as const;
export const FAULT_KINDS = ['drop', 'duplicate', 'delay', 'reorder'] as const;
export const ISN_GENERATORS = ['rfc793', 'rfc6528', 'plus128000'] as const;

const COMMON_QUESTION_KEYS = ['id', 'ask', 'prompt', 'explain', 'hints', 'tries', 'expect'];
const QUESTION_KEYS: Record<string, string[]> = {
  state: ['host', 'after'],
  seq: ['segment', 'numbers'],
  ack: ['segment', 'numbers'],
  flags: ['segment'],
  accepted: ['segment'],
  segment: ['segment', 'fields', 'numbers'],
  number: ['topic', 'options', 'window', 'wscale', 'msl', 'host'],
  choice: ['choices', 'answer'],
};

export type ParsedVerb = { call: UserCall; target?: string; data?: number | string } | { error: string };

/** `connect server`, `send 100`, `send "hello"`, `close`, ... → a call (or why it is not one). */
export function parseVerb(text: string, lang: Lang): ParsedVerb {
  const m = messages(lang);
  const match = /^\s*(\S+)(?:\s+([\s\S]*?))?\s*$/.exec(text);
  if (!match) return { error: m.unknownVerb(text.trim(), undefined) };
  const verb = match[1];
  const arg = match[2];
  if (!(STEP_VERBS as readonly string[]).includes(verb)) return { error: m.unknownVerb(verb, didYouMean(verb, STEP_VERBS)) };
  const call = verb as UserCall;
  if (call === 'connect') {
    if (!arg || /\s/.test(arg)) return { error: m.connectNeedsPeer() };
    return { call, target: arg };
  }
  if (call === 'send') {
    if (arg === undefined) return { error: m.sendNeedsData() };
    if (/^[0-9]+$/.test(arg)) return { call, data: Number(arg) };
    if (/^"(?:[^"\\]|\\.)*"$/.test(arg)) {
      try {
        return { call, data: JSON.parse(arg) as string };
      } catch {
        return { error: m.sendNeedsData() };
      }
    }
    if (/^'(?:[^']|'')*'$/.test(arg)) return { call, data: arg.slice(1, -1).replace(/''/g, "'") };
    return { error: m.sendNeedsData() };
  }
  if (arg !== undefined && arg !== '') return { error: m.verbTakesNoArgument(verb) };
  return { call };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function semanticDiagnostics(data: Record<string, unknown>, map: SourceMap, lang: Lang): Diagnostic[] {
  const m = messages(lang);
  const out: Diagnostic[] = [];
  const err = (range: ReturnType<SourceMap['valueRange']>, code: string, message: string) => out.push(map.diag(range, 'error', code, message));
  const warn = (range: ReturnType<SourceMap['valueRange']>, code: string, message: string) => out.push(map.diag(range, 'warning', code, message));

  const hosts = isObject(data.hosts) ? data.hosts : {};
  const hostNames = Object.keys(hosts).filter((h) => HOST_NAME.test(h));

  const checkDuration = (value: unknown, path: Path) => {
    if (value === undefined || value === null) return;
    if ((typeof value === 'string' || typeof value === 'number') && parseDuration(value) === null) err(map.valueRange(path), 'bad-duration', m.badDuration(String(value)));
  };
  const checkHost = (name: unknown, path: Path, asKey = false) => {
    if (typeof name !== 'string' || hostNames.includes(name)) return;
    err(asKey ? map.keyRange(path) : map.valueRange(path), 'unknown-host', m.unknownHost(name, didYouMean(name, hostNames)));
  };
  const checkEndpoint = (value: unknown, path: Path) => {
    if (typeof value !== 'string' || hostNames.includes(value) || ENDPOINT.test(value)) return;
    if (HOST_NAME.test(value)) checkHost(value, path);
    else err(map.valueRange(path), 'bad-endpoint', m.badEndpoint(value, didYouMean(value, hostNames)));
  };

  // topic: the id of a randomised-practice generator.
  if (typeof data.topic === 'string' && !PRACTICE_TOPICS.includes(data.topic)) {
    warn(map.valueRange(['topic']), 'unknown-topic', m.unknownTopic(data.topic, PRACTICE_TOPICS, didYouMean(data.topic, PRACTICE_TOPICS)));
  }

  // hosts: duplicate addresses. Each host is a machine with its own IP address.
  const byAddress = new Map<string, string>();
  for (const [name, h] of Object.entries(hosts)) {
    if (isObject(h) && typeof h.isn === 'string' && !(ISN_GENERATORS as readonly string[]).includes(h.isn)) {
      err(map.valueRange(['hosts', name, 'isn']), 'unknown-isn', m.unknownIsn(h.isn, didYouMean(h.isn, ISN_GENERATORS)));
    }
    if (!isObject(h) || typeof h.address !== 'string') continue;
    const other = byAddress.get(h.address);
    if (other !== undefined) err(map.valueRange(['hosts', name, 'address']), 'duplicate-address', m.duplicateAddress(h.address, other));
    else byAddress.set(h.address, name);
  }

  // network
  if (isObject(data.network)) {
    const latency = data.network.latency;
    if (isObject(latency)) {
      for (const [dir, v] of Object.entries(latency)) {
        const parts = dir.split('->');
        if (parts.length === 2) for (const p of parts) if (HOST_NAME.test(p) && !hostNames.includes(p)) err(map.keyRange(['network', 'latency', dir]), 'unknown-host', m.unknownHost(p, didYouMean(p, hostNames)));
        checkDuration(v, ['network', 'latency', dir]);
      }
    } else checkDuration(latency, ['network', 'latency']);
    checkDuration(data.network.msl, ['network', 'msl']);
  }

  // steps
  if (Array.isArray(data.steps)) {
    data.steps.forEach((step, i) => {
      if (!isObject(step)) return;
      const base: Path = ['steps', i];
      const keys = Object.keys(step);
      const actions = keys.filter((k) => k !== 'at');
      checkDuration(step.at, [...base, 'at']);
      if (actions.length !== 1) err(map.mapRange(base), 'step-shape', m.stepShape(actions));
      for (const k of actions) {
        const value = step[k];
        if (k === 'wait') {
          checkDuration(value, [...base, 'wait']);
          if ('at' in step) err(map.keyRange([...base, 'at']), 'step-shape', m.atOnWait());
        } else if (k === 'inject') {
          if (!isObject(value)) continue;
          checkEndpoint(value.from, [...base, 'inject', 'from']);
          checkEndpoint(value.to, [...base, 'inject', 'to']);
          checkDuration(value.at, [...base, 'inject', 'at']);
        } else {
          if (!hostNames.includes(k)) {
            err(map.keyRange([...base, k]), 'unknown-host', m.unknownHost(k, didYouMean(k, [...hostNames, ...RESERVED_STEP_KEYS])));
          }
          if (typeof value !== 'string') continue;
          const parsed = parseVerb(value, lang);
          if ('error' in parsed) {
            err(map.valueRange([...base, k]), 'unknown-verb', parsed.error);
          } else if (parsed.call === 'connect' && parsed.target !== undefined) {
            if (parsed.target === k) err(map.valueRange([...base, k]), 'connect-self', m.connectSelf(k));
            else checkHost(parsed.target, [...base, k]);
          }
        }
      }
    });
  }

  // faults
  if (Array.isArray(data.faults)) {
    data.faults.forEach((fault, i) => {
      if (!isObject(fault)) return;
      for (const kind of FAULT_KINDS) {
        const spec = fault[kind];
        if (!isObject(spec)) continue;
        const base: Path = ['faults', i, kind];
        checkEndpoint(spec.from, [...base, 'from']);
        checkEndpoint(spec.to, [...base, 'to']);
        checkDuration(spec.by, [...base, 'by']);
        if (kind === 'delay' && spec.by === undefined) err(map.keyRange(base), 'delay-needs-by', m.delayNeedsBy());
        if (kind !== 'delay' && spec.by !== undefined) warn(map.keyRange([...base, 'by']), 'by-only-for-delay', m.byOnlyForDelay());
      }
    });
  }

  // questions
  if (Array.isArray(data.questions)) {
    const ids = new Map<string, number>();
    data.questions.forEach((qn, i) => {
      if (!isObject(qn)) return;
      const base: Path = ['questions', i];
      if (typeof qn.id === 'string') {
        const first = ids.get(qn.id);
        if (first !== undefined) err(map.valueRange([...base, 'id']), 'duplicate-id', m.duplicateId(qn.id, first));
        else ids.set(qn.id, map.valueRange([...base, 'id']).line);
      }
      const kind = typeof qn.ask === 'string' ? qn.ask : undefined;
      if (kind === undefined || !(kind in QUESTION_KEYS)) return;
      if (kind === 'state' || kind === 'number') checkHost(qn.host, [...base, 'host']);
      checkDuration(qn.msl, [...base, 'msl']);
      const allowed = new Set([...COMMON_QUESTION_KEYS, ...QUESTION_KEYS[kind]]);
      for (const k of Object.keys(qn)) {
        if (!allowed.has(k) && Object.values(QUESTION_KEYS).some((ks) => ks.includes(k))) warn(map.keyRange([...base, k]), 'key-not-for-kind', m.keyNotForKind(k, kind));
      }
      if (kind === 'state' && typeof qn.expect === 'string' && !parseState(qn.expect, lang).ok) {
        err(map.valueRange([...base, 'expect']), 'bad-state', m.badState(qn.expect, didYouMean(qn.expect, TCP_STATES)));
      }
      if (kind === 'choice' && Array.isArray(qn.choices) && typeof qn.answer === 'number' && qn.answer >= qn.choices.length) {
        err(map.valueRange([...base, 'answer']), 'choice-answer', m.choiceAnswer(qn.answer, qn.choices.length));
      }
    });
  }
  return out;
}
