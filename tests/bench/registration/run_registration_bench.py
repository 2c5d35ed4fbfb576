#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Registration load bench driver (scripts/bench-registration runs it).

Starts one Kamailio on 127.0.0.1 with N digest users (tests/interop/kamailio_fixture.py:
user<i> / pw<i>, db_text, usrloc in memory, children=2), then runs bench_registration
over UDP and over TCP, --repetitions times each (interleaved: udp, tcp, udp, tcp, ...),
and prints every run and the medians. Kamailio's CPU is measured by bench_registration
itself from the fixture's process group (--server-pgid), around the same interval as
Parlo's. Only the processes started here are ever signalled.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT / "tests" / "interop"))

from kamailio_fixture import Kamailio  # noqa: E402


def run_once(bench, kam, transport, args, repetition):
    port = kam.udp_port if transport == "udp" else kam.tcp_port
    command = [
        str(bench), "--registrar", f"127.0.0.1:{port}", "--transport", transport,
        "--accounts", str(args.accounts), "--user-prefix", "user", "--password-prefix", "pw",
        "--in-flight", str(args.in_flight), "--timeout-seconds", str(args.timeout_seconds),
        "--server-pgid", str(kam.process.pid), "--label", f"{transport}#{repetition}",
    ] + args.bench_args
    started = time.monotonic()
    try:
        done = subprocess.run(command, capture_output=True, text=True,
                              timeout=args.timeout_seconds + 30)
    except subprocess.TimeoutExpired:
        # subprocess.run has killed the child it started.
        raise SystemExit(f"bench_registration did not end within {args.timeout_seconds + 30} s")
    result = None
    for line in done.stdout.splitlines():
        if line.startswith('{"'):
            try:
                candidate = json.loads(line)
            except ValueError:
                continue
            if candidate.get("bench") == "registration":
                result = candidate
        elif line.startswith("registration"):
            print("    " + line, flush=True)
    if done.stderr.strip():
        for line in done.stderr.strip().splitlines()[-10:]:
            print("    stderr: " + line, flush=True)
    if result is None:
        raise SystemExit(f"bench_registration exited with {done.returncode} and no JSON line "
                         f"after {time.monotonic() - started:.1f} s:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    result["exit_code"] = done.returncode
    return result


def median(values):
    values = [v for v in values if v is not None and v >= 0]
    return statistics.median(values) if values else float("nan")


def summarize(transport, runs):
    reg = [r["register"] for r in runs]
    unreg = [r["unregister"] for r in runs]
    return {
        "transport": transport,
        "runs": len(runs),
        "registered": min(r["done"] for r in reg),
        "failed": max(r["failed"] for r in reg),
        "reg_per_s": median([r["per_s"] for r in reg]),
        "wall_s": median([r["wall_s"] for r in reg]),
        "parlo_cpu_us_per_reg": median([r["cpu_us_per_op"] for r in reg]),
        "parlo_user_s": median([r["user_s"] for r in reg]),
        "parlo_sys_s": median([r["sys_s"] for r in reg]),
        "kamailio_cpu_us_per_reg": median([r["server_cpu_us_per_op"] for r in reg]),
        "other_cpu_s": median([r["other_cpu_s"] for r in reg]),
        "latency_ms_p50": median([r["latency_ms_p50"] for r in reg]),
        "latency_ms_p99": median([r["latency_ms_p99"] for r in reg]),
        "unreg_per_s": median([r["per_s"] for r in unreg]),
        "parlo_cpu_us_per_unreg": median([r["cpu_us_per_op"] for r in unreg]),
        "kamailio_cpu_us_per_unreg": median([r["server_cpu_us_per_op"] for r in unreg]),
        "max_rss_kib": median([r["max_rss_kib"] for r in runs]),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", default=os.environ.get("PARLO_BENCH_REGISTRATION"),
                        help="the bench_registration executable")
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--transports", default="udp,tcp")
    parser.add_argument("--in-flight", type=int, default=100)
    parser.add_argument("--timeout-seconds", type=int, default=120)
    parser.add_argument("--json-out", help="write every run and the medians to this file")
    parser.add_argument("bench_args", nargs="*",
                        help="more bench_registration options, after --, e.g. -- --listen default")
    args = parser.parse_args()
    if not args.bench or not os.access(args.bench, os.X_OK):
        raise SystemExit("--bench (or PARLO_BENCH_REGISTRATION) must name bench_registration")
    if not (1 <= args.accounts <= 100000 and 1 <= args.repetitions <= 50):
        raise SystemExit("--accounts must be 1..100000 and --repetitions 1..50")
    transports = [t.strip() for t in args.transports.split(",") if t.strip()]
    if any(t not in ("udp", "tcp") for t in transports):
        raise SystemExit("--transports takes udp and/or tcp")

    users = {f"user{i}": f"pw{i}" for i in range(args.accounts)}
    kam = Kamailio(users=users)
    runs = {t: [] for t in transports}
    try:
        kam.start()
        print(f"==> Kamailio pid {kam.process.pid} (udp/tcp port {kam.udp_port}), "
              f"{args.accounts} users, config {kam.folder / 'kamailio.cfg'}", flush=True)
        for repetition in range(1, args.repetitions + 1):
            for transport in transports:
                print(f"==> {transport} run {repetition}/{args.repetitions}", flush=True)
                runs[transport].append(run_once(args.bench, kam, transport, args, repetition))
                time.sleep(0.5)  # let Kamailio's timers settle between runs
    finally:
        kam.cleanup()

    summaries = [summarize(t, runs[t]) for t in transports]
    print()
    print(f"Medians of {args.repetitions} run(s), {args.accounts} accounts, in-flight {args.in_flight}:")
    header = ("transport", "reg/s", "Parlo us/reg", "Kamailio us/reg", "p50 ms", "p99 ms",
              "unreg/s", "Parlo us/unreg", "Kamailio us/unreg", "other CPU s", "failed")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for s in summaries:
        print(f"| {s['transport']} | {s['reg_per_s']:.0f} | {s['parlo_cpu_us_per_reg']:.1f} | "
              f"{s['kamailio_cpu_us_per_reg']:.1f} | {s['latency_ms_p50']:.1f} | {s['latency_ms_p99']:.1f} | "
              f"{s['unreg_per_s']:.0f} | {s['parlo_cpu_us_per_unreg']:.1f} | "
              f"{s['kamailio_cpu_us_per_unreg']:.1f} | {s['other_cpu_s']:.2f} | {s['failed']} |")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps({"runs": runs, "medians": summaries}, indent=1))
    failed = any(r["exit_code"] != 0 for rs in runs.values() for r in rs)
    if failed:
        print("some runs did not register (or unregister) every account, or timed out", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
