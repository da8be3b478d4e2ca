import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');

/** Every `vscode.l10n.t('...')` message in the extension host's code (all of src/). */
function messages(): string[] {
  const files = (readdirSync(new URL('src/', root), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => `src/${f}`);
  const out = new Set<string>();
  for (const f of files) {
    for (const m of read(f).matchAll(/vscode\.l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) out.add(m[1].replace(/\\'/g, "'"));
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
    expect(used.filter((k) => !zh[k] || !/[\u4e00-\u9fff]/.test(zh[k]))).toEqual([]);
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    // Every command's title is localized, never a literal.
    const pkg = JSON.parse(read('package.json')) as { contributes: { commands: { title: string; category: string }[] } };
    for (const c of pkg.contributes.commands) {
      expect(c.title).toMatch(/^%.+%$/);
      expect(c.category).toBe('TCP Tutor');
    }
  });
});
