# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Presence through Kamailio's presence server: PUBLISH (RFC 3903) of our status with a
note, SUBSCRIBE/NOTIFY (RFC 3856/6665) with PIDF, changes, unsubscribe."""
import unittest

from kamailio_fixture import Kamailio
from parlo_cli import ParloCli


class PresenceTest(unittest.TestCase):
    def test_publish_and_watch(self):
        with Kamailio() as kam:
            clis = []
            try:
                def user(name):
                    cli = ParloCli(["--account", f"sip:{name}@127.0.0.1", "--proxy", f"sip:127.0.0.1:{kam.udp_port}",
                                    "--listen", "udp:127.0.0.1:0"], password=f"{name}-secret", name=name)
                    clis.append(cli)
                    cli.wait_for("registered")
                    return cli
                alice, bob = user("alice"), user("bob")
                bob.send("publish away in a meeting")
                published = bob.wait_for("publication_state", where=lambda e: e["state"] in ("published", "failed"))
                self.assertEqual((published["state"], published["code"]), ("published", 200))
                alice.send("subscribe sip:bob@127.0.0.1")
                seen = alice.wait_for("presence")
                self.assertEqual((seen["uri"], seen["status"], seen["activity"], seen["note"]),
                                 ("sip:bob@127.0.0.1", "open", "away", "in a meeting"))
                active = alice.wait_for("subscription_state", where=lambda e: e["state"] == "active")
                self.assertEqual(active["uri"], "sip:bob@127.0.0.1")
                bob.send("publish busy 电话中")
                seen = alice.wait_for("presence", where=lambda e: e["activity"] == "busy")
                self.assertEqual((seen["status"], seen["note"]), ("open", "电话中"))
                bob.send("publish dnd")
                self.assertEqual(alice.wait_for("presence", where=lambda e: e["activity"] != "busy")["activity"], "dnd")
                bob.send("publish invisible")
                hidden = alice.wait_for("presence", where=lambda e: e["activity"] != "dnd")
                self.assertEqual((hidden["status"], hidden["activity"], hidden["note"]), ("closed", "", ""))
                alice.send("unsubscribe sip:bob@127.0.0.1")
                alice.wait_for("subscription_state", where=lambda e: e["state"] == "terminated")
                self.assertEqual(alice.quit(), 0)
                self.assertEqual(bob.quit(), 0)
            finally:
                for cli in clis:
                    cli.kill()


if __name__ == "__main__":
    unittest.main()
