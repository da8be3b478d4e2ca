/**
 * The JSON Schema of the format (`schemas/exercise.schema.json`, also used by editors for hovers
 * and completion) and the mapping of its errors to diagnostics at the right YAML node.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import schemaJson from '../../schemas/exercise.schema.json';
import type { Lang } from '../common/text';
import { messages, typeName } from './messages';
import { lastKey, pathLabel, type Path, type SourceMap } from './source';
import type { Diagnostic } from './types';
import { didYouMean } from './util';

export const EXERCISE_SCHEMA: unknown = schemaJson;

let validator: ValidateFunction | undefined;

function validate(): ValidateFunction {
  if (!validator) {
    // `strict: false`: the schema carries editor annotations (markdownDescription, patternDescription).
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
    validator = ajv.compile(schemaJson as object);
  }
  return validator;
}

function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

interface SchemaLike {
  properties?: Record<string, unknown>;
  patternDescription?: string;
}

/** A path inside one of `suppressed` (or equal to it). */
function within(path: Path, suppressed: readonly Path[]): boolean {
  return suppressed.some((p) => p.length <= path.length && p.every((seg, i) => String(seg) === String(path[i])));
}

const SCALAR_KEYWORDS = new Set(['enum', 'const']);

/**
 * Validates `data` against the schema; each error becomes one diagnostic at its node. Errors under
 * `suppressed` paths are left out (a meaning check explained them); a value with an `enum` or
 * `const` error gets no `type` error too (one message per value).
 */
export function schemaDiagnostics(data: unknown, map: SourceMap, lang: Lang, suppressed: readonly Path[] = []): Diagnostic[] {
  const v = validate();
  if (v(data)) return [];
  const m = messages(lang);
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const errors = (v.errors ?? []).filter((e) => !within(decodePointer(e.instancePath), suppressed));
  const scalarPaths = new Set(errors.filter((e) => SCALAR_KEYWORDS.has(e.keyword)).map((e) => e.instancePath));
  for (const e of errors) {
    if (e.keyword === 'type' && scalarPaths.has(e.instancePath)) continue;
    const d = toDiagnostic(e, map, lang, m);
    if (!d) continue;
    const k = `${d.line}:${d.column}:${d.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(d);
  }
  return out;
}

/** A value from the file as a message shows it (never `[object Object]`). */
function shown(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  return JSON.stringify(v) ?? String(v);
}

const ITEM_KINDS: Record<string, 'step' | 'fault' | 'question'> = { steps: 'step', faults: 'fault', questions: 'question' };

function toDiagnostic(e: ErrorObject, map: SourceMap, lang: Lang, m: ReturnType<typeof messages>): Diagnostic | undefined {
  const path: Path = decodePointer(e.instancePath);
  const label = lastKey(path) || 'file';
  const parent = (e.parentSchema ?? {}) as SchemaLike;
  const propertyName = (e as ErrorObject & { propertyName?: string }).propertyName;
  if (propertyName !== undefined) {
    // propertyNames: the key itself is malformed.
    if (e.keyword === 'propertyNames') return undefined;
    const desc = parent.patternDescription ?? String(e.message);
    return map.diag(map.keyRange([...path, propertyName]), 'error', 'schema-pattern', m.pattern(propertyName, desc));
  }
  const limit = (e.params as { limit?: number }).limit ?? 0;
  const item = path.length === 2 && /^[0-9]+$/.test(String(path[1])) ? ITEM_KINDS[String(path[0])] : undefined;
  switch (e.keyword) {
    case 'if':
    case 'propertyNames':
      return undefined;
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const hint = didYouMean(key, Object.keys(parent.properties ?? {}));
      return map.diag(map.keyRange([...path, key]), 'error', 'unknown-key', m.unknownKey(key, hint));
    }
    case 'required': {
      const key = String((e.params as { missingProperty: string }).missingProperty);
      return map.diag(map.mapRange(path), 'error', 'schema-required', m.required(key, path.length ? pathLabel(path) : ''));
    }
    case 'type':
      if (item) return map.diag(map.valueRange(path), 'error', 'schema-type', m.itemType(item));
      return map.diag(map.valueRange(path), 'error', 'schema-type', m.type(label, typeName(lang, (e.params as { type: string | string[] }).type)));
    case 'enum': {
      const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
      if (typeof e.data === 'object' && e.data !== null) return map.diag(map.valueRange(path), 'error', 'schema-enum', m.enumOf(label, allowed));
      const value = shown(e.data);
      return map.diag(map.valueRange(path), 'error', 'schema-enum', m.enumValue(value, allowed, didYouMean(value, allowed)));
    }
    case 'const':
      if (path.length === 1 && path[0] === 'tcp-tutor') return map.diag(map.valueRange(path), 'error', 'schema-const', m.constVersion());
      return map.diag(map.valueRange(path), 'error', 'schema-const', m.generic(label, String(e.message)));
    case 'pattern':
      return map.diag(map.valueRange(path), 'error', 'schema-pattern', m.pattern(label, parent.patternDescription ?? String(e.message)));
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum': {
      const p = e.params as { comparison: string; limit: number };
      return map.diag(map.valueRange(path), 'error', 'schema-range', m.range(label, p.comparison, p.limit));
    }
    case 'minProperties':
      if (path.length === 1 && path[0] === 'hosts') return map.diag(map.valueRange(path), 'error', 'schema-minProperties', m.minHosts(limit));
      if (item === 'fault') return map.diag(map.valueRange(path), 'error', 'schema-minProperties', m.faultOneKind());
      return map.diag(map.valueRange(path), 'error', 'schema-minProperties', m.minProperties(label, limit));
    case 'maxProperties': {
      if (item === 'fault') {
        // At the first kind too many: the fault's second key.
        const keys = e.data && typeof e.data === 'object' ? Object.keys(e.data) : [];
        return map.diag(keys.length > limit ? map.keyRange([...path, keys[limit]]) : map.valueRange(path), 'error', 'schema-maxProperties', m.faultOneKind());
      }
      return map.diag(map.valueRange(path), 'error', 'schema-maxProperties', m.maxProperties(label, limit));
    }
    case 'uniqueItems': {
      const { i, j } = e.params as { i: number; j: number };
      const list = Array.isArray(e.data) ? (e.data as unknown[]) : [];
      const later = Math.max(i, j);
      return map.diag(map.valueRange([...path, later]), 'error', 'schema-uniqueItems', m.duplicateItem(label, shown(list[later])));
    }
    case 'minItems':
      return map.diag(map.valueRange(path), 'error', 'schema-minItems', m.minItems(label, limit));
    case 'maxItems':
      return map.diag(map.valueRange(path), 'error', 'schema-maxItems', m.maxItems(label, limit));
    case 'minLength':
      return map.diag(map.valueRange(path), 'error', 'schema-minLength', m.minLength(label, limit));
    case 'maxLength':
      return map.diag(map.valueRange(path), 'error', 'schema-maxLength', m.maxLength(label, limit));
    default:
      return map.diag(map.valueRange(path), 'error', `schema-${e.keyword}`, m.generic(label, String(e.message)));
  }
}
