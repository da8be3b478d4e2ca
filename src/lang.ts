import * as vscode from 'vscode';
import { langFromLocale, type Lang } from './common/text';

/**
 * The language lesson texts, quiz feedback and diagrams are shown in: the `tcpTutor.language`
 * setting, or VS Code's display language when it is `auto`. (Menus and command titles always
 * follow VS Code's display language: VS Code localizes those itself.)
 */
export function currentLang(): Lang {
  const setting = vscode.workspace.getConfiguration('tcpTutor').get<string>('language', 'auto');
  if (setting === 'en' || setting === 'zh-cn') return setting;
  return langFromLocale(vscode.env.language);
}
