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

/** Validates `data` against the schema; each error becomes one diagnostic at its node. */
export function schemaDiagnostics(data: unknown, map: SourceMap, lang: Lang): Diagnostic[] {
  const v = validate();
  if (v(data)) return [];
  const m = messages(lang);
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of v.errors ?? []) {
    const d = toDiagnostic(e, map, lang, m);
    if (!d) continue;
    const k = `${d.line}:${d.column}:${d.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(d);
  }
  return out;
}

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
      return map.diag(map.valueRange(path), 'error', 'schema-type', m.type(label, typeName(lang, (e.params as { type: string | string[] }).type)));
    case 'enum': {
      const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
      const value = String(e.data);
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
    default:
      return map.diag(map.valueRange(path), 'error', `schema-${e.keyword}`, m.generic(label, String(e.message)));
  }
}
