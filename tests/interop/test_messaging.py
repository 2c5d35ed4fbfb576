# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Pager-mode MESSAGE (RFC 3428) between two parlo-cli, through a real Kamailio (with its
407 challenge) and peer to peer without a server; every message stored in each side's
own database (--data-dir), which the tests read with sqlite3 after the programs quit."""
import os
import shutil
import sqlite3
import tempfile
import time
import unittest

from kamailio_fixture import Kamailio, free_port
from parlo_cli import ParloCli

TEXT = "你好 Bob, ça va? 😀 — Привет"

# MessageState and MessageDirection as stored (app/storage/StoredMessage.h).
QUEUED, SENDING, SENT, FAILED, RECEIVED = range(5)
INCOMING, OUTGOING = 0, 1


def rows(db_path, sql, params=()):
    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


class MessagingTest(unittest.TestCase):
    def setUp(self):
        self.clis = []
        self.folder = tempfile.mkdtemp(prefix="parlo-messaging-")

    def tearDown(self):
        for cli in self.clis:
            cli.kill()
        shutil.rmtree(self.folder, ignore_errors=True)

    def data_dir(self, name):
        return os.path.join(self.folder, name)

    def cli(self, args, **kwargs):
        cli = ParloCli(args, **kwargs)
        self.clis.append(cli)
        return cli

    def registered(self, kam, user, transport, tcp_listener=True, extra=()):
        port = kam.tcp_port if transport == "tcp" else kam.udp_port
        args = ["--account", f"sip:{user}@127.0.0.1", "--transport", transport,
                "--proxy", f"sip:127.0.0.1:{port};transport={transport}", "--listen", "udp:127.0.0.1:0"]
        if tcp_listener:
            args += ["--listen", "tcp:127.0.0.1:0"]
        cli = self.cli(args + list(extra), password=f"{user}-secret", name=user, data_dir=self.data_dir(user))
        cli.wait_for("registered")
        return cli

    def statuses(self, cli, message_id):
        return [(e["state"], e["code"]) for e in cli.events
                if e.get("event") == "message_status" and e["id"] == message_id]

    def send_and_wait(self, cli, uri, text):
        """Sends `text`; returns (id, final message_status event)."""
        cli.send(f"msg {uri} {text}")
        queued = cli.wait_for("message_status", where=lambda e: e["state"] == "queued")
        return queued["id"], cli.wait_message_outcome(queued["id"])

    def test_message_through_kamailio_utf8_large_auth_and_stored(self):
        with Kamailio() as kam:
            sip_log = os.path.join(self.folder, "alice-sip.log")
            alice = self.registered(kam, "alice", "udp", extra=["--log-sip", sip_log])
            bob = self.registered(kam, "bob", "tcp")
            first, sent = self.send_and_wait(alice, "sip:bob@127.0.0.1", TEXT)
            self.assertEqual(sent["code"], 200)
            # Stored before anything went out, then out, then acknowledged.
            self.assertEqual(self.statuses(alice, first), [("queued", 0), ("sending", 0), ("sent", 200)])
            got = bob.wait_for("message")
            self.assertEqual(got["body"], TEXT)
            self.assertEqual(got["from"], "sip:alice@127.0.0.1")
            self.assertTrue(got["content_type"].startswith("text/plain"))
            self.assertLessEqual(abs(got["time"] / 1000 - time.time()), 30)
            # Over 1300 bytes: moved to TCP by the transport, delivered whole.
            big = "长" * 1000 + "end"
            second, sent = self.send_and_wait(alice, "sip:bob@127.0.0.1", big)
            self.assertEqual(sent["code"], 200)
            self.assertEqual(bob.wait_for("message")["body"], big)
            # To an address that is no user at all: a clear failure, not silence.
            third, failed = self.send_and_wait(alice, "sip:nobody@127.0.0.1", "hello?")
            self.assertEqual(failed["state"], "failed")
            self.assertGreaterEqual(failed["code"], 400)
            self.assertTrue(failed["reason"])
            # Kamailio challenged the MESSAGE (407) and Parlo answered with credentials.
            log = open(sip_log, encoding="utf-8", errors="replace").read()
            self.assertIn("SIP/2.0 407", log)
            self.assertRegex(log, r"MESSAGE sip:bob@127\.0\.0\.1 SIP/2\.0\r?\n(?:[^\r\n]+\r?\n)*"
                                  r"Proxy-Authorization: Digest ")
            self.assertEqual(alice.quit(), 0)
            self.assertEqual(bob.quit(), 0)

        # Each side's database holds its messages, once each, in their final state.
        alice_rows = rows(os.path.join(self.data_dir("alice"), "parlo.sqlite"),
                          "SELECT id, direction, peer_uri, body, state, failure_code FROM messages ORDER BY id")
        self.assertEqual([(r[0], r[1], r[2], r[3], r[4]) for r in alice_rows], [
            (first, OUTGOING, "sip:bob@127.0.0.1", TEXT, SENT),
            (second, OUTGOING, "sip:bob@127.0.0.1", big, SENT),
            (third, OUTGOING, "sip:nobody@127.0.0.1", "hello?", FAILED)])
        self.assertGreaterEqual(alice_rows[2][5], 400)
        bob_rows = rows(os.path.join(self.data_dir("bob"), "parlo.sqlite"),
                        "SELECT direction, peer_uri, body, state FROM messages ORDER BY id")
        self.assertEqual(bob_rows, [(INCOMING, "sip:alice@127.0.0.1", TEXT, RECEIVED),
                                    (INCOMING, "sip:alice@127.0.0.1", big, RECEIVED)])
        self.assertEqual(rows(os.path.join(self.data_dir("bob"), "parlo.sqlite"),
                              "SELECT peer_uri, unread_count FROM conversations"),
                         [("sip:alice@127.0.0.1", 2)])

    def test_queued_while_unregistered_sent_on_next_start(self):
        # First run: the registrar is unreachable, so the message stays queued on disk.
        dead_port = free_port(1)
        alice = self.cli(["--account", "sip:alice@127.0.0.1", "--proxy", f"sip:127.0.0.1:{dead_port}",
                          "--listen", "udp:127.0.0.1:0", "--t1", "50"],
                         password="alice-secret", name="alice-offline", data_dir=self.data_dir("alice"))
        alice.send(f"msg sip:bob@127.0.0.1 {TEXT}")
        queued = alice.wait_for("message_status", where=lambda e: e["state"] == "queued")
        alice.drain(1.0)
        self.assertEqual(self.statuses(alice, queued["id"]), [("queued", 0)])
        self.assertEqual(alice.quit(), 0)
        db = os.path.join(self.data_dir("alice"), "parlo.sqlite")
        self.assertEqual(rows(db, "SELECT id, state FROM messages"), [(queued["id"], QUEUED)])

        # Next run, with a registrar: sent once registered.
        with Kamailio() as kam:
            bob = self.registered(kam, "bob", "udp")
            alice = self.registered(kam, "alice", "udp")
            outcome = alice.wait_message_outcome(queued["id"])
            self.assertEqual((outcome["state"], outcome["code"]), ("sent", 200))
            self.assertEqual(bob.wait_for("message")["body"], TEXT)
            self.assertEqual(alice.quit(), 0)
            self.assertEqual(bob.quit(), 0)
        self.assertEqual(rows(db, "SELECT id, state FROM messages"), [(queued["id"], SENT)])

    def test_offline_message_delivered_on_register_with_its_date(self):
        with Kamailio() as kam:
            alice = self.registered(kam, "alice", "udp")
            sent_at = time.time()
            _, stored = self.send_and_wait(alice, "sip:bob@127.0.0.1", TEXT)
            self.assertEqual(stored["code"], 202)  # msilo: accepted for later delivery
            self.assertEqual(stored["state"], "sent")
            time.sleep(1.5)
            bob = self.registered(kam, "bob", "udp")
            got = bob.wait_for("message")
            self.assertEqual(got["body"], TEXT)
            self.assertEqual(got["from"], "sip:alice@127.0.0.1")
            # The Date header carries when it was stored, not when it was delivered.
            self.assertLessEqual(abs(got["time"] / 1000 - sent_at), 2)
            self.assertLess(got["time"] / 1000, time.time() - 1)
            # Exactly one REGISTER round per start: no needless re-registration.
            self.assertEqual(bob.count("registered"), 1)
            self.assertEqual(alice.quit(), 0)
            self.assertEqual(bob.quit(), 0)
        stored = rows(os.path.join(self.data_dir("bob"), "parlo.sqlite"), "SELECT sent_ms FROM messages")
        self.assertEqual(stored, [(got["time"],)])

    def test_is_composing_shown_not_stored(self):
        with Kamailio() as kam:
            alice = self.registered(kam, "alice", "udp")
            bob = self.registered(kam, "bob", "udp")
            alice.send("typing sip:bob@127.0.0.1")
            typing = bob.wait_for("typing")
            self.assertEqual((typing["from"], typing["active"]), ("sip:alice@127.0.0.1", True))
            alice.send("msg sip:bob@127.0.0.1 done typing")
            self.assertEqual(bob.wait_for("message")["body"], "done typing")
            # RFC 3994 §3.3: the message itself ends "typing" at the receiver.
            self.assertFalse(bob.wait_for("typing")["active"])
            alice.send("typing sip:bob@127.0.0.1")
            self.assertTrue(bob.wait_for("typing")["active"])
            alice.send("typing sip:bob@127.0.0.1 idle")
            self.assertFalse(bob.wait_for("typing")["active"])
            # Typing indicators never surface as messages.
            bob.drain(0.5)
            self.assertEqual(bob.count("message"), 1)
            self.assertEqual(alice.quit(), 0)
            self.assertEqual(bob.quit(), 0)
        self.assertEqual(rows(os.path.join(self.data_dir("bob"), "parlo.sqlite"),
                              "SELECT body FROM messages"), [("done typing",)])

    def test_large_message_without_tcp_fails_clearly(self):
        with Kamailio() as kam:
            alice = self.registered(kam, "alice", "udp", tcp_listener=False)
            message_id, failed = self.send_and_wait(alice, "sip:bob@127.0.0.1", "x" * 2000)
            self.assertEqual((failed["state"], failed["code"]), ("failed", 0))
            self.assertIn("too large for UDP", failed["reason"])
            # resend: queued again, and fails again for the same reason.
            alice.send(f"resend {message_id}")
            again = alice.wait_message_outcome(message_id)
            self.assertIn("too large for UDP", again["reason"])
            self.assertEqual([s for s, _ in self.statuses(alice, message_id)],
                             ["queued", "sending", "failed", "queued", "sending", "failed"])
            self.assertEqual(alice.quit(), 0)

    def test_serverless_peer_to_peer(self):
        bob_port = free_port(1)
        bob = self.cli(["--listen", f"udp:127.0.0.1:{bob_port}"], name="bob")
        bob.wait_for("started")
        alice = self.cli(["--listen", "udp:127.0.0.1:0"], name="alice")
        alice.wait_for("started")
        _, sent = self.send_and_wait(alice, f"sip:bob@127.0.0.1:{bob_port}", TEXT)
        self.assertEqual(sent["code"], 200)
        got = bob.wait_for("message")
        self.assertEqual(got["body"], TEXT)
        self.assertTrue(got["from"].startswith("sip:parlo@127.0.0.1:"))
        bob.send(f"messages {got['from']}")
        listed = bob.wait_for("messages")
        self.assertEqual([(m["body"], m["direction"], m["state"]) for m in listed["messages"]],
                         [(TEXT, "incoming", "received")])
        bob.send("conversations")
        conversations = bob.wait_for("conversations")["conversations"]
        self.assertEqual([(c["peer"], c["unread"]) for c in conversations], [(got["from"], 1)])
        self.assertEqual(alice.quit(), 0)
        self.assertEqual(bob.quit(), 0)

    def test_contacts_are_stored(self):
        alice = self.cli(["--listen", "udp:127.0.0.1:0"], name="alice", data_dir=self.data_dir("alice"))
        alice.wait_for("started")
        alice.send("contact-add sip:bob@127.0.0.1 Bob Example")
        added = alice.wait_for("contact_added")
        self.assertEqual((added["uri"], added["name"]), ("sip:bob@127.0.0.1", "Bob Example"))
        alice.send("contact-add sip:bob@127.0.0.1 Bob Again")
        self.assertIn("sip:bob@127.0.0.1", alice.wait_for("error", where=lambda e: e["command"] == "contact-add")["message"])
        alice.send("contact-add sip:carol@127.0.0.1")
        alice.wait_for("contact_added")
        alice.send("contact-remove sip:carol@127.0.0.1")
        self.assertEqual(alice.wait_for("contact_removed")["uri"], "sip:carol@127.0.0.1")
        alice.send("contact-remove sip:carol@127.0.0.1")
        alice.wait_for("error", where=lambda e: e["command"] == "contact-remove")
        self.assertEqual(alice.quit(), 0)
        # Still there on the next start.
        alice = self.cli(["--listen", "udp:127.0.0.1:0"], name="alice2", data_dir=self.data_dir("alice"))
        alice.send("contacts")
        contacts = alice.wait_for("contacts")["contacts"]
        self.assertEqual([(c["uri"], c["name"]) for c in contacts], [("sip:bob@127.0.0.1", "Bob Example")])
        self.assertEqual(alice.quit(), 0)


if __name__ == "__main__":
    unittest.main()
