import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  choiceLabel,
  isNoneWord,
  parseAcceptance,
  parseChoice,
  parseDuration,
  parseFlags,
  parseNumber,
  parseSize,
  parseState,
} from '../../../src/quiz/index';

const value = <T>(r: { ok: true; value: T } | { ok: false; message: string }): T | undefined => (r.ok ? r.value : undefined);

describe('parseState', () => {
  it.each([
    ['SYN_RCVD', 'SYN-RECEIVED'],
    ['SYN_RECV', 'SYN-RECEIVED'],
    ['syn-received', 'SYN-RECEIVED'],
    ['SYN RECEIVED', 'SYN-RECEIVED'],
    ['synrcvd', 'SYN-RECEIVED'],
    ['ESTAB', 'ESTABLISHED'],
    ['established', 'ESTABLISHED'],
    ['TIME_WAIT', 'TIME-WAIT'],
    ['timewait', 'TIME-WAIT'],
    ['fin_wait_2', 'FIN-WAIT-2'],
    ['FIN WAIT 1', 'FIN-WAIT-1'],
    ['last ack', 'LAST-ACK'],
    ['CLOSE_WAIT', 'CLOSE-WAIT'],
    ['closing', 'CLOSING'],
    ['LISTENING', 'LISTEN'],
    [' closed ', 'CLOSED'],
    ['时间等待', 'TIME-WAIT'],
    ['同步已接收', 'SYN-RECEIVED'],
    ['关闭等待', 'CLOSE-WAIT'],
    ['终止等待2', 'FIN-WAIT-2'],
    ['ＴＩＭＥ－ＷＡＩＴ', 'TIME-WAIT'],
  ])('%s → %s', (input, state) => {
    const r = parseState(input);
    expect(r.ok && r.value).toBe(state);
    expect(r.ok && r.note).toBeFalsy();
  });

  it('accepts SYN-SEND as SYN-SENT, with a note naming the RFC spelling', () => {
    const r = parseState('SYN-SEND');
    expect(r.ok && r.value).toBe('SYN-SENT');
    expect(r.ok && r.note).toContain('SYN-SENT');
    const zh = parseState('syn_send', 'zh-cn');
    expect(zh.ok && zh.note).toMatch(/RFC 9293 的写法是 SYN-SENT/);
  });

  it.each(['', '   ', 'OPEN', 'half open', 'FIN-WAIT', '42', 'TIME-WAIT-3'])('%j is not a state (invalid, with a message)', (input) => {
    const r = parseState(input);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message.length).toBeGreaterThan(0);
  });

  it('asks which FIN-WAIT when the number is missing', () => {
    const r = parseState('fin wait');
    expect(!r.ok && r.message).toContain('FIN-WAIT-1');
  });
});

describe('parseNumber', () => {
  it.each([
    ['1001', 1001],
    ['  1001 ', 1001],
    ['0x3e9', 1001],
    ['0X3E9', 1001],
    ['4,294,967,295', 4294967295],
    ['1 000 000', 1000000],
    ['1_000', 1000],
    ["1'000", 1000],
    ['ack=1001', 1001],
    ['seq: 0', 0],
    ['+5', 5],
    ['１００１', 1001],
  ])('%j → %d', (input, n) => {
    expect(value(parseNumber(input))).toBe(n);
  });

  it.each(['', 'abc', '10.5', '1,00', '12,3456', '0xZZ', '1001 bytes', 'one thousand'])('%j is invalid', (input) => {
    expect(parseNumber(input).ok).toBe(false);
  });

  it('reads back any 32-bit number written in decimal, with separators, or in hex', () => {
    fc.assert(
      fc.property(fc.nat({ max: 0xffffffff }), (n) => {
        expect(value(parseNumber(String(n)))).toBe(n);
        expect(value(parseNumber(n.toLocaleString('en-US')))).toBe(n);
        expect(value(parseNumber('0x' + n.toString(16)))).toBe(n);
      }),
    );
  });

  it('rejects a negative number with a message about unsigned numbers', () => {
    const r = parseNumber('-1');
    expect(!r.ok && r.message).toMatch(/unsigned/);
  });
});

describe('parseFlags', () => {
  it.each([
    ['SYN,ACK', ['ACK', 'SYN']],
    ['syn ack', ['ACK', 'SYN']],
    ['[SYN, ACK]', ['ACK', 'SYN']],
    ['ACK+SYN', ['ACK', 'SYN']],
    ['SYN/ACK', ['ACK', 'SYN']],
    ['synack', ['ACK', 'SYN']],
    ['FIN-ACK', ['ACK', 'FIN']],
    ['rst', ['RST']],
    ['reset, ack', ['ACK', 'RST']],
    ['psh ack', ['ACK', 'PSH']],
    ['none', []],
  ])('%j → %j', (input, flags) => {
    expect(value(parseFlags(input))).toEqual(flags);
  });

  it.each(['', 'SA', 'SYN, HELLO', '42'])('%j is invalid', (input) => {
    expect(parseFlags(input).ok).toBe(false);
  });
});

describe('parseAcceptance', () => {
  it.each([
    ['accept', 'accepted'],
    ['Accepted', 'accepted'],
    ['drop', 'ignored'],
    ['ignore', 'ignored'],
    ['silently dropped', 'ignored'],
    ['ack', 'ack'],
    ['send ACK', 'ack'],
    ['challenge ack', 'challenge-ack'],
    ['challenge-ACK', 'challenge-ack'],
    ['rst', 'rst'],
    ['reset', 'rst'],
    ['回复RST', 'rst'],
    ['丢弃', 'ignored'],
  ])('%j → %s', (input, a) => {
    expect(value(parseAcceptance(input))).toBe(a);
  });

  it.each(['', 'maybe', 'SYN'])('%j is invalid', (input) => {
    expect(parseAcceptance(input).ok).toBe(false);
  });
});

describe('durations, sizes, choices, none', () => {
  it('reads durations in ms, s and min', () => {
    expect(value(parseDuration('240000'))).toBe(240000);
    expect(value(parseDuration('240 s'))).toBe(240000);
    expect(value(parseDuration('4min'))).toBe(240000);
    expect(value(parseDuration('1.5s'))).toBe(1500);
    expect(value(parseDuration('60 秒'))).toBe(60000);
    expect(parseDuration('soon').ok).toBe(false);
  });

  it('reads sizes with their unit', () => {
    expect(value(parseSize('20'))).toEqual({ value: 20, unit: null });
    expect(value(parseSize('20 bytes'))).toEqual({ value: 20, unit: 'bytes' });
    expect(value(parseSize('5 words'))).toEqual({ value: 5, unit: 'words' });
    expect(value(parseSize('20 字节'))).toEqual({ value: 20, unit: 'bytes' });
  });

  it('reads a choice as a letter, a 1-based number or the text', () => {
    const texts = [['Two'], ['Three', '三次'], ['Four']];
    expect(value(parseChoice('b', texts))).toBe(1);
    expect(value(parseChoice('(C)', texts))).toBe(2);
    expect(value(parseChoice('2', texts))).toBe(1);
    expect(value(parseChoice('三次', texts))).toBe(1);
    expect(value(parseChoice(' three ', texts))).toBe(1);
    expect(parseChoice('4', texts).ok).toBe(false);
    expect(parseChoice('z', texts).ok).toBe(false);
    expect(choiceLabel(1)).toBe('B');
  });

  it('knows the words for "no ack"', () => {
    for (const w of ['none', 'n/a', '-', '无', '没有']) expect(isNoneWord(w)).toBe(true);
    expect(isNoneWord('0')).toBe(false);
  });
});
