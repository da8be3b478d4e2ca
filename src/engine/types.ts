/**
 * The engine's public data model: what a scenario asks for, and the trace it produces.
 *
 * This file is the contract between the engine and everything that reads it (the Mermaid
 * renderer, quizzes, explanations, the CLI's JSON, the webview). It holds types and a few constants.
 * Names follow RFC 9293 (`sndUna`, `sndNxt`, `rcvNxt`, `iss`, `irs`, ...); states are written
 * as the RFC writes them.
 */

/** The 11 states of RFC 9293 §3.3.2, spelt as the RFC spells them. */
export type TcpState =
  | 'CLOSED'
  | 'LISTEN'
  | 'SYN-SENT'
  | 'SYN-RECEIVED'
  | 'ESTABLISHED'
  | 'FIN-WAIT-1'
  | 'FIN-WAIT-2'
  | 'CLOSE-WAIT'
  | 'CLOSING'
  | 'LAST-ACK'
  | 'TIME-WAIT';

export const TCP_STATES: readonly TcpState[] = [
  'CLOSED',
  'LISTEN',
  'SYN-SENT',
  'SYN-RECEIVED',
  'ESTABLISHED',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'CLOSE-WAIT',
  'CLOSING',
  'LAST-ACK',
  'TIME-WAIT',
];

/** Control bits in header order, most significant first (RFC 9293 §3.1; CWR/ECE from RFC 3168). */
export type Flag = 'CWR' | 'ECE' | 'URG' | 'ACK' | 'PSH' | 'RST' | 'SYN' | 'FIN';
export const FLAGS: readonly Flag[] = ['CWR', 'ECE', 'URG', 'ACK', 'PSH', 'RST', 'SYN', 'FIN'];
/**
 * The order flags are listed in everywhere a person reads them (`Segment.flags`, the CLI, labels):
 * least significant bit first, as Wireshark lists them, so a segment reads "SYN, ACK", "FIN, ACK",
 * "PSH, ACK" or "RST, ACK".
 */
export const FLAG_DISPLAY_ORDER: readonly Flag[] = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR'];

export type Profile = 'rfc9293' | 'linux';

export interface TcpOptions {
  /** Maximum Segment Size (kind 2), only on SYN segments. */
  mss?: number;
  /** Window scale shift count (kind 3), 0..14, only on SYN segments. */
  wscale?: number;
  /** SACK permitted (kind 4). */
  sackPermitted?: boolean;
  /** Timestamps (kind 8). */
  timestamps?: { tsval: number; tsecr: number };
}

/** A TCP segment as it travels: header fields plus the addresses of its IP header. */
export interface Segment {
  srcAddr: string;
  srcPort: number;
  dstAddr: string;
  dstPort: number;
  /** Unsigned 32-bit. */
  seq: number;
  /** Unsigned 32-bit; meaningful only when ACK is set (0 otherwise). */
  ack: number;
  /** Header length in 32-bit words (5..15). */
  dataOffset: number;
  flags: Flag[];
  /** The 16-bit window field as sent (before scaling). */
  window: number;
  /** Internet checksum as computed over the pseudo-header, header and payload. */
  checksum: number;
  urgentPointer: number;
  options: TcpOptions;
  /** Payload bytes. `payload.length` is the segment's data length. */
  payload: Uint8Array;
}

// ---------------------------------------------------------------------------------------------
// Scenario input (already validated: the exercise format layer turns YAML into this)
// ---------------------------------------------------------------------------------------------

export type IsnSpec = number | 'rfc793' | 'rfc6528' | 'plus128000';

export interface HostConfig {
  address: string;
  port: number;
  /** A fixed ISN, or the name of a generator. Default: `rfc6528`. */
  isn?: IsnSpec;
  /** SYN backlog limit for a listener (like Linux `tcp_max_syn_backlog`). Default 128. */
  backlog?: number;
  syncookies?: boolean;
  /** Receive window offered (bytes, before scaling). Default 65535. */
  window?: number;
  mss?: number;
  /** Window scale shift this host offers on its SYN; omitted = option not sent. */
  wscale?: number;
  /**
   * Accept queue of a listener (the `backlog` argument of listen(2)): when set, completed
   * connections wait in the queue until the application takes them with the `accept` call, and at
   * most this many wait (linux: one more, as sk_acceptq_is_full() compares with `>`). Omitted: no
   * queue, the application accepts every connection as soon as it completes.
   */
  acceptBacklog?: number;
}

/** Virtual time in milliseconds (may be fractional). */
export type Millis = number;

export type UserCall = 'listen' | 'connect' | 'accept' | 'send' | 'receive' | 'close' | 'abort' | 'status' | 'crash' | 'reboot';

export type Step =
  | {
      kind: 'call';
      host: string;
      call: UserCall;
      /** `connect`: the peer host's name. */
      target?: string;
      /** `send`: bytes to send (a count or the text itself). */
      data?: number | string;
      /** Absolute virtual time; when absent the step runs once the previous one has settled. */
      at?: Millis;
      /** Source position of the step in its file (for errors); opaque to the engine. */
      source?: unknown;
    }
  | { kind: 'wait'; duration: Millis; source?: unknown }
  | {
      kind: 'inject';
      at?: Millis;
      /** Host name, or `address:port` for a host not in the scenario. */
      from: string;
      to: string;
      flags: Flag[];
      seq?: number;
      ack?: number;
      window?: number;
      data?: number | string;
      source?: unknown;
    };

export interface SegmentMatch {
  from?: string;
  to?: string;
  /** The segment's flags are exactly this set. */
  flags?: Flag[];
  len?: number;
}

export interface Fault {
  kind: 'drop' | 'duplicate' | 'delay' | 'reorder';
  match: SegmentMatch;
  /** 1-based index among matching segments, or the last match of a fault-free dry run. */
  nth: number | 'last';
  /** How many matches to affect from the nth on. Default 1. */
  count: number;
  /** `delay`: extra one-way delay. */
  by?: Millis;
  source?: unknown;
}

export interface Limits {
  maxEvents: number;
  maxSegments: number;
  maxVirtualTime: Millis;
}

export interface Scenario {
  profile: Profile;
  seed: number;
  hosts: Record<string, HostConfig>;
  network: {
    /** One-way latency; a number applies to every path, a map gives it per direction `"a->b"`. */
    latency: Millis | Record<string, Millis>;
    /** Maximum Segment Lifetime. TIME-WAIT lasts 2*MSL. Overrides the profile's. */
    msl?: Millis;
  };
  steps: Step[];
  faults: Fault[];
  limits?: Partial<Limits>;
}

// ---------------------------------------------------------------------------------------------
// Trace output
// ---------------------------------------------------------------------------------------------

/** Why a transition happened: a user call, the arrival of segment n, or a timer. */
export type Cause =
  | { type: 'call'; call: UserCall }
  | { type: 'segment'; n: number }
  | { type: 'timer'; timer: TimerName };

export type TimerName = 'retransmission' | 'time-wait' | 'user-timeout' | 'syn-ack-retransmission';

/**
 * Why the engine sent a segment. A code, so explanations can be written in every language.
 * `injected` is a segment a scenario crafted; `duplicate` a copy the network made.
 */
export type SendReason =
  | 'active-open' // SYN on connect
  | 'syn-ack' // SYN,ACK answering a SYN in LISTEN (or SYN-SENT for simultaneous open)
  | 'handshake-ack' // ACK completing the handshake
  | 'data' // SEND
  | 'ack' // acknowledging data or a FIN
  | 'fin' // CLOSE
  | 'fin-ack-combined' // FIN that also acknowledges (e.g. Linux FIN riding on the delayed ACK)
  | 'retransmission' // RTO expired
  | 'rst-no-socket' // RFC 9293 §3.10.7.1 (CLOSED) reset generation
  | 'rst-abort' // ABORT
  | 'rst-unacceptable' // an ACK that acknowledges something not yet sent, in a synchronized-less state
  | 'rst-half-open' // a rebooted host answering an old connection's segment
  | 'challenge-ack' // RFC 5961 challenge ACK (linux profile) for in-window RST/SYN
  | 'ack-unacceptable' // RFC 9293 §3.10.7.4: unacceptable segment → send ACK
  | 'time-wait-ack' // re-acknowledging a retransmitted FIN in TIME-WAIT
  | 'syn-cookie' // SYN,ACK whose ISN is a SYN cookie
  | 'window-probe' // zero-window probe sent by the persist timer (RFC 9293 §3.8.6.1)
  | 'injected'
  | 'duplicate';

/** What a host did with an arriving segment. */
export type Disposition =
  | 'accepted' // processed normally (may have changed state, delivered data)
  | 'ignored' // dropped silently (e.g. RST out of window, segment in CLOSED with RST set)
  | 'answered-ack' // unacceptable → ACK sent (or TIME-WAIT re-ACK)
  | 'answered-challenge-ack'
  | 'answered-rst'
  | 'reset' // an acceptable RST closed the connection
  | 'backlog-full' // SYN dropped because the SYN backlog was full
  | 'accept-queue-full' // SYN, or a handshake's last ACK (linux), dropped because the accept queue was full
  | 'cookie-rejected'; // ACK with an invalid or stale SYN cookie

export interface TimerInfo {
  name: TimerName;
  expiresAt: Millis;
}

/** A connection's TCB at one moment (RFC 9293 §3.3.1 names). Numbers are absolute, unsigned 32-bit. */
export interface TcbSnapshot {
  state: TcpState;
  local: string; // "address:port"
  remote: string | null; // null for a listener
  iss: number | null;
  irs: number | null;
  sndUna: number | null;
  sndNxt: number | null;
  sndWnd: number | null;
  rcvNxt: number | null;
  rcvWnd: number | null;
  timers: TimerInfo[];
}

export interface SegmentRecord {
  /** 1-based, in the order segments were sent (a network duplicate gets its own n). */
  n: number;
  /** Host name, or `address:port` for an address no scenario host owns. */
  from: string;
  to: string;
  seg: Segment;
  sentAt: Millis;
  /** null when the segment was lost. */
  arrivedAt: Millis | null;
  fate: 'delivered' | 'dropped' | 'duplicate';
  /** For fate `duplicate`: the n of the original. */
  duplicateOf: number | null;
  reason: SendReason;
  retransmission: boolean;
  injected: boolean;
  /** What the receiver did with it (null when lost or not yet arrived at the end). */
  disposition: Disposition | null;
  /**
   * Index in `Trace.events` of the last event this segment's arrival (or loss) produced, so
   * `tcbs[lastEvent]` is every host right after the segment was processed. The `deliver` event
   * comes first (its snapshot is the state *before* processing), then the state changes, timers
   * and replies it caused. Absent when the segment was still in flight at the end.
   */
  lastEvent?: number;
}

export type TraceEvent =
  | { kind: 'call'; t: Millis; host: string; call: UserCall; ok: boolean; error?: string }
  | { kind: 'send'; t: Millis; n: number }
  | { kind: 'deliver'; t: Millis; n: number; disposition: Disposition }
  | { kind: 'drop'; t: Millis; n: number; why: 'fault' | 'no-host' }
  | { kind: 'duplicate'; t: Millis; n: number; of: number }
  | { kind: 'state'; t: Millis; host: string; conn: string; from: TcpState; to: TcpState; cause: Cause }
  | { kind: 'timer'; t: Millis; host: string; conn: string; timer: TimerName; action: 'set' | 'fired' | 'cancelled'; expiresAt?: Millis }
  | { kind: 'data'; t: Millis; host: string; bytes: number }; // bytes handed to the application (RECEIVE)

export interface TraceHost {
  address: string;
  port: number;
  /** The ISN this host chose for its (first) connection, or null if it never sent a SYN. */
  isn: number | null;
}

export interface Trace {
  profile: Profile;
  hosts: Record<string, TraceHost>;
  segments: SegmentRecord[];
  /** Ordered by time, then by the order the engine produced them. */
  events: TraceEvent[];
  /**
   * `tcbs[i]` is every scenario host's primary TCB right after `events[i]`.
   * A host's primary connection is its connection with another scenario host if it has one,
   * otherwise its listener, otherwise a CLOSED placeholder.
   */
  tcbs: Record<string, TcbSnapshot>[];
  /** Each host's primary state at the end. */
  final: Record<string, TcpState>;
  /** Bytes each host's application received, in order (for stream-equality checks). */
  received: Record<string, Uint8Array>;
  /** Bytes each host's application asked to send. */
  sent: Record<string, Uint8Array>;
  /** Errors returned to user calls, in order. */
  errors: { t: Millis; host: string; call: UserCall; error: string }[];
}

/** Raised when a simulation hits one of its caps. `limit` names which. */
export class SimulationLimitError extends Error {
  /** 0-based index of the scenario step whose effects ran into the cap (set by the simulator's run). */
  step: number | undefined;

  constructor(
    readonly limit: keyof Limits,
    readonly value: number,
  ) {
    super(`simulation stopped: ${limit} (${value}) exceeded`);
    this.name = 'SimulationLimitError';
  }
}
