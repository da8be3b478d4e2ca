#!/usr/bin/env python3
"""Crafted-segment scenarios for test/kernel/observe.mjs: real sockets on loopback plus segments
sent through a raw socket, for states a socket program cannot reach on its own (a request socket
in SYN-RECV, a TIME-WAIT socket, an accept queue that is never drained).

    python3 test/kernel/craft.py SCENARIO PORT

Needs root (raw and packet sockets). Loopback only: every segment goes to 127.0.0.1. Prints one JSON
line (what the scenario observed besides the segments, which tcpdump records), then keeps its
sockets open until stdin is closed, so that closing them does not add segments to the capture.
"""
import json
import socket
import struct
import subprocess
import sys
import threading
import time

LO = '127.0.0.1'
ETH_P_ALL = 0x0003
TCP_DEFER_ACCEPT = 9


def checksum(data: bytes) -> int:
    if len(data) % 2:
        data += b'\0'
    s = sum(struct.unpack('!%dH' % (len(data) // 2), data))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return ~s & 0xFFFF


FLAG_BITS = {'F': 0x01, 'S': 0x02, 'R': 0x04, 'P': 0x08, 'A': 0x10}


def tcp_packet(sport: int, dport: int, seq: int, ack: int, flags: str, payload: bytes = b'', window: int = 65535) -> bytes:
    """An IPv4 packet 127.0.0.1 -> 127.0.0.1 carrying a TCP segment without options."""
    bits = 0
    for ch in flags:
        bits |= FLAG_BITS[ch]
    hdr = struct.pack('!HHIIBBHHH', sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF if 'A' in flags else 0, 5 << 4, bits, window, 0, 0)
    addr = socket.inet_aton(LO)
    pseudo = struct.pack('!4s4sBBH', addr, addr, 0, socket.IPPROTO_TCP, len(hdr) + len(payload))
    hdr = hdr[:16] + struct.pack('!H', checksum(pseudo + hdr + payload)) + hdr[18:]
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(hdr) + len(payload), 0x4242, 0x4000, 64, socket.IPPROTO_TCP, 0, addr, addr)
    ip = ip[:10] + struct.pack('!H', checksum(ip)) + ip[12:]
    return ip + hdr + payload


class Raw:
    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)

    def send(self, sport, dport, seq, ack, flags, payload=b''):
        self.sock.sendto(tcp_packet(sport, dport, seq, ack, flags, payload), (LO, 0))


class Sniffer(threading.Thread):
    """Every TCP segment on lo to or from `port`: (src port, dst port, seq, ack, flags)."""

    def __init__(self, port: int):
        super().__init__(daemon=True)
        self.port = port
        self.segments = []
        self.lock = threading.Condition()
        self.sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
        self.sock.bind(('lo', 0))
        self.sock.settimeout(0.2)
        self.running = True

    def run(self):
        while self.running:
            try:
                frame = self.sock.recv(70000)
            except socket.timeout:
                continue
            ip = frame[14:]
            if len(ip) < 40 or ip[0] >> 4 != 4 or ip[9] != socket.IPPROTO_TCP:
                continue
            tcp = ip[(ip[0] & 0x0F) * 4:]
            sport, dport, seq, ack, _off, bits = struct.unpack('!HHIIBB', tcp[:14])
            if self.port not in (sport, dport):
                continue
            flags = ''.join(ch for ch, b in FLAG_BITS.items() if bits & b)
            with self.lock:
                self.segments.append((sport, dport, seq, ack, flags))
                self.lock.notify_all()

    def wait_for(self, pred, timeout=2.0):
        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                for s in self.segments:
                    if pred(s):
                        return s
                left = deadline - time.monotonic()
                if left <= 0:
                    raise RuntimeError('segment not seen')
                self.lock.wait(left)


def listener(port, backlog=16, defer=False, reuse=True):
    s = socket.socket()
    if reuse:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if defer:
        # TCP_DEFER_ACCEPT: the request socket drops the handshake's bare ACK and stays in SYN-RECV,
        # which is what these scenarios need to reach it with crafted segments.
        s.setsockopt(socket.IPPROTO_TCP, TCP_DEFER_ACCEPT, 10)
    s.bind((LO, port))
    s.listen(backlog)
    return s


def time_wait_seconds(port):
    """Remaining TIME-WAIT time of the sockets on `port`, from ss (e.g. timer:(timewait,59sec,0))."""
    out = subprocess.run(['ss', '-tanoH', 'state', 'time-wait', f'( sport = :{port} or dport = :{port} )'], capture_output=True, text=True).stdout
    found = []
    for line in out.strip().splitlines():
        i = line.find('timer:(timewait,')
        if i < 0:
            found.append(None)
            continue
        v = line[i + len('timer:(timewait,'):].split(',')[0]
        num = float(''.join(ch for ch in v if ch.isdigit() or ch == '.'))
        found.append(num / 1000 if v.endswith('ms') else num * 60 if v.endswith('min') else num)
    return found


def handshake_in_syn_recv(port, sniff):
    """A real client connects to a TCP_DEFER_ACCEPT listener: the client is ESTABLISHED, the server's
    request socket stays in SYN-RECV. Returns (listener, client, client port, client ISN)."""
    srv = listener(port, defer=True)
    cli = socket.socket()
    cli.setblocking(False)
    cli.connect_ex((LO, port))
    cport = cli.getsockname()[1]
    syn = sniff.wait_for(lambda s: s[1] == port and s[4] == 'S')
    sniff.wait_for(lambda s: s[0] == cport and s[4] == 'A')
    time.sleep(0.05)
    return srv, cli, cport, syn[2]


def time_wait(port, sniff, client_port=0):
    """Client connects, closes first; the server closes 300 ms later: the client is in TIME-WAIT.
    Returns (listener, client port, client SND.NXT, client RCV.NXT, sockets to keep)."""
    srv = listener(port)
    cli = socket.socket()
    cli.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    cli.bind((LO, client_port))
    cli.connect((LO, port))
    conn, _ = srv.accept()
    cport = cli.getsockname()[1]
    cisn = sniff.wait_for(lambda s: s[0] == cport and s[4] == 'S')[2]
    sisn = sniff.wait_for(lambda s: s[0] == port and s[4] == 'SA')[2]
    time.sleep(0.05)
    cli.close()
    conn.recv(10)
    time.sleep(0.3)
    conn.close()
    sniff.wait_for(lambda s: s[0] == cport and s[4] == 'A' and s[3] == (sisn + 2) & 0xFFFFFFFF)
    time.sleep(0.05)
    return srv, cport, (cisn + 2) & 0xFFFFFFFF, (sisn + 2) & 0xFFFFFFFF, [conn]


def main():
    name, port = sys.argv[1], int(sys.argv[2])
    sniff = Sniffer(port)
    sniff.start()
    time.sleep(0.05)
    raw = Raw()
    keep = []
    out = {}

    if name == 'synrecv-dup-syn':
        # A retransmitted SYN (same sequence number) reaches the request socket: tcp_check_req()
        # answers with the SYN,ACK again (inet_rtx_syn_ack()).
        srv, cli, cport, isn = handshake_in_syn_recv(port, sniff)
        keep += [srv, cli]
        raw.send(cport, port, isn, 0, 'S')
        time.sleep(0.2)
    elif name == 'synrecv-rst-exact':
        # A RST at RCV.NXT drops the request silently; the client's data then finds only the
        # listener, which resets it.
        srv, cli, cport, isn = handshake_in_syn_recv(port, sniff)
        keep += [srv, cli]
        raw.send(cport, port, isn + 1, 0, 'R')
        time.sleep(0.1)
        cli.send(b'x')
        time.sleep(0.2)
    elif name == 'synrecv-rst-inwindow':
        # A RST elsewhere in the window gets a challenge ACK and leaves the request, which the next
        # data segment completes. (Crafted without the timestamp option: the real client's next
        # segment is not accepted by the request after the challenge ACK on this kernel, a PAWS
        # detail the engine does not model.)
        srv, cli, cport, isn = handshake_in_syn_recv(port, sniff)
        keep += [srv, cli]
        sisn = sniff.wait_for(lambda s: s[0] == port and s[4] == 'SA')[2]
        raw.send(cport, port, isn + 6, 0, 'R')
        time.sleep(0.1)
        raw.send(cport, port, isn + 1, sisn + 1, 'PA', b'x')
        time.sleep(0.2)
    elif name == 'synrecv-new-syn':
        # An in-window SYN with a new sequence number: RST,ACK and the request dropped.
        srv, cli, cport, isn = handshake_in_syn_recv(port, sniff)
        keep += [srv, cli]
        raw.send(cport, port, isn + 10, 0, 'S')
        time.sleep(0.1)
        cli.send(b'x')
        time.sleep(0.2)
    elif name == 'tw-rst':
        # RST with SEQ = RCV.NXT kills TIME-WAIT (tcp_rfc1337 = 0): the probe ACK after it is answered
        # with RST by a port that has no socket any more.
        srv, cport, snd_nxt, rcv_nxt, k = time_wait(port, sniff)
        keep += [srv] + k
        raw.send(port, cport, rcv_nxt, 0, 'R')
        time.sleep(0.1)
        raw.send(port, cport, rcv_nxt, snd_nxt, 'A')
        time.sleep(0.2)
        out['timeWait'] = time_wait_seconds(port)
    elif name == 'tw-rst-inwindow':
        # Any other RST is dropped silently. 2.5 s later a bare ACK at RCV.NXT, not answered,
        # restarts the 60 s timer (ss then shows about 60 s left, not about 57 s).
        srv, cport, snd_nxt, rcv_nxt, k = time_wait(port, sniff)
        keep += [srv] + k
        raw.send(port, cport, rcv_nxt + 100, 0, 'R')
        time.sleep(2.5)
        raw.send(port, cport, rcv_nxt, snd_nxt, 'A')
        time.sleep(0.2)
        out['timeWait'] = time_wait_seconds(port)
    elif name == 'tw-syn-no-listener':
        # A SYN above RCV.NXT, no listener on the TIME-WAIT socket's port: TCP_TW_ACK. (The ACK then
        # meets the server's listener, whose RST, at RCV.NXT, ends TIME-WAIT.)
        srv, cport, snd_nxt, rcv_nxt, k = time_wait(port, sniff)
        keep += [srv] + k
        raw.send(port, cport, rcv_nxt + 1000, 0, 'S')
        time.sleep(0.2)
    elif name == 'tw-syn-listener':
        # The same SYN with a listener on the port: TCP_TW_SYN, a new request whose ISN is the
        # old SND.NXT + 65535 + 2. (Its SYN,ACK meets the server's listener, which resets it.)
        srv, cport, snd_nxt, rcv_nxt, k = time_wait(port, sniff, client_port=port + 1)
        keep += [srv] + k
        keep.append(listener(cport))
        raw.send(port, cport, rcv_nxt + 1000, 0, 'S')
        time.sleep(0.2)
    elif name == 'syn-data':
        # A SYN carrying text to a listener: the SYN,ACK acknowledges the SYN only (the text is not
        # kept). The SYN,ACK goes to a port with no socket, whose RST drops the request.
        keep.append(listener(port))
        raw.send(port + 1, port, 1_000_000, 0, 'S', b'hello')
        time.sleep(0.2)
    elif name == 'accept-queue':
        # listen(fd, 1) and no accept(): two connections fit (sk_acceptq_is_full: more than the
        # backlog queued); the third one's SYNs are dropped.
        keep.append(listener(port, backlog=1))
        for i in range(3):
            c = socket.socket()
            c.setblocking(False)
            c.connect_ex((LO, port))
            keep.append(c)
            time.sleep(0.1)
        time.sleep(1.4)
    else:
        raise SystemExit(f'unknown scenario {name}')

    print(json.dumps(out), flush=True)
    sys.stdin.read()
    sniff.running = False
    for s in keep:
        s.close()


if __name__ == '__main__':
    main()
