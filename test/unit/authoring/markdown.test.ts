/** The ```tcp block in VS Code's Markdown preview: what the markdown-it plugin writes. */
import { describe, expect, it } from 'vitest';
import { renderTcpBlock, tcpFencePlugin } from '../../../src/authoring/markdown';

const BLOCK = `tcp-tutor: 1
title: { en: 'Handshake <img src=x onerror=alert(1)>', zh-cn: 握手 }
hosts:
  client: { address: 10.0.0.1, port: 40000, isn: 1000 }
  server: { address: 10.0.0.2, port: 80, isn: 5000 }
steps:
  - server: listen
  - client: connect server
`;

describe('renderTcpBlock', () => {
  it('writes a figure of our own class with the Mermaid text as escaped text, and the table', () => {
    const html = renderTcpBlock(BLOCK, 3, 'en');
    expect(html).toMatch(/^<figure class="tcp-tutor-md" data-lang="en"/);
    expect(html).toContain('<pre class="tcp-tutor-md-source" aria-hidden="true">sequenceDiagram');
    expect(html).not.toContain('<img');
    expect(html).toContain('Handshake &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<details class="tcp-tutor-md-table"><summary>Segments and state changes</summary>');
    expect(html).not.toMatch(/class="mermaid"/);
  });

  it('an invalid block shows its problems in place, at the Markdown file’s line, in the learner’s language', () => {
    const html = renderTcpBlock(BLOCK.replace('connect server', 'connect nowhere'), 10, 'zh-cn');
    expect(html).toMatch(/^<div class="tcp-tutor-md-error" role="alert"><strong>TCP Tutor：此场景有错误<\/strong>/);
    // The block's line 8 is the Markdown file's line 17 (the block starts at line 10).
    expect(html).toMatch(/第 17 行第 \d+ 列/);
    expect(html).toMatch(/[\u4e00-\u9fff]/);
  });

  it('the plugin takes ```tcp fences only and leaves the rest to the previous renderer', () => {
    const md = { renderer: { rules: { fence: () => 'other' } as Record<string, ((...a: never[]) => string) | undefined> } };
    tcpFencePlugin(() => 'en')(md as never);
    const fence = md.renderer.rules.fence as (tokens: unknown[], idx: number, ...rest: unknown[]) => string;
    expect(fence([{ info: 'tcp', content: BLOCK, map: [0, 9] }], 0, {}, {}, {})).toMatch(/^<figure class="tcp-tutor-md"/);
    expect(fence([{ info: 'mermaid', content: 'graph TD', map: [0, 2] }], 0, {}, {}, {})).toBe('other');
  });
});
