/**
 * The two behaviour profiles. `rfc9293` follows the RFC text (with RFC 6298 for the retransmission
 * timer); `linux` follows the Linux kernel where it differs, each difference naming the kernel
 * constant or function that does it.
 */
import { seqAdd, seqGe } from './seq';
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
  /**
   * Retransmissions of data/FIN before giving up. CLOSE is RFC 9293's half-close (shutdown(2)
   * SHUT_WR on Linux: the application still reads), not close(2), so a closed connection is never
   * an orphan and Linux's tcp_orphan_retries does not apply to its FIN.
   */
  dataRetries: number;
  /** RFC 6298 §5.7: the RTO once data transmission begins after a SYN or SYN,ACK timed out. */
  rtoSynFallback: Millis;
  /** RFC 9293 §3.8.3 user timeout (null: none, retry counts decide). */
  userTimeout: Millis | null;
  /** Maximum Segment Lifetime; TIME-WAIT lasts 2*MSL. */
  msl: Millis;
  /** RFC 5961 challenge ACKs for in-window RSTs (not exactly RCV.NXT) and SYNs in synchronized states. */
  challengeAck: boolean;
  /**
   * Which unacceptable segments have their answering ACK (or challenge ACK) rate-limited to one per
   * `OOW_ACK_INTERVAL`: `pure-ack` those without data, FIN or SYN (an ACK storm's, see rfc9293);
   * `pure-ack-or-syn` SYNs too (Linux tcp_oow_rate_limited(): "Data packets without SYNs are not
   * likely part of an ACK loop"). Segments with data or a FIN are always answered.
   */
  oowRateLimit: 'pure-ack' | 'pure-ack-or-syn';
  /**
   * A half-open listener child is a request socket handled by Linux tcp_check_req(): a retransmitted
   * SYN gets the SYN,ACK again, a RST at RCV.NXT drops it silently (elsewhere in the window: a
   * challenge ACK), an in-window new SYN is answered with RST and drops it. false: RFC 9293
   * §3.10.7.4 SYN-RECEIVED.
   */
  requestSock: boolean;
  /** TIME-WAIT is Linux's timewait socket (tcp_timewait_state_process(), tcp_rfc1337 = 0). */
  timewaitSock: boolean;
  /** An RST with SEQ = RCV.NXT-1 resets CLOSE-WAIT, LAST-ACK and CLOSING (Linux tcp_reset_check()). */
  resetAfterFin: boolean;
  /** Text (and FIN) on a SYN or SYN,ACK is queued until ESTABLISHED (true) or discarded (false). */
  synTextQueued: boolean;
  /** Zero-window probe: one octet of new data (`new-octet`) or an ACK with SEQ = SND.UNA-1 (`old-seq`). */
  windowProbe: 'new-octet' | 'old-seq';
  /** Unanswered zero-window probes before the connection is aborted (Infinity: never; the user timeout decides). */
  maxProbes: number;
  /**
   * What a full accept queue does (see `HostConfig.acceptBacklog`): `drop-ack` drops SYNs and also
   * the last ACK of handshakes in progress, which stay SYN-RECEIVED (Linux); `reserve` counts
   * half-open children against the queue, so a SYN is dropped when they and the queued connections
   * fill it, and a handshake once begun always finds room.
   */
  acceptOverflow: 'drop-ack' | 'reserve';
  /** The ISS of a connection reopened from TIME-WAIT by a new SYN, given the old SND.NXT and the generator's ISN. */
  reopenIss(oldSndNxt: number, generated: number): number;
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
  // RFC 6298 §5.7: "the RTO MUST be re-initialized to 3 seconds when data transmission begins".
  rtoSynFallback: 3000,
  // RFC 9293 §3.8.3 / RFC 793 §3.8: "the present global default is five minutes".
  userTimeout: 300_000,
  // RFC 9293 §3.4.2: "the Maximum Segment Lifetime (MSL) ... is arbitrarily defined to be 2 minutes".
  msl: 120_000,
  // RFC 9293 §3.10.7.4 makes the RFC 5961 mitigation optional; this profile models the base text.
  challengeAck: false,
  // §3.10.7.4: "If an incoming segment is not acceptable, an acknowledgment should be sent in reply".
  // Every one is answered, with one deliberate exception: an unacceptable bare ACK within 500 ms of
  // the last such answer. Two ends that disagree about the sequence space (an old duplicate
  // accepted, a hijack) each find the other's ACKs unacceptable and would answer each other
  // forever, the "ACK storm" of RFC 5961 §7, whose throttle this is; a simulation must end.
  // RFC 9293 §3.10.7.4 points to RFC 5961 for such mitigations. A storm consists of bare ACKs, so
  // segments with data, a FIN or a SYN are never affected.
  oowRateLimit: 'pure-ack',
  requestSock: false,
  timewaitSock: false,
  resetAfterFin: false,
  // §3.10.7.2 LISTEN: "any other control or text should be queued for processing later";
  // §3.10.7.3 SYN-SENT: "queue them for processing after the ESTABLISHED state has been reached".
  synTextQueued: true,
  // §3.8.6.1: "The sending TCP peer must regularly transmit at least one octet of new data (if
  // available), or retransmit ... even if the send window is zero".
  windowProbe: 'new-octet',
  // §3.8.6.1 MUST-37: "As long as the receiving TCP peer continues to send acknowledgments in
  // response to the probe segments, the sending TCP peer MUST allow the connection to stay open";
  // unanswered probes end with the user timeout.
  maxProbes: Infinity,
  // RFC 9293 has no accept queue. A SYN-RECEIVED child that gets an acceptable ACK enters
  // ESTABLISHED (§3.10.7.4), so room is reserved when the SYN arrives, as 4.4BSD's sonewconn()
  // counts embryonic and completed connections against the listen backlog.
  acceptOverflow: 'reserve',
  // §3.6.1 MAY-2: a SYN may reopen a TIME-WAIT connection if the new ISN is "larger than the largest
  // sequence number it used on the previous connection incarnation". The generator's ISN when it
  // is; else old SND.NXT + 128000 (4.4BSD tcp_input: iss = snd_nxt + TCP_ISSINCR).
  reopenIss(oldSndNxt, generated) {
    return seqGe(generated, oldSndNxt) ? generated : seqAdd(oldSndNxt, 128_000);
  },
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
  rtoSynFallback: 3000, // TCP_TIMEOUT_FALLBACK, set by tcp_init_metrics() when the handshake gave no RTT sample
  userTimeout: null, // TCP_USER_TIMEOUT is off unless a socket sets it
  // TCP_TIMEWAIT_LEN = 60 s (tcp_time_wait()): TIME-WAIT is fixed, whatever the MSL; modelled as MSL 30 s.
  msl: 30_000,
  // tcp_validate_incoming(): tcp_send_challenge_ack() for an in-window RST with seq != rcv_nxt and for any SYN.
  challengeAck: true,
  // tcp_oow_rate_limited() (net.ipv4.tcp_invalid_ratelimit = 500 ms): segments without data or FIN, and SYNs.
  oowRateLimit: 'pure-ack-or-syn',
  requestSock: true, // tcp_check_req()
  timewaitSock: true, // tcp_timewait_state_process()
  resetAfterFin: true, // tcp_reset_check()
  // tcp_conn_request() keeps no text of a SYN without a Fast Open cookie, and
  // tcp_rcv_synsent_state_process() frees a SYN,ACK's: the ACK covers the SYN only, the peer sends it again.
  synTextQueued: false,
  // tcp_write_wakeup() -> tcp_xmit_probe_skb(sk, 0): "Use a previous sequence. This should cause
  // the other end to send an ack" (SEQ = SND.UNA-1, no data).
  windowProbe: 'old-seq',
  // tcp_probe_timer(): icsk_probes_out >= tcp_retries2 (15) unanswered probes -> tcp_write_err().
  maxProbes: 15,
  // tcp_conn_request() drops a SYN and tcp_v4_syn_recv_sock() the last ACK when sk_acceptq_is_full();
  // with tcp_abort_on_overflow = 0 tcp_check_req() leaves the request as it is (SYN,ACK timer running).
  acceptOverflow: 'drop-ack',
  // tcp_timewait_state_process(), TCP_TW_SYN: isn = tw_snd_nxt + 65535 + 2, never 0.
  reopenIss(oldSndNxt) {
    const isn = seqAdd(oldSndNxt, 65535 + 2);
    return isn === 0 ? 1 : isn;
  },
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
