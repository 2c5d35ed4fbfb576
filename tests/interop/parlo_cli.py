# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drives one parlo-cli process: commands on its stdin, JSON events from its stdout."""
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time


class ParloCli:
    def __init__(self, args, password=None, name="parlo-cli", data_dir=None):
        """`data_dir`: the --data-dir to use (kept afterwards); None: a fresh temporary
        one, removed by kill(), so no test touches the user's real database."""
        binary = os.environ.get("PARLO_CLI")
        if not binary or not os.access(binary, os.X_OK):
            raise RuntimeError("PARLO_CLI must name the parlo-cli executable")
        env = dict(os.environ)
        if password is not None:
            env["PARLO_TEST_PASSWORD"] = password
            args = ["--password-env", "PARLO_TEST_PASSWORD"] + list(args)
        self.name = name
        self._own_data_dir = data_dir is None and "--data-dir" not in args
        if self._own_data_dir:
            safe_name = "".join(c if c.isalnum() else "-" for c in name)
            data_dir = tempfile.mkdtemp(prefix=f"parlo-{safe_name}-")
        if data_dir is not None and "--data-dir" not in args:
            args = ["--data-dir", data_dir] + list(args)
        self.data_dir = data_dir
        self.events = []  # every event seen, in order
        self._queue = queue.Queue()
        self.process = subprocess.Popen(
            [binary] + list(args), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, env=env)
        self.stderr_lines = []
        threading.Thread(target=self._read_stdout, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    def _read_stdout(self):
        for line in self.process.stdout:
            line = line.strip()
            if not line:
                continue
            try:
                event = json.loads(line)
            except ValueError:
                event = {"event": "unparsable", "line": line}
            event["_at"] = time.monotonic()
            self._queue.put(event)
        self._queue.put(None)

    def _read_stderr(self):
        for line in self.process.stderr:
            self.stderr_lines.append(line.rstrip())

    def send(self, command):
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()

    def wait_for(self, name, timeout=15.0, where=lambda e: True):
        """The next event called `name` matching `where`; fails after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"{self.name}: no '{name}' event within {timeout}s; saw "
                                     f"{[e.get('event') for e in self.events][-15:]}; "
                                     f"stderr: {self.stderr_lines[-5:]}")
            try:
                event = self._queue.get(timeout=remaining)
            except queue.Empty:
                continue
            if event is None:
                raise AssertionError(f"{self.name}: exited (code {self.process.poll()}) before "
                                     f"'{name}'; saw {[e.get('event') for e in self.events][-15:]}; "
                                     f"stderr: {self.stderr_lines[-5:]}")
            self.events.append(event)
            if event.get("event") == name and where(event):
                return event

    def wait_message_outcome(self, message_id=None, timeout=15.0):
        """The final `message_status` (sent or failed) of a `msg`, of `message_id` if given."""
        return self.wait_for("message_status", timeout, lambda e: e["state"] in ("sent", "failed")
                             and (message_id is None or e["id"] == message_id))

    def drain(self, seconds):
        """Collects events for `seconds` (the process keeps running)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                event = self._queue.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                continue
            if event is None:
                break
            self.events.append(event)

    def count(self, name, where=lambda e: True):
        return sum(1 for e in self.events if e.get("event") == name and where(e))

    def quit(self, timeout=15.0):
        if self.process.poll() is None:
            try:
                self.send("quit")
            except (BrokenPipeError, ValueError):
                pass
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
                raise AssertionError(f"{self.name} did not quit within {timeout}s")
        while True:
            try:
                event = self._queue.get_nowait()
            except queue.Empty:
                break
            if event is not None:
                self.events.append(event)
        self._remove_own_data_dir()
        return self.process.returncode

    @property
    def db_path(self):
        return os.path.join(self.data_dir, "parlo.sqlite")

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=5)
        self._remove_own_data_dir()

    def _remove_own_data_dir(self):
        if self._own_data_dir and self.data_dir and self.process.poll() is not None:
            shutil.rmtree(self.data_dir, ignore_errors=True)
            self.data_dir = None
