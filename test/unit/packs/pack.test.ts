import { describe, expect, it } from 'vitest';
import { isSafeRelativePath, parsePack } from '../../../src/packs/pack';

describe('parsePack', () => {
  it('reads title, languages and the ordered exercises', () => {
    const { pack, problems } = parsePack(
      ['tcp-tutor-pack: 1', 'title: { en: Networks 101, zh-cn: 网络 101 }', 'languages: [en, zh-cn]', 'exercises:', '  - a.tcp.yaml', '  - { file: sub/b.tcp.yaml, title: Bee }', ''].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(pack).toEqual({
      title: { en: 'Networks 101', 'zh-cn': '网络 101' },
      languages: ['en', 'zh-cn'],
      exercises: [{ file: 'a.tcp.yaml' }, { file: 'sub/b.tcp.yaml', title: 'Bee' }],
    });
  });

  it('reports problems with line and column', () => {
    const { pack, problems } = parsePack(['tcp-tutor-pack: 1', 'title: T', 'exercize: []', 'exercises:', '  - ../../etc/passwd.tcp.yaml', '  - a.txt'].join('\n'));
    expect(pack).toBeUndefined();
    expect(problems).toEqual([
      { line: 3, column: 1, message: expect.stringContaining('unknown key `exercize`') },
      { line: 5, column: 5, message: expect.stringContaining('relative path inside the pack') },
      { line: 6, column: 5, message: expect.stringContaining('not an exercise file') },
    ]);
  });

  it('reports YAML syntax errors where they are', () => {
    const { problems } = parsePack('tcp-tutor-pack: 1\ntitle: [unclosed\n');
    expect(problems[0].line).toBeGreaterThanOrEqual(2);
  });

  it('refuses alias bombs quickly', () => {
    // Each level repeats the previous one 9 times: 9^12 strings if expanded.
    const lines = ['tcp-tutor-pack: 1', 'title:', '  en: x', '  l0: &l0 [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= 12; i++) lines.push(`  l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(', ')}]`);
    lines.push('exercises: [a.tcp.yaml]');
    const { pack, problems } = parsePack(lines.join('\n'));
    expect(pack).toBeUndefined();
    expect(problems[0].message).toMatch(/alias/i);
  });
});

describe('isSafeRelativePath', () => {
  it.each([
    ['a.tcp.yaml', true],
    ['dir/a.tcp.yaml', true],
    ['../a.tcp.yaml', false],
    ['/etc/a.tcp.yaml', false],
    ['C:/a.tcp.yaml', false],
    ['a\\b.tcp.yaml', false],
    ['a//b.tcp.yaml', false],
  ])('%s → %s', (p, ok) => expect(isSafeRelativePath(p)).toBe(ok));
});
