// Packages the VSIX with @vscode/vsce (the bundles are already built) and prints its size and
// file list, so a stray file in the package is seen at once.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';

const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'));
const out = `${name}-${version}.vsix`;
const vsce = 'node_modules/@vscode/vsce/vsce';
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--skip-license', '--out', out], { stdio: 'inherit' });
const files = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { encoding: 'utf8' }).trim().split('\n');
const kib = (statSync(out).size / 1024).toFixed(1);
console.log(`${out}: ${kib} KiB, ${files.length} files`);
