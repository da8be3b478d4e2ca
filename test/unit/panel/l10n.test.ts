import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');

/** Every `t('...')` message (src/l10n.ts: the UI's localizer) in the extension host's code (all of src/). */
function messages(): string[] {
  const files = (readdirSync(new URL('src/', root), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => `src/${f}`);
  const out = new Set<string>();
  for (const f of files) {
    const text = read(f);
    // translate(lang, '…') (the catalogue read without VS Code) anywhere; t('…') where it is src/l10n's.
    for (const m of text.matchAll(/(?<![\w.])translate\(\s*\w+,\s*'((?:[^'\\]|\\.)*)'/g)) out.add(m[1].replace(/\\'/g, "'"));
    // tr('…'): a module's own shorthand for translate(lang, …) (src/packs/pack.ts).
    if (/const tr = \(message: string/.test(text)) for (const m of text.matchAll(/(?<![\w.])tr\(\s*'((?:[^'\\]|\\.)*)'/g)) out.add(m[1].replace(/\\'/g, "'"));
    if (!/import \{ t \} from '\.{1,2}\/(?:\.\.\/)*l10n'/.test(text)) continue;
    for (const m of text.matchAll(/(?<![\w.])t\(\s*'((?:[^'\\]|\\.)*)'/g)) out.add(m[1].replace(/\\'/g, "'"));
  }
  return [...out];
}

describe('Simplified Chinese', () => {
  const bundle = JSON.parse(read('l10n/bundle.l10n.zh-cn.json')) as Record<string, string>;
  const keys = messages();

  it('finds the panel strings', () => {
    expect(keys.length).toBeGreaterThan(100);
  });

  it('translates every string the panel shows, keeping its placeholders', () => {
    const missing = keys.filter((k) => typeof bundle[k] !== 'string' || bundle[k].trim() === '');
    expect(missing).toEqual([]);
    for (const k of keys) {
      const want = (k.match(/\{\d+\}/g) ?? []).sort();
      expect((bundle[k].match(/\{\d+\}/g) ?? []).sort(), k).toEqual(want);
    }
  });

  it('has both languages for every %key% the manifest uses (commands, views, settings, walkthrough)', () => {
    const en = JSON.parse(read('package.nls.json')) as Record<string, string>;
    const zh = JSON.parse(read('package.nls.zh-cn.json')) as Record<string, string>;
    const used = [...read('package.json').matchAll(/"%([\w.-]+)%"/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(20);
    expect(used.filter((k) => !en[k])).toEqual([]);
    // Chinese everywhere but the product's name, which stays as it is.
    expect(used.filter((k) => !zh[k] || (!/[\u4e00-\u9fff]/.test(zh[k]) && zh[k] !== 'TCP Tutor'))).toEqual([]);
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    // Every command's title is localized, never a literal.
    const pkg = JSON.parse(read('package.json')) as { contributes: { commands: { title: string; category: string }[] } };
    for (const c of pkg.contributes.commands) {
      expect(c.title).toMatch(/^%.+%$/);
      expect(c.category).toBe('TCP Tutor');
    }
  });
});

describe('the catalogue when tcpTutor.language overrides the display language', () => {
  it('gives the Chinese message with its placeholders filled, English for en and for unknown messages', async () => {
    const { translate } = await import('../../../src/common/catalogue');
    expect(translate('zh-cn', '{0}/{1} correct', [3, 8])).toBe('答对 3/8');
    expect(translate('en', '{0}/{1} correct', [3, 8])).toBe('3/8 correct');
    expect(translate('zh-cn', 'no such message {0}', ['x'])).toBe('no such message x');
  });
});
