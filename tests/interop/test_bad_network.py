# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Calls over a bad network: two parlo-cli, serverless, each in its own network namespace
(A 10.123.0.1, B 10.123.0.2, see netem_fixture.py, built on netns.py). First a clean call as the baseline, then
calls over a link with 40 ms +- 30 ms (normal) delay and 5% loss in both directions, with
Opus (in-band FEC) and with PCMU. Each side sends a tone and records the other.

A behaviour test, not a timed one: audio stays mostly continuous, the statistics see the loss
and the jitter, and the jitter buffer grows to absorb it; the margins are generous. The
figures of every call are printed (and kept when an assertion fails) so they can be quoted.
Needs root and iproute2; a missing capability is a failure, never a skip."""
import json
import math
import os
import shutil
import struct
import sys
import tempfile
import time
import unittest
import wave
from pathlib import Path

from netem_fixture import ImpairedLink
from parlo_cli import ParloCli
from tone_check import tone_share

SIP_PORT = 5060
CLEAN_SECONDS = 4
BAD_SECONDS = 8
# tone_check's silence threshold: Goertzel power of both tones below it.
SILENCE_POWER = 1e6


def cli_in_namespace(link, ns, args, name):
    """A ParloCli whose parlo-cli runs inside namespace `ns`, through NetNs's wrapper script
    (`exec ip netns exec NS parlo-cli ...`: the pid is still parlo-cli's own)."""
    real = os.environ.get("PARLO_CLI")
    if not real or not os.access(real, os.X_OK):
        raise RuntimeError("PARLO_CLI must name the parlo-cli executable")
    os.environ["PARLO_CLI"] = link.netns(ns).wrapper(os.path.abspath(real))
    try:
        return ParloCli(args, name=name)
    finally:
        os.environ["PARLO_CLI"] = real


def window_profile(path, expected, other, skip_seconds=0.3):
    """Per 20 ms window of a recording (as tone_check.tone_share): the number of windows,
    how many are voiced, and the longest run of silent windows between the first and the
    last voiced one (a gap in the middle of the call, not its start or end)."""
    with wave.open(str(path)) as w:
        rate, channels, frames = w.getframerate(), w.getnchannels(), w.getnframes()
        samples = struct.unpack("<%dh" % (frames * channels), w.readframes(frames))[::channels]
    window = rate // 50
    voiced_flags, powers = [], []
    for start in range(int(rate * skip_seconds), len(samples) - window, window):
        segment = samples[start:start + window]
        power = {}
        for freq in (expected, other):
            k = 2 * math.cos(2 * math.pi * freq / rate)
            s1 = s2 = 0.0
            for x in segment:
                s1, s2 = x + k * s1 - s2, s1
            power[freq] = s1 * s1 + s2 * s2 - k * s1 * s2
        voiced_flags.append(max(power.values()) >= SILENCE_POWER)
        powers.append(power[expected])
    voiced_at = [i for i, v in enumerate(voiced_flags) if v]
    # For information only: windows in the middle where the expected tone is more than 10 dB
    # below its median, i.e. audible dips that the (very low) silence threshold calls voiced.
    dips = 0
    if voiced_at:
        middle = powers[voiced_at[0]:voiced_at[-1] + 1]
        median = sorted(middle)[len(middle) // 2]
        dips = sum(1 for p in middle if p < median / 10)
    longest = gaps = run = 0
    if voiced_at:
        for v in voiced_flags[voiced_at[0]:voiced_at[-1] + 1]:
            if v:
                gaps += run > 0
                run = 0
            else:
                run += 1
                longest = max(longest, run)
    return {"windows": len(voiced_flags), "voiced": len(voiced_at), "longest_gap": longest,
            "gaps": gaps, "dips": dips, "seconds": round(len(samples) / rate, 2)}


def end_of_call_stats(cli, timeout):
    """The call's terminated state and its final media_stats, which come in either order."""
    ended = cli.wait_for("call_state", where=lambda e: e["state"] == "terminated", timeout=timeout)
    for event in cli.events:  # each parlo-cli makes one call and is never sent `stats`
        if event.get("event") == "media_stats" and event["call"] == ended["call"]:
            return event
    return cli.wait_for("media_stats", timeout=10, where=lambda e: e["call"] == ended["call"])


class BadNetworkTest(unittest.TestCase):
    def setUp(self):
        self.clis = []
        self.folder = Path(tempfile.mkdtemp(prefix="parlo-badnet-"))
        self.figures = []

    def tearDown(self):
        for cli in self.clis:
            cli.kill()
        shutil.rmtree(self.folder, ignore_errors=True)

    def call(self, link, label, codec, seconds):
        """A calls B (auto-answer), tones both ways for `seconds`, A hangs up. Returns the
        figures of both directions: what A received (from B) and what B received."""
        folder = self.folder / label
        folder.mkdir()
        a_wav, b_wav = folder / "a.wav", folder / "b.wav"
        common = ["--codecs", codec, "--t1", "250"]
        bob = cli_in_namespace(link, link.ns_b, common + [
            "--listen", f"udp:{link.b_addr}:{SIP_PORT}", "--auto-answer", "0",
            "--audio-in", "tone:880", "--audio-out", f"wav:{b_wav}"], name=f"{label}/B")
        self.clis.append(bob)
        alice = cli_in_namespace(link, link.ns_a, common + [
            "--listen", f"udp:{link.a_addr}:{SIP_PORT}",
            "--audio-in", "tone:440", "--audio-out", f"wav:{a_wav}"], name=f"{label}/A")
        self.clis.append(alice)
        alice.wait_for("started")
        bob.wait_for("started")
        alice.send(f"call sip:b@{link.b_addr}:{SIP_PORT}")
        # Signalling crosses the bad link too: INVITE, 200 and ACK may need retransmissions.
        media = alice.wait_for("call_media", where=lambda e: e["active"], timeout=30)
        self.assertEqual(media["codec"].lower(), codec)
        self.assertTrue(media["remote"].startswith(link.b_addr), media)
        alice.wait_for("call_state", where=lambda e: e["state"] == "confirmed", timeout=30)
        bob.wait_for("call_state", where=lambda e: e["state"] == "confirmed", timeout=30)
        time.sleep(seconds)
        alice.send("hangup")
        a_stats = end_of_call_stats(alice, timeout=30)
        b_stats = end_of_call_stats(bob, timeout=40)  # after the BYE (retransmitted if lost)
        self.assertEqual(alice.quit(), 0)
        self.assertEqual(bob.quit(), 0)
        result = {}
        for side, stats, wav, expected, other in (("A<-B", a_stats, a_wav, 880, 440),
                                                   ("B<-A", b_stats, b_wav, 440, 880)):
            share, voiced = tone_share(wav, expected, other)
            profile = window_profile(wav, expected, other)
            result[side] = {
                "run": label, "network": link.impairment, "codec": codec, "direction": side,
                "packets_received": stats["packets_received"], "lost": stats["lost"],
                "loss_percent": round(stats["loss_percent"], 2),
                "jitter_ms": round(stats["jitter_ms"], 2), "rtt_ms": round(stats["rtt_ms"], 1),
                "jitter_buffer_ms": stats["jitter_buffer_ms"],
                "tone_share": round(share, 3), "voiced": voiced, "windows": profile["windows"],
                "voiced_ratio": round(voiced / profile["windows"], 3) if profile["windows"] else 0.0,
                "longest_gap": profile["longest_gap"], "gaps": profile["gaps"], "dips": profile["dips"],
                "recording_s": profile["seconds"]}
            self.figures.append(result[side])
        return result

    def report(self, link):
        print("", file=sys.stderr)
        for run in dict.fromkeys(f["run"] for f in self.figures):
            network = next(f["network"] for f in self.figures if f["run"] == run)
            print(f"[bad_network] {run}: network {network}", file=sys.stderr)
        for stats in link.bridge_history:
            print(f"[bad_network] userspace bridge counters: {json.dumps(stats)}", file=sys.stderr)
        header = ("run", "direction", "codec", "packets_received", "lost", "loss_percent", "jitter_ms",
                  "rtt_ms", "jitter_buffer_ms", "tone_share", "voiced", "windows", "voiced_ratio",
                  "longest_gap", "gaps", "dips")
        print("[bad_network] " + " ".join(header), file=sys.stderr)
        for f in self.figures:
            print("[bad_network] " + " ".join(str(f[h]) for h in header), file=sys.stderr)

    def test_calls_clean_then_bad_network(self):
        with ImpairedLink() as link:
            try:
                self.run_calls(link)
            finally:
                link.impair(0, 0, 0)  # stops the bridge, so its counters can be printed
                self.report(link)

    def run_calls(self, link):
        # 1. Clean network: the baseline.
        clean = self.call(link, "clean", "opus", CLEAN_SECONDS)
        for side, f in clean.items():
            with self.subTest(run="clean", direction=side):
                self.assertGreater(f["voiced"], 100, f)
                self.assertGreater(f["tone_share"], 0.9, f)
                self.assertEqual(f["lost"], 0, f)
                self.assertLessEqual(f["jitter_buffer_ms"], 60, f)

        # 2. Bad network, both directions: Opus with in-band FEC, then PCMU.
        link.impair(delay_ms=40, jitter_ms=30, loss_percent=5)
        for codec in ("opus", "pcmu"):
            bad = self.call(link, f"bad-{codec}", codec, BAD_SECONDS)
            for side, f in bad.items():
                baseline = clean[side]
                with self.subTest(run=f"bad-{codec}", direction=side):
                    self.assertGreater(f["packets_received"], 250, f)
                    self.assertGreater(f["tone_share"], 0.8, f)
                    self.assertGreater(f["voiced_ratio"], 0.7, f)
                    self.assertGreaterEqual(f["loss_percent"], 2, f)
                    self.assertLessEqual(f["loss_percent"], 10, f)
                    self.assertGreater(f["jitter_ms"], 5, f)
                    self.assertGreater(f["jitter_buffer_ms"], baseline["jitter_buffer_ms"],
                                       f"the jitter buffer did not grow: {f} vs clean {baseline}")
                    if codec == "opus":
                        self.assertLessEqual(f["longest_gap"], 3,
                                             f"longest silent gap {f['longest_gap']} windows of 20 ms: {f}")


if __name__ == "__main__":
    unittest.main()
