/**
 * The one typed protocol for host ⇄ webview traffic. Both sides import this module.
 *
 * Every message is `{ type: 'scope/verb', ...payload }`. Receivers call `parseToHost` /
 * `parseToWebview`, which validate the shape and return `undefined` for anything malformed:
 * the webview is untrusted territory, and a malformed message is dropped, never trusted.
 */

/** Messages the webview sends to the extension host. */
export type ToHost =
  | { type: 'webview/ready' }
  | { type: 'webview/error'; message: string };

/** Messages the extension host sends to the webview. */
export type ToWebview = { type: 'view/hello'; text: string };

type Validator<T> = (value: Record<string, unknown>) => T | undefined;

const isString = (v: unknown): v is string => typeof v === 'string';

const toHost: Record<ToHost['type'], Validator<ToHost>> = {
  'webview/ready': () => ({ type: 'webview/ready' }),
  'webview/error': (v) => (isString(v.message) ? { type: 'webview/error', message: v.message.slice(0, 2000) } : undefined),
};

const toWebview: Record<ToWebview['type'], Validator<ToWebview>> = {
  'view/hello': (v) => (isString(v.text) ? { type: 'view/hello', text: v.text } : undefined),
};

function parseWith<T>(table: Record<string, Validator<T>>, raw: unknown): T | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const value = raw as Record<string, unknown>;
  if (!isString(value.type) || !Object.prototype.hasOwnProperty.call(table, value.type)) return undefined;
  return table[value.type](value);
}

export const parseToHost = (raw: unknown): ToHost | undefined => parseWith(toHost, raw);
export const parseToWebview = (raw: unknown): ToWebview | undefined => parseWith(toWebview, raw);
