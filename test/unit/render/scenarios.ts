/** Scenarios run through the real engine for the scenario → `.mmd` golden pairs. */
import type { HostConfig, Scenario, Step } from '../../../src/engine/types';

const CLIENT: HostConfig = { address: '10.0.0.1', port: 40000, isn: 1000 };
const SERVER: HostConfig = { address: '10.0.0.2', port: 80, isn: 5000 };

const call = (host: string, c: Extract<Step, { kind: 'call' }>['call'], extra: Partial<Extract<Step, { kind: 'call' }>> = {}): Step => ({
  kind: 'call',
  host,
  call: c,
  ...extra,
});

function base(steps: Step[], more: Partial<Scenario> = {}): Scenario {
  return {
    profile: 'rfc9293',
    seed: 7,
    hosts: { client: { ...CLIENT }, server: { ...SERVER } },
    network: { latency: 50, msl: 30_000 },
    steps,
    faults: [],
    ...more,
  };
}

const OPEN: Step[] = [call('server', 'listen'), call('client', 'connect', { target: 'server' })];

export const SCENARIOS: Record<string, Scenario> = {
  /** Handshake, 100 bytes, the client closes first, TIME-WAIT runs out. */
  'handshake-data-close': base([...OPEN, call('client', 'send', { data: 100 }), call('client', 'close'), call('server', 'close'), { kind: 'wait', duration: 70_000 }]),

  /** The final ACK is lost: the server retransmits its FIN, TIME-WAIT re-ACKs and restarts. */
  'lost-final-ack': base([...OPEN, call('client', 'close'), call('server', 'close'), { kind: 'wait', duration: 70_000 }], {
    faults: [{ kind: 'drop', match: { from: 'client', flags: ['ACK'], len: 0 }, nth: 'last', count: 1 }],
  }),

  /** A data segment is lost and retransmitted when the RTO fires. */
  'lost-data': base([...OPEN, call('client', 'send', { data: 100 }), { kind: 'wait', duration: 3_000 }], {
    faults: [{ kind: 'drop', match: { from: 'client', len: 100 }, nth: 1, count: 1 }],
  }),

  /** The network duplicates a data segment. */
  'duplicate-data': base([...OPEN, call('client', 'send', { data: 100 }), { kind: 'wait', duration: 1_000 }], {
    faults: [{ kind: 'duplicate', match: { from: 'client', len: 100 }, nth: 1, count: 1 }],
  }),

  /** A SYN spoofed from an address no host owns reaches a listener. */
  'spoofed-syn': base([call('server', 'listen'), { kind: 'inject', from: '10.0.0.9:666', to: 'server', flags: ['SYN'], seq: 1 }, { kind: 'wait', duration: 500 }]),

  /** Connect to a port nobody listens on: RST. */
  'connect-refused': base([call('client', 'connect', { target: 'server' }), { kind: 'wait', duration: 500 }]),

  /** Simultaneous open (RFC 9293 §3.5 Figure 8). */
  'simultaneous-open': {
    ...base([call('a', 'connect', { target: 'b', at: 0 }), call('b', 'connect', { target: 'a', at: 0 }), { kind: 'wait', duration: 500 }]),
    hosts: { a: { address: '10.0.0.1', port: 1000, isn: 100 }, b: { address: '10.0.0.2', port: 2000, isn: 300 } },
  },

  /** Simultaneous close (RFC 9293 §3.6 Figure 13). */
  'simultaneous-close': base([
    ...OPEN,
    { kind: 'wait', duration: 500 },
    call('client', 'close', { at: 1_000 }),
    call('server', 'close', { at: 1_000 }),
    { kind: 'wait', duration: 70_000 },
  ]),
};

/** The network swaps two data segments on the way to the server. */
SCENARIOS['reordered-data'] = base([
  ...OPEN,
  { kind: 'wait', duration: 500 },
  call('client', 'send', { data: 100, at: 1_000 }),
  call('client', 'send', { data: 50, at: 1_000 }),
  { kind: 'wait', duration: 1_000 },
], {
  faults: [{ kind: 'reorder', match: { from: 'client', len: 100 }, nth: 1, count: 1 }],
});
