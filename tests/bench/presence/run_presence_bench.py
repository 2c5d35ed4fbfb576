#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Presence load bench driver (scripts/bench-presence runs it).

Starts one Kamailio on 127.0.0.1 (tests/interop/kamailio_fixture.py) with N + 1 digest
users (user<i> / pw<i>, and the watcher) and its presence server sized for N presentities
(shared memory, hash tables, presentities kept in memory), then:

  1. SIPp publishes "available" (PIDF, basic open) for every user<i> (PUBLISH with digest
     authentication, one call per user), so each presentity has a state;
  2. bench_presence registers the watcher and subscribes to all N at once, waits for every
     subscription to be active with its first presence, measures the steady state, then
     prints READY-FOR-CHANGES;
  3. SIPp publishes "away" for every user<i>: Kamailio sends one NOTIFY per change to the
     watcher, and bench_presence measures how fast it takes them in, with its own CPU and
     Kamailio's for the same interval (the in-run reference);
  4. bench_presence unsubscribes from all and exits.

Every step is bounded in time; only the processes started here are ever signalled.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT / "tests" / "interop"))

from kamailio_fixture import Kamailio  # noqa: E402

PIDF = ('<?xml version="1.0" encoding="UTF-8"?>'
        '<presence xmlns="urn:ietf:params:xml:ns:pidf" '
        'xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" '
        'xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="sip:[field0]@[remote_ip]">'
        '<tuple id="{tuple}"><status><basic>open</basic>{activities}</status>'
        '<note>{note}</note></tuple></presence>')
# In the tuple's status: Kamailio's presence_xml rebuilds the NOTIFY body from the tuples
# and drops <dm:person> elements. The second PUBLISH is a new publication (no
# SIP-If-Match): Kamailio aggregates both, keeping the first tuple of an id, so the change
# comes in a tuple of its own.
AWAY = '<rpid:activities><rpid:away/></rpid:activities>'

SCENARIO = """<?xml version="1.0" encoding="UTF-8" ?>
<scenario name="PUBLISH presence with digest authentication">
  <send retrans="500">
    <![CDATA[
PUBLISH sip:[field0]@[remote_ip] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:[field0]@[remote_ip]>;tag=[pid]pub[call_number]
To: <sip:[field0]@[remote_ip]>
Call-ID: [call_id]
CSeq: 1 PUBLISH
Max-Forwards: 70
Event: presence
Expires: 3600
Content-Type: application/pidf+xml
Content-Length: [len]

{body}
    ]]>
  </send>
  <recv response="407" auth="true"/>
  <send retrans="500">
    <![CDATA[
PUBLISH sip:[field0]@[remote_ip] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:[field0]@[remote_ip]>;tag=[pid]pub[call_number]
To: <sip:[field0]@[remote_ip]>
Call-ID: [call_id]
CSeq: 2 PUBLISH
Max-Forwards: 70
Event: presence
Expires: 3600
[field2]
Content-Type: application/pidf+xml
Content-Length: [len]

{body}
    ]]>
  </send>
  <recv response="200"/>
</scenario>
"""

# Kamailio's presence server sized for tens of thousands of presentities and watchers:
# presentities in memory only (publ_cache 2: no db_text table scan per PUBLISH), hash
# tables of 2^14 slots instead of 2^9, and enough shared memory for the transactions of a
# burst of N SUBSCRIBEs.
PRESENCE_SIZING = """
modparam("presence", "publ_cache", 2)
modparam("presence", "subs_htable_size", 14)
modparam("presence", "pres_htable_size", 14)
"""


def size_kamailio(kam, shm_mb):
    cfg = kam.folder / "kamailio.cfg"
    text = cfg.read_text()
    anchor = 'modparam("presence", "subs_db_mode", 0)'
    if anchor not in text:
        raise SystemExit(f"kamailio.cfg.in changed: no line {anchor}")
    text = text.replace(anchor, anchor + PRESENCE_SIZING)
    text = text.replace("\nchildren=", f"\nshm_mem_size={shm_mb}\nchildren=", 1)
    cfg.write_text(text)


def run_sipp(folder, kam, users, body, name, rate, timeout):
    scenario = folder / f"{name}.xml"
    scenario.write_text(SCENARIO.replace("{body}", body))
    inf = folder / "publishers.csv"
    command = ["sipp", f"127.0.0.1:{kam.udp_port}", "-sf", str(scenario), "-inf", str(inf),
               "-m", str(users), "-r", str(rate), "-l", "200", "-i", "127.0.0.1",
               "-nostdin", "-timeout", f"{timeout}s", "-timeout_error",
               "-trace_err", "-error_file", str(folder / f"{name}-errors.log")]
    started = time.monotonic()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout + 30,
                              cwd=folder)
    except subprocess.TimeoutExpired:
        raise SystemExit(f"sipp ({name}) did not end within {timeout + 30} s")
    elapsed = time.monotonic() - started
    if done.returncode != 0:
        errors = (folder / f"{name}-errors.log")
        tail = errors.read_text(errors="replace")[-2000:] if errors.exists() else ""
        raise SystemExit(f"sipp ({name}) exited with {done.returncode}:\n{done.stdout[-1500:]}\n"
                         f"{done.stderr[-1500:]}\n{tail[:1500]}\nKamailio log:\n{kam.log_text()[-3000:]}")
    print(f"==> sipp {name}: {users} PUBLISH transactions in {elapsed:.1f} s", flush=True)
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", default=os.environ.get("PARLO_BENCH_PRESENCE"),
                        help="the bench_presence executable")
    parser.add_argument("--contacts", type=int, default=10000)
    parser.add_argument("--publish-rate", type=int, default=1000, help="PUBLISH per second")
    parser.add_argument("--idle-seconds", type=int, default=10)
    parser.add_argument("--settle-seconds", type=int, default=35,
                        help="after subscribing, before the steady state (Timer J is 32 s)")
    parser.add_argument("--timeout-seconds", type=int, default=600)
    parser.add_argument("--shm-mb", type=int, default=512)
    parser.add_argument("--json-out", help="write the bench's JSON line to this file")
    parser.add_argument("bench_args", nargs="*", help="more bench_presence options, after --")
    args = parser.parse_args()
    if not args.bench or not os.access(args.bench, os.X_OK):
        raise SystemExit("--bench (or PARLO_BENCH_PRESENCE) must name bench_presence")
    if not 1 <= args.contacts <= 100000:
        raise SystemExit("--contacts must be 1..100000")
    if shutil.which("sipp") is None:
        raise SystemExit("sipp is missing (scripts/deps installs it)")

    users = {f"user{i}": f"pw{i}" for i in range(args.contacts)}
    users["watcher"] = "watcher-pw"
    kam = Kamailio(users=users)
    folder = Path(tempfile.mkdtemp(prefix="parlo-presence-bench-"))
    bench = None
    result = None
    try:
        size_kamailio(kam, args.shm_mb)
        (folder / "publishers.csv").write_text(
            # SIPp expands a keyword held in a field, not fields nested in a keyword.
            "SEQUENTIAL\n" + "".join(f"user{i};pw{i};[authentication username=user{i} password=pw{i}]\n"
                                      for i in range(args.contacts)))
        kam.start(timeout=60)
        print(f"==> Kamailio pid {kam.process.pid} (udp port {kam.udp_port}), {args.contacts} "
              f"presentities, shm {args.shm_mb} MB", flush=True)
        sipp_timeout = max(60, 4 * args.contacts // max(1, args.publish_rate) + 60)
        run_sipp(folder, kam, args.contacts, PIDF.format(tuple="t1", activities="", note="at my desk"), "publish-available",
                 args.publish_rate, sipp_timeout)

        command = [args.bench, "--proxy", f"127.0.0.1:{kam.udp_port}", "--contacts", str(args.contacts),
                   "--account", "watcher", "--password", "watcher-pw",
                   "--timeout-seconds", str(args.timeout_seconds), "--idle-seconds", str(args.idle_seconds),
                   "--settle-seconds", str(args.settle_seconds),
                   "--server-pgid", str(kam.process.pid), "--change-status", "away"] + args.bench_args
        bench = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        stderr_tail = []

        def drain_stderr():
            for line in bench.stderr:
                stderr_tail.append(line.rstrip())
                del stderr_tail[:-20]
        threading.Thread(target=drain_stderr, daemon=True).start()

        deadline = time.monotonic() + args.timeout_seconds + 60
        # The bench is bounded by --timeout-seconds itself; the watchdog is the last resort.
        watchdog = threading.Timer(args.timeout_seconds + 60, bench.kill)
        watchdog.start()
        try:
            for line in bench.stdout:
                line = line.rstrip()
                if line == "READY-FOR-CHANGES":
                    run_sipp(folder, kam, args.contacts, PIDF.format(tuple="t2", activities=AWAY, note="back in ten minutes"),
                             "publish-away", args.publish_rate, sipp_timeout)
                elif line.startswith('{"'):
                    try:
                        candidate = json.loads(line)
                    except ValueError:
                        candidate = None
                    if candidate and candidate.get("bench") == "presence":
                        result = candidate
                    print("    " + line, flush=True)
                else:
                    print("    " + line, flush=True)
                if time.monotonic() > deadline:
                    break
            code = bench.wait(timeout=30)
        finally:
            watchdog.cancel()
        for line in stderr_tail[-10:]:
            print("    stderr: " + line, flush=True)
        if args.json_out and result:
            Path(args.json_out).write_text(json.dumps(result, indent=1))
        if code != 0 or result is None:
            print(f"bench_presence exited with {code}", file=sys.stderr)
            return 1
        return 0
    finally:
        if bench and bench.poll() is None:
            bench.kill()
            bench.wait(timeout=10)
        kam.cleanup()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
