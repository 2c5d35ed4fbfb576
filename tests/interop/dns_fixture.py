# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""A dnsmasq on 127.0.0.1:53 serving a made-up zone (parlo.test) for one test.

Port 53 needs root, which CI has; the zone never leaves this machine (--no-resolv,
--local)."""
import os
import shutil
import signal
import socket
import struct
import subprocess
import time


def _query_a(name, timeout=0.2):
    packet = struct.pack(">HHHHHH", 0x1234, 0x0100, 1, 0, 0, 0)
    for label in name.split("."):
        packet += bytes([len(label)]) + label.encode()
    packet += b"\x00\x00\x01\x00\x01"
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(timeout)
        s.sendto(packet, ("127.0.0.1", 53))
        try:
            return s.recv(512)
        except OSError:
            return None


class Dnsmasq:
    def __init__(self, records):
        binary = shutil.which("dnsmasq") or shutil.which("dnsmasq", path="/usr/sbin:/sbin")
        if not binary:
            raise RuntimeError("dnsmasq is not installed (Debian package dnsmasq-base)")
        self.args = [binary, "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv",
                     "--no-hosts", "--pid-file=", "--user=root", "--listen-address=127.0.0.1",
                     "--bind-interfaces", "--port=53", "--local=/parlo.test/"] + list(records)
        self.process = None

    def start(self, timeout=10):
        self.process = subprocess.Popen(self.args, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("dnsmasq exited: " + self.process.stderr.read().decode(errors="replace"))
            if _query_a("ready.parlo.test"):
                return self
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("dnsmasq did not answer in time")

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)
        self.process = None
