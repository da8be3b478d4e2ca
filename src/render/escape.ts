/**
 * Escaping for text placed in Mermaid sequence-diagram statements.
 *
 * Mermaid replaces `#NNN;` (decimal code point) and `#name;` with HTML entities before it parses
 * (see "Entity codes to escape characters" in Mermaid's sequence diagram docs), so encoding every
 * character that the grammar treats specially keeps a label inside its statement:
 * - `;` and newlines end a statement, `#` starts a comment and ends label text (`[^#\n;]`),
 * - `%%` starts a comment and `%%{init: ...}%%` is a directive found anywhere in the text,
 * - `<`, `>`, `"`, `'`, `&` and `` ` `` would reach the SVG/HTML (`<br>` injection, markdown strings),
 * - `:` separates an arrow from its text, `{`/`}` open participant config (`@{ ... }`),
 * - `$$` opens KaTeX math in labels,
 * - `--` and a leading `+`/`-` read as arrows / activation markers,
 * - `ﬂ`, `°`, `¶` are the private markers Mermaid uses while entity-encoding; encoding them stops
 *   a label from forging an entity.
 */

const ENTITY: Readonly<Record<string, string>> = {
  ';': '#59;',
  '#': '#35;',
  '%': '#37;',
  '<': '#60;',
  '>': '#62;',
  '"': '#34;',
  "'": '#39;',
  '&': '#38;',
  '`': '#96;',
  ':': '#58;',
  '{': '#123;',
  '}': '#125;',
  '@': '#64;',
  '$': '#36;',
  '\u00b0': '#176;',
  '\u00b6': '#182;',
  '\ufb02': '#64258;',
};

/**
 * Makes `text` safe as the text part of a Mermaid statement (message, note, participant alias,
 * `rect`/`par` label): the result can never end the statement early, add a statement, open a
 * directive or a comment, or carry raw HTML. Mermaid shows the original characters.
 */
export function escapeLabel(text: string): string {
  // Line and paragraph separators, tabs and other control characters become spaces.
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, ' ');
  let out = '';
  for (let i = 0; i < flat.length; i++) {
    const c = flat.charAt(i);
    const mapped = ENTITY[c];
    if (mapped !== undefined) {
      out += mapped;
    } else if ((c === '-' || c === '+') && (i === 0 || flat[i - 1] === '-' || flat[i + 1] === '-' || flat[i + 1] === '>')) {
      // `--` (dotted arrows), `->` and a leading `+`/`-` (activation) are encoded.
      out += c === '-' ? '#45;' : '#43;';
    } else {
      out += c;
    }
  }
  return out;
}
