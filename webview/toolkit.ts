/**
 * The only module that knows which web-component library the page uses.
 *
 * `@vscode/webview-ui-toolkit` was deprecated upstream on 2025-01-01. Everything else in the
 * webview asks this module for controls by role (button, dropdown, text field, ...), so moving to
 * `@vscode-elements/elements` means rewriting this file alone.
 */
import {
  provideVSCodeDesignSystem,
  vsCodeButton,
  vsCodeCheckbox,
  vsCodeDropdown,
  vsCodeOption,
  vsCodeTextField,
  vsCodeProgressRing,
  vsCodeDivider,
} from '@vscode/webview-ui-toolkit';

let registered = false;

export function registerControls(): void {
  if (registered) return;
  registered = true;
  provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeCheckbox(), vsCodeDropdown(), vsCodeOption(), vsCodeTextField(), vsCodeProgressRing(), vsCodeDivider());
}

export interface ButtonOptions {
  label: string;
  /** Shown as a tooltip and read by screen readers. */
  title?: string;
  appearance?: 'primary' | 'secondary' | 'icon';
  onClick: () => void;
}

export function button(opts: ButtonOptions): HTMLElement {
  const el = document.createElement('vscode-button');
  el.textContent = opts.label;
  if (opts.title) {
    el.setAttribute('title', opts.title);
    el.setAttribute('aria-label', opts.title);
  }
  el.setAttribute('appearance', opts.appearance ?? 'secondary');
  el.addEventListener('click', () => opts.onClick());
  return el;
}

export function textField(opts: { label: string; placeholder?: string; value?: string }): HTMLElement & { value: string } {
  const el = document.createElement('vscode-text-field') as HTMLElement & { value: string };
  el.textContent = opts.label;
  if (opts.placeholder) el.setAttribute('placeholder', opts.placeholder);
  if (opts.value !== undefined) el.value = opts.value;
  return el;
}

export function dropdown(opts: { label: string; options: { value: string; label: string }[] }): HTMLElement & { value: string } {
  const el = document.createElement('vscode-dropdown') as HTMLElement & { value: string };
  el.setAttribute('aria-label', opts.label);
  for (const o of opts.options) {
    const opt = document.createElement('vscode-option');
    opt.setAttribute('value', o.value);
    opt.textContent = o.label;
    el.appendChild(opt);
  }
  return el;
}

export function checkbox(opts: { label: string; checked?: boolean }): HTMLElement & { checked: boolean } {
  const el = document.createElement('vscode-checkbox') as HTMLElement & { checked: boolean };
  el.textContent = opts.label;
  if (opts.checked) el.checked = true;
  return el;
}

export function divider(): HTMLElement {
  return document.createElement('vscode-divider');
}
