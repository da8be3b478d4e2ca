/**
 * The strings of TCP Tutor's own UI (the diagram panel, the Lessons view, its pickers and messages)
 * in the learner's language: `tcpTutor.language`, or VS Code's display language when it is `auto`.
 *
 * When the two agree this is `vscode.l10n.t` with VS Code's bundle; when the setting overrides the
 * display language (an English VS Code, Chinese lessons) the same catalogue,
 * `l10n/bundle.l10n.zh-cn.json`, is read here, so the panel never mixes an English frame with a
 * Chinese lesson. Command titles and menus stay VS Code's: it localizes those itself.
 */
import * as vscode from 'vscode';
import { translate } from './common/catalogue';
import { langFromLocale } from './common/text';
import { currentLang } from './lang';

/** A UI string in the learner's language (see the module comment). */
export function t(message: string, ...args: (string | number | boolean)[]): string {
  const lang = currentLang();
  if (lang === langFromLocale(vscode.env.language)) return vscode.l10n.t(message, ...args);
  return translate(lang, message, args);
}
