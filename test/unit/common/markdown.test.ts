import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from '../../../src/common/markdown';

describe('parseMarkdown (lesson bodies)', () => {
  it('reads headings, paragraphs and both kinds of list', () => {
    const blocks = parseMarkdown('## Why three?\nA SYN consumes\none number.\n\n- first\n- second\n  continued\n\n1. one\n2. two');
    expect(blocks).toEqual([
      { t: 'heading', level: 2, inlines: [{ t: 'text', text: 'Why three?' }] },
      { t: 'paragraph', inlines: [{ t: 'text', text: 'A SYN consumes one number.' }] },
      { t: 'list', ordered: false, items: [[{ t: 'text', text: 'first' }], [{ t: 'text', text: 'second continued' }]] },
      { t: 'list', ordered: true, items: [[{ t: 'text', text: 'one' }], [{ t: 'text', text: 'two' }]] },
    ]);
  });

  it('keeps inline code literal and recognises strong and emphasis', () => {
    expect(parseInline('**TIME-WAIT** lasts *2MSL*; see `tcp_fin_timeout` and **not** `**this**`')).toEqual([
      { t: 'strong', text: 'TIME-WAIT' },
      { t: 'text', text: ' lasts ' },
      { t: 'em', text: '2MSL' },
      { t: 'text', text: '; see ' },
      { t: 'code', text: 'tcp_fin_timeout' },
      { t: 'text', text: ' and ' },
      { t: 'strong', text: 'not' },
      { t: 'text', text: ' ' },
      { t: 'code', text: '**this**' },
    ]);
  });

  it('leaves snake_case words and HTML alone (HTML stays text)', () => {
    expect(parseInline('tcp_max_syn_backlog <img src=x onerror=alert(1)>')).toEqual([{ t: 'text', text: 'tcp_max_syn_backlog <img src=x onerror=alert(1)>' }]);
  });
});
