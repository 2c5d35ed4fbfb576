# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""linphonec 5.1 for one test, inside a network namespace that has only lo (netns.py),
with the Kamailio it registers with in the same namespace.

liblinphone has many optional network features (STUN, ICE, UPnP, push, remote
provisioning...): in a namespace with only a loopback interface none of them can reach
anything beyond this machine, whatever the configuration says. Everything that talks to
linphonec (Kamailio, parlo-cli) therefore runs in the same namespace.

linphonec reads commands on stdin and prints what happens on stdout; the fixture collects
its output line by line. `soundcard use files` makes it play a WAV file (`play`) and
record to one (`record`) instead of using a sound card.
Only the processes this fixture started are ever signalled.
"""
import math
import os
import re
import shutil
import signal
import struct
import subprocess
import tempfile
import threading
import time
import wave
from pathlib import Path

from kamailio_fixture import Kamailio
from parlo_cli import ParloCli

HERE = Path(__file__).resolve().parent


class NsKamailio(Kamailio):
    """The Kamailio of kamailio_fixture, started inside a namespace."""

    def __init__(self, netns, **kwargs):
        super().__init__(**kwargs)
        self.netns = netns

    def start(self, timeout=15):
        self.log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            self.netns.prefix() + ["kamailio", "-DD", "-E", "-f", str(self.folder / "kamailio.cfg"),
                                   "-P", str(self.folder / "kamailio.pid"), "-w", str(self.folder)],
            stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            self.netns.wait_tcp(self.tcp_port, timeout=timeout)
        except RuntimeError:
            self.stop()
            raise RuntimeError("kamailio did not start listening in time:\n" + self.log_text())
        if self.process.poll() is not None:
            raise RuntimeError(f"kamailio exited with {self.process.returncode}:\n" + self.log_text())
        return self


def write_tone_wav(path, hz, seconds, rate=16000, amplitude=8000):
    """A mono 16-bit WAV file carrying a pure tone."""
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        frames = bytearray()
        for n in range(int(rate * seconds)):
            frames += struct.pack("<h", int(amplitude * math.sin(2 * math.pi * hz * n / rate)))
        w.writeframes(bytes(frames))
    return path


def parlo_in_netns(netns, args, password=None, name="parlo"):
    """A ParloCli whose parlo-cli runs inside the namespace (through a wrapper script that
    execs `ip netns exec NS parlo-cli ...`, so the process is still parlo-cli itself)."""
    real = os.environ.get("PARLO_CLI")
    if not real or not os.access(real, os.X_OK):
        raise RuntimeError("PARLO_CLI must name the parlo-cli executable")
    os.environ["PARLO_CLI"] = netns.wrapper(real)
    try:
        return ParloCli(args, password=password, name=name)
    finally:
        os.environ["PARLO_CLI"] = real


def repair_wav(path):
    """Makes the RIFF and data sizes of a WAV file match its length. mediastreamer's
    recorder (linphonec's `record`) declares a data chunk 44 bytes (its header) longer than
    what it writes, which Python's wave module then fails to read."""
    with open(path, "r+b") as f:
        data = bytearray(f.read())
        if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
            raise AssertionError(f"{path} is not a WAV file")
        offset = 12
        while offset + 8 <= len(data):
            chunk, size = bytes(data[offset:offset + 4]), struct.unpack("<I", data[offset + 4:offset + 8])[0]
            if chunk == b"data":
                actual = len(data) - offset - 8
                actual -= actual % 2
                if size != actual:
                    data[offset + 4:offset + 8] = struct.pack("<I", actual)
                    data[4:8] = struct.pack("<I", offset + actual)
                    del data[offset + 8 + actual:]
                    f.seek(0)
                    f.write(data)
                    f.truncate()
                    return size - actual
                return 0
            offset += 8 + size + (size & 1)
        raise AssertionError(f"{path} has no data chunk")


class Linphonec:
    def __init__(self, netns, user, password, proxy_port, sip_port, name="linphonec"):
        if not shutil.which("linphonec"):
            raise RuntimeError("linphonec is not installed (Debian package linphone-cli)")
        self.netns = netns
        self.name = name
        self.user = user
        self.sip_port = sip_port
        self.folder = Path(tempfile.mkdtemp(prefix="parlo-linphonec-"))
        data = self.folder / "data"
        data.mkdir()
        values = {
            "SIP_PORT": str(sip_port), "RTP_PORT": str(sip_port + 2),
            "VIDEO_RTP_PORT": str(sip_port + 4), "PROXY_PORT": str(proxy_port),
            "USER": user, "PASSWORD": password, "DATA_DIR": str(data),
        }
        text = (HERE / "linphone" / "linphonerc.in").read_text()
        for key, value in values.items():
            text = text.replace(f"@{key}@", value)
        self.config = self.folder / "linphonerc"
        self.config.write_text(text)
        self.process = None
        self.output = []
        self._cond = threading.Condition()

    def start(self, extra_args=()):
        home = self.folder / "home"
        # Where linphonec keeps its call history and ZRTP cache whatever the configuration.
        (home / ".local" / "share" / "linphone").mkdir(parents=True, exist_ok=True)
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home),
               "XDG_DATA_HOME": str(self.folder / "data"), "XDG_CONFIG_HOME": str(self.folder),
               "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
        self.process = subprocess.Popen(
            self.netns.prefix() + ["linphonec", "-c", str(self.config), "-d", "0"] + list(extra_args),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            cwd=self.folder, env=env, start_new_session=True)
        threading.Thread(target=self._read_output, daemon=True).start()
        return self

    def _read_output(self):
        pending = b""
        while True:
            chunk = self.process.stdout.read1(4096)
            if not chunk:
                break
            pending += chunk
            parts = re.split(rb"[\r\n]", pending)
            pending = parts.pop()
            with self._cond:
                for part in parts:
                    line = part.decode("utf-8", "replace")
                    # linphonec prints its prompt before its asynchronous output.
                    while line.startswith("linphonec> "):
                        line = line[len("linphonec> "):]
                    line = line.strip()
                    if line:
                        self.output.append(line)
                self._cond.notify_all()
        with self._cond:
            if pending.strip():
                self.output.append(pending.decode("utf-8", "replace").strip())
            self.output.append(None)
            self._cond.notify_all()

    def send(self, command):
        self.process.stdin.write(command.encode("utf-8") + b"\n")
        self.process.stdin.flush()

    def mark(self):
        with self._cond:
            return len(self.output)

    def output_text(self):
        with self._cond:
            return "\n".join(line for line in self.output if line is not None)

    def wait_output(self, pattern, timeout=15.0, start=0):
        """The first output line from index `start` on that matches `pattern` (a regex)."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self._cond:
            index = start
            while True:
                while index < len(self.output):
                    line = self.output[index]
                    if line is None:
                        raise AssertionError(f"{self.name}: exited before /{pattern}/:\n"
                                             + self.output_text()[-3000:])
                    match = regex.search(line)
                    if match:
                        return match
                    index += 1
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"{self.name}: no output matching /{pattern}/ within "
                                         f"{timeout}s:\n" + self.output_text()[-3000:])
                self._cond.wait(remaining)

    def wait_registered(self, timeout=15.0):
        """Asks `proxy list` until the account is registered."""
        deadline = time.monotonic() + timeout
        while True:
            mark = self.mark()
            self.send("proxy list")
            state = self.wait_output(r"^registered: (yes|no)$", timeout=5, start=mark).group(1)
            if state == "yes":
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name}: not registered within {timeout}s:\n"
                                     + self.output_text()[-3000:])
            time.sleep(0.3)

    def stop(self, timeout=10):
        if self.process and self.process.poll() is None:
            try:
                self.send("quit")
                self.process.wait(timeout=timeout)
            except (OSError, ValueError, subprocess.TimeoutExpired):
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        if self.process:
            for pipe in (self.process.stdin, self.process.stdout):
                try:
                    pipe.close()
                except (OSError, ValueError):
                    pass

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
