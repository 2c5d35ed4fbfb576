# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Messages survive kill -9. A serverless parlo-cli with a --data-dir receives a stream of
MESSAGEs from a small UDP sender here, and sends its own to a UDP sink here, while it is
SIGKILLed at random moments and restarted on the same data folder and port, 20+ times.
Afterwards every incoming message that got a 200 OK is in its database exactly once, and
every outgoing message the sink acknowledged is marked sent or still pending: never lost,
never failed. The sender retransmits an unanswered message to the next instance, so
duplicates across restarts are exercised too."""
import os
import random
import shutil
import socket
import sqlite3
import tempfile
import threading
import time
import unittest

from kamailio_fixture import free_port
from parlo_cli import ParloCli

KILLS = 22
MAX_SECONDS = 240  # the whole run, whatever happens


def sip_message(target_port, local_port, call_id, branch, body):
    payload = body.encode()
    return (f"MESSAGE sip:parlo@127.0.0.1:{target_port} SIP/2.0\r\n"
            f"Via: SIP/2.0/UDP 127.0.0.1:{local_port};branch=z9hG4bK{branch};rport\r\n"
            "Max-Forwards: 70\r\n"
            "From: <sip:streamer@127.0.0.1>;tag=streamer\r\n"
            f"To: <sip:parlo@127.0.0.1:{target_port}>\r\n"
            f"Call-ID: {call_id}\r\n"
            "CSeq: 1 MESSAGE\r\n"
            "Content-Type: text/plain;charset=UTF-8\r\n"
            f"Content-Length: {len(payload)}\r\n\r\n").encode() + payload


def header(datagram, name):
    for line in datagram.split(b"\r\n"):
        key, _, value = line.partition(b":")
        if key.strip().lower() == name:
            return value.strip().decode(errors="replace")
    return ""


class Streamer(threading.Thread):
    """Sends MESSAGEs one after the other, each retransmitted (same branch, as RFC 3261
    §17.1.2 does) until a final answer or 3 s; records which got a 200 OK."""

    def __init__(self, target_port, deadline):
        super().__init__(daemon=True)
        self.target_port = target_port
        self.deadline = deadline
        self.acknowledged = set()  # call ids answered 200
        self.other_answers = {}
        self.sent = 0
        self.stop = threading.Event()
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.socket.bind(("127.0.0.1", 0))
        self.socket.settimeout(0.1)

    def run(self):
        local_port = self.socket.getsockname()[1]
        n = 0
        while not self.stop.is_set() and time.monotonic() < self.deadline:
            time.sleep(0.004)  # a steady stream, not a flood: a few hundred per second
            n += 1
            call_id = f"durable-{n}@127.0.0.1"
            request = sip_message(self.target_port, local_port, call_id, f"d{n}", f"durable {n}")
            self.sent = n
            give_up = time.monotonic() + 3.0
            next_send = 0.0
            while time.monotonic() < give_up and not self.stop.is_set():
                if time.monotonic() >= next_send:
                    try:
                        self.socket.sendto(request, ("127.0.0.1", self.target_port))
                    except OSError:
                        pass
                    next_send = time.monotonic() + 0.25
                try:
                    datagram, _ = self.socket.recvfrom(65535)
                except (socket.timeout, ConnectionRefusedError, OSError):
                    continue
                if header(datagram, b"call-id") != call_id:
                    continue  # a late answer to an earlier message
                code = int(datagram.split(b" ", 2)[1])
                if code == 200:
                    self.acknowledged.add(call_id)
                    break
                if code >= 300:
                    self.other_answers[call_id] = code
                    break
        self.socket.close()


class Sink(threading.Thread):
    """Answers every MESSAGE 200 OK and records the bodies it acknowledged."""

    def __init__(self):
        super().__init__(daemon=True)
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.socket.bind(("127.0.0.1", 0))
        self.socket.settimeout(0.1)
        self.port = self.socket.getsockname()[1]
        self.acknowledged = set()
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            try:
                datagram, peer = self.socket.recvfrom(65535)
            except (socket.timeout, OSError):
                continue
            if not datagram.startswith(b"MESSAGE "):
                continue
            head, _, body = datagram.partition(b"\r\n\r\n")
            lines = head.split(b"\r\n")
            response = [b"SIP/2.0 200 OK"]
            response += [line for line in lines[1:] if line.lower().startswith((b"via:", b"from:", b"call-id:", b"cseq:"))]
            to = next(line for line in lines if line.lower().startswith(b"to:"))
            response.append(to if b"tag=" in to else to + b";tag=sink")
            response.append(b"Content-Length: 0")
            self.socket.sendto(b"\r\n".join(response) + b"\r\n\r\n", peer)
            # Recorded as acknowledged once the 200 is on its way.
            self.acknowledged.add(body.decode(errors="replace"))
        self.socket.close()


class DurabilityTest(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="parlo-durability-")
        self.cli = None

    def tearDown(self):
        if self.cli:
            self.cli.kill()
        shutil.rmtree(self.folder, ignore_errors=True)

    def start(self, port, run):
        self.cli = ParloCli(["--listen", f"udp:127.0.0.1:{port}"], name=f"parlo-run{run}", data_dir=self.folder)
        self.cli.wait_for("started", timeout=15)

    def test_kill_9_loses_no_acknowledged_message(self):
        rng = random.Random(int(os.environ.get("PARLO_DURABILITY_SEED", time.time())))
        port = free_port(1)
        started = time.monotonic()
        streamer = Streamer(port, started + MAX_SECONDS - 30)
        sink = Sink()
        sink.start()
        outgoing = 0
        try:
            self.start(port, 0)
            streamer.start()
            for run in range(1, KILLS + 1):
                self.assertLess(time.monotonic() - started, MAX_SECONDS - 40, "the kill loop took too long")
                for _ in range(rng.randint(1, 4)):
                    outgoing += 1
                    self.cli.send(f"msg sip:sink@127.0.0.1:{sink.port} outgoing {outgoing}")
                # Any moment: before, during or after a commit or a 200.
                time.sleep(rng.uniform(0.05, 1.2))
                self.cli.process.kill()  # SIGKILL
                self.cli.process.wait(timeout=5)
                self.cli.kill()
                self.start(port, run)
            # The last instance lives: what the sender still retries gets its answer, and
            # the queue left by the killed ones is sent.
            time.sleep(3.5)
            streamer.stop.set()
            streamer.join(timeout=10)
            time.sleep(1.0)
            self.assertEqual(self.cli.quit(), 0)
        finally:
            streamer.stop.set()
            sink.stop.set()
            sink.join(timeout=5)

        db = sqlite3.connect(f"file:{os.path.join(self.folder, 'parlo.sqlite')}?mode=ro", uri=True)
        try:
            self.assertEqual(db.execute("PRAGMA integrity_check").fetchone()[0], "ok")
            incoming = db.execute("SELECT call_id, COUNT(*) FROM messages WHERE direction = 0 GROUP BY call_id").fetchall()
            outgoing_rows = db.execute("SELECT body, state FROM messages WHERE direction = 1").fetchall()
        finally:
            db.close()
        stored = dict(incoming)
        print(f"\n{KILLS} kills; {streamer.sent} MESSAGEs streamed, {len(streamer.acknowledged)} acknowledged, "
              f"{len(stored)} stored; {outgoing} sent by Parlo, {len(sink.acknowledged)} acknowledged by the sink")
        self.assertGreater(len(streamer.acknowledged), KILLS)  # the stream really went on between kills
        self.assertEqual(streamer.other_answers, {})
        missing = sorted(streamer.acknowledged - set(stored))
        self.assertEqual(missing, [], "acknowledged with 200 OK but not stored")
        duplicated = {call_id: n for call_id, n in stored.items() if n != 1}
        self.assertEqual(duplicated, {}, "stored more than once")
        # Outgoing: whatever reached the sink and got its 2xx is sent or still pending.
        states = {}
        for body, state in outgoing_rows:
            states.setdefault(body, []).append(state)
        self.assertTrue(sink.acknowledged, "no outgoing message reached the sink")
        for body in sink.acknowledged:
            self.assertIn(body, states, f"{body!r} was acknowledged by the peer but is not in the database")
            self.assertTrue(all(state in (0, 1, 2) for state in states[body]), (body, states[body]))
        self.assertTrue(all(len(v) == 1 for v in states.values()), states)


if __name__ == "__main__":
    unittest.main()
