/**
 * Parses diagram text with Mermaid itself (its sequence-diagram parser runs in Node without a
 * DOM) and returns what it understood: participants and the statements (messages, notes, blocks).
 */
import mermaid from 'mermaid';

export interface Parsed {
  actors: { id: string; description: string }[];
  messages: { from?: string; to?: string; message: string; type: number }[];
}

/** Mermaid's LINETYPE codes for the statements the renderer writes. */
export const LINETYPE = { SOLID: 0, NOTE: 2, SOLID_CROSS: 3, PAR_START: 19, PAR_AND: 20, PAR_END: 21, RECT_START: 22, RECT_END: 23 } as const;

interface SequenceDb {
  getActors(): Map<string, { name: string; description: string }>;
  getMessages(): { from?: string; to?: string; message: string; type: number }[];
}

let ready: Promise<unknown> | null = null;

export async function parseMermaid(text: string): Promise<Parsed> {
  // The first parse registers the built-in diagram types.
  ready ??= mermaid.parse('sequenceDiagram\nA->>B: x\n');
  await ready;
  await mermaid.parse(text); // throws on a syntax error
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  const db = diagram.db as unknown as SequenceDb;
  return {
    actors: [...db.getActors().values()].map((a) => ({ id: a.name, description: a.description })),
    messages: db.getMessages().map((m) => ({ from: m.from, to: m.to, message: m.message, type: m.type })),
  };
}

/** Mermaid keeps entity codes as private markers until the SVG is written; this decodes them. */
export function decodeEntities(text: string): string {
  return text
    .replace(/ﬂ°°(\d+)¶ß/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/ﬂ°(\w+)¶ß/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', amp: '&' })[name] ?? `&${name};`);
}
