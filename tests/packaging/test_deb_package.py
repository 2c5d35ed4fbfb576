# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Builds Parlo's .deb with CPack and proves it on a clean Debian 12: lintian, the desktop
entry and AppStream metainfo validators, then apt installs it into a debootstrap root
where parlo-cli registers and exchanges a message through a Kamailio on 127.0.0.1, the GUI
runs on the offscreen platform, and a purge leaves nothing of the package behind.

Environment (set by tests/packaging/CMakeLists.txt): PARLO_BUILD_DIR, PARLO_VERSION.
Optional: PARLO_PACKAGING_CACHE (debootstrap root cache), PARLO_DEBIAN_MIRROR.
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "interop"))

from debian_root import DebianRoot  # noqa: E402
from kamailio_fixture import Kamailio  # noqa: E402
from parlo_cli import ParloCli  # noqa: E402

APP_ID = "io.parlo.Parlo"
SCHEMES = ["x-scheme-handler/sip", "x-scheme-handler/sips", "x-scheme-handler/tel"]
GUI_SECONDS = 5
# What a package lacking a dependency makes Qt or the loader print.
MISSING_DEPENDENCY = re.compile(
    r"error while loading shared libraries|Could not load the Qt platform plugin"
    r"|Could not find the Qt platform plugin|driver not loaded|cannot open shared object"
    r"|driver \(QSQLITE\) is not installed|database is not open",
    re.IGNORECASE)


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class Timer:
    def __init__(self):
        self.phases = []

    def phase(self, name, started):
        self.phases.append((name, time.monotonic() - started))
        log(f"{name}: {self.phases[-1][1]:.1f} s")


def build_deb(build_dir, out_dir):
    """Runs CPack's DEB generator on the build tree; returns the .deb's path."""
    config = build_dir / "CPackConfig.cmake"
    if not config.exists():
        raise AssertionError(f"{config} missing: configure and build first")
    result = subprocess.run(["cpack", "-G", "DEB", "--config", str(config), "-B", str(out_dir)],
                            cwd=build_dir, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise AssertionError(f"cpack failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
    debs = list(out_dir.glob("*.deb"))
    if len(debs) != 1:
        raise AssertionError(f"expected one .deb in {out_dir}, found {debs}")
    return debs[0]


def remove_stale_work_folders(build_dir):
    """Folders of an earlier run that was killed (a Debian root is ~700 MB). Nothing is
    mounted in them: the root's mounts lived in private namespaces; checked anyway."""
    with open("/proc/self/mountinfo") as mounts:
        mount_points = [line.split()[4] for line in mounts]
    for stale in build_dir.glob("packaging-test-*"):
        if any(m.startswith(f"{stale}/") for m in mount_points):
            raise AssertionError(f"something is mounted below {stale}; not deleting it")
        log(f"removing {stale.name} left by an earlier run")
        shutil.rmtree(stale)


class DebPackageTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.build_dir = Path(os.environ["PARLO_BUILD_DIR"])
        cls.version = os.environ["PARLO_VERSION"]
        remove_stale_work_folders(cls.build_dir)
        cls.work = Path(tempfile.mkdtemp(prefix="packaging-test-", dir=cls.build_dir))
        cls.timer = Timer()
        started = time.monotonic()
        cls.deb = build_deb(cls.build_dir, cls.work / "packages")
        cls.timer.phase("cpack DEB", started)
        cls.extracted = cls.work / "extracted"
        subprocess.run(["dpkg-deb", "-x", str(cls.deb), str(cls.extracted)], check=True)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.work, ignore_errors=True)
        for name, seconds in cls.timer.phases:
            log(f"timing {name}: {seconds:.1f} s")

    def field(self, name):
        return subprocess.run(["dpkg-deb", "-f", str(self.deb), name], check=True,
                              capture_output=True, text=True).stdout.strip()

    # --- static checks ---------------------------------------------------------------
    def test_control_fields(self):
        self.assertEqual(self.field("Package"), "parlo")
        self.assertEqual(self.field("Version"), self.version)
        depends = self.field("Depends")
        # From dpkg-shlibdeps: the Qt libraries and codecs the executables link.
        for library in ["libqt6widgets6", "libqt6network6", "libqt6multimedia6", "libqt6sql6",
                        "libopus0", "libsrtp2-1", "libspeexdsp1", "libc6"]:
            self.assertRegex(depends, rf"(^|, ){re.escape(library)}\b", depends)
        # Plugins Qt loads at run time, declared explicitly.
        for plugin in ["libqt6sql6-sqlite", "libqt6svg6"]:
            self.assertIn(plugin, depends)

    def test_lintian_has_no_errors(self):
        if shutil.which("lintian") is None:
            self.fail("lintian is missing (scripts/deps test)")
        started = time.monotonic()
        result = subprocess.run(["lintian", "--fail-on", "error", "--display-info",
                                 "--no-tag-display-limit", str(self.deb)],
                                capture_output=True, text=True, timeout=600)
        self.timer.phase("lintian", started)
        log("lintian:\n" + (result.stdout.strip() or "(no tags)"))
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertNotRegex(result.stdout, r"(?m)^E: ")

    def test_desktop_entry_validates_and_handles_sip_sips_tel(self):
        desktop = self.extracted / f"usr/share/applications/{APP_ID}.desktop"
        self.assertTrue(desktop.is_file(), desktop)
        if shutil.which("desktop-file-validate") is None:
            self.fail("desktop-file-validate is missing (scripts/deps test)")
        result = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True,
                                text=True)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual(result.stdout.strip(), "", "desktop-file-validate hints")
        entries = dict(line.split("=", 1) for line in desktop.read_text().splitlines()
                       if "=" in line and not line.startswith("#"))
        self.assertEqual(entries["Exec"], "parlo %u")
        self.assertEqual(entries["Icon"], APP_ID)
        self.assertEqual(sorted(filter(None, entries["MimeType"].split(";"))), SCHEMES)
        for size in [16, 32, 48, 64, 128, 256, 512]:
            icon = self.extracted / f"usr/share/icons/hicolor/{size}x{size}/apps/{APP_ID}.png"
            self.assertTrue(icon.is_file(), icon)
            # PNG IHDR: width and height, big-endian, at bytes 16..24.
            header = icon.read_bytes()[:24]
            self.assertEqual(header[:8], b"\x89PNG\r\n\x1a\n")
            self.assertEqual(int.from_bytes(header[16:20], "big"), size)
            self.assertEqual(int.from_bytes(header[20:24], "big"), size)
        self.assertTrue((self.extracted / f"usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg")
                        .is_file())

    def test_appstream_metainfo_validates(self):
        metainfo = self.extracted / f"usr/share/metainfo/{APP_ID}.metainfo.xml"
        self.assertTrue(metainfo.is_file(), metainfo)
        if shutil.which("appstreamcli") is None:
            self.fail("appstreamcli is missing (scripts/deps test)")
        result = subprocess.run(["appstreamcli", "validate", "--no-net", "--explain",
                                 str(metainfo)], capture_output=True, text=True)
        log("appstreamcli:\n" + result.stdout.strip())
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn(f'<release version="{self.version}"', metainfo.read_text())

    def test_rpm_and_tarball(self):
        if shutil.which("rpmbuild") is None:
            self.fail("rpmbuild is missing (scripts/deps test: rpm)")
        out = self.work / "other-packages"
        result = subprocess.run(["cpack", "-G", "RPM;TGZ", "--config",
                                 str(self.build_dir / "CPackConfig.cmake"), "-B", str(out)],
                                cwd=self.build_dir, capture_output=True, text=True, timeout=600)
        self.assertEqual(result.returncode, 0, result.stdout[-3000:] + result.stderr[-3000:])
        rpm = next(out.glob("*.rpm"))

        def query(*args):
            return subprocess.run(["rpm", "-qp", *args, str(rpm)], check=True,
                                  capture_output=True, text=True).stdout
        self.assertEqual(query("--qf", "%{NAME} %{VERSION}"), f"parlo {self.version}")
        files = query("-l").split()
        for path in ["/usr/bin/parlo", "/usr/bin/parlo-cli",
                     f"/usr/share/applications/{APP_ID}.desktop",
                     f"/usr/share/metainfo/{APP_ID}.metainfo.xml"]:
            self.assertIn(path, files)
        # Shared directories stay owned by the distribution's packages.
        self.assertNotIn("/usr/share/applications", files)
        requires = query("-R")
        self.assertIn("libQt6Widgets.so.6", requires)  # rpmbuild's automatic requirements
        self.assertIn("qt6-qtsvg", requires)  # the plugin, declared
        tarball = next(out.glob("*.tar.gz"))
        listing = subprocess.run(["tar", "tzf", str(tarball)], check=True, capture_output=True,
                                 text=True).stdout.split()
        top = listing[0].split("/")[0]  # parlo-VERSION-Linux-PROCESSOR
        self.assertTrue(top.startswith(f"parlo-{self.version}-Linux-"), top)
        self.assertIn(f"{top}/bin/parlo", listing)
        self.assertIn(f"{top}/share/applications/{APP_ID}.desktop", listing)

    # --- install, run, purge in a clean Debian 12 -----------------------------------
    def test_install_run_and_purge_in_clean_debian(self):
        # debootstrap, chroot and mount namespaces need root; CI runs as root.
        self.assertEqual(os.geteuid(), 0, "the Debian root test must run as root")
        started = time.monotonic()
        root = DebianRoot(self.work / "debian", log=log)
        self.addCleanup(self.remove_root, root)
        root.create()
        self.timer.phase("debian root (cold: debootstrap)" if root.cold else
                         "debian root (warm: from cache)", started)

        started = time.monotonic()
        root.apt_get("update")
        shutil.copyfile(self.deb, root.path / "tmp" / self.deb.name)
        root.apt_get("install", "--no-install-recommends", f"/tmp/{self.deb.name}")
        self.timer.phase("apt-get install", started)
        files = root.run("dpkg-query", "-L", "parlo").stdout.split("\n")
        installed = [f for f in files if f and not (root.path / f.lstrip("/")).is_dir()]
        for expected in ["/usr/bin/parlo", "/usr/bin/parlo-cli", "/usr/bin/sip-lint",
                         f"/usr/share/applications/{APP_ID}.desktop",
                         f"/usr/share/metainfo/{APP_ID}.metainfo.xml",
                         "/usr/share/doc/parlo/copyright"]:
            self.assertIn(expected, installed)

        started = time.monotonic()
        self.check_link_handler(root)
        self.timer.phase("sip: handler (xdg-utils)", started)

        started = time.monotonic()
        self.check_versions(root)
        self.check_cli_against_kamailio(root)
        self.check_gui_starts(root)
        self.timer.phase("runs inside the root", started)

        started = time.monotonic()
        root.apt_get("remove", "--purge", "parlo")
        self.timer.phase("apt-get remove --purge", started)
        status = root.run("dpkg-query", "-W", "-f=${Status}", "parlo", check=False)
        self.assertNotIn("installed", status.stdout.replace("not-installed", ""))
        left = [f for f in installed if (root.path / f.lstrip("/")).exists()]
        self.assertEqual(left, [], "files of the package left after purge")
        cache = root.path / "usr/share/applications/mimeinfo.cache"
        self.assertNotIn(APP_ID, cache.read_text(), "the purged package is still a handler")
        leftovers = subprocess.run(
            ["find", str(root.path), "-path", str(root.path / "tmp"), "-prune", "-o",
             "-path", str(root.path / "var/cache/apt"), "-prune", "-o",
             # What the runs wrote in the home folder is the user's, kept as by any package.
             "-path", str(root.path / "root"), "-prune", "-o",
             "-iname", "*parlo*", "-print"], capture_output=True, text=True).stdout.split()
        self.assertEqual(leftovers, [], "paths named after Parlo left after purge")

    def remove_root(self, root):
        started = time.monotonic()
        root.cleanup()
        self.timer.phase("remove the root", started)

    def check_link_handler(self, root):
        """What a desktop asks when a sip:, sips: or tel: link is clicked: the answer comes
        from the desktop database that desktop-file-utils' trigger builds."""
        root.apt_get("install", "--no-install-recommends", "xdg-utils", "desktop-file-utils")
        for scheme in SCHEMES:
            handler = root.run("xdg-mime", "query", "default", scheme,
                               env={"PATH": "/usr/bin:/bin", "HOME": "/root"})
            self.assertEqual(handler.stdout.strip(), f"{APP_ID}.desktop", scheme)

    def check_versions(self, root):
        for program in ["parlo-cli", "parlo"]:
            result = root.run(program, "--version", env={"PATH": "/usr/bin:/bin"})
            # "parlo-cli 0.1.0", "Parlo 0.1.0": the project version, from CMake.
            self.assertEqual(result.stdout.strip().lower(), f"{program} {self.version}",
                             f"{program} --version")
        lint = root.run("sip-lint", "-", check=False, env={"PATH": "/usr/bin:/bin"},
                        input="OPTIONS sip:bob@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5060"
                              ";branch=z9hG4bK1\r\nMax-Forwards: 70\r\nTo: <sip:bob@127.0.0.1>\r\n"
                              "From: <sip:alice@127.0.0.1>;tag=1\r\nCall-ID: 1@127.0.0.1\r\n"
                              "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
        self.assertEqual(lint.returncode, 0, lint.stdout + lint.stderr)
        self.assertEqual(lint.stdout.strip(), "-: valid")

    def check_cli_against_kamailio(self, root):
        """Kamailio runs on the host's 127.0.0.1; the root shares the network namespace."""
        os.environ["PARLO_CLI"] = str(root.wrapper("parlo-cli-in-root", "/usr/bin/parlo-cli"))
        clis = []
        try:
            with Kamailio() as kam:
                for user in ["alice", "bob"]:
                    cli = ParloCli(["--account", f"sip:{user}@127.0.0.1", "--transport", "udp",
                                    "--proxy", f"sip:127.0.0.1:{kam.udp_port};transport=udp",
                                    "--listen", "udp:127.0.0.1:0"],
                                   password=f"{user}-secret", name=user)
                    clis.append(cli)
                    cli.wait_for("registered", timeout=30)
                alice, bob = clis
                alice.send("msg sip:bob@127.0.0.1 hello from the package")
                sent = alice.wait_for("message_status", where=lambda e: e.get("state") in
                                      ("sent", "failed"))
                self.assertEqual((sent["state"], sent["code"]), ("sent", 200), sent)
                got = bob.wait_for("message")
                self.assertEqual(got["body"], "hello from the package")
                self.assertEqual(got["from"], "sip:alice@127.0.0.1")
                self.assertEqual(alice.quit(), 0)
                self.assertEqual(bob.quit(), 0)
        finally:
            for cli in clis:
                cli.kill()

    def check_gui_starts(self, root):
        env = {"PATH": "/usr/bin:/bin", "HOME": "/root", "LANG": "C.UTF-8",
               "QT_QPA_PLATFORM": "offscreen"}
        gui = subprocess.Popen(root.command("/usr/bin/parlo"), env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)
        try:
            try:
                gui.wait(timeout=GUI_SECONDS)
                output = gui.stdout.read()
                self.fail(f"parlo exited with {gui.returncode} within {GUI_SECONDS} s:\n{output}")
            except subprocess.TimeoutExpired:
                pass
        finally:
            if gui.poll() is None:
                os.killpg(gui.pid, signal.SIGTERM)
                try:
                    gui.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(gui.pid, signal.SIGKILL)
                    gui.wait(timeout=5)
        output = gui.stdout.read()
        log("parlo (offscreen) printed:\n" + (output.strip() or "(nothing)"))
        self.assertNotRegex(output, MISSING_DEPENDENCY)


if __name__ == "__main__":
    unittest.main()
