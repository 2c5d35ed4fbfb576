# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Pager-mode MESSAGE (RFC 3428) between two parlo-cli, through a real Kamailio (with its
407 challenge) and peer to peer without a server."""
import time
import unittest

from kamailio_fixture import Kamailio, free_port
from parlo_cli import ParloCli

TEXT = "你好 Bob, ça va? 😀 — Привет"


class MessagingTest(unittest.TestCase):
    def setUp(self):
        self.clis = []

    def tearDown(self):
        for cli in self.clis:
            cli.kill()

    def cli(self, args, **kwargs):
        cli = ParloCli(args, **kwargs)
        self.clis.append(cli)
        return cli

    def registered(self, kam, user, transport, tcp_listener=True):
        port = kam.tcp_port if transport == "tcp" else kam.udp_port
        args = ["--account", f"sip:{user}@127.0.0.1", "--transport", transport,
                "--proxy", f"sip:127.0.0.1:{port};transport={transport}", "--listen", "udp:127.0.0.1:0"]
        if tcp_listener:
            args += ["--listen", "tcp:127.0.0.1:0"]
        cli = self.cli(args, password=f"{user}-secret", name=user)
        cli.wait_for("registered")
        return cli

    def test_message_through_kamailio_utf8_and_large(self):
        with Kamailio() as kam:
            alice = self.registered(kam, "alice", "udp")
            bob = self.registered(kam, "bob", "tcp")
            alice.send(f"msg sip:bob@127.0.0.1 {TEXT}")
            sent = alice.wait_for("message_sent")
            self.assertEqual(sent["code"], 200)
            got = bob.wait_for("message_received")
            self.assertEqual(got["body"], TEXT)
            self.assertEqual(got["from"], "sip:alice@127.0.0.1")
            self.assertTrue(got["content_type"].startswith("text/plain"))
            # Over 1300 bytes: moved to TCP by the transport, delivered whole.
            big = "长" * 1000 + "end"
            alice.send(f"msg sip:bob@127.0.0.1 {big}")
            self.assertEqual(alice.wait_for("message_sent")["code"], 200)
            self.assertEqual(bob.wait_for("message_received")["body"], big)
            # To an address that is no user at all: a clear failure, not silence.
            alice.send("msg sip:nobody@127.0.0.1 hello?")
            failed = alice.wait_for("message_failed")
            self.assertGreaterEqual(failed["code"], 400)
            self.assertTrue(failed["reason"])
            self.assertEqual(alice.quit(), 0)
            self.assertEqual(bob.quit(), 0)

    def test_offline_message_delivered_on_register_with_its_date(self):
        with Kamailio() as kam:
            alice = self.registered(kam, "alice", "udp")
            sent_at = time.time()
            alice.send(f"msg sip:bob@127.0.0.1 {TEXT}")
            stored = alice.wait_for("message_sent")
            self.assertEqual(stored["code"], 202)  # msilo: accepted for later delivery
            time.sleep(1.5)
            bob = self.registered(kam, "bob", "udp")
            got = bob.wait_for("message_received")
            self.assertEqual(got["body"], TEXT)
            self.assertEqual(got["from"], "sip:alice@127.0.0.1")
            # The Date header carries when it was stored, not when it was delivered.
            self.assertLessEqual(abs(got["date"] - sent_at), 2)
            self.assertLess(got["date"], time.time() - 1)
            # Exactly one REGISTER round per start: no needless re-registration.
            self.assertEqual(bob.count("registered"), 1)
            self.assertEqual(alice.quit(), 0)
            self.assertEqual(bob.quit(), 0)

    def test_is_composing_shown_not_stored(self):
        with Kamailio() as kam:
            alice = self.registered(kam, "alice", "udp")
            bob = self.registered(kam, "bob", "udp")
            alice.send("typing sip:bob@127.0.0.1")
            typing = bob.wait_for("composing")
            self.assertEqual((typing["from"], typing["active"]), ("sip:alice@127.0.0.1", True))
            alice.send("msg sip:bob@127.0.0.1 done typing")
            self.assertEqual(bob.wait_for("message_received")["body"], "done typing")
            alice.send("typing sip:bob@127.0.0.1 idle")
            self.assertFalse(bob.wait_for("composing")["active"])
            # Typing indicators never surface as messages.
            self.assertEqual(bob.count("message_received"), 1)
            self.assertEqual(alice.quit(), 0)
            self.assertEqual(bob.quit(), 0)

    def test_large_message_without_tcp_fails_clearly(self):
        with Kamailio() as kam:
            alice = self.registered(kam, "alice", "udp", tcp_listener=False)
            alice.send("msg sip:bob@127.0.0.1 " + "x" * 2000)
            failed = alice.wait_for("message_failed")
            self.assertIn("too large for UDP", failed["reason"])
            self.assertEqual(alice.quit(), 0)

    def test_serverless_peer_to_peer(self):
        bob_port = free_port(1)
        bob = self.cli(["--listen", f"udp:127.0.0.1:{bob_port}"], name="bob")
        bob.wait_for("started")
        alice = self.cli(["--listen", "udp:127.0.0.1:0"], name="alice")
        alice.wait_for("started")
        alice.send(f"msg sip:bob@127.0.0.1:{bob_port} {TEXT}")
        self.assertEqual(alice.wait_for("message_sent")["code"], 200)
        got = bob.wait_for("message_received")
        self.assertEqual(got["body"], TEXT)
        self.assertTrue(got["from"].startswith("sip:parlo@127.0.0.1:"))
        self.assertEqual(alice.quit(), 0)
        self.assertEqual(bob.quit(), 0)


if __name__ == "__main__":
    unittest.main()
