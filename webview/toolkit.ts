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
  vsCodeRadio,
  vsCodeRadioGroup,
} from '@vscode/webview-ui-toolkit';

let registered = false;

export function registerControls(): void {
  if (registered) return;
  registered = true;
  provideVSCodeDesignSystem().register(
    vsCodeButton(),
    vsCodeCheckbox(),
    vsCodeDropdown(),
    vsCodeOption(),
    vsCodeTextField(),
    vsCodeProgressRing(),
    vsCodeDivider(),
    vsCodeRadio(),
    vsCodeRadioGroup(),
  );
}

export type Control<V> = HTMLElement & V;

const BUTTON_TAG = 'vscode-button';
const FORM_CONTROL_TAGS = ['vscode-text-field', 'vscode-dropdown', 'vscode-radio-group', 'vscode-radio', 'vscode-checkbox', 'vscode-option'];

/** Whether `el` is (inside) one of our buttons: the button itself, or its shadow content's host. */
export function isButton(el: Element | null | undefined): boolean {
  return el?.closest(BUTTON_TAG) != null;
}

/** Whether `el` is a form control of the library (keys typed there belong to it, not to the page). */
export function isFormControl(el: Element | null | undefined): boolean {
  return el != null && FORM_CONTROL_TAGS.includes(el.tagName.toLowerCase());
}

/** Whether Enter on `el` belongs to the control itself (a dropdown opens and picks with it). */
export function takesEnter(el: Element | null | undefined): boolean {
  const tag = el?.tagName.toLowerCase();
  return tag === 'vscode-dropdown' || tag === 'vscode-option';
}

/** The first focusable form control under `root` (for putting the focus into a form). */
export function firstFormControl(root: ParentNode): HTMLElement | null {
  return root.querySelector<HTMLElement>(FORM_CONTROL_TAGS.filter((t) => t !== 'vscode-option' && t !== 'vscode-radio-group').join(', '));
}

export interface ButtonOptions {
  label: string;
  /** Shown as a tooltip and read by screen readers. */
  title?: string;
  appearance?: 'primary' | 'secondary' | 'icon';
  /** Stable hook for tests and styling: `data-action`. */
  action?: string;
  /** `aria-keyshortcuts`, e.g. `ArrowRight`. */
  keys?: string;
  onClick: () => void;
}

export function button(opts: ButtonOptions): Control<{ disabled: boolean }> {
  const el = document.createElement('vscode-button') as Control<{ disabled: boolean }>;
  el.textContent = opts.label;
  if (opts.title) {
    el.setAttribute('title', opts.title);
    el.setAttribute('aria-label', opts.title);
  }
  if (opts.action) el.dataset.action = opts.action;
  if (opts.keys) el.setAttribute('aria-keyshortcuts', opts.keys);
  el.setAttribute('appearance', opts.appearance ?? 'secondary');
  el.addEventListener('click', () => {
    if (!el.disabled) opts.onClick();
  });
  return el;
}

/** Enables or disables a control made here. */
export function setDisabled(el: HTMLElement, disabled: boolean): void {
  (el as Control<{ disabled: boolean }>).disabled = disabled;
  if (disabled) el.setAttribute('disabled', '');
  else el.removeAttribute('disabled');
}

export function textField(opts: { label: string; placeholder?: string; value?: string; name?: string }): Control<{ value: string }> {
  const el = document.createElement('vscode-text-field') as Control<{ value: string }>;
  el.textContent = opts.label;
  if (opts.placeholder) el.setAttribute('placeholder', opts.placeholder);
  if (opts.name) el.setAttribute('name', opts.name);
  if (opts.value !== undefined) el.value = opts.value;
  return el;
}

export function dropdown(opts: { label: string; options: { value: string; label: string }[]; name?: string }): Control<{ value: string }> {
  const el = document.createElement('vscode-dropdown') as Control<{ value: string }>;
  el.setAttribute('aria-label', opts.label);
  // The open list is positioned inside the dropdown, which sits in the page's root stacking context
  // below the sticky toolbar (z-index 2): a list that opens upwards would slide under the toolbar,
  // and clicks on its top options would land on the toolbar. While it is open, lift the dropdown.
  new MutationObserver(() => {
    const open = el.hasAttribute('open');
    el.style.position = open ? 'relative' : '';
    el.style.zIndex = open ? '10' : '';
  }).observe(el, { attributes: true, attributeFilter: ['open'] });
  if (opts.name) el.setAttribute('name', opts.name);
  for (const o of opts.options) {
    const opt = document.createElement('vscode-option');
    opt.setAttribute('value', o.value);
    opt.textContent = o.label;
    el.appendChild(opt);
  }
  return el;
}

export function checkbox(opts: { label: string; checked?: boolean; value?: string; onChange?: (checked: boolean) => void }): Control<{ checked: boolean }> {
  const el = document.createElement('vscode-checkbox') as Control<{ checked: boolean }>;
  el.textContent = opts.label;
  if (opts.value !== undefined) el.setAttribute('value', opts.value);
  if (opts.checked) {
    el.checked = true;
    el.setAttribute('checked', '');
  }
  if (opts.onChange) {
    const cb = opts.onChange;
    el.addEventListener('change', () => cb(el.checked));
  }
  return el;
}

/** A radio group; `value` of the result is the chosen option's value ('' when none). */
export function radioGroup(opts: { label: string; options: { value: string; label: string }[]; name?: string }): Control<{ value: string }> {
  const group = document.createElement('vscode-radio-group') as Control<{ value: string }>;
  group.setAttribute('orientation', 'vertical');
  if (opts.name) group.setAttribute('name', opts.name);
  const legend = document.createElement('label');
  legend.setAttribute('slot', 'label');
  legend.textContent = opts.label;
  group.appendChild(legend);
  for (const o of opts.options) {
    const r = document.createElement('vscode-radio');
    r.setAttribute('value', o.value);
    r.textContent = o.label;
    group.appendChild(r);
  }
  return group;
}

export function divider(): HTMLElement {
  return document.createElement('vscode-divider');
}

export function progressRing(label: string): HTMLElement {
  const el = document.createElement('vscode-progress-ring');
  el.setAttribute('aria-label', label);
  return el;
}
