# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""parlo-cli --password-store (App::SecretStore) with a real Kamailio: the opt-in password
file keeps the password between runs (owner-only, never in the database), and the system
keychain, where none runs, is a clear error rather than a silent fallback or a hang."""
import os
import shutil
import stat
import tempfile
import time
import unittest

from kamailio_fixture import Kamailio
from parlo_cli import ParloCli


class PasswordStoreTest(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="parlo-secrets-")
        self.clis = []

    def tearDown(self):
        for cli in self.clis:
            cli.kill()
        shutil.rmtree(self.folder, ignore_errors=True)

    def alice(self, kam, extra, password=None):
        cli = ParloCli(["--account", "sip:alice@127.0.0.1", "--proxy", f"sip:127.0.0.1:{kam.udp_port}",
                        "--listen", "udp:127.0.0.1:0"] + extra,
                       password=password, name="alice", data_dir=self.folder)
        self.clis.append(cli)
        return cli

    def test_file_store_keeps_the_password_between_runs(self):
        with Kamailio() as kam:
            first = self.alice(kam, ["--password-store", "file"], password="alice-secret")
            self.assertEqual(first.wait_for("password_stored")["store"], "file")
            first.wait_for("registered")
            self.assertEqual(first.quit(), 0)
            # Said loudly: the file is not encrypted.
            self.assertTrue(any("UNENCRYPTED" in line for line in first.stderr_lines), first.stderr_lines)
            path = os.path.join(self.folder, "passwords.json")
            mode = stat.S_IMODE(os.stat(path).st_mode)
            self.assertEqual(mode & 0o077, 0, oct(mode))
            # Only there: not in the database.
            with open(os.path.join(self.folder, "parlo.sqlite"), "rb") as db:
                self.assertNotIn(b"alice-secret", db.read())

            second = self.alice(kam, ["--password-store", "file"])  # no --password-env
            self.assertEqual(second.wait_for("password_loaded")["store"], "file")
            second.wait_for("registered")
            self.assertEqual(second.quit(), 0)

    def test_keychain_without_a_service_is_a_clear_error(self):
        env_before = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
        # No keychain service is reachable for this run, whatever the machine has.
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=/nonexistent/parlo-test-bus"
        try:
            with Kamailio() as kam:
                started = time.monotonic()
                cli = self.alice(kam, ["--password-store", "keychain"])
                error = cli.wait_for("error", timeout=30, where=lambda e: e["command"] == "password")
                self.assertLess(time.monotonic() - started, 30)
                self.assertIn("--password-store file", error["message"])
                # The engine still starts; without a password the registrar refuses us.
                cli.wait_for("registration_failed")
                self.assertEqual(cli.quit(), 0)
                self.assertFalse(os.path.exists(os.path.join(self.folder, "passwords.json")))
        finally:
            if env_before is None:
                os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)
            else:
                os.environ["DBUS_SESSION_BUS_ADDRESS"] = env_before


if __name__ == "__main__":
    unittest.main()
