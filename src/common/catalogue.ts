/**
 * The UI's message catalogue, readable without VS Code: English messages (the keys, with `{0}`
 * placeholders) and their translations in `l10n/bundle.l10n.<lang>.json`, the bundle VS Code's
 * own `vscode.l10n` reads. Pure.
 */
import zhCn from '../../l10n/bundle.l10n.zh-cn.json';
import type { Lang } from './text';

const BUNDLES: Record<Lang, Readonly<Record<string, string>> | undefined> = { en: undefined, 'zh-cn': zhCn };

/** `message` in `lang` with its placeholders filled; English when the catalogue lacks it. */
export function translate(lang: Lang, message: string, args: readonly (string | number | boolean)[] = []): string {
  const template = BUNDLES[lang]?.[message] ?? message;
  return template.replace(/\{(\d+)\}/g, (m, i: string) => {
    const v = args[Number(i)];
    return v === undefined ? m : String(v);
  });
}
