import { describe, expect, it } from 'vitest';
import { joinLines, parseInline, parseMarkdown } from '../../../src/common/markdown';

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

describe('line breaks in Chinese paragraphs', () => {
  it('joins two Chinese lines without a space, English lines with one', () => {
    const [zh] = parseMarkdown('最后声明它接受连接，等待任意\n对端。');
    expect(zh).toEqual({ t: 'paragraph', inlines: [{ t: 'text', text: '最后声明它接受连接，等待任意对端。' }] });
    expect(joinLines('再把它绑定到本地地址和端口，', '最后')).toBe('再把它绑定到本地地址和端口，最后');
    expect(joinLines('进入', '**LISTEN**')).toBe('进入 **LISTEN**');
    expect(joinLines('发出', '**报文段**')).toBe('发出**报文段**');
    expect(joinLines('RFC 9293', '中')).toBe('RFC 9293 中');
  });

  it('joins a wrapped Chinese list item the same way', () => {
    const [list] = parseMarkdown('1. SYN 占用一个序号。（SYN 其实可以携带数据，\n   但接收方必须等到连接建立后才能把数据交给\n   应用。）');
    expect(list).toEqual({ t: 'list', ordered: true, items: [[{ t: 'text', text: 'SYN 占用一个序号。（SYN 其实可以携带数据，但接收方必须等到连接建立后才能把数据交给应用。）' }]] });
  });
});
