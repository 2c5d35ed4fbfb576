# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""A network namespace made for one test: only a loopback interface (127.0.0.1, ::1), so
whatever runs inside cannot reach anything beyond it. The test creates it, runs its peers
in it with `ip netns exec`, and deletes it.

Needs root (or CAP_SYS_ADMIN) and iproute2; a missing one is a failure, not a skip.
"""
import itertools
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

_counter = itertools.count(1)


class NetNs:
    def __init__(self, prefix="parlo-test"):
        if not shutil.which("ip"):
            raise RuntimeError("iproute2's ip is not installed")
        self.name = f"{prefix}-{os.getpid()}-{next(_counter)}"
        self.created = False
        self._wrappers = None

    def create(self):
        subprocess.run(["ip", "netns", "add", self.name], check=True, capture_output=True)
        self.created = True
        self.run(["ip", "link", "set", "lo", "up"])
        links = self.run(["ip", "-o", "link", "show"]).stdout
        # Nothing but lo: a fresh namespace has no other interface, checked anyway.
        names = [line.split(":")[1].strip() for line in links.splitlines() if line.strip()]
        if names != ["lo"]:
            self.delete()
            raise RuntimeError(f"namespace {self.name} has interfaces {names}, expected only lo")
        return self

    def prefix(self):
        """The command prefix that runs a program inside the namespace (`ip netns exec`
        execs the program, so the pid of the Popen is the program's own)."""
        return ["ip", "netns", "exec", self.name]

    def run(self, command, timeout=10, check=True):
        return subprocess.run(self.prefix() + list(command), capture_output=True, text=True,
                              timeout=timeout, check=check)

    def wrapper(self, program):
        """An executable script that runs `program` (with its arguments) inside the
        namespace, for helpers that take the path of a program to start."""
        if self._wrappers is None:
            self._wrappers = Path(tempfile.mkdtemp(prefix="parlo-netns-"))
        script = self._wrappers / Path(program).name
        script.write_text(f'#!/bin/sh\nexec ip netns exec {self.name} "{program}" "$@"\n')
        script.chmod(0o755)
        return str(script)

    def wait_tcp(self, port, host="127.0.0.1", timeout=10):
        """Waits until something inside the namespace accepts TCP connections on port."""
        probe = ("import socket,sys\n"
                 "try:\n"
                 f"    socket.create_connection(('{host}', {port}), timeout=0.3).close()\n"
                 "except OSError:\n"
                 "    sys.exit(1)\n")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.run(["python3", "-c", probe], check=False).returncode == 0:
                return
            time.sleep(0.1)
        raise RuntimeError(f"nothing listens on tcp {host}:{port} in {self.name}")

    def pids(self):
        """Processes still running in the namespace."""
        result = subprocess.run(["ip", "netns", "pids", self.name], capture_output=True, text=True)
        return [int(p) for p in result.stdout.split()]

    def delete(self):
        if self.created:
            subprocess.run(["ip", "netns", "delete", self.name], capture_output=True)
            self.created = False
        if self._wrappers is not None:
            shutil.rmtree(self._wrappers, ignore_errors=True)
            self._wrappers = None

    def __enter__(self):
        return self.create()

    def __exit__(self, *exc):
        self.delete()
