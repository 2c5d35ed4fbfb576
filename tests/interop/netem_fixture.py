# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Two network namespaces joined by a link the test can make bad (delay, jitter, loss).

    with ImpairedLink() as link:                 # namespaces A (10.123.0.1) and B (10.123.0.2)
        subprocess.run(link.exec_in(link.ns_a) + ["some", "command"])
        link.impair(delay_ms=40, jitter_ms=30, loss_percent=5)   # both directions

Only addresses this fixture assigns, inside namespaces it creates, are used; the namespaces
(and whatever still runs in them) are removed on exit, also after a failure. Needs root and
iproute2 (`ip`, `tc`).

The namespaces are netns.NetNs (created with only `lo`; this fixture adds the veth pairs).
The impairment is `tc qdisc ... netem delay D J distribution normal loss L%` on both veth
ends when the kernel has netem (CONFIG_NET_SCH_NETEM). Kernels without it (some CI VMs) get
the same statistics from a userspace bridge instead: A and B are then joined through a third
namespace M whose two veth ends are bridged by `python3 netem_fixture.py bridge` (raw
AF_PACKET sockets; IPv4 frames are dropped with probability L and delayed by a normal
N(D, J) clamped at 0, independently per direction, so they can be reordered as with netem;
ARP and other frames pass at once). PARLO_NETEM=netem|bridge forces one of the two.
"""
import heapq
import json
import os
import random
import re
import select
import signal
import socket
import struct
import subprocess
import sys
import threading
import time

from netns import NetNs

A_ADDR = "10.123.0.1"
B_ADDR = "10.123.0.2"
PREFIX = 30
NS_PREFIX = "parlo-bn"  # NetNs names them parlo-bn-PID-N
COMMAND_TIMEOUT = 10  # seconds, for each ip/tc command


def _run(args, check=True):
    result = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            timeout=COMMAND_TIMEOUT)
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({result.returncode}): {result.stderr.strip()}")
    return result


def _pid_alive(pid):
    """Running (a zombie, killed but not yet reaped by its parent, counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except (OSError, IndexError):
        return False


def _kill_namespace_processes(ns):
    """Ends what still runs in one of *our* namespaces (by pid), bounded."""
    result = _run(["ip", "netns", "pids", ns], check=False)
    pids = [int(p) for p in result.stdout.split() if p.isdigit()]
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + 5
    while pids and time.monotonic() < deadline:
        pids = [p for p in pids if _pid_alive(p)]
        time.sleep(0.05)


def remove_stale_namespaces():
    """Namespaces left by an earlier run of this fixture that was killed (its pid is gone)."""
    result = _run(["ip", "netns", "list"], check=False)
    for line in result.stdout.splitlines():
        name = line.split()[0] if line.split() else ""
        match = re.fullmatch(re.escape(NS_PREFIX) + r"-(\d+)-\d+", name)
        if match and not _pid_alive(int(match.group(1))):
            _kill_namespace_processes(name)
            _run(["ip", "netns", "del", name], check=False)


class ImpairedLink:
    def __init__(self, mode=None):
        self.mode = mode or os.environ.get("PARLO_NETEM") or "auto"
        if self.mode not in ("auto", "netem", "bridge"):
            raise ValueError(f"PARLO_NETEM must be netem or bridge, not {self.mode!r}")
        self.netns_a, self.netns_b, self.netns_m = (NetNs(NS_PREFIX), NetNs(NS_PREFIX),
                                                     NetNs(NS_PREFIX))
        self.ns_a, self.ns_b, self.ns_m = self.netns_a.name, self.netns_b.name, self.netns_m.name
        self.a_addr, self.b_addr = A_ADDR, B_ADDR
        self._created = []
        self._bridge = None
        self.bridge_stats = None  # the last bridge's counters, after it stopped
        self.bridge_history = []  # the counters of every bridge that ran, in order
        self.impairment = "none"

    def netns(self, ns):
        """The NetNs called `ns` (ns_a, ns_b or ns_m)."""
        return {n.name: n for n in (self.netns_a, self.netns_b, self.netns_m)}[ns]

    def exec_in(self, ns):
        """Command prefix that runs a program inside namespace `ns` (ip execs it: same pid)."""
        return self.netns(ns).prefix()

    # --- set-up and tear-down ------------------------------------------------------------

    def __enter__(self):
        # A SIGTERM (e.g. from a test runner) unwinds through close() instead of leaving the
        # namespaces behind; a SIGKILL leaves them to remove_stale_namespaces() of the next run.
        self._old_sigterm = None
        if threading.current_thread() is threading.main_thread() \
                and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
            self._old_sigterm = signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
        try:
            self._setup()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def _add_namespace(self, ns):
        netns = self.netns(ns)
        self._created.append(netns)
        netns.create()  # with lo up, and checked to hold nothing else

    def _setup(self):
        remove_stale_namespaces()
        self._add_namespace(self.ns_a)
        self._add_namespace(self.ns_b)
        if self.mode != "bridge":  # forced netem fails here, at once, without netem
            self.mode = "netem" if self._kernel_has_netem() else "bridge"
        if self.mode == "netem":
            # A direct veth pair, created inside A with its peer inside B.
            _run(["ip", "-n", self.ns_a, "link", "add", "veth-a", "type", "veth",
                  "peer", "name", "veth-b", "netns", self.ns_b])
        else:
            self._add_namespace(self.ns_m)
            for side, ns in (("a", self.ns_a), ("b", self.ns_b)):
                _run(["ip", "-n", self.ns_m, "link", "add", f"m-{side}", "type", "veth",
                      "peer", "name", f"veth-{side}", "netns", ns])
                _run(["ip", "-n", self.ns_m, "link", "set", f"m-{side}", "promisc", "on", "up"])
        _run(["ip", "-n", self.ns_a, "addr", "add", f"{A_ADDR}/{PREFIX}", "dev", "veth-a"])
        _run(["ip", "-n", self.ns_b, "addr", "add", f"{B_ADDR}/{PREFIX}", "dev", "veth-b"])
        _run(["ip", "-n", self.ns_a, "link", "set", "veth-a", "up"])
        _run(["ip", "-n", self.ns_b, "link", "set", "veth-b", "up"])
        if self.mode == "bridge":
            self._start_bridge(0, 0, 0)
        self.impairment = f"clean ({self.mode})"

    def _kernel_has_netem(self):
        probe = _run(["tc", "-n", self.ns_a, "qdisc", "add", "dev", "lo", "root", "netem",
                      "delay", "0ms"], check=False)
        if probe.returncode == 0:
            _run(["tc", "-n", self.ns_a, "qdisc", "del", "dev", "lo", "root"], check=False)
            return True
        if self.mode == "netem" or "unknown" not in probe.stderr.lower():
            raise RuntimeError(f"tc netem failed (PARLO_NETEM={self.mode}; a kernel without "
                               f"CONFIG_NET_SCH_NETEM says 'unknown'): {probe.stderr.strip()}")
        return False

    def close(self):
        self._stop_bridge()
        for netns in reversed(self._created):
            _kill_namespace_processes(netns.name)
            netns.delete()
        self._created = []
        if getattr(self, "_old_sigterm", None) is not None:
            signal.signal(signal.SIGTERM, self._old_sigterm)
            self._old_sigterm = None

    # --- impairment ------------------------------------------------------------------------

    def impair(self, delay_ms, jitter_ms, loss_percent, seed=None):
        """Delay (normal distribution, mean delay_ms, deviation jitter_ms) and random loss,
        on both directions; 0, 0, 0 makes the link clean again."""
        clean = not (delay_ms or jitter_ms or loss_percent)
        if self.mode == "netem":
            for ns, dev in ((self.ns_a, "veth-a"), (self.ns_b, "veth-b")):
                _run(["tc", "-n", ns, "qdisc", "del", "dev", dev, "root"], check=False)
                if not clean:
                    args = ["tc", "-n", ns, "qdisc", "add", "dev", dev, "root", "netem",
                            "delay", f"{delay_ms}ms"]
                    if jitter_ms:
                        args += [f"{jitter_ms}ms", "distribution", "normal"]
                    args += ["loss", f"{loss_percent}%"]
                    _run(args)
        else:
            self._stop_bridge()
            self._start_bridge(delay_ms, jitter_ms, loss_percent, seed)
        self.impairment = (f"clean ({self.mode})" if clean else
                           f"{self.mode}: delay {delay_ms} ms +- {jitter_ms} ms normal, loss {loss_percent}%")
        return self.impairment

    def _start_bridge(self, delay_ms, jitter_ms, loss_percent, seed=None):
        if seed is None:
            seed = random.randrange(1 << 30)
        self._bridge = subprocess.Popen(
            self.exec_in(self.ns_m) + [sys.executable, os.path.abspath(__file__), "bridge", "m-a", "m-b",
                                       str(delay_ms), str(jitter_ms), str(loss_percent), str(seed)],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        ready, _, _ = select.select([self._bridge.stdout], [], [], 10)
        line = self._bridge.stdout.readline() if ready else ""
        if line.strip() != "ready":
            self._stop_bridge()
            raise RuntimeError(f"impairment bridge did not start: {line!r} {self.bridge_stats}")

    def _stop_bridge(self):
        bridge, self._bridge = self._bridge, None
        if bridge is None:
            return
        if bridge.poll() is None:
            bridge.send_signal(signal.SIGTERM)
        try:
            out, err = bridge.communicate(timeout=5)
        except subprocess.TimeoutExpired:
            bridge.kill()
            out, err = bridge.communicate(timeout=5)
        try:
            self.bridge_stats = json.loads(out.strip().splitlines()[-1])
        except (ValueError, IndexError):
            self.bridge_stats = {"error": (out + err).strip()[-500:]}
        self.bridge_history.append(self.bridge_stats)


# --- the userspace impairment bridge (runs inside namespace M) ----------------------------

ETH_P_ALL = 0x0003
ETH_P_IP = 0x0800
PACKET_OUTGOING = 4
PACKET_IGNORE_OUTGOING = 23
SOL_PACKET = 263  # not exported by Python's socket module


def _checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def _fix_l4_checksum(frame):
    """Veth hands locally generated UDP/TCP to the peer with the checksum left to 'hardware'
    (CHECKSUM_PARTIAL); a frame re-sent through a packet socket must carry a real one."""
    ihl = (frame[14] & 0x0F) * 4
    total = struct.unpack_from("!H", frame, 16)[0]
    proto = frame[23]
    if struct.unpack_from("!H", frame, 20)[0] & 0x3FFF or proto not in (6, 17) or 14 + total > len(frame):
        return frame  # a fragment, or not UDP/TCP
    segment = bytearray(frame[14 + ihl:14 + total])
    offset = 6 if proto == 17 else 16
    if len(segment) < offset + 2:
        return frame
    segment[offset:offset + 2] = b"\0\0"
    pseudo = frame[26:34] + struct.pack("!BBH", 0, proto, len(segment))
    value = _checksum(pseudo + bytes(segment))
    if proto == 17 and value == 0:
        value = 0xFFFF
    segment[offset:offset + 2] = struct.pack("!H", value)
    return frame[:14 + ihl] + bytes(segment) + frame[14 + total:]


def run_bridge(if1, if2, delay_ms, jitter_ms, loss_percent, seed):
    rng = random.Random(seed)
    socks = {}
    for name in (if1, if2):
        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
        s.bind((name, ETH_P_ALL))
        try:
            s.setsockopt(SOL_PACKET, PACKET_IGNORE_OUTGOING, 1)
        except OSError:
            pass  # older kernels: filtered by pkttype below
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
        socks[name] = s
    peer = {if1: socks[if2], if2: socks[if1]}
    stats = {d: {"frames": 0, "ipv4": 0, "dropped": 0, "delay_sum_ms": 0.0} for d in (if1, if2)}
    heap = []
    counter = 0
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    parent = os.getppid()
    print("ready", flush=True)
    while not stop and os.getppid() == parent:  # ends with the test, even a killed one
        now = time.monotonic()
        while heap and heap[0][0] <= now:
            _, _, out, frame = heapq.heappop(heap)
            try:
                out.send(frame)
            except OSError:
                pass
        timeout = max(0.0, heap[0][0] - now) if heap else 0.5
        try:
            readable, _, _ = select.select(list(socks.values()), [], [], timeout)
        except InterruptedError:
            continue
        for name, s in socks.items():
            if s not in readable:
                continue
            frame, address = s.recvfrom(65536)
            if address[2] == PACKET_OUTGOING:
                continue
            direction = stats[name]
            direction["frames"] += 1
            out = peer[name]
            if len(frame) >= 34 and struct.unpack_from("!H", frame, 12)[0] == ETH_P_IP:
                direction["ipv4"] += 1
                frame = _fix_l4_checksum(frame)
                if rng.random() * 100 < loss_percent:
                    direction["dropped"] += 1
                    continue
                delay = max(0.0, rng.gauss(delay_ms, jitter_ms)) if jitter_ms else float(delay_ms)
                direction["delay_sum_ms"] += delay
                if delay > 0:
                    counter += 1
                    heapq.heappush(heap, (time.monotonic() + delay / 1000, counter, out, frame))
                    continue
            try:
                out.send(frame)
            except OSError:
                pass
    print(json.dumps({"delay_ms": delay_ms, "jitter_ms": jitter_ms, "loss_percent": loss_percent,
                      "seed": seed, "directions": stats}), flush=True)


if __name__ == "__main__":
    if len(sys.argv) == 8 and sys.argv[1] == "bridge":
        run_bridge(sys.argv[2], sys.argv[3], float(sys.argv[4]), float(sys.argv[5]),
                   float(sys.argv[6]), int(sys.argv[7]))
    else:
        sys.exit("usage: netem_fixture.py bridge IF1 IF2 DELAY_MS JITTER_MS LOSS_PERCENT SEED")
