# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""One SIPp process playing a scenario of tests/interop/sipp/ on 127.0.0.1, with its
errors, messages and <log> actions traced to files in a temporary folder of its own."""
import shutil
import subprocess
import tempfile
from pathlib import Path

SCENARIOS = Path(__file__).resolve().parent / "sipp"


class Sipp:
    """SIPp playing `scenario` on 127.0.0.1:`port`, against `remote` ("host:port") when
    given. `extra` are more SIPp options; without them SIPp plays the scenario once
    (-m 1). `timeout` bounds the scenario (SIPp fails it past that)."""

    LOGS = ("errors.log", "actions.log", "messages.log", "stderr.log")

    def __init__(self, scenario, port, remote=None, extra=(), timeout=30):
        if not shutil.which("sipp"):
            raise RuntimeError("sipp is not installed (Debian package sip-tester)")
        self.folder = Path(tempfile.mkdtemp(prefix="parlo-sipp-"))
        args = ["sipp", "-sf", str(SCENARIOS / scenario), "-i", "127.0.0.1", "-mi", "127.0.0.1",
                "-p", str(port), "-nostdin", "-timeout", str(timeout), "-timeout_error",
                "-trace_err", "-error_file", str(self.folder / "errors.log"),
                "-trace_msg", "-message_file", str(self.folder / "messages.log"),
                "-trace_logs", "-log_file", str(self.folder / "actions.log")]
        args += list(extra) or ["-m", "1"]
        if remote:
            args.append(remote)
        # stderr to a file, not a pipe: nobody reads it while SIPp runs, and a full pipe
        # would stall it.
        with open(self.folder / "stderr.log", "w") as stderr:
            self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=stderr,
                                            text=True, cwd=self.folder)

    def wait(self, timeout=60):
        """SIPp's exit code (0: every call of the scenario succeeded)."""
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise AssertionError("sipp did not finish in time:\n" + self.report())
        return self.process.returncode

    def text(self, name):
        """One of the traces (LOGS), empty when SIPp wrote none."""
        path = self.folder / name
        return path.read_text(errors="replace") if path.exists() else ""

    def report(self):
        """The end of every trace, for a failure message."""
        return "".join(f"---- {name}\n{self.text(name)[-3000:]}" for name in self.LOGS
                       if self.text(name))

    def cleanup(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)
