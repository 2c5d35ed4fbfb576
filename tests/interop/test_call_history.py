# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The call history (App::CallHistoryRecorder): two serverless parlo-cli, each with its own
--data-dir, call each other — rejected, cancelled by the caller (a missed call for the
callee) and answered — and both record every call with its direction, peer, times and
result, in their database (read with sqlite3 after quit) and in `history`."""
import os
import shutil
import sqlite3
import tempfile
import time
import unittest

from kamailio_fixture import free_port
from parlo_cli import ParloCli


class CallHistoryTest(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="parlo-history-")
        self.clis = []

    def tearDown(self):
        for cli in self.clis:
            cli.kill()
        shutil.rmtree(self.folder, ignore_errors=True)

    def party(self, name, port):
        cli = ParloCli(["--listen", f"udp:127.0.0.1:{port}"], name=name,
                       data_dir=os.path.join(self.folder, name))
        self.clis.append(cli)
        cli.wait_for("started")
        return cli

    def ended(self, cli):
        return cli.wait_for("call_state", where=lambda e: e["state"] == "terminated")

    def test_calls_are_recorded_on_both_sides(self):
        alice_port = free_port(2)
        bob_port = alice_port + 1
        alice = self.party("alice", alice_port)
        bob = self.party("bob", bob_port)
        bob_uri = f"sip:bob@127.0.0.1:{bob_port}"

        # 1. Rejected by bob (486).
        alice.send(f"call {bob_uri}")
        bob.wait_for("incoming_call")
        bob.send("reject 486")
        self.ended(alice)
        self.ended(bob)
        rejected_a = alice.wait_for("call_recorded")
        rejected_b = bob.wait_for("call_recorded")
        self.assertEqual((rejected_a["direction"], rejected_a["peer"], rejected_a["code"], rejected_a["missed"]),
                         ("outgoing", bob_uri, 486, False))
        self.assertEqual((rejected_b["direction"], rejected_b["code"], rejected_b["answer"]), ("incoming", 486, 0))

        # 2. Cancelled by alice before bob answers: a missed call for bob.
        alice.send(f"call {bob_uri}")
        bob.wait_for("incoming_call")
        alice.wait_for("call_state", where=lambda e: e["state"] == "ringing")
        alice.send("hangup")
        self.ended(alice)
        self.ended(bob)
        cancelled_a = alice.wait_for("call_recorded")
        missed = bob.wait_for("call_recorded")
        self.assertEqual((cancelled_a["direction"], cancelled_a["answer"], cancelled_a["missed"]),
                         ("outgoing", 0, False))
        self.assertEqual((missed["direction"], missed["answer"], missed["missed"], missed["code"]),
                         ("incoming", 0, True, 487))
        self.assertTrue(missed["peer"].startswith("sip:parlo@127.0.0.1"), missed)

        # 3. Answered, then hung up by alice after a second.
        alice.send(f"call {bob_uri}")
        bob.wait_for("incoming_call")
        bob.send("answer")
        alice.wait_for("call_state", where=lambda e: e["state"] == "confirmed")
        time.sleep(1.0)
        alice.send("hangup")
        self.ended(alice)
        self.ended(bob)
        answered_a = alice.wait_for("call_recorded")
        answered_b = bob.wait_for("call_recorded")
        for record in (answered_a, answered_b):
            self.assertEqual((record["code"], record["missed"]), (200, False))
            self.assertGreaterEqual(record["answer"], record["start"])
            self.assertGreaterEqual(record["end"] - record["answer"], 900)

        bob.send("history")
        history = bob.wait_for("history")["calls"]
        self.assertEqual([(c["direction"], c["code"], c["missed"]) for c in history],
                         [("incoming", 200, False), ("incoming", 487, True), ("incoming", 486, True)])
        self.assertEqual(alice.quit(), 0)
        self.assertEqual(bob.quit(), 0)

        db = sqlite3.connect(f"file:{os.path.join(self.folder, 'alice', 'parlo.sqlite')}?mode=ro", uri=True)
        try:
            stored = db.execute("SELECT direction, peer_uri, result_code, answer_ms IS NOT NULL, end_ms IS NOT NULL"
                                " FROM calls ORDER BY id").fetchall()
        finally:
            db.close()
        self.assertEqual(stored, [(1, bob_uri, 486, 0, 1), (1, bob_uri, stored[1][2], 0, 1), (1, bob_uri, 200, 1, 1)])


if __name__ == "__main__":
    unittest.main()
