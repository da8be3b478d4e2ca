/**
 * Checks the schema cannot express: host names used before they exist, step verbs, durations,
 * duplicate ids and addresses, states spelt wrong. Defensive: runs even when the schema failed,
 * so it only looks at values of the expected type.
 */
import type { Lang } from '../common/text';
import { TCP_STATES, type UserCall } from '../engine/types';
import { parseAddress } from '../engine/wire';
import { messages } from './messages';
import type { Path, SourceMap } from './source';
import { EXERCISE_LIMITS, type Diagnostic } from './types';
import { parseAcceptance, parseState } from '../quiz/parse';
import { PRACTICE_TOPICS } from '../quiz/practice';
import { ACCEPTANCES } from '../quiz/types';
import { didYouMean, ENDPOINT, HOST_NAME, parseDuration, utf8Length } from './util';

export const STEP_VERBS: readonly UserCall[] = ['listen', 'accept', 'connect', 'send', 'receive', 'close', 'abort', 'status', 'crash', 'reboot'];
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
    if (/^[0-9]+$/.test(arg)) {
      const n = Number(arg);
      if (n > EXERCISE_LIMITS.maxSendBytes) return { error: m.sendTooBig(arg.replace(/^0+(?=.)/, ''), EXERCISE_LIMITS.maxSendBytes) };
      return { call, data: n };
    }
    if (/^"(?:[^"\\]|\\.)*"$/.test(arg)) {
      const bad = /\\(?:u(?![0-9a-fA-F]{4})[0-9a-fA-F]{0,3}|[^"\\/bfnrtu])/.exec(arg);
      if (bad) return { error: m.badEscape(bad[0]) };
      try {
        return { call, data: JSON.parse(arg) as string };
      } catch {
        // A control character in the text (a tab): JSON wants it escaped, the text means it as written.
        return { call, data: arg.slice(1, -1).replace(/\\(["\\/bfnrt]|u[0-9a-fA-F]{4})/g, (e) => JSON.parse(`"${e}"`) as string) };
      }
    }
    if (/^'(?:[^']|'')*'$/.test(arg)) return { call, data: arg.slice(1, -1).replace(/''/g, "'") };
    if (/^["']/.test(arg)) return { error: m.unclosedSendQuote() };
    return { error: m.sendNeedsData() };
  }
  if (arg !== undefined && arg !== '') return { error: m.verbTakesNoArgument(verb) };
  return { call };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Bytes a `send` or `inject` payload carries: a count, or the UTF-8 length of its text. */
function payloadBytes(data: unknown): number {
  if (typeof data === 'number') return Number.isFinite(data) ? Math.max(0, Math.floor(data)) : 0;
  if (typeof data === 'string') return utf8Length(data);
  return 0;
}

/**
 * The meaning checks. `suppressed` collects paths whose schema errors would only repeat what a
 * meaning check already said (the value under a misspelt step key: it was never meant for a host).
 */
export function semanticDiagnostics(data: Record<string, unknown>, map: SourceMap, lang: Lang, suppressed: Path[] = []): Diagnostic[] {
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
  /** A host name or `address:port`; returns the address family (4 or 6) when it is valid. */
  const checkEndpoint = (value: unknown, path: Path): 4 | 6 | undefined => {
    if (typeof value !== 'string' || value === '') return undefined; // the schema says it must not be empty
    if (hostNames.includes(value)) return 4; // host addresses are IPv4
    const ep = ENDPOINT.exec(value);
    if (ep) {
      const [, addr, port] = ep;
      let family: 4 | 6 | undefined;
      try {
        family = parseAddress(addr!).length === 16 ? 6 : 4;
      } catch {
        family = undefined;
      }
      if (family === undefined) err(map.valueRange(path), 'bad-address', m.badAddress(addr!));
      else if (Number(port) > 65535) err(map.valueRange(path), 'bad-port', m.badPort(port!.replace(/^0+(?=.)/, '')));
      else return family;
      return undefined;
    }
    if (HOST_NAME.test(value)) checkHost(value, path);
    else err(map.valueRange(path), 'bad-endpoint', m.badEndpoint(value, didYouMean(value, hostNames)));
    return undefined;
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
    let total = 0;
    let totalReported = false;
    const count = (bytes: number, path: Path) => {
      total += bytes;
      if (total > EXERCISE_LIMITS.maxTotalBytes && !totalReported) {
        totalReported = true;
        err(map.valueRange(path), 'limit-total-data', m.totalTooBig(total, EXERCISE_LIMITS.maxTotalBytes));
      }
    };
    data.steps.forEach((step, i) => {
      if (!isObject(step)) return;
      const base: Path = ['steps', i];
      const keys = Object.keys(step);
      // A key that is neither a host nor `at` but is close to `wait`, `inject` or `at` is a
      // misspelt step key: one error, and its value is not read as a call.
      const misspelt = new Map<string, string>();
      for (const k of keys) {
        if (hostNames.includes(k) || (RESERVED_STEP_KEYS as readonly string[]).includes(k)) continue;
        const hint = didYouMean(k, [...hostNames, ...RESERVED_STEP_KEYS]);
        if (hint !== undefined && (RESERVED_STEP_KEYS as readonly string[]).includes(hint)) misspelt.set(k, hint);
      }
      const actions = keys.filter((k) => k !== 'at' && misspelt.get(k) !== 'at');
      checkDuration(step.at, [...base, 'at']);
      if (actions.length !== 1) err(map.mapRange(base), 'step-shape', m.stepShape(actions));
      for (const [k, hint] of misspelt) {
        err(map.keyRange([...base, k]), 'unknown-key', m.unknownKey(k, hint));
        suppressed.push([...base, k]);
      }
      for (const k of actions) {
        const value = step[k];
        if (misspelt.has(k)) continue;
        if (k === 'wait') {
          checkDuration(value, [...base, 'wait']);
          if ('at' in step) err(map.keyRange([...base, 'at']), 'step-shape', m.atOnWait());
        } else if (k === 'inject') {
          if (!isObject(value)) continue;
          const from = checkEndpoint(value.from, [...base, 'inject', 'from']);
          const to = checkEndpoint(value.to, [...base, 'inject', 'to']);
          if (from !== undefined && to !== undefined && from !== to) err(map.valueRange([...base, 'inject', 'to']), 'mixed-families', m.mixedFamilies());
          checkDuration(value.at, [...base, 'inject', 'at']);
          const bytes = payloadBytes(value.data);
          if (bytes > EXERCISE_LIMITS.maxInjectBytes) err(map.valueRange([...base, 'inject', 'data']), 'limit-inject-data', m.injectTooBig(bytes, EXERCISE_LIMITS.maxInjectBytes));
          else count(bytes, [...base, 'inject', 'data']);
        } else {
          if (!hostNames.includes(k)) {
            err(map.keyRange([...base, k]), 'unknown-host', m.unknownHost(k, didYouMean(k, hostNames)));
          }
          if (typeof value !== 'string') continue;
          const parsed = parseVerb(value, lang);
          if ('error' in parsed) {
            err(map.valueRange([...base, k]), 'unknown-verb', parsed.error);
          } else if (parsed.call === 'connect' && parsed.target !== undefined) {
            if (parsed.target === k) err(map.valueRange([...base, k]), 'connect-self', m.connectSelf(k));
            else checkHost(parsed.target, [...base, k]);
          } else if (parsed.call === 'send') {
            count(payloadBytes(parsed.data), [...base, k]);
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
      if (kind === 'accepted' && qn.expect !== undefined && qn.expect !== null && (typeof qn.expect !== 'string' || !parseAcceptance(qn.expect, lang).ok)) {
        const shown = typeof qn.expect === 'string' || typeof qn.expect === 'number' || typeof qn.expect === 'boolean' ? String(qn.expect) : JSON.stringify(qn.expect);
        err(map.valueRange([...base, 'expect']), 'bad-acceptance', m.acceptedExpect(shown, ACCEPTANCES));
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
