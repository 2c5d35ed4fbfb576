# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""RFC 3263 for real: the registrar of sip:alice@parlo.test is found through SRV records
served by a dnsmasq the test starts; the first target is dead, so Parlo must fail over
to the second (a Kamailio) and register there."""
import unittest

from dns_fixture import Dnsmasq
from kamailio_fixture import Kamailio, free_port
from parlo_cli import ParloCli


class ServerLocationTest(unittest.TestCase):
    def test_srv_failover_to_second_target(self):
        with Kamailio() as kam:
            dead = free_port(1)
            dns = Dnsmasq([
                f"--srv-host=_sip._tcp.parlo.test,dead.parlo.test,{dead},10,0",
                f"--srv-host=_sip._tcp.parlo.test,registrar.parlo.test,{kam.tcp_port},20,0",
                "--host-record=dead.parlo.test,127.0.0.1",
                "--host-record=registrar.parlo.test,127.0.0.1",
                "--host-record=ready.parlo.test,127.0.0.1",
            ]).start()
            try:
                alice = ParloCli(["--account", "sip:alice@parlo.test", "--transport", "tcp",
                                  "--nameserver", "127.0.0.1", "--listen", "udp:127.0.0.1:0"],
                                 password="alice-secret")
                try:
                    # The dead target refuses the connection (503); the next one is tried
                    # at once, without waiting for the back-off.
                    registered = alice.wait_for("registered", timeout=20)
                    failures = [e for e in alice.events if e["event"] == "registration_failed"]
                    self.assertLessEqual(len(failures), 1, failures)
                    if failures:
                        self.assertEqual(failures[0]["code"], 503)
                        self.assertLess(registered["_at"] - failures[0]["_at"], 3.0)
                    self.assertEqual(alice.quit(), 0)
                finally:
                    alice.kill()
            finally:
                dns.stop()


if __name__ == "__main__":
    unittest.main()
