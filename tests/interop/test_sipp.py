# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""parlo-cli against scripted SIPp peers on 127.0.0.1: registrars that challenge twice,
answer 423, drop the first request, or report a NAT; and a hostile UAC sending
malformed requests."""
import unittest

from kamailio_fixture import free_port
from parlo_cli import ParloCli
from sipp_fixture import Sipp


class SippTest(unittest.TestCase):
    def setUp(self):
        self.cleanups = []

    def tearDown(self):
        for cleanup in reversed(self.cleanups):
            cleanup()

    def registrar(self, scenario, extra=()):
        port = free_port(1)
        sipp = Sipp(scenario, port)
        self.cleanups.append(sipp.cleanup)
        cli = ParloCli(["--account", "sip:alice@127.0.0.1", "--proxy", f"sip:127.0.0.1:{port}",
                        "--listen", "udp:127.0.0.1:0"] + list(extra), password="alice-secret")
        self.cleanups.append(cli.kill)
        return sipp, cli

    def finish(self, sipp, cli):
        self.assertEqual(cli.quit(timeout=15), 0)
        code = sipp.wait()
        self.assertEqual(code, 0, "sipp scenario failed:\n" + sipp.report())

    def test_registrar_challenges_twice(self):
        sipp, cli = self.registrar("registrar_challenge_twice.xml")
        registered = cli.wait_for("registered", timeout=20)
        self.assertEqual(registered["expires"], 300)
        # The stale nonce was answered silently: no failure reached the user.
        self.assertEqual(cli.count("registration_failed"), 0)
        self.finish(sipp, cli)

    def test_registrar_423_min_expires(self):
        sipp, cli = self.registrar("registrar_423.xml")
        registered = cli.wait_for("registered", timeout=20)
        self.assertEqual(registered["expires"], 1800)
        self.finish(sipp, cli)

    def test_registrar_drops_first_request(self):
        sipp, cli = self.registrar("registrar_drop_first.xml")
        registered = cli.wait_for("registered", timeout=20)
        registering = next(e for e in cli.events if e["event"] == "registering")
        self.assertGreaterEqual(registered["_at"] - registering["_at"], 1.7)
        self.finish(sipp, cli)
        # sipp saw the REGISTER and its retransmissions at 0.5 s and 1.5 s.
        log = (sipp.folder / "messages.log").read_text(errors="replace")
        copies = log.count("REGISTER sip:127.0.0.1 SIP/2.0")
        self.assertGreaterEqual(copies, 3, log[-2000:])

    def test_registrar_reports_nat_binding(self):
        sipp, cli = self.registrar("registrar_nat.xml")
        cli.wait_for("registered", timeout=20)
        # A second registration, with the Contact at received/rport (checked by sipp).
        cli.wait_for("registered", timeout=20)
        self.finish(sipp, cli)

    def test_malformed_requests_get_the_right_answers(self):
        port = free_port(1)
        cli = ParloCli(["--listen", f"udp:127.0.0.1:{port}"])
        self.cleanups.append(cli.kill)
        cli.wait_for("started")
        sipp_port = free_port(1)
        sipp = Sipp("malformed_requests.xml", sipp_port, remote=f"127.0.0.1:{port}")
        self.cleanups.append(sipp.cleanup)
        code = sipp.wait()
        self.assertEqual(code, 0, "sipp scenario failed:\n" + sipp.report())
        # Still alive and answering after the hostile peer.
        cli.send("help")
        cli.wait_for("help")
        self.assertEqual(cli.quit(), 0)


if __name__ == "__main__":
    unittest.main()
