# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Serverless presence between two parlo-cli processes on 127.0.0.1 (no account, no
server): A SUBSCRIBEs to B directly and B is the notifier (RFC 3856 §5.1, RFC 6665).

- B is asked (watcher_request), allows: A sees B's status; B's changes (away with a
  note, dnd, invisible) reach A; B quits: A's subscription ends (noresource).
- B restarts on the same --data-dir: its stored decision lets A in without asking.
- A B with a new data dir denies: A's subscription ends rejected and A sees B closed.

Without accounts every parlo-cli on 127.0.0.1 is sip:parlo@127.0.0.1:PORT, and watchers
are matched by user and host (not port), as accounts would be: hence one decision per
B's data dir here."""
import re
import shutil
import tempfile
import unittest

from parlo_cli import ParloCli


def start(name, data_dir):
    cli = ParloCli(["--listen", "udp:127.0.0.1:0", "--data-dir", data_dir], name=name)
    started = cli.wait_for("started")
    port = re.search(r"udp:127\.0\.0\.1:(\d+)", " ".join(started["listening"])).group(1)
    return cli, f"sip:parlo@127.0.0.1:{port}"


class ServerlessPresenceTest(unittest.TestCase):
    def setUp(self):
        self.folders = []
        self.clis = []

    def tearDown(self):
        for cli in self.clis:
            cli.kill()
        for folder in self.folders:
            shutil.rmtree(folder, ignore_errors=True)

    def folder(self):
        path = tempfile.mkdtemp(prefix="parlo-presence-")
        self.folders.append(path)
        return path

    def peer(self, name, data_dir):
        cli, uri = start(name, data_dir)
        self.clis.append(cli)
        return cli, uri

    def test_allow_status_and_restart(self):
        a_dir, b_dir = self.folder(), self.folder()
        a, a_uri = self.peer("A", a_dir)
        b, b_uri = self.peer("B", b_dir)
        a.send(f"subscribe {b_uri}")
        request = b.wait_for("watcher_request")
        self.assertEqual(request["uri"], a_uri)
        pending = a.wait_for("subscription_state", where=lambda e: e["state"] != "subscribing")
        self.assertEqual((pending["uri"], pending["state"]), (b_uri, "pending"))
        self.assertEqual(a.count("presence"), 0)  # nothing about B before it allows

        b.send(f"allow {a_uri}")
        decision = b.wait_for("watcher_decision")
        self.assertEqual((decision["uri"], decision["allowed"], decision["stored"]), (a_uri, True, True))
        seen = a.wait_for("presence")
        self.assertEqual((seen["uri"], seen["status"], seen["activity"], seen["note"]), (b_uri, "open", "", ""))
        # (The watcher turns active before or after the decision is stored.)
        if not b.count("watcher_state", where=lambda e: e["state"] == "active"):
            b.wait_for("watcher_state", where=lambda e: e["state"] == "active")
        self.assertEqual(b.count("watcher_state", where=lambda e: e["state"] == "active" and e["uri"] == a_uri), 1)

        b.send("publish away out for lunch")
        seen = a.wait_for("presence", where=lambda e: e["activity"] == "away")
        self.assertEqual((seen["status"], seen["note"]), ("open", "out for lunch"))
        b.send("publish dnd")
        self.assertEqual(a.wait_for("presence", where=lambda e: e["activity"] != "away")["activity"], "dnd")
        b.send("publish invisible hiding")
        seen = a.wait_for("presence", where=lambda e: e["activity"] != "dnd")
        self.assertEqual((seen["status"], seen["activity"], seen["note"]), ("closed", "", ""))
        b.send("publish available back")
        seen = a.wait_for("presence", where=lambda e: e["status"] == "open")
        self.assertEqual((seen["activity"], seen["note"]), ("", "back"))

        # B quits: A's subscription ends with noresource (RFC 6665 §4.2.2), B shows closed.
        self.assertEqual(b.quit(), 0)
        ended = a.wait_for("subscription_state", where=lambda e: e["state"] == "terminated")
        self.assertEqual((ended["uri"], ended["reason"]), (b_uri, "noresource"))
        self.assertEqual(a.wait_for("presence", where=lambda e: e["status"] == "closed")["uri"], b_uri)

        # B again, on the same data dir: the decision is remembered, nobody is asked.
        b2, b2_uri = self.peer("B2", b_dir)
        b2.send("publish busy in a call")
        b2.wait_for("own_status")
        a.send(f"subscribe {b2_uri}")
        seen = a.wait_for("presence", where=lambda e: e["uri"] == b2_uri)
        self.assertEqual((seen["status"], seen["activity"], seen["note"]), ("open", "busy", "in a call"))
        b2.drain(0.5)
        self.assertEqual(b2.count("watcher_request"), 0)
        self.assertEqual(a.quit(), 0)
        # A unsubscribed on quit: B2 saw its watcher go.
        b2.wait_for("watcher_state", where=lambda e: e["state"] == "terminated")
        self.assertEqual(b2.quit(), 0)

    def test_deny(self):
        a, a_uri = self.peer("A", self.folder())
        b, b_uri = self.peer("B", self.folder())
        b.send("publish away secret plans")
        a.send(f"subscribe {b_uri}")
        self.assertEqual(b.wait_for("watcher_request")["uri"], a_uri)
        b.send(f"deny {a_uri}")
        ended = a.wait_for("subscription_state", where=lambda e: e["state"] == "terminated")
        self.assertEqual((ended["uri"], ended["reason"]), (b_uri, "rejected"))
        closed = a.wait_for("presence")
        self.assertEqual((closed["uri"], closed["status"], closed["note"]), (b_uri, "closed", ""))
        # A never learned anything about B but "closed" (not B's away and its note).
        self.assertEqual([(e["status"], e["note"]) for e in a.events if e.get("event") == "presence"],
                         [("closed", "")])
        decision = b.wait_for("watcher_decision")
        self.assertEqual((decision["allowed"], decision["stored"]), (False, True))
        # Asking again is refused at once, without a new watcher_request.
        a.send(f"subscribe {b_uri}")
        a.wait_for("subscription_state", where=lambda e: e["state"] == "terminated")
        b.drain(0.5)
        self.assertEqual(b.count("watcher_request"), 1)
        self.assertEqual(a.quit(), 0)
        self.assertEqual(b.quit(), 0)

    def test_contact_add_and_remove(self):
        """parlo-cli's contact-add goes through the app layer: the new contact is let in
        (also a request already pending); after contact-remove it is asked about again."""
        a, a_uri = self.peer("A", self.folder())
        b, b_uri = self.peer("B", self.folder())
        a.send(f"subscribe {b_uri}")
        self.assertEqual(b.wait_for("watcher_request")["uri"], a_uri)
        a.wait_for("subscription_state", where=lambda e: e["state"] == "pending")
        b.send(f"contact-add {a_uri} Alice")
        self.assertEqual(b.wait_for("contact_added")["uri"], a_uri)
        seen = a.wait_for("presence")
        self.assertEqual((seen["uri"], seen["status"]), (b_uri, "open"))
        b.wait_for("watcher_state", where=lambda e: e["state"] == "active" and e["uri"] == a_uri)
        self.assertEqual(b.count("watcher_decision"), 0)  # no decision was asked for or stored

        b.send(f"contact-remove {a_uri}")
        self.assertEqual(b.wait_for("contact_removed")["uri"], a_uri)
        a.send(f"unsubscribe {b_uri}")
        a.wait_for("subscription_state", where=lambda e: e["state"] == "terminated")
        a.send(f"subscribe {b_uri}")
        # (wait_for takes events in order: this is the second request.)
        self.assertEqual(b.wait_for("watcher_request")["uri"], a_uri)
        self.assertEqual(b.count("watcher_request"), 2)
        self.assertEqual(a.wait_for("subscription_state", where=lambda e: e["state"] == "pending")["uri"], b_uri)
        self.assertEqual(a.quit(), 0)
        self.assertEqual(b.quit(), 0)


if __name__ == "__main__":
    unittest.main()
