# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Incoming MESSAGEs from SIPp to a serverless parlo-cli with its own --data-dir: a body
of a type Parlo cannot show (stored as unsupported content, answered 200), and a burst
of 500 MESSAGEs in 5 seconds (every one answered 200 and stored exactly once)."""
import base64
import csv
import os
import shutil
import sqlite3
import subprocess
import tempfile
import unittest
from pathlib import Path

from kamailio_fixture import free_port
from parlo_cli import ParloCli

HERE = Path(__file__).resolve().parent
SCENARIOS = HERE / "sipp"


def run_sipp(scenario, folder, remote_port, calls, rate=None, timeout=90):
    """Runs a SIPp UAC scenario to the end (bounded); returns (exit code, stats rows)."""
    if not shutil.which("sipp"):
        raise RuntimeError("sipp is not installed (Debian package sip-tester)")
    args = ["sipp", "-sf", str(SCENARIOS / scenario), "-i", "127.0.0.1", "-p", str(free_port(1)),
            "-m", str(calls), "-nostdin", "-timeout", str(timeout - 10), "-timeout_error",
            "-trace_err", "-error_file", str(folder / "errors.log"),
            "-trace_stat", "-stf", str(folder / "stats.csv"), "-fd", "1"]
    if rate:
        args += ["-r", str(rate), "-rp", "1000"]
    args.append(f"127.0.0.1:{remote_port}")
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=folder)
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise AssertionError(f"sipp {scenario} did not finish within {timeout}s")
    stats = []
    if (folder / "stats.csv").exists():
        with open(folder / "stats.csv", newline="") as f:
            stats = list(csv.DictReader(f, delimiter=";"))
    errors = (folder / "errors.log").read_text(errors="replace")[-2000:] if (folder / "errors.log").exists() else ""
    return process.returncode, stats, errors + stderr


class MessageSippTest(unittest.TestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp(prefix="parlo-message-sipp-"))
        self.data_dir = str(self.folder / "data")
        self.port = free_port(1)
        self.cli = ParloCli(["--listen", f"udp:127.0.0.1:{self.port}"], name="parlo", data_dir=self.data_dir)
        self.cli.wait_for("started")

    def tearDown(self):
        self.cli.kill()
        shutil.rmtree(self.folder, ignore_errors=True)

    def db_rows(self, sql):
        connection = sqlite3.connect(f"file:{os.path.join(self.data_dir, 'parlo.sqlite')}?mode=ro", uri=True)
        try:
            return connection.execute(sql).fetchall()
        finally:
            connection.close()

    def test_unknown_content_type_is_stored_as_unsupported(self):
        code, _, report = run_sipp("message_unknown_type.xml", self.folder, self.port, calls=1)
        self.assertEqual(code, 0, "sipp saw no 200 OK:\n" + report)
        event = self.cli.wait_for("message")
        self.assertEqual(event["content_type"], "application/x-parlo-unknown")
        self.assertNotIn("body", event)
        raw = base64.b64decode(event["body_base64"])
        self.assertTrue(raw.startswith(b"PARLO-BINARY-\xf6\xe4-\xff"), raw)
        self.assertEqual(self.cli.quit(), 0)
        stored = self.db_rows("SELECT content_type, body, direction, state FROM messages")
        self.assertEqual(len(stored), 1)
        self.assertEqual(stored[0][0], "application/x-parlo-unknown")
        self.assertEqual(base64.b64decode(stored[0][1]), raw)
        self.assertEqual(stored[0][2:], (0, 4))  # incoming, received

    def test_burst_of_500_messages_all_answered_and_stored_once(self):
        code, stats, report = run_sipp("message_burst.xml", self.folder, self.port, calls=500, rate=100)
        self.assertEqual(code, 0, "not every MESSAGE got its 200 OK:\n" + report)
        self.assertTrue(stats, "sipp wrote no statistics")
        last = stats[-1]
        self.assertEqual(int(last["SuccessfulCall(C)"]), 500, last)
        self.assertEqual(int(last["FailedCall(C)"]), 0, last)
        # Every message reported once; then quit and count what is on disk.
        for _ in range(500):
            self.cli.wait_for("message", timeout=30)
        self.assertEqual(self.cli.quit(), 0)
        self.assertEqual(self.cli.count("message"), 500)
        total, distinct = self.db_rows("SELECT COUNT(*), COUNT(DISTINCT call_id) FROM messages")[0]
        self.assertEqual((total, distinct), (500, 500))
        # SIPp numbers its calls from 1 (the body may end with the scenario's line break).
        bodies = {row[0].strip() for row in self.db_rows("SELECT body FROM messages")}
        self.assertEqual(bodies, {f"burst message {n}" for n in range(1, 501)})


if __name__ == "__main__":
    unittest.main()
