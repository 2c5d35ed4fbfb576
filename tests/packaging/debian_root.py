# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""A clean Debian 12 root for installing Parlo's package in, made with debootstrap.

The pristine root is cached as a tarball keyed by what went into it (suite, variant,
packages, this file's format number), in PARLO_PACKAGING_CACHE or ~/.cache/parlo/packaging;
downloaded .debs are kept beside it and bind-mounted into every root, so only the first
run downloads. Each test run unpacks a fresh copy.

Commands run inside the root through `unshare --mount`: /proc, /sys, /dev and the apt
archive exist only in that private mount namespace, so they vanish with its last process
whatever happens to the test, and deleting the root never reaches the host's /dev.
"""
import fcntl
import glob
import hashlib
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

SUITE = "bookworm"
VARIANT = "minbase"
# Nothing beyond minbase: the root must show what the package itself pulls in.
EXTRA_PACKAGES = []
FORMAT = 1  # bump when the way the root is prepared changes
DEFAULT_MIRROR = "http://deb.debian.org/debian"
DEFAULT_SECURITY_MIRROR = "http://deb.debian.org/debian-security"

ENTER_SCRIPT = """#!/bin/sh
# Runs a command inside the Debian root, in the private mount namespace of its caller.
set -e
# The standard PATH inside the root too, whatever the caller's was.
PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH
root=$1
archives=$2
shift 2
mount -t proc proc "$root/proc"
mount -t sysfs -o ro sysfs "$root/sys"
mount --rbind /dev "$root/dev"
mount --bind "$archives" "$root/var/cache/apt/archives"
exec chroot "$root" "$@"
"""


def cache_dir():
    configured = os.environ.get("PARLO_PACKAGING_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "parlo" / "packaging"


def _host_sources():
    """(uri, suites) of every Debian apt source of this machine, one-line and deb822."""
    entries = []
    for path in ["/etc/apt/sources.list"] + sorted(glob.glob("/etc/apt/sources.list.d/*")):
        try:
            text = Path(path).read_text()
        except OSError:
            continue
        if path.endswith(".sources"):
            for stanza in re.split(r"\n\s*\n", text):
                fields = {}
                for line in stanza.splitlines():
                    match = re.match(r"^([A-Za-z-]+):\s*(.*)$", line)
                    if match:
                        fields[match.group(1).lower()] = match.group(2).split()
                if "deb" in fields.get("types", []):
                    for uri in fields.get("uris", []):
                        entries.append((uri, fields.get("suites", [])))
        else:
            for line in text.splitlines():
                parts = re.sub(r"\[[^\]]*\]", "", line.split("#", 1)[0]).split()
                if len(parts) >= 3 and parts[0] == "deb":
                    entries.append((parts[1], [parts[2]]))
    return entries


def mirrors():
    """The Debian and security mirrors this machine's apt uses (or PARLO_DEBIAN_MIRROR)."""
    main = os.environ.get("PARLO_DEBIAN_MIRROR")
    security = os.environ.get("PARLO_DEBIAN_SECURITY_MIRROR")
    for uri, suites in _host_sources():
        if main is None and SUITE in suites:
            main = uri
        if security is None and f"{SUITE}-security" in suites:
            security = uri
    return (main or DEFAULT_MIRROR).rstrip("/"), (security or DEFAULT_SECURITY_MIRROR).rstrip("/")


def _run(args, log, **kwargs):
    log(f"$ {' '.join(str(a) for a in args)}")
    return subprocess.run(args, check=True, **kwargs)


class DebianRoot:
    """A fresh copy of the cached Debian root in `folder` (which it owns and deletes)."""

    def __init__(self, folder, log=print):
        self.folder = Path(folder)
        self.path = self.folder / "root"
        self.log = log
        self.cache = cache_dir()
        self.archives = self.cache / "apt-archives"
        self.main_mirror, self.security_mirror = mirrors()
        key_text = f"{FORMAT}|{SUITE}|{VARIANT}|{','.join(EXTRA_PACKAGES)}"
        self.key = hashlib.sha256(key_text.encode()).hexdigest()[:16]
        self.tarball = self.cache / f"debian-{SUITE}-{VARIANT}-{self.key}.tar"
        self.enter_script = self.folder / "enter-root.sh"
        self.cold = False

    # --- cache -----------------------------------------------------------------------
    def _build_tarball(self):
        """debootstrap into a temporary folder, then tar it under the final name."""
        for tool in ("debootstrap", "unshare", "chroot", "tar"):
            if shutil.which(tool) is None:
                raise RuntimeError(f"{tool} is missing (scripts/deps test)")
        staging = self.cache / f"staging-{self.key}"
        shutil.rmtree(staging, ignore_errors=True)
        started = time.monotonic()
        # Its downloads go to the shared archive folder too: a new key downloads nothing again.
        _run(["debootstrap", f"--variant={VARIANT}", "--components=main",
              f"--cache-dir={self.archives}",
              *( [f"--include={','.join(EXTRA_PACKAGES)}"] if EXTRA_PACKAGES else [] ),
              SUITE, str(staging), self.main_mirror], self.log,
             stdout=subprocess.DEVNULL)
        # debootstrap leaves its downloads in the root's apt cache: keep them aside.
        for deb in (staging / "var/cache/apt/archives").glob("*.deb"):
            deb.unlink()
        partial = self.tarball.with_suffix(".tar.partial")
        _run(["tar", "-C", str(staging), "--numeric-owner", "-cf", str(partial), "."], self.log)
        partial.rename(self.tarball)
        shutil.rmtree(staging, ignore_errors=True)
        # Tarballs of other keys are stale.
        for old in self.cache.glob(f"debian-{SUITE}-*.tar"):
            if old != self.tarball:
                old.unlink()
        self.log(f"debootstrap root cached as {self.tarball.name} "
                 f"in {time.monotonic() - started:.0f} s")

    def create(self):
        self.cache.mkdir(parents=True, exist_ok=True)
        (self.archives / "partial").mkdir(parents=True, exist_ok=True)
        self.folder.mkdir(parents=True, exist_ok=True)
        # One creator at a time; later runs reuse what the first made.
        with open(self.cache / "lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not self.tarball.exists():
                self.cold = True
                self._build_tarball()
        if self.path.exists():
            self.destroy_root()
        self.path.mkdir()
        _run(["tar", "-C", str(self.path), "--numeric-owner", "-xf", str(self.tarball)], self.log)
        self.enter_script.write_text(ENTER_SCRIPT)
        self.enter_script.chmod(0o755)
        # Name resolution for apt, and the same mirrors as the host.
        shutil.copyfile("/etc/resolv.conf", self.path / "etc/resolv.conf")
        (self.path / "etc/apt/sources.list").write_text(
            f"deb {self.main_mirror} {SUITE} main\n"
            f"deb {self.main_mirror} {SUITE}-updates main\n"
            f"deb {self.security_mirror} {SUITE}-security main\n")
        # Services never start inside the root.
        policy = self.path / "usr/sbin/policy-rc.d"
        policy.write_text("#!/bin/sh\nexit 101\n")
        policy.chmod(0o755)
        return self

    # --- running inside ----------------------------------------------------------------
    def command(self, *args):
        """argv that runs `args` inside the root."""
        return ["unshare", "--mount", "--propagation", "private",
                str(self.enter_script), str(self.path), str(self.archives), *args]

    def run(self, *args, check=True, timeout=600, env=None, input=None):
        self.log(f"[root] $ {' '.join(args)}")
        result = subprocess.run(self.command(*args), capture_output=True, text=True,
                                timeout=timeout, env=env, input=input)
        if check and result.returncode != 0:
            raise AssertionError(f"{' '.join(args)} failed with {result.returncode}:\n"
                                 f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
        return result

    def wrapper(self, name, program):
        """An executable file outside the root that runs `program` inside it."""
        path = self.folder / name
        quoted = " ".join(f"'{a}'" for a in self.command(program))
        path.write_text(f"#!/bin/sh\nexec {quoted} \"$@\"\n")
        path.chmod(0o755)
        return path

    def apt_get(self, *args, timeout=900):
        env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "DEBIAN_FRONTEND": "noninteractive",
               "LANG": "C.UTF-8"}
        # The archive folder is shared by every run using this cache: one apt at a time
        # (apt does not wait for its lock), and no _apt sandbox user, who may not own it.
        with open(self.cache / "archives.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            # The root is thrown away after the test: dpkg need not fsync every file.
            return self.run("apt-get", "-q", "-y", "-o", "APT::Sandbox::User=root",
                            "-o", "Acquire::Retries=3", "-o", "Dpkg::Options::=--force-unsafe-io",
                            *args, timeout=timeout, env=env)

    def destroy_root(self):
        # Mounts live only in the private namespaces of finished processes: what is left
        # is plain files. Refuse anyway if something is mounted below the root here.
        with open("/proc/self/mountinfo") as mounts:
            for line in mounts:
                mount_point = line.split()[4]
                if mount_point == str(self.path) or mount_point.startswith(f"{self.path}/"):
                    raise RuntimeError(f"{mount_point} is still mounted; not deleting")
        shutil.rmtree(self.path)

    def cleanup(self):
        if self.path.exists():
            self.destroy_root()
        shutil.rmtree(self.folder, ignore_errors=True)
