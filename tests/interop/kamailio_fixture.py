# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Starts a real Kamailio on 127.0.0.1 for one test, and stops it.

The registrar has digest users (plain passwords, qop=auth) in a db_text database in
a temporary folder, listens on free UDP/TCP/TLS ports, and logs to its own file.
Only the process this fixture started is ever signalled.
"""
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODULE_DIRS = ["/usr/lib/x86_64-linux-gnu/kamailio/modules", "/usr/lib/kamailio/modules"]
DBTEXT_TEMPLATE = Path("/usr/share/kamailio/dbtext/kamailio")


def free_port(count=1):
    """A base port p such that p..p+count-1 are free for UDP and TCP on 127.0.0.1."""
    for _ in range(200):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.bind(("127.0.0.1", 0))
            base = s.getsockname()[1]
        if base + count >= 65535:
            continue
        ok = True
        for p in range(base, base + count):
            for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
                with socket.socket(socket.AF_INET, kind) as t:
                    try:
                        t.bind(("127.0.0.1", p))
                    except OSError:
                        ok = False
        if ok:
            return base
    raise RuntimeError("no free port range on 127.0.0.1")


def make_certificate(folder, common_name="127.0.0.1"):
    key = folder / "server.key"
    cert = folder / "server.crt"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", f"/CN={common_name}", "-addext", f"subjectAltName=IP:{common_name}",
         "-keyout", str(key), "-out", str(cert)],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return key, cert


class Kamailio:
    def __init__(self, users=None, min_expires=60, nonce_expire=300):
        self.users = users or {"alice": "alice-secret", "bob": "bob-secret"}
        self.min_expires = min_expires
        self.nonce_expire = nonce_expire
        self.folder = Path(tempfile.mkdtemp(prefix="parlo-kamailio-"))
        self.process = None
        base = free_port(2)
        self.udp_port = base
        self.tcp_port = base
        self.tls_port = base + 1
        self.key, self.cert = make_certificate(self.folder)
        self._write_database()
        self._write_config()

    def _write_database(self):
        db = self.folder / "db"
        shutil.copytree(DBTEXT_TEMPLATE, db)
        # msilo leaves silo.callid and .status empty, which Debian's db_text template declares
        # not-null: allow it, as the SQL schemas do with a default.
        silo = db / "silo"
        silo.write_text(silo.read_text().replace("callid(string)", "callid(string,null)")
                        .replace("status(int)", "status(int,null)"))
        with open(db / "subscriber", "a") as f:
            # db_text refuses empty values in columns not declared null: ha1/ha1b carry
            # their real values, though calculate_ha1 makes the server use the password.
            for i, (user, password) in enumerate(sorted(self.users.items()), start=1):
                ha1 = hashlib.md5(f"{user}:127.0.0.1:{password}".encode()).hexdigest()
                ha1b = hashlib.md5(f"{user}@127.0.0.1:127.0.0.1:{password}".encode()).hexdigest()
                f.write(f"{i}:{user}:127.0.0.1:{password}:{ha1}:{ha1b}\n")
        self.db = db

    def _write_config(self):
        module_dir = next(d for d in MODULE_DIRS if os.path.isdir(d))
        values = {
            "UDP_PORT": str(self.udp_port), "TCP_PORT": str(self.tcp_port),
            "TLS_PORT": str(self.tls_port), "MODULE_DIR": module_dir,
            "DB_DIR": str(self.db), "TLS_CONFIG": str(self.folder / "tls.cfg"),
            "KEY": str(self.key), "CERT": str(self.cert),
            "MIN_EXPIRES": str(self.min_expires), "NONCE_EXPIRE": str(self.nonce_expire),
        }
        for name in ("kamailio.cfg", "tls.cfg"):
            text = (HERE / "kamailio" / (name + ".in")).read_text()
            for key, value in values.items():
                text = text.replace(f"@{key}@", value)
            (self.folder / name).write_text(text)

    @property
    def log_path(self):
        return self.folder / "kamailio.log"

    def start(self, timeout=15):
        self.log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            ["kamailio", "-DD", "-E", "-f", str(self.folder / "kamailio.cfg"),
             "-P", str(self.folder / "kamailio.pid"), "-w", str(self.folder)],
            stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"kamailio exited with {self.process.returncode}:\n" + self.log_text())
            try:
                with socket.create_connection(("127.0.0.1", self.tcp_port), timeout=0.2):
                    return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("kamailio did not start listening in time:\n" + self.log_text())

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        self.process = None

    def restart(self):
        self.stop()
        return self.start()

    def log_text(self):
        try:
            return self.log_path.read_text(errors="replace")[-4000:]
        except OSError:
            return ""

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.cleanup()
