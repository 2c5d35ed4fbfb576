# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""SIP retransmissions recover lost call set-up messages (RFC 3261 §17 and §13.3.1.4): two
parlo-cli call each other through sip_relay.SipRelay on 127.0.0.1, which drops exactly
one chosen datagram (deterministic, unlike random loss):

- the first INVITE (A -> B): A's INVITE client transaction resends it after T1 (Timer A);
- the first 200 OK to the INVITE (B -> A): B's core resends the 2xx (T1, 2T1, ...) until
  the ACK;
- the first ACK (A -> B): B resends the 2xx, A answers each copy with the ACK again.

Each call must complete (both sides confirmed, then a normal BYE), the relay must have seen
the dropped message and its retransmission, and audio must flow afterwards: alice sends
440 Hz and bob 880 Hz, each recording holds the other's tone for at least 95% of the call
from its own `confirmed` to its `terminated` (RTP flows directly, not through the relay)."""
import shutil
import tempfile
import time
import unittest
from pathlib import Path

from call_matrix import CALL_SECONDS, check_audio
from kamailio_fixture import free_port
from parlo_cli import ParloCli
from sip_relay import SipRelay, is_request, is_response


class Side:
    """The bits of call_matrix.Party that check_audio needs, for a parlo-cli on a fixed port."""

    def __init__(self, role, tone, folder, port, extra, clis):
        self.role, self.folder = role, folder
        self.cli = ParloCli(["--listen", f"udp:127.0.0.1:{port}", "--codecs", "opus",
                             "--audio-in", f"tone:{tone}",
                             "--audio-out", f"wav:{folder / (role + '-{call}.wav')}"] + extra, name=role)
        clis.append(self.cli)
        self.cli.wait_for("started")

    def wav(self, call):
        return self.folder / f"{self.role}-{call}.wav"

    def event(self, name, call, **match):
        def where(e):
            return e.get("call") == call and all(e.get(k) == v for k, v in match.items())
        found = next((e for e in self.cli.events if e.get("event") == name and where(e)), None)
        return found or self.cli.wait_for(name, timeout=20, where=where)


class SipRetransmissionTest(unittest.TestCase):
    def setUp(self):
        self.clis = []
        self.relay = None
        self.folder = Path(tempfile.mkdtemp(prefix="parlo-retrans-"))

    def tearDown(self):
        for cli in self.clis:
            cli.kill()
        if self.relay:
            self.relay.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def call_through_relay(self, drop_direction, drop_match, watched):
        a_port, b_port = free_port(1), free_port(1)
        self.relay = SipRelay(a_port, b_port, drops=[(drop_direction, drop_match)]).start()
        alice = Side("alice", 440, self.folder, a_port, [], self.clis)
        bob = Side("bob", 880, self.folder, b_port, ["--auto-answer", "0"], self.clis)
        started = time.monotonic()
        alice.cli.send(f"call sip:bob@127.0.0.1:{self.relay.port_for_a}")
        a_call = alice.cli.wait_for("call_started")["call"]
        b_call = bob.cli.wait_for("incoming_call", timeout=20)["call"]
        a_confirmed = alice.event("call_state", a_call, state="confirmed")
        b_confirmed = bob.event("call_state", b_call, state="confirmed")
        setup = max(a_confirmed["_at"], b_confirmed["_at"]) - started
        self.assertTrue(self.relay.all_drops_fired(), self.relay.log)
        direction, first = watched
        copies = self.relay.entries(direction, first)
        print(f"\n[retransmission] {first.strip()} ({direction}): {len(copies)} sent, first dropped; "
              f"call confirmed on both sides {setup:.2f} s after `call`", flush=True)
        self.assertTrue(copies[0][3], f"the first {first} was not the one dropped: {copies}")
        self.assertGreaterEqual(len(copies), 2, f"no retransmission of {first}: {self.relay.log}")
        time.sleep(CALL_SECONDS)
        alice.cli.send(f"hangup {a_call}")
        a_end = alice.event("call_state", a_call, state="terminated")
        b_end = bob.event("call_state", b_call, state="terminated")
        self.assertEqual((a_end["cause"], b_end["cause"]), ("local-hangup", "remote-hangup"))
        a_media = alice.event("call_media", a_call, active=True)
        b_media = bob.event("call_media", b_call, active=True)
        self.assertEqual(alice.cli.quit(), 0)
        self.assertEqual(bob.cli.quit(), 0)
        figures = [check_audio(bob, b_call, 440, b_confirmed, b_end, from_event=b_media),
                   check_audio(alice, a_call, 880, a_confirmed, a_end, from_event=a_media)]
        print(f"[retransmission] audio: {figures}", flush=True)

    def test_dropped_invite_is_retransmitted(self):
        self.call_through_relay("a->b", is_request("INVITE"), ("a->b", "INVITE "))

    def test_dropped_200_is_retransmitted(self):
        self.call_through_relay("b->a", is_response(200, "INVITE"), ("b->a", "SIP/2.0 200 "))

    def test_dropped_ack_is_recovered(self):
        self.call_through_relay("a->b", is_request("ACK"), ("a->b", "ACK "))


if __name__ == "__main__":
    unittest.main()
