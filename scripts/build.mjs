// Builds every bundle into dist/: the extension host, the CLI and the webview.
//   node scripts/build.mjs              development build with source maps
//   node scripts/build.mjs --production minified, no source maps (what `npm run package` ships)
//   node scripts/build.mjs --watch      rebuild on change
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'info',
  legalComments: production ? 'none' : 'inline',
  target: 'es2022',
};

const configs = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    // The page inside the webview. ESM with code splitting: Mermaid loads each diagram type
    // with a dynamic import, so opening a sequence diagram fetches only that diagram's chunk.
    ...common,
    entryPoints: { main: 'webview/main.ts' },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    loader: { '.css': 'text' },
  },
  {
    // Runs in VS Code's built-in Markdown preview as a classic script (`markdown.previewScripts`),
    // so one self-contained IIFE file: no chunks can be loaded from there.
    ...common,
    entryPoints: { preview: 'webview/markdownPreview.ts' },
    outdir: 'dist/markdown',
    platform: 'browser',
    format: 'iife',
  },
];

rmSync('dist', { recursive: true, force: true });
if (watch) {
  for (const config of configs) {
    const ctx = await esbuild.context(config);
    await ctx.watch();
  }
  console.log('[watch] watching for changes');
} else {
  await Promise.all(configs.map((config) => esbuild.build(config)));
}
