# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""parlo-cli watching a SIPp presence notifier that sends a good PIDF, a malformed one,
then a good one again (sipp/presence_malformed_pidf.xml); and a SIPp voicemail server
(RFC 3842 message-summary, sipp/mwi_notifier.xml).

Parlo answers the malformed NOTIFY 200 and keeps the last good state. Why 200 and not
400: the NOTIFY itself is a valid request of a live subscription (RFC 6665 §4.1.3 has
the subscriber answer such a NOTIFY 200; its Subscription-State is what the subscription
layer acts on), only the document is unusable; and a notifier treats a non-2xx answer
to a NOTIFY as the end of the subscription (RFC 6665 §4.2.2; Kamailio and Parlo's own
notifier both drop the watcher), so a 400 would cost the watcher every later update for
one bad document. The problem is reported to the app instead (presence_rejected)."""
import unittest

from kamailio_fixture import free_port
from parlo_cli import ParloCli
from sipp_fixture import Sipp


class PresenceSippTest(unittest.TestCase):
    def start(self, scenario):
        """SIPp playing `scenario` on a free port, and a serverless parlo-cli; both ended
        after the test. Returns (sipp, cli, SIPp's port)."""
        port = free_port(1)
        sipp = Sipp(scenario, port)
        self.addCleanup(sipp.cleanup)
        cli = ParloCli(["--listen", "udp:127.0.0.1:0"], name="parlo")
        self.addCleanup(cli.kill)
        cli.wait_for("started")
        return sipp, cli, port

    def test_malformed_pidf_keeps_the_last_good_state(self):
        sipp, cli, port = self.start("presence_malformed_pidf.xml")
        target = f"sip:presentity@127.0.0.1:{port}"
        cli.send(f"subscribe {target}")
        first = cli.wait_for("presence", where=lambda e: e["status"] == "open")
        self.assertEqual((first["uri"], first["activity"], first["note"]), (target, "away", "gone fishing"))
        rejected = cli.wait_for("presence_rejected")
        self.assertEqual(rejected["uri"], target)
        self.assertIn("malformed PIDF", rejected["reason"])
        busy = cli.wait_for("presence", where=lambda e: e["activity"] != "away")
        self.assertEqual((busy["status"], busy["activity"], busy["note"]), ("open", "busy", "gone fishing"))
        # Between the two good documents nothing else was reported about the contact.
        presences = [e for e in cli.events if e.get("event") == "presence"]
        self.assertEqual([(e["status"], e["activity"]) for e in presences], [("open", "away"), ("open", "busy")])
        self.assertFalse([e for e in cli.events if e.get("event") == "subscription_state"
                          and e["state"] == "terminated"])
        cli.send(f"unsubscribe {target}")
        done = cli.wait_for("subscription_state", where=lambda e: e["state"] == "terminated")
        self.assertEqual(done["uri"], target)
        self.assertEqual(cli.quit(), 0)
        code = sipp.wait()
        self.assertEqual(code, 0, "sipp scenario failed:\n" + sipp.report())
        # SIPp's log: the malformed NOTIFY (CSeq 2) was answered 200 like the others.
        log = (sipp.folder / "messages.log").read_text(errors="replace")
        self.assertRegex(log, r"SIP/2\.0 200 OK[^\n]*\n(?:[^\n]+\n)*CSeq: 2 NOTIFY")

    def test_message_summary(self):
        """The voicemail indicator (RFC 3842): SIPp as the voicemail server."""
        sipp, cli, port = self.start("mwi_notifier.xml")
        target = f"sip:vmail@127.0.0.1:{port}"
        cli.send(f"mwi {target}")
        waiting = cli.wait_for("voicemail")
        self.assertEqual((waiting["uri"], waiting["waiting"], waiting["new"], waiting["old"], waiting["account"]),
                         (target, True, 2, 8, "sip:vmail@127.0.0.1"))
        cleared = cli.wait_for("voicemail")
        self.assertEqual((cleared["waiting"], cleared["new"], cleared["old"]), (False, 0, 10))
        cli.send(f"mwi off {target}")
        done = cli.wait_for("mwi_state", where=lambda e: e["state"] == "terminated")
        self.assertEqual(done["uri"], target)
        self.assertEqual(cli.quit(), 0)
        self.assertEqual(sipp.wait(), 0, "sipp scenario failed:\n" + sipp.report())


if __name__ == "__main__":
    unittest.main()
