/**
 * Mermaid's theme for VS Code's current theme (the body's vscode-light / vscode-dark /
 * vscode-high-contrast(-light) class). Shared by the diagram panel and the Markdown preview.
 */
export type MermaidTheme = 'default' | 'dark' | 'base';
export type ThemeConfig = { theme: MermaidTheme; themeVariables?: Record<string, string> };

/** The theme for the VS Code theme kind the body class names. */
export function themeFromBody(body: HTMLElement): ThemeConfig {
  const c = body.classList;
  if (c.contains('vscode-high-contrast-light')) return { theme: 'base', themeVariables: contrastVars('#ffffff', '#000000') };
  if (c.contains('vscode-high-contrast')) return { theme: 'base', themeVariables: contrastVars('#000000', '#ffffff') };
  // Mermaid's dark notes draw #b8b6b6 on #474949 (4.49:1): lighten the text past WCAG AA's 4.5:1.
  if (c.contains('vscode-dark')) return { theme: 'dark', themeVariables: { noteTextColor: '#f3f3f3', noteBkgColor: '#474949' } };
  return { theme: 'default' };
}

function contrastVars(bg: string, fg: string): Record<string, string> {
  return {
    background: bg,
    primaryColor: bg,
    primaryTextColor: fg,
    primaryBorderColor: fg,
    secondaryColor: bg,
    tertiaryColor: bg,
    lineColor: fg,
    textColor: fg,
    mainBkg: bg,
    actorBkg: bg,
    actorBorder: fg,
    actorTextColor: fg,
    actorLineColor: fg,
    signalColor: fg,
    signalTextColor: fg,
    labelBoxBkgColor: bg,
    labelBoxBorderColor: fg,
    labelTextColor: fg,
    loopTextColor: fg,
    noteBkgColor: bg,
    noteTextColor: fg,
    noteBorderColor: fg,
    sequenceNumberColor: bg,
  };
}
