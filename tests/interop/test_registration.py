# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""parlo-cli against a real Kamailio on 127.0.0.1: digest registration over UDP, TCP and
TLS, refresh, wrong password, unregister, server restart, unreachable server."""
import time
import unittest

from kamailio_fixture import Kamailio, free_port
from parlo_cli import ParloCli

ALICE = "sip:alice@127.0.0.1"
BOB = "sip:bob@127.0.0.1"


def cli_for(kam, transport, user="alice", password=None, extra=()):
    port = {"udp": kam.udp_port, "tcp": kam.tcp_port, "tls": kam.tls_port}[transport]
    password = password if password is not None else f"{user}-secret"
    args = ["--account", f"sip:{user}@127.0.0.1", "--transport", transport,
            "--proxy", f"sip:127.0.0.1:{port};transport={transport}",
            "--listen", "udp:127.0.0.1:0", "--tls-ca", str(kam.cert)] + list(extra)
    return ParloCli(args, password=password, name=f"{user}/{transport}")


class RegistrationTest(unittest.TestCase):
    def setUp(self):
        self.kam = Kamailio(min_expires=10).start()
        self.clis = []

    def tearDown(self):
        for cli in self.clis:
            cli.kill()
        result = getattr(self._outcome, "result", None)
        if result and any(test is self for test, _ in result.failures + result.errors):
            print("---- kamailio log tail ----\n" + self.kam.log_text()[-2500:])
        self.kam.cleanup()

    def start_cli(self, *args, **kwargs):
        cli = cli_for(self.kam, *args, **kwargs)
        self.clis.append(cli)
        return cli

    def assert_reachable(self, caller, target_uri, expect_code):
        caller.send(f"options {target_uri}")
        result = caller.wait_for("options_result", timeout=20)
        self.assertEqual(result["code"], expect_code, result)
        return result

    def test_register_over_each_transport_reachable_then_unregister(self):
        for transport in ("udp", "tcp", "tls"):
            with self.subTest(transport=transport):
                alice = self.start_cli(transport)
                registered = alice.wait_for("registered")
                self.assertEqual(registered["account"], ALICE)
                self.assertGreater(registered["expires"], 0)
                # Bob reaches Alice through the registrar: Kamailio challenges Bob (407),
                # looks Alice up and relays; Alice's engine answers OPTIONS itself.
                bob = self.start_cli("udp", user="bob", extra=["--no-register"])
                bob.wait_for("started")
                result = self.assert_reachable(bob, ALICE, 200)
                self.assertIn("OPTIONS", result["allow"])
                alice.send("unregister")
                alice.wait_for("unregistered")
                self.assert_reachable(bob, ALICE, 404)
                self.assertEqual(alice.quit(), 0)
                self.assertEqual(bob.quit(), 0)

    def test_refresh_before_expiry(self):
        alice = self.start_cli("udp", extra=["--expires", "10"])
        first = alice.wait_for("registered")
        self.assertEqual(first["expires"], 10)
        # Refreshed at half the expiry: a second registration 5 s later, same binding.
        second = alice.wait_for("registered", timeout=12)
        self.assertGreaterEqual(second["_at"] - first["_at"], 4.0)
        self.assertLessEqual(second["_at"] - first["_at"], 8.0)
        self.assertEqual(alice.count("registration_failed"), 0)
        self.assertEqual(alice.quit(), 0)

    def test_wrong_password_fails_once_and_does_not_loop(self):
        alice = self.start_cli("tcp", password="not-the-password")
        failure = alice.wait_for("registration_failed")
        self.assertEqual(failure["code"], 401)
        self.assertIn("wrong user name or password", failure["reason"])
        self.assertNotIn("retry_in", failure)
        alice.drain(3)
        self.assertEqual(alice.count("registration_failed"), 1)
        self.assertEqual(alice.count("registering"), 1)
        self.assertEqual(alice.quit(), 0)

    def test_quit_unregisters(self):
        alice = self.start_cli("tls")
        alice.wait_for("registered")
        bob = self.start_cli("udp", user="bob", extra=["--no-register"])
        bob.wait_for("started")
        self.assert_reachable(bob, ALICE, 200)
        self.assertEqual(alice.quit(), 0)
        self.assertTrue(any(e.get("event") == "unregistered" for e in alice.events))
        self.assert_reachable(bob, ALICE, 404)
        bob.quit()

    def test_server_restart_over_tcp_reregisters_at_once(self):
        alice = self.start_cli("tcp")
        alice.wait_for("registered")
        self.kam.stop()
        # The dropped connection is noticed at once; attempts fail while the server is down.
        alice.wait_for("registration_failed", timeout=10)
        self.kam.start()
        # Back-off is 5 s, then 10 s: registered again within the second retry.
        alice.wait_for("registered", timeout=20)
        bob = self.start_cli("udp", user="bob", extra=["--no-register"])
        bob.wait_for("started")
        self.assert_reachable(bob, ALICE, 200)
        alice.quit()
        bob.quit()

    def test_server_restart_over_udp_noticed_by_keepalive(self):
        # Keep-alive every 2 s and T1 = 100 ms (Timer F = 6.4 s): a dead server is noticed
        # within 2 + 6.4 s; each later attempt times out in 6.4 s, then waits 5, 10 s.
        alice = self.start_cli("udp", extra=["--keep-alive", "2", "--t1", "100"])
        alice.wait_for("registered")
        self.kam.stop()
        failure = alice.wait_for("registration_failed", timeout=20)
        self.assertEqual(failure["code"], 408)
        self.kam.start()
        alice.wait_for("registered", timeout=40)
        bob = self.start_cli("udp", user="bob", extra=["--no-register"])
        bob.wait_for("started")
        self.assert_reachable(bob, ALICE, 200)
        alice.quit()
        bob.quit()

    def test_unreachable_server_backs_off_without_busy_loop(self):
        dead = free_port(1)  # nothing listens there
        alice = ParloCli(["--account", ALICE, "--transport", "tcp",
                          "--proxy", f"sip:127.0.0.1:{dead};transport=tcp",
                          "--listen", "udp:127.0.0.1:0"], password="alice-secret")
        self.clis.append(alice)
        first = alice.wait_for("registration_failed")
        self.assertEqual(first["code"], 503)
        self.assertTrue(first["reason"])
        self.assertEqual(first["retry_in"], 5)
        second = alice.wait_for("registration_failed", timeout=10)
        self.assertEqual(second["retry_in"], 10)
        self.assertGreaterEqual(second["_at"] - first["_at"], 4.5)
        alice.drain(3)
        # Two attempts in ~8 s: nothing like a busy loop.
        self.assertLessEqual(alice.count("registering"), 3)
        self.assertEqual(alice.quit(), 0)


if __name__ == "__main__":
    unittest.main()
