/**
 * The two behaviour profiles. `rfc9293` follows the RFC text (with RFC 6298 for the retransmission
 * timer); `linux` follows the Linux kernel where it differs, each difference naming the kernel
 * constant or function that does it.
 */
import type { Millis, Profile, TcpOptions } from './types';

export interface ProfileParams {
  name: Profile;
  /** Initial retransmission timeout. RFC 6298 §2.1: "set RTO <- 1 second"; Linux TCP_TIMEOUT_INIT = 1 s. */
  rtoInitial: Millis;
  /** Upper bound of the doubling RTO. RFC 6298 §2.5: a maximum "MAY be placed ... provided it is at least 60 seconds"; Linux TCP_RTO_MAX = 120 s. */
  rtoMax: Millis;
  /** Retransmissions of a SYN before giving up (Infinity: only the user timeout ends it). */
  synRetries: number;
  /** Retransmissions of a half-open listener child's SYN,ACK before the entry is dropped. */
  synAckRetries: number;
  /** Retransmissions of data/FIN before giving up. */
  dataRetries: number;
  /** RFC 9293 §3.8.3 user timeout (null: none, retry counts decide). */
  userTimeout: Millis | null;
  /** Maximum Segment Lifetime; TIME-WAIT lasts 2*MSL. */
  msl: Millis;
  /** RFC 5961 challenge ACKs for in-window RSTs (not exactly RCV.NXT) and SYNs in synchronized states. */
  challengeAck: boolean;
  /** ABORT's reset also carries ACK (with RCV.NXT), as Linux's tcp_send_active_reset() sends it. */
  abortRstAck: boolean;
  /** Delay of the ACK for a received FIN (null: ACK at once). */
  finAckDelay: Millis | null;
  /** Options this profile puts on a SYN / SYN,ACK, given the host's own settings. */
  synOptions(mss: number, wscale: number | undefined, now: Millis, tsecr: number): TcpOptions;
  /** RFC 9293 §3.7.1: the send MSS when the peer sent no MSS option. */
  defaultMss: number;
  /** The window scale a host offers on its SYN when its config names none (undefined: no option). */
  defaultWscale: number | undefined;
}

const RFC9293: ProfileParams = {
  name: 'rfc9293',
  rtoInitial: 1000,
  rtoMax: 60_000,
  // RFC 9293 §3.8.3: R2 "for a SYN ... MUST be set large enough to provide retransmission of the
  // segment for at least 3 minutes"; with no retry count, the 5-minute user timeout ends the attempt.
  synRetries: Infinity,
  // RFC 9293 gives no count for a passive half-open connection: the user timeout ends it too.
  synAckRetries: Infinity,
  dataRetries: Infinity,
  // RFC 9293 §3.8.3 / RFC 793 §3.8: "the present global default is five minutes".
  userTimeout: 300_000,
  // RFC 9293 §3.4.2: "the Maximum Segment Lifetime (MSL) ... is arbitrarily defined to be 2 minutes".
  msl: 120_000,
  // RFC 9293 §3.10.7.4 makes the RFC 5961 mitigation optional; this profile models the base text.
  challengeAck: false,
  // RFC 9293 §3.10.5 ABORT: "send a reset segment: <SEQ=SND.NXT><CTL=RST>".
  abortRstAck: false,
  finAckDelay: null,
  synOptions(mss, wscale) {
    const o: TcpOptions = { mss };
    if (wscale !== undefined) o.wscale = wscale;
    return o;
  },
  defaultMss: 536,
  defaultWscale: undefined,
};

const LINUX: ProfileParams = {
  name: 'linux',
  rtoInitial: 1000, // TCP_TIMEOUT_INIT (include/net/tcp.h)
  rtoMax: 120_000, // TCP_RTO_MAX
  synRetries: 6, // net.ipv4.tcp_syn_retries default (TCP_SYN_RETRIES)
  synAckRetries: 5, // net.ipv4.tcp_synack_retries default (TCP_SYNACK_RETRIES)
  dataRetries: 15, // net.ipv4.tcp_retries2 default (TCP_RETR2)
  userTimeout: null, // TCP_USER_TIMEOUT is off unless a socket sets it
  // TCP_TIMEWAIT_LEN = 60 s (tcp_time_wait()): TIME-WAIT is fixed, whatever the MSL; modelled as MSL 30 s.
  msl: 30_000,
  // tcp_validate_incoming(): tcp_send_challenge_ack() for an in-window RST with seq != rcv_nxt and for any SYN.
  challengeAck: true,
  // tcp_send_active_reset() builds the reset with TCPHDR_ACK | TCPHDR_RST (seen on loopback: RST,ACK).
  abortRstAck: true,
  // TCP_DELACK_MIN = HZ/25 = 40 ms: the ACK of a FIN waits in the delayed-ACK timer (tcp_send_delayed_ack()).
  finAckDelay: 40,
  // tcp_syn_options(): MSS, SACK-permitted, timestamps, window scale (tcp_window_scaling = 1).
  synOptions(mss, wscale, now, tsecr) {
    const o: TcpOptions = { mss, sackPermitted: true, timestamps: { tsval: Math.floor(now) >>> 0, tsecr: tsecr >>> 0 } };
    if (wscale !== undefined) o.wscale = wscale;
    return o;
  },
  defaultMss: 536, // TCP_MSS_DEFAULT
  defaultWscale: 7, // tcp_select_initial_window() with the default buffers gives rcv_wscale 7
};

export const PROFILES: Record<Profile, ProfileParams> = { rfc9293: RFC9293, linux: LINUX };

/** The profile's parameters with the scenario's MSL override applied. */
export function profileFor(profile: Profile, msl?: Millis): ProfileParams {
  const p = PROFILES[profile];
  return msl === undefined ? p : { ...p, msl };
}
