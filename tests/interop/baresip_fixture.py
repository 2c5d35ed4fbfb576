# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Starts a real baresip 1.0.0 on 127.0.0.1 for one test, drives it, and stops it.

baresip gets its own configuration folder (from baresip/config.in), a serverless account
(no registration) and free ports: SIP, SIP + 1 (baresip opens TLS there), an RTP range and
the ctrl_tcp socket. Commands go through ctrl_tcp (JSON in netstrings), whose events
(CALL_ESTABLISHED, CALL_DTMF_START, ...) the fixture collects; the stdio UI reads from a
pipe the fixture keeps open and its output (which is where incoming MESSAGEs appear) is
collected line by line. The sndfile filter records the call audio to WAV.
Only the process this fixture started is ever signalled.
"""
import json
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from kamailio_fixture import free_port

HERE = Path(__file__).resolve().parent


class Baresip:
    def __init__(self, user="baresip", audio_source="ausine,880", answer_mode="auto",
                 contacts=(), name="baresip", sip_trace=False, account_params="", app_modules=()):
        """audio_source: "ausine,HZ" or "aufile,FILE.wav" (48 kHz stereo S16).
        answer_mode: "auto" (answers at once) or "manual".
        contacts: URIs for the contacts file; the first is the one `message` sends to. A
        (URI, ";params") pair gives the contact parameters, e.g. ";presence=p2p".
        sip_trace: baresip prints every SIP message it sends and receives (-s).
        account_params: more account parameters, e.g. a registrar (";regint=600" is then
        needed too), ";auth_pass=...;outbound=...;pubint=600".
        app_modules: more application modules, loaded after the accounts and contacts
        (module_app), e.g. ("presence.so",): loaded earlier it finds no account to PUBLISH
        for."""
        if not shutil.which("baresip"):
            raise RuntimeError("baresip is not installed (Debian package baresip)")
        self.name = name
        self.user = user
        self.sip_trace = sip_trace
        self.folder = Path(tempfile.mkdtemp(prefix="parlo-baresip-"))
        self.snd = self.folder / "snd"
        self.snd.mkdir()
        # One block of free ports: SIP, the TLS socket baresip adds at SIP + 1, a DNS port
        # nobody answers on, ctrl_tcp, and the RTP range.
        base = free_port(24)
        self.sip_port = base
        self.ctrl_port = base + 3
        values = {
            "SIP_PORT": str(self.sip_port), "CTRL_PORT": str(self.ctrl_port),
            "DNS_PORT": str(base + 2), "RTP_PORTS": f"{base + 4}-{base + 23}",
            "SND_PATH": str(self.snd), "AUDIO_SOURCE": audio_source,
            "APP_MODULES": "".join(f"module_app\t\t{m}\n" for m in app_modules),
        }
        text = (HERE / "baresip" / "config.in").read_text()
        for key, value in values.items():
            text = text.replace(f"@{key}@", value)
        (self.folder / "config").write_text(text)
        regint = "" if "regint=" in account_params else ";regint=0"
        (self.folder / "accounts").write_text(
            f"<sip:{user}@127.0.0.1:{self.sip_port}>{regint};answermode={answer_mode}{account_params}\n")

        def contact_line(i, contact):
            uri, params = contact if isinstance(contact, tuple) else (contact, "")
            return f'"Peer {i}" <{uri}>{params}\n'
        (self.folder / "contacts").write_text("".join(contact_line(i, c) for i, c in enumerate(contacts)))
        self.uri = f"sip:{user}@127.0.0.1:{self.sip_port}"
        self.process = None
        self.output = []  # UI/log lines, in order
        self._output_cond = threading.Condition()
        self.events = []  # ctrl_tcp events seen so far (by wait_event)
        self._events = queue.Queue()
        self._responses = {}
        self._responses_cond = threading.Condition()
        self._token = 0
        self._sock = None

    # --- process ---------------------------------------------------------------------------
    def start(self, timeout=10):
        self.process = subprocess.Popen(
            ["baresip", "-f", str(self.folder)] + (["-s"] if self.sip_trace else []),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            cwd=self.folder, start_new_session=True)
        threading.Thread(target=self._read_output, daemon=True).start()
        self.wait_output(r"baresip is ready\.", timeout=timeout)
        deadline = time.monotonic() + timeout
        while True:
            try:
                self._sock = socket.create_connection(("127.0.0.1", self.ctrl_port), timeout=1)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{self.name}: ctrl_tcp is not listening:\n" + self.output_text())
                time.sleep(0.05)
        self._sock.settimeout(None)
        threading.Thread(target=self._read_ctrl, daemon=True).start()
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
            with self._output_cond:
                for part in parts:
                    line = part.decode("utf-8", "replace").strip()
                    # Strip the ANSI colours baresip uses for errors.
                    line = re.sub(r"\x1b\[[0-9;]*m", "", line)
                    if line:
                        self.output.append(line)
                self._output_cond.notify_all()
        with self._output_cond:
            if pending.strip():
                self.output.append(pending.decode("utf-8", "replace").strip())
            self.output.append(None)  # end of output
            self._output_cond.notify_all()

    def output_text(self):
        with self._output_cond:
            return "\n".join(line for line in self.output if line is not None)

    def wait_output(self, pattern, timeout=15.0, start=0):
        """The first output line from index `start` on that matches `pattern` (a regex)."""
        return self._wait_output(pattern, timeout, start)[0]

    def wait_sequence(self, patterns, timeout=15.0, start=0):
        """Waits for output lines matching `patterns` in this order; returns the matches."""
        matches = []
        for pattern in patterns:
            match, index = self._wait_output(pattern, timeout, start)
            matches.append(match)
            start = index + 1
        return matches

    def _wait_output(self, pattern, timeout, start):
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self._output_cond:
            index = start
            while True:
                while index < len(self.output):
                    line = self.output[index]
                    if line is None:
                        raise AssertionError(f"{self.name}: exited before /{pattern}/:\n"
                                             + self.output_text()[-3000:])
                    match = regex.search(line)
                    if match:
                        return match, index
                    index += 1
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"{self.name}: no output matching /{pattern}/ within "
                                         f"{timeout}s:\n" + self.output_text()[-3000:])
                self._output_cond.wait(remaining)

    def mark(self):
        """The current end of the output, for wait_output(start=...)."""
        with self._output_cond:
            return len(self.output)

    # --- ctrl_tcp ----------------------------------------------------------------------------
    def _read_ctrl(self):
        sock = self._sock
        buffer = b""
        while True:
            try:
                chunk = sock.recv(65536)
            except OSError:
                break
            if not chunk:
                break
            buffer += chunk
            while True:
                colon = buffer.find(b":")
                if colon < 0:
                    break
                length = int(buffer[:colon])
                if len(buffer) < colon + 1 + length + 1:
                    break
                payload = buffer[colon + 1:colon + 1 + length]
                buffer = buffer[colon + 2 + length:]
                message = json.loads(payload.decode("utf-8", "replace"))
                if message.get("response"):
                    with self._responses_cond:
                        self._responses[message.get("token")] = message
                        self._responses_cond.notify_all()
                elif message.get("event"):
                    message["_at"] = time.monotonic()
                    self._events.put(message)
        self._events.put(None)

    def command(self, command, params="", timeout=10.0):
        """Runs a baresip command (dial, hangup, accept, sndcode, message, ...) through
        ctrl_tcp and returns its response ({"ok": ..., "data": ...})."""
        self._token += 1
        token = str(self._token)
        body = json.dumps({"command": command, "params": params, "token": token}).encode()
        self._sock.sendall(b"%d:%s," % (len(body), body))
        deadline = time.monotonic() + timeout
        with self._responses_cond:
            while token not in self._responses:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"{self.name}: no response to '{command} {params}'")
                self._responses_cond.wait(remaining)
            return self._responses.pop(token)

    def wait_event(self, kind, timeout=15.0, where=lambda e: True):
        """The next ctrl_tcp event of type `kind` (CALL_ESTABLISHED, CALL_CLOSED,
        CALL_DTMF_START, ...) matching `where`."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"{self.name}: no {kind} event within {timeout}s; saw "
                                     f"{[e.get('type') for e in self.events][-15:]}\n"
                                     + self.output_text()[-3000:])
            try:
                event = self._events.get(timeout=remaining)
            except queue.Empty:
                continue
            if event is None:
                raise AssertionError(f"{self.name}: ctrl_tcp closed before {kind}\n"
                                     + self.output_text()[-3000:])
            self.events.append(event)
            if event.get("type") == kind and where(event):
                return event

    # --- recordings ------------------------------------------------------------------------------
    def recordings(self, kind):
        """The WAV files sndfile wrote: kind "dec" (what baresip received) or "enc" (sent)."""
        return sorted(self.snd.glob(f"dump-*-{kind}.wav"))

    def clear_recordings(self):
        for path in self.snd.glob("dump-*.wav"):
            path.unlink()

    # --- teardown --------------------------------------------------------------------------------
    def stop(self):
        if self._sock is not None:
            try:
                self._sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self._sock.close()
            self._sock = None
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
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

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.cleanup()
