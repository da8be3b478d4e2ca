// Drives the VS Code workbench the way a learner does: F1, type a command title, Enter.
// Selectors are the workbench's own (quick input widget, editor tabs, webview iframes).
import { setTimeout as sleep } from 'node:timers/promises';

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = `${QUICK_INPUT} .quick-input-box input`;
const QUICK_ROWS = `${QUICK_INPUT} .monaco-list-row`;

export async function waitForWorkbench(page, timeoutMs = 60_000) {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
  // The status bar and the activity bar render once the workbench has restored its parts.
  await page.locator('.part.statusbar').waitFor({ state: 'visible', timeout: timeoutMs });
}

async function quickInputClosed(page) {
  await page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: 10_000 });
}

/** The label of the quick input row a learner's Enter would pick (the focused one). */
async function focusedRowLabel(page) {
  const focused = page.locator(`${QUICK_ROWS}.focused`).first();
  if ((await focused.count()) === 0) return '';
  return (await focused.getAttribute('aria-label')) ?? (await focused.innerText());
}

/**
 * Types `text` into the open quick input and picks the row whose label contains `expect`: with
 * Enter when it is the focused row (what a learner does), else with a click on it.
 */
async function pickRow(page, text, expect, beforeEnter) {
  const box = page.locator(QUICK_INPUT_BOX);
  await box.waitFor({ state: 'visible', timeout: 10_000 });
  await box.fill(text);
  const row = page.locator(QUICK_ROWS).filter({ hasText: expect }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  // The list filters as we type; let it settle before choosing.
  await sleep(150);
  beforeEnter?.();
  if ((await focusedRowLabel(page)).includes(expect)) await page.keyboard.press('Enter');
  else await row.click();
}

/** Opens the command palette (F1). */
export async function openPalette(page) {
  // Right after an editor closes (the settings editor, a webview) F1 can land nowhere: try again.
  for (let attempt = 1; ; attempt += 1) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    try {
      await page.locator(QUICK_INPUT_BOX).waitFor({ state: 'visible', timeout: attempt < 3 ? 3000 : 10_000 });
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
      // The way a learner gets there with the mouse: the command center, then `>` for commands.
      const center = page.locator('.command-center .command-center-center').first();
      if (await center.isVisible().catch(() => false)) {
        await center.click().catch(() => undefined);
        await page.locator(QUICK_INPUT_BOX).waitFor({ state: 'visible', timeout: 3000 }).catch(() => undefined);
        if (await page.locator(QUICK_INPUT_BOX).isVisible().catch(() => false)) {
          await page.keyboard.type('>');
          return;
        }
      }
      await page.locator('.monaco-workbench').first().focus().catch(() => undefined);
    }
  }
}

/**
 * The command titles the palette lists for `text` (without running anything). Contributed
 * commands appear once the extension host has read the manifests, and an open palette does not
 * refresh its list, so like a learner we close and reopen it until a matching row shows (20 s).
 */
export async function paletteEntries(page, text, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let labels = [];
  do {
    await openPalette(page);
    await page.locator(QUICK_INPUT_BOX).fill(`>${text}`);
    const match = page.locator(QUICK_ROWS).filter({ hasText: text }).first();
    const found = await match.waitFor({ state: 'visible', timeout: 4000 }).then(
      () => true,
      () => false,
    );
    await sleep(150);
    const rows = page.locator(QUICK_ROWS);
    labels = [];
    for (let i = 0; i < (await rows.count()); i += 1) labels.push(((await rows.nth(i).getAttribute('aria-label')) ?? (await rows.nth(i).innerText())).trim());
    await page.keyboard.press('Escape');
    if (found) break;
  } while (Date.now() < deadline);
  return labels;
}

/** F1, type the command's title, Enter. `beforeEnter` runs just before the Enter (for timing). */
export async function runCommand(page, title, { beforeEnter } = {}) {
  await openPalette(page);
  await pickRow(page, `>${title}`, title, beforeEnter);
  await quickInputClosed(page).catch(() => undefined);
}

/** `Preferences: Color Theme`, then the theme by its label (e.g. "Dark High Contrast"). */
export async function pickColorTheme(page, label) {
  await openPalette(page);
  await pickRow(page, '>Preferences: Color Theme', 'Preferences: Color Theme');
  // The theme picker is a second quick input; filter it to the theme's label.
  await pickRow(page, label, label);
  await quickInputClosed(page).catch(() => undefined);
}

/** Quick Open (the palette without '>') a workspace file by name and wait for its editor tab. */
export async function openFile(page, name) {
  await openPalette(page);
  await pickRow(page, name, name);
  await page.locator(`.tabs-container .tab[data-resource-name="${name}"]`).first().waitFor({ state: 'visible', timeout: 15_000 });
}

/** Closes every editor (webview panels included). */
export async function closeAllEditors(page) {
  await runCommand(page, 'View: Close All Editors');
  await page.locator('iframe.webview').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
}

/** The document inside the (last opened) webview: two iframes down. */
export function webviewFrame(page) {
  return page.frameLocator('iframe.webview >> nth=-1').frameLocator('#active-frame');
}

/** The workbench theme kind from its root classes: 'light' | 'dark' | 'hc-dark' | 'hc-light'. */
export async function workbenchThemeKind(page) {
  const cls = (await page.locator('.monaco-workbench').first().getAttribute('class')) ?? '';
  if (cls.includes('hc-black')) return 'hc-dark';
  if (cls.includes('hc-light')) return 'hc-light';
  if (cls.includes('vs-dark')) return 'dark';
  return 'light';
}

/**
 * Sets an enum setting the way a learner does: `Preferences: Open Settings (UI)`, search for the
 * setting's id, pick the value in its dropdown. Closes the settings editor afterwards.
 */
export async function setEnumSetting(page, id, value) {
  await runCommand(page, 'Preferences: Open Settings (UI)');
  const editor = page.locator('.settings-editor');
  await editor.waitFor({ state: 'visible', timeout: 15_000 });
  // The search box has the focus when the editor opens.
  await page.locator('.settings-editor .settings-header .suggest-input-container').first().click();
  await page.keyboard.type(`@id:${id}`);
  const select = page.locator(`.settings-editor .setting-item-enum select`).first();
  await select.waitFor({ state: 'visible', timeout: 15_000 });
  await select.selectOption(value);
  await sleep(500);
  const chosen = await select.inputValue().catch(() => '');
  await runCommand(page, 'View: Close Editor');
  return chosen;
}
