/**
 * Export: the page makes the bytes (it has Mermaid and a canvas), the host saves them (it has the
 * file system and the clipboard). Exported SVGs are self-contained: Mermaid inlines its styles,
 * and the size and background are set on the root element.
 */
import { renderSvg } from './diagram';

const LIGHT_BG = '#ffffff';
const DARK_BG = '#1e1e1e';

/** Renders `source` for a file: fixed size from the viewBox, an explicit background. */
export async function standaloneSvg(source: string, background: 'light' | 'dark', scale = 1): Promise<{ svg: string; width: number; height: number }> {
  const text = await renderSvg(source, { theme: background === 'dark' ? 'dark' : 'default' });
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const svg = doc.documentElement as unknown as SVGSVGElement;
  const vb = (svg.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
  const width = Math.ceil((vb[2] && vb[2] > 0 ? vb[2] : 800) * scale);
  const height = Math.ceil((vb[3] && vb[3] > 0 ? vb[3] : 600) * scale);
  svg.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('style', `background-color: ${background === 'dark' ? DARK_BG : LIGHT_BG}`);
  return { svg: new XMLSerializer().serializeToString(svg), width, height };
}

function base64OfBytes(bytes: Uint8Array): string {
  let bin = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) bin += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(bin);
}

/** A PNG (base64, no data: prefix) of `source` on a light or dark background, at twice the size. */
export async function pngBase64(source: string, background: 'light' | 'dark'): Promise<string> {
  const { svg, width, height } = await standaloneSvg(source, background, 2);
  const img = new Image();
  img.width = width;
  img.height = height;
  img.src = `data:image/svg+xml;base64,${base64OfBytes(new TextEncoder().encode(svg))}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas 2d context unavailable');
  ctx.fillStyle = background === 'dark' ? DARK_BG : LIGHT_BG;
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(img, 0, 0, width, height);
  const url = canvas.toDataURL('image/png');
  return url.slice(url.indexOf(',') + 1);
}

export function markdownBlock(source: string): string {
  return '```mermaid\n' + source.replace(/\n+$/, '') + '\n```\n';
}
