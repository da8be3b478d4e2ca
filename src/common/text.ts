/** Languages a learner can read TCP Tutor in. */
export type Lang = 'en' | 'zh-cn';
export const LANGS: readonly Lang[] = ['en', 'zh-cn'];

/** Text from an exercise file: one string for every language, or one per language. */
export type LocalText = string | { en: string; 'zh-cn'?: string };

/** Picks the text for `lang`, falling back to English. */
export function localize(text: LocalText | undefined, lang: Lang): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return text[lang] ?? text.en;
}

/** Maps a VS Code / OS locale ("zh-CN", "zh-cn", "zh-Hans", "en-US") to a supported language. */
export function langFromLocale(locale: string | undefined): Lang {
  const l = (locale ?? '').toLowerCase();
  return l.startsWith('zh') ? 'zh-cn' : 'en';
}
