#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Process-level media benchmarks against other softphones, every figure measured in one run
(docs/performance.md, "Media"):

  call  Two parlo-cli processes call each other on 127.0.0.1 (Opus, tone sources, null
        sinks) for --seconds, then two baresip 1.0 processes do the same at the same Opus
        bitrate and complexity. CPU-seconds per call-minute per process from
        /proc/<pid>/stat (utime + stime of every thread), counted from the moment both
        sides have the call established until just before hang-up.
  idle  Resident memory (VmRSS, /proc/<pid>/status) of an idle parlo-cli (listening, no
        account), an idle baresip and an idle linphonec, each after --idle-seconds.

Prints one RESULT line per measurement; exit status 0 unless something failed to run
(the comparison itself is reported, not asserted: that is the benchmark's reader's job).
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
INTEROP = HERE.parent.parent / "interop"
sys.path.insert(0, str(INTEROP))

from baresip_fixture import Baresip  # noqa: E402
from kamailio_fixture import free_port  # noqa: E402
from parlo_cli import ParloCli  # noqa: E402

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# Parlo's Opus encoder settings (media/codec/OpusCodec.h): 32 kbit/s, libopus's default
# complexity (9 in libopus 1.3), FEC on, DTX on.
OPUS_BITRATE = 32000
OPUS_COMPLEXITY = 9
TONE_HZ = 440


def cpu_seconds(pid):
    """utime + stime of the whole process (all threads, live and exited), in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # Fields after the command: state is field 3, utime field 14, stime field 15.
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


class BenchBaresip(Baresip):
    """baresip as the interop fixture configures it, minus the recorder (a WAV writer
    Parlo's run does not have either), with Parlo's Opus encoder settings."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        config = self.folder / "config"
        lines = []
        for line in config.read_text().splitlines():
            if line.startswith("module") and "sndfile.so" in line:
                continue
            if line.startswith("opus_"):
                continue
            lines.append(line)
        # The encoder work Parlo does (media/codec/OpusCodec.cpp): mono, VoIP application,
        # in-band FEC tuned for 10% loss (which keeps the encoder in SILK/hybrid mode), DTX.
        lines += [f"opus_bitrate\t\t{OPUS_BITRATE}", f"opus_complexity\t\t{OPUS_COMPLEXITY}",
                  "opus_application\tvoip", "opus_stereo\t\tno", "opus_sprop_stereo\tno",
                  "opus_inbandfec\t\tyes", "opus_dtx\t\tyes", "opus_packet_loss\t10"]
        config.write_text("\n".join(lines) + "\n")


def parlo_call(seconds):
    """CPU-s per call-minute of the caller and the callee (two parlo-cli processes)."""
    port = free_port(1)
    common = ["--codecs", "opus", "--srtp", "off", "--audio-in", f"tone:{TONE_HZ}",
              "--audio-out", "null"]
    bob = ParloCli(["--listen", f"udp:127.0.0.1:{port}", "--auto-answer", "0"] + common,
                   name="bob")
    alice = ParloCli(["--listen", "udp:127.0.0.1:0"] + common, name="alice")
    try:
        bob.wait_for("started")
        alice.wait_for("started")
        alice.send(f"call sip:bob@127.0.0.1:{port}")
        alice.wait_for("call_state", where=lambda e: e["state"] == "confirmed")
        bob.wait_for("call_state", where=lambda e: e["state"] == "confirmed")
        time.sleep(1.0)  # both media sessions running
        start = {p.name: cpu_seconds(p.process.pid) for p in (alice, bob)}
        t0 = time.monotonic()
        time.sleep(seconds)
        elapsed = time.monotonic() - t0
        used = {p.name: cpu_seconds(p.process.pid) - start[p.name] for p in (alice, bob)}
        alice.send("stats")
        stats = alice.wait_for("media_stats")
        alice.send("hangup")
        alice.wait_for("call_state", where=lambda e: e["state"] == "terminated")
        if stats.get("codec", "").lower().find("opus") < 0:
            raise RuntimeError(f"parlo call did not use Opus: {stats}")
        return {name: cpu * 60.0 / elapsed for name, cpu in used.items()}, stats
    finally:
        for cli in (alice, bob):
            cli.kill()


def baresip_call(seconds):
    callee = BenchBaresip(user="callee", audio_source=f"ausine,{TONE_HZ}", name="callee")
    caller = BenchBaresip(user="caller", audio_source=f"ausine,{TONE_HZ}", name="caller")
    try:
        callee.start()
        caller.start()
        caller.command("dial", callee.uri)
        caller.wait_event("CALL_ESTABLISHED", timeout=15)
        callee.wait_event("CALL_ESTABLISHED", timeout=15)
        time.sleep(1.0)
        start = {b.name: cpu_seconds(b.process.pid) for b in (caller, callee)}
        t0 = time.monotonic()
        time.sleep(seconds)
        elapsed = time.monotonic() - t0
        used = {b.name: cpu_seconds(b.process.pid) - start[b.name] for b in (caller, callee)}
        caller.command("hangup")
        output = caller.output_text() + callee.output_text()
        if "opus" not in output.lower():
            raise RuntimeError("baresip call: no sign of Opus in its output")
        return {name: cpu * 60.0 / elapsed for name, cpu in used.items()}
    finally:
        caller.cleanup()
        callee.cleanup()


class NoNetns:
    """linphone_fixture.Linphonec runs in a test namespace; idle RSS needs none."""

    def prefix(self):
        return []


def idle_rss(idle_seconds):
    results = {}
    # parlo-cli: listening on loopback, no account (as the interop tests start it).
    parlo = ParloCli(["--listen", "udp:127.0.0.1:0"], name="parlo-cli")
    try:
        parlo.wait_for("started")
        time.sleep(idle_seconds)
        results["parlo-cli"] = rss_kib(parlo.process.pid)
    finally:
        parlo.kill()
    baresip = BenchBaresip(name="baresip")
    try:
        baresip.start()
        time.sleep(idle_seconds)
        results["baresip"] = rss_kib(baresip.process.pid)
    finally:
        baresip.cleanup()
    if not shutil.which("linphonec"):
        raise RuntimeError("linphonec is not installed (Debian package linphone-cli)")
    from linphone_fixture import Linphonec
    port = free_port(6)
    linphone = Linphonec(NoNetns(), "idle", "unused", free_port(1), port)
    try:
        linphone.start()
        linphone.wait_output(r"video is disabled|[Rr]eady|linphonec>", timeout=20)
        time.sleep(idle_seconds)
        results["linphonec"] = rss_kib(linphone.process.pid)
    finally:
        linphone.cleanup()
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["call", "idle", "all"])
    parser.add_argument("--seconds", type=float, default=60.0, help="call length measured")
    parser.add_argument("--repetitions", type=int, default=1)
    parser.add_argument("--idle-seconds", type=float, default=5.0)
    args = parser.parse_args()
    os.environ.setdefault("QT_LOGGING_RULES", "parlo.*.info=false")

    if args.mode in ("call", "all"):
        print(f"call: Opus {OPUS_BITRATE} bit/s complexity {OPUS_COMPLEXITY}, {TONE_HZ} Hz tone "
              f"both ways, plain RTP, {args.seconds:.0f} s measured per call; CPU-s per "
              f"call-minute per process", flush=True)
        parlo_runs, baresip_runs = [], []
        for repetition in range(args.repetitions):
            # Interleaved, so that a busy patch of the machine hits both.
            parlo, stats = parlo_call(args.seconds)
            bare = baresip_call(args.seconds)
            print(f"  repetition {repetition + 1}: parlo-cli caller {parlo['alice']:.3f}, callee "
                  f"{parlo['bob']:.3f}; baresip caller {bare['caller']:.3f}, callee "
                  f"{bare['callee']:.3f} (parlo packets sent {stats.get('packets_sent')}, "
                  f"lost {stats.get('lost')})", flush=True)
            parlo_runs.append((parlo["alice"] + parlo["bob"]) / 2)
            baresip_runs.append((bare["caller"] + bare["callee"]) / 2)
        parlo_mean = sorted(parlo_runs)[len(parlo_runs) // 2]
        baresip_mean = sorted(baresip_runs)[len(baresip_runs) // 2]
        ratio = parlo_mean / baresip_mean if baresip_mean > 0 else float("inf")
        print(f"RESULT call parlo_cpu_s_per_call_minute={parlo_mean:.3f} "
              f"baresip_cpu_s_per_call_minute={baresip_mean:.3f} parlo/baresip={ratio:.3f} "
              f"target<1 {'MET' if ratio < 1 else 'NOT MET'}", flush=True)

    if args.mode in ("idle", "all"):
        rss = idle_rss(args.idle_seconds)
        print(f"RESULT idle_rss parlo-cli={rss['parlo-cli'] / 1024:.1f}MiB "
              f"baresip={rss['baresip'] / 1024:.1f}MiB linphonec={rss['linphonec'] / 1024:.1f}MiB "
              f"target<=25MiB {'MET' if rss['parlo-cli'] <= 25 * 1024 else 'NOT MET'}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
