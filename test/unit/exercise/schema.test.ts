import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import schema from '../../../schemas/exercise.schema.json';
import { FLAGS, TCP_STATES } from '../../../src/engine/types';
import { QUESTION_KINDS, SEGMENT_FIELDS } from '../../../src/quiz/types';

type Node = Record<string, unknown>;
const defs = schema.definitions as unknown as Record<string, Node>;

/** Every named property schema in the file, with its path. */
function properties(): [string, Node][] {
  const out: [string, Node][] = [];
  const visit = (node: Node, path: string) => {
    const props = node.properties as Record<string, Node> | undefined;
    if (props) for (const [k, v] of Object.entries(props)) out.push([`${path}.${k}`, v]);
  };
  visit(schema as unknown as Node, '');
  for (const [name, d] of Object.entries(defs)) visit(d, name);
  return out;
}

describe('exercise.schema.json', () => {
  it('is a valid draft-07 schema that ajv compiles', () => {
    const ajv = new Ajv({ strict: false });
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
  });
  it('documents every top-level key with description, markdownDescription and examples', () => {
    for (const [key, node] of Object.entries(schema.properties as Record<string, Node>)) {
      const doc = node.$ref ? { ...defs[String(node.$ref).split('/').pop()!], ...node } : node;
      expect(doc.description, key).toBeTruthy();
      expect(doc.markdownDescription, key).toBeTruthy();
      expect(doc.examples, key).toBeTruthy();
    }
  });
  it('every object is closed (additionalProperties false or a schema)', () => {
    const objects = [schema as unknown as Node, ...Object.values(defs)].filter((n) => n.properties);
    for (const o of objects) expect(o.additionalProperties, JSON.stringify(Object.keys(o.properties as object))).not.toBeUndefined();
  });
  it('every named property has a description (hover text)', () => {
    const missing = properties().filter(([, n]) => !n.description && !(n.$ref && defs[String(n.$ref).split('/').pop()!].description));
    expect(missing.map(([p]) => p)).toEqual([]);
  });
  it('enums match the engine and quiz contracts', () => {
    expect(defs.state.enum).toEqual(TCP_STATES);
    expect((defs.flags.items as Node).enum).toEqual(FLAGS);
    expect((schema.properties.profile as Node).enum).toEqual(['rfc9293', 'linux']);
    expect((defs.question.properties as Record<string, Node>).ask.enum).toEqual(QUESTION_KINDS);
    expect(((defs.question.properties as Record<string, Node>).fields.items as Node).enum).toEqual(SEGMENT_FIELDS);
  });
});
