#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The GUI benchmark of docs/performance.md ("GUI"), run by scripts/bench-gui.

On its own Xvfb display:
  1. start-up: Parlo and Twinkle started alternately, each from a fresh profile (temporary
     HOME and XDG folders) with a warm disk cache; the time from just before exec to the
     MapNotify of the app's main window, seen by an `xev -root` watcher (the same method
     for both). Parlo's own figure too: `parlo --bench-startup S` prints "shown" when its
     window is first exposed (Gui::StartupProbe), stamped here on arrival.
  2. idle memory: Parlo with 1,000 contacts in its fresh profile's database (written by
     `bench_gui seed` with ContactStore) and Twinkle, both idle for --idle-seconds after
     their window was mapped: RSS and PSS from /proc/PID/smaps_rollup.
  3. `bench_gui scroll` and 4. `bench_gui burst` (see tests/bench/bench_gui.cpp).
Prints a summary with the targets; exits 1 when something could not be measured (a
missed target is reported, not an error: this is a benchmark).
"""

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

TARGET_STARTUP_MS = 200
TARGET_RSS_MB = 80
TARGET_LATENCY_MS = 50


class BenchError(Exception):
    pass


def need(tool):
    path = shutil.which(tool)
    if not path:
        raise BenchError(f"{tool} is missing (scripts/deps test installs it)")
    return path


def free_udp_port():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Xvfb:
    def __init__(self):
        read_fd, write_fd = os.pipe()
        self.process = subprocess.Popen(
            [need("Xvfb"), "-displayfd", str(write_fd), "-screen", "0", "1280x1024x24",
             "-nolisten", "tcp"],
            pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write_fd)
        number = b""
        deadline = time.monotonic() + 20
        while not number.endswith(b"\n"):
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise BenchError("Xvfb did not start")
            chunk = os.read(read_fd, 16)
            if not chunk:
                break
            number += chunk
        os.close(read_fd)
        self.display = ":" + number.decode().strip()

    def stop(self):
        stop_process(self.process)


def stop_process(process, timeout=5):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout)


class MapWatcher:
    """Notes the monotonic time of every top-level MapNotify on the display. The reader
    only stamps (nothing slows it down between two events); the window's WM_CLASS and
    WM_NAME are read when asked for (a splash screen is gone by then and does not count)."""

    def __init__(self, display):
        self.display = display
        self.maps = []  # [monotonic_ns, window id, properties or None]
        self.lock = threading.Lock()
        self.process = subprocess.Popen(
            [need("stdbuf"), "-oL", need("xev"), "-display", display, "-root", "-event",
             "substructure"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, errors="replace")
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()
        time.sleep(0.3)

    def _read(self):
        pending = None
        for line in self.process.stdout:
            now = time.monotonic_ns()
            if line.startswith("MapNotify event"):
                pending = now
                continue
            if pending is not None:
                found = re.search(r"window (0x[0-9a-f]+), override (\w+)", line)
                stamp, pending = pending, None
                if found and found.group(2) == "NO":
                    with self.lock:
                        self.maps.append([stamp, found.group(1), None])

    def _properties(self, window):
        return subprocess.run(
            ["xprop", "-display", self.display, "-id", window, "WM_CLASS", "WM_NAME"],
            capture_output=True, text=True).stdout

    def first_map_after(self, start_ns, wm_class, title_excludes=(), timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                candidates = [m for m in self.maps if m[0] >= start_ns]
            for entry in candidates:
                if entry[2] is None:
                    entry[2] = self._properties(entry[1])
                stamp, _, props = entry
                if f'"{wm_class}"' not in props.lower():
                    continue
                if any(word in props for word in title_excludes):
                    continue
                return stamp, props
            time.sleep(0.002)
        raise BenchError(f"no {wm_class} window was mapped within {timeout} s")

    def stop(self):
        stop_process(self.process)


def fresh_profile(root):
    home = tempfile.mkdtemp(prefix="profile-", dir=root)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "DBUS_"))}
    env.update({
        "HOME": home,
        "XDG_CONFIG_HOME": os.path.join(home, ".config"),
        "XDG_DATA_HOME": os.path.join(home, ".local", "share"),
        "XDG_CACHE_HOME": os.path.join(home, ".cache"),
        "XDG_RUNTIME_DIR": os.path.join(home, "runtime"),
    })
    os.makedirs(env["XDG_RUNTIME_DIR"], mode=0o700)
    return home, env


def rss_pss_mb(pid):
    values = {}
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            key, _, rest = line.partition(":")
            if key in ("Rss", "Pss"):
                values[key] = int(rest.split()[0]) / 1024.0
    return values.get("Rss", 0.0), values.get("Pss", 0.0)


class Runner:
    def __init__(self, args, display, watcher, root):
        self.args = args
        self.display = display
        self.watcher = watcher
        self.root = root

    def start_parlo(self, contacts, idle_seconds):
        home, env = fresh_profile(self.root)
        env["DISPLAY"] = self.display
        env["QT_QPA_PLATFORM"] = "xcb"
        if contacts:
            subprocess.run([self.args.bench_gui, "seed", "--contacts", str(contacts)],
                           env=env, check=True, capture_output=True, timeout=120)
        # --bench-startup: "shown" at the first expose, then quits after idle_seconds.
        command = [self.args.parlo, "--no-wizard", "--new-instance", "--password-store", "file",
                   "--listen", "udp:127.0.0.1:0", "--bench-startup", str(int(idle_seconds))]
        start = time.monotonic_ns()
        process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL, text=True)
        shown = {}

        def read_shown():
            for line in process.stdout:
                if line.strip() == "shown" and "ns" not in shown:
                    shown["ns"] = time.monotonic_ns()

        threading.Thread(target=read_shown, daemon=True).start()
        mapped, _ = self.watcher.first_map_after(start, "parlo")
        deadline = time.monotonic() + 10
        while "ns" not in shown and time.monotonic() < deadline:
            time.sleep(0.002)
        if "ns" not in shown:
            stop_process(process)
            raise BenchError('parlo --bench-startup did not print "shown"')
        return process, {"mapped_ms": (mapped - start) / 1e6,
                         "exposed_ms": (shown["ns"] - start) / 1e6}

    def start_twinkle(self):
        home, env = fresh_profile(self.root)
        env["DISPLAY"] = self.display
        twinkle_dir = os.path.join(home, ".twinkle")
        os.makedirs(twinkle_dir)
        # A profile, so Twinkle opens its main window instead of the profile chooser. Its
        # domain is the discard port on loopback: what it publishes at start goes nowhere.
        with open(os.path.join(twinkle_dir, "bench.cfg"), "w") as f:
            f.write("user_name=bench\nuser_domain=127.0.0.1:9\nuser_display=Bench\n"
                    "register_at_startup=no\n")
        with open(os.path.join(twinkle_dir, "twinkle.sys"), "w") as f:
            f.write(f"sip_udp_port={free_udp_port()}\nrtp_port={free_udp_port() & ~1}\n")
        start = time.monotonic_ns()
        process = subprocess.Popen([self.args.twinkle, "-f", "bench"], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        mapped, _ = self.watcher.first_map_after(start, "twinkle",
                                                 title_excludes=("Select user profile",))
        return process, {"mapped_ms": (mapped - start) / 1e6}


def median(values):
    return statistics.median(values) if values else float("nan")


def run_startup_and_memory(args, runner):
    parlo, twinkle = [], []
    for i in range(args.runs + 1):  # the first pair warms the disk cache, not counted
        process, figures = runner.start_parlo(contacts=0, idle_seconds=5)
        time.sleep(0.15)
        stop_process(process)
        if i:
            parlo.append(figures)
        process, figures = runner.start_twinkle()
        time.sleep(0.15)
        stop_process(process)
        if i:
            twinkle.append(figures)
    print(f"startup runs: {args.runs} each (after one warm-up run each), fresh profile")
    for name, key in (("parlo window mapped (xev)", "mapped_ms"),
                      ("parlo window exposed (its own report)", "exposed_ms")):
        values = [f[key] for f in parlo]
        print(f"  {name}: median {median(values):.1f} ms "
              f"(min {min(values):.1f}, max {max(values):.1f})")
    values = [f["mapped_ms"] for f in twinkle]
    print(f"  twinkle window mapped (xev): median {median(values):.1f} ms "
          f"(min {min(values):.1f}, max {max(values):.1f})")
    parlo_mapped = median([f["mapped_ms"] for f in parlo])
    twinkle_mapped = median(values)
    ratio = parlo_mapped / twinkle_mapped
    met = parlo_mapped <= TARGET_STARTUP_MS and parlo_mapped <= twinkle_mapped
    print(f"STARTUP parlo {parlo_mapped:.1f} ms, twinkle {twinkle_mapped:.1f} ms, ratio "
          f"{ratio:.2f} (target <= {TARGET_STARTUP_MS} ms and <= twinkle): "
          f"{'MET' if met else 'NOT MET'}")

    memory = {}
    for name in ("parlo", "twinkle"):
        if name == "parlo":
            process, figures = runner.start_parlo(contacts=args.contacts,
                                                  idle_seconds=args.idle_seconds + 30)
        else:
            process, figures = runner.start_twinkle()
        time.sleep(args.idle_seconds)
        if process.poll() is not None:
            raise BenchError(f"{name} exited during the idle wait")
        memory[name] = rss_pss_mb(process.pid)
        stop_process(process)
    (parlo_rss, parlo_pss), (twinkle_rss, twinkle_pss) = memory["parlo"], memory["twinkle"]
    print(f"idle memory after {args.idle_seconds} s (parlo with {args.contacts} contacts):")
    print(f"  parlo:   RSS {parlo_rss:.1f} MB, PSS {parlo_pss:.1f} MB")
    print(f"  twinkle: RSS {twinkle_rss:.1f} MB, PSS {twinkle_pss:.1f} MB")
    print(f"MEMORY parlo RSS {parlo_rss:.1f} MB, twinkle {twinkle_rss:.1f} MB, ratio "
          f"{parlo_rss / twinkle_rss:.2f} (target <= {TARGET_RSS_MB} MB): "
          f"{'MET' if parlo_rss <= TARGET_RSS_MB else 'NOT MET'}")


def run_bench_gui(args, display, mode, extra):
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    command = [args.bench_gui, mode, "--timeout-seconds", str(args.timeout_seconds)] + extra
    result = subprocess.run(command, env=env, capture_output=True, text=True,
                            timeout=args.timeout_seconds + 60)
    lines = [l for l in result.stdout.splitlines() if l.strip()]
    for line in lines:
        print("  " + line)
    if result.returncode != 0:
        raise BenchError(f"bench_gui {mode} failed: {result.stderr.strip()[-2000:]}")
    return "\n".join(lines)


def worst(text, name):
    found = re.search(rf"^{name}: .*p99_ms=([\d.]+) max_ms=([\d.]+)", text, re.M)
    if not found:
        raise BenchError(f"no {name} line")
    return float(found.group(1)), float(found.group(2))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parlo", required=True)
    parser.add_argument("--bench-gui", required=True)
    parser.add_argument("--cli", required=True)
    parser.add_argument("--twinkle", default="twinkle")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--contacts", type=int, default=1000)
    parser.add_argument("--idle-seconds", type=float, default=5)
    parser.add_argument("--scroll-contacts", type=int, default=10000)
    parser.add_argument("--scroll-messages", type=int, default=100000)
    parser.add_argument("--burst-messages", type=int, default=500)
    parser.add_argument("--burst-seconds", type=float, default=5)
    parser.add_argument("--quick", action="store_true",
                        help="3 start-ups each, 2 s idle, a 5,000-message chat: figures in under a minute")
    parser.add_argument("--timeout-seconds", type=int, default=900)
    args = parser.parse_args()
    if args.quick:
        args.runs, args.idle_seconds, args.scroll_messages = 3, 2, 5000
    args.twinkle = need(args.twinkle)
    for tool in ("xprop", "stdbuf", "xev", "Xvfb"):
        need(tool)

    began = time.monotonic()
    root = tempfile.mkdtemp(prefix="parlo-gui-bench-")
    xvfb = watcher = None
    try:
        xvfb = Xvfb()
        watcher = MapWatcher(xvfb.display)
        runner = Runner(args, xvfb.display, watcher, root)
        run_startup_and_memory(args, runner)

        print(f"scroll: {args.scroll_contacts} contacts, {args.scroll_messages} messages")
        text = run_bench_gui(args, xvfb.display, "scroll",
                             ["--contacts", str(args.scroll_contacts),
                              "--messages", str(args.scroll_messages)])
        stalls = {name: worst(text, name) for name in
                  ("contacts_scroll", "chat_scroll_up_loading", "chat_scroll_down",
                   "reference_plain_list_scroll")}
        for name, (p99, peak) in stalls.items():
            print(f"SCROLL {name}: p99 {p99:.1f} ms, max {peak:.1f} ms")

        print(f"burst: {args.burst_messages} messages in {args.burst_seconds} s")
        text = run_bench_gui(args, xvfb.display, "burst",
                             ["--messages", str(args.burst_messages),
                              "--seconds", str(args.burst_seconds), "--cli", args.cli])
        idle_p99, idle_max = worst(text, "latency_idle_reference")
        p99, peak = worst(text, "latency_during_burst")
        print(f"LATENCY during the burst: p99 {p99:.1f} ms, max {peak:.1f} ms (idle reference "
              f"p99 {idle_p99:.1f}, max {idle_max:.1f}; target max <= {TARGET_LATENCY_MS} ms): "
              f"{'MET' if peak <= TARGET_LATENCY_MS else 'NOT MET'}")
    except (BenchError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        print(f"run_gui_bench: {error}", file=sys.stderr)
        return 1
    finally:
        if watcher:
            watcher.stop()
        if xvfb:
            xvfb.stop()
        shutil.rmtree(root, ignore_errors=True)
        print(f"total run time: {time.monotonic() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
