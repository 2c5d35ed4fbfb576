# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""A UDP relay on 127.0.0.1 that stands between two SIP user agents A and B and drops
chosen datagrams, deterministically: "the first INVITE from A", "the first 200 to an
INVITE from B", ...

    relay = SipRelay(a_port, b_port, drops=[("a->b", is_request("INVITE"))]).start()
    # A calls sip:bob@127.0.0.1:{relay.port_for_a}; B sees A at 127.0.0.1:{relay.port_for_b}

A sends to `port_for_a` as if it were B; B sends to `port_for_b` as if it were A. The relay
forwards each datagram from its other socket, after rewriting the addresses in the SIP
headers ("127.0.0.1:PORT" of the real peer <-> of the relay socket standing for it) so that
Via, Contact and Request-URIs keep every later request and response on the relay. Bodies
are left alone: RTP flows directly between A and B. Each drop rule fires once, on the
first matching datagram. Everything forwarded or dropped is recorded in `log`."""
import re
import select
import socket
import threading
import time


def first_line(data):
    return data.split(b"\r\n", 1)[0].decode("utf-8", "replace")


def is_request(method):
    return lambda data: first_line(data).startswith(method + " ")


def is_response(code, cseq_method):
    pattern = re.compile(rb"\r\nCSeq:\s*\d+\s+" + cseq_method.encode() + rb"\r\n", re.IGNORECASE)
    return lambda data: first_line(data).startswith(f"SIP/2.0 {code} ") and bool(pattern.search(data))


class SipRelay:
    def __init__(self, a_port, b_port, drops=()):
        self.a_port, self.b_port = a_port, b_port
        self.drops = [[direction, match, False] for direction, match in drops]
        self.log = []  # (monotonic time, direction, first line, dropped)
        self._for_a = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._for_a.bind(("127.0.0.1", 0))
        self._for_b = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._for_b.bind(("127.0.0.1", 0))
        self.port_for_a = self._for_a.getsockname()[1]
        self.port_for_b = self._for_b.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._lock = threading.Lock()

    @staticmethod
    def _rewriter(mapping):
        table = {f"127.0.0.1:{old}".encode(): f"127.0.0.1:{new}".encode() for old, new in mapping.items()}
        pattern = re.compile(b"|".join(re.escape(k) + rb"(?!\d)" for k in table))

        def rewrite(data):
            head, separator, body = data.partition(b"\r\n\r\n")
            return pattern.sub(lambda m: table[m.group(0)], head) + separator + body
        return rewrite

    def start(self):
        # A -> B: A's own address becomes the relay's B-side socket; the relay's A-side
        # socket (where A believes B is) becomes B's real address. And back.
        self._to_b = self._rewriter({self.a_port: self.port_for_b, self.port_for_a: self.b_port})
        self._to_a = self._rewriter({self.b_port: self.port_for_a, self.port_for_b: self.a_port})
        self._thread.start()
        return self

    def _should_drop(self, direction, data):
        for rule in self.drops:
            if not rule[2] and rule[0] == direction and rule[1](data):
                rule[2] = True
                return True
        return False

    def _run(self):
        while not self._stop.is_set():
            readable, _, _ = select.select([self._for_a, self._for_b], [], [], 0.1)
            for sock in readable:
                try:
                    data, _ = sock.recvfrom(65535)
                except OSError:
                    continue
                if sock is self._for_a:
                    direction, out, rewrite, target = "a->b", self._for_b, self._to_b, self.b_port
                else:
                    direction, out, rewrite, target = "b->a", self._for_a, self._to_a, self.a_port
                if data.strip() == b"":  # keep-alive CRLF
                    out.sendto(data, ("127.0.0.1", target))
                    continue
                dropped = self._should_drop(direction, data)
                with self._lock:
                    self.log.append((time.monotonic(), direction, first_line(data), dropped))
                if not dropped:
                    out.sendto(rewrite(data), ("127.0.0.1", target))

    def entries(self, direction, match):
        """Logged datagrams of `direction` whose first line starts with `match`."""
        with self._lock:
            return [e for e in self.log if e[1] == direction and e[2].startswith(match)]

    def all_drops_fired(self):
        return all(rule[2] for rule in self.drops)

    def stop(self):
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)
        self._for_a.close()
        self._for_b.close()
