# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Building blocks of the parlo-cli call tests (test_calls.py): a configuration of the
matrix (path, codec, SRTP), the parties of one call (each a parlo-cli that sends a tone and
records every call to its own WAV file), and the audio checks.

Audio check, as the issue words it: the caller sends `tone:HZ`, the callee records to WAV;
the recording's frequency is measured (zero crossings, within 2%) and the share of the
call's duration that holds the tone must be at least MIN_COVERAGE. The call's duration is
measured from the recorder's own events: from its `confirmed` to its `terminated`, minus the
stretches in which silence is expected (stated by each scenario: the hold window, the DTMF
digits). The tone is counted in 20 ms windows (tone_check.tone_windows) over the whole
recording, which spans the recorder's media session (from the answer to the end)."""
import concurrent.futures
import os
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from parlo_cli import ParloCli
from tone_check import dominant_frequency, recording_seconds, tone_windows

MIN_COVERAGE = 0.95
CALL_SECONDS = 4.0  # how long each call carries audio before it is hung up
# Independent configurations run side by side, each with its own parlo-cli processes.
PARALLEL = int(os.environ.get("PARLO_CALL_PARALLEL", "2"))

TONES = {"alice": 440, "bob": 880, "carol": 660}


@dataclass(frozen=True)
class Config:
    path: str  # "direct" (sip:user@127.0.0.1:port) or "kamailio" (registered, via the proxy)
    codec: str  # "opus" or "pcmu"
    srtp: str  # "off" or "mandatory"

    @property
    def label(self):
        return f"{self.path}-{self.codec}-srtp-{self.srtp}"


# SRTP off and mandatory, Opus and PCMU, each directly and through Kamailio.
AUDIO_MATRIX = [Config(path, codec, srtp) for path in ("direct", "kamailio")
                for codec in ("opus", "pcmu") for srtp in ("off", "mandatory")]
# Transfers: both codecs and both SRTP settings, each way once, on both paths.
TRANSFER_MATRIX = [Config(path, codec, srtp) for path in ("direct", "kamailio")
                   for codec, srtp in (("opus", "off"), ("pcmu", "mandatory"))]


def users_for(index, roles=("alice", "bob", "carol")):
    """Kamailio subscribers of configuration `index`: its own names, so that parallel
    configurations sharing one Kamailio never reach each other's phones."""
    return {f"{role}{index}": f"{role}{index}-secret" for role in roles}


class Party:
    """One parlo-cli of a configuration: `role` (alice, bob, carol) sends TONES[role] and
    records each call to FOLDER/ROLE-CALL.wav."""

    def __init__(self, role, index, config, folder, kamailio=None, auto_answer=None, clis=None):
        self.role = role
        self.tone = TONES[role]
        self.user = f"{role}{index}"
        self.folder = folder
        args = ["--listen", "udp:127.0.0.1:0", "--codecs", config.codec, "--srtp", config.srtp,
                "--audio-in", f"tone:{self.tone}",
                "--audio-out", f"wav:{folder / (role + '-{call}.wav')}"]
        if auto_answer is not None:
            args += ["--auto-answer", str(auto_answer)]
        password = None
        if kamailio:
            args += ["--account", f"sip:{self.user}@127.0.0.1",
                     "--proxy", f"sip:127.0.0.1:{kamailio.udp_port}"]
            password = f"{self.user}-secret"
        self.cli = ParloCli(args, password=password, name=f"{config.label}.{role}")
        if clis is not None:
            clis.append(self.cli)
        started = self.cli.wait_for("started")
        if kamailio:
            self.cli.wait_for("registered")
            self.uri = f"sip:{self.user}@127.0.0.1"
        else:
            port = started["listening"][0].rsplit(":", 1)[1]
            self.uri = f"sip:{self.user}@127.0.0.1:{port}"

    def wav(self, call):
        return self.folder / f"{self.role}-{call}.wav"

    def state(self, call, state, timeout=15.0):
        return self.cli.wait_for("call_state", timeout=timeout,
                                 where=lambda e: e["call"] == call and e["state"] == state)

    def seen(self, call, state):
        """The first `state` event of `call` already received, or None."""
        return next((e for e in self.cli.events if e.get("event") == "call_state"
                     and e["call"] == call and e["state"] == state), None)

    def ended(self, call, timeout=15.0):
        return self.seen(call, "terminated") or self.state(call, "terminated", timeout)

    def stats(self, call, timeout=15.0):
        found = next((e for e in self.cli.events if e.get("event") == "media_stats"
                      and e["call"] == call), None)
        return found or self.cli.wait_for("media_stats", timeout=timeout,
                                          where=lambda e: e["call"] == call)

    def quit(self):
        code = self.cli.quit()
        if code != 0:
            raise AssertionError(f"{self.cli.name} exited with {code}")


def wait_confirmed(party, call, timeout=15.0):
    return party.seen(call, "confirmed") or party.state(call, "confirmed", timeout)


def check_audio(recorder, call, frequency, start_event, end_event, silent_seconds=0.0,
                from_event=None):
    """Asserts that `recorder`'s recording of `call` holds `frequency` Hz for at least
    MIN_COVERAGE of the call's duration (end_event - start_event, minus `silent_seconds`
    in which silence is expected) and that its frequency is right. `from_event` (the
    recorder's call_media event) is accepted for symmetry and unused. Returns the figures."""
    wav = recorder.wav(call)
    if not wav.exists():
        raise AssertionError(f"{recorder.cli.name}: no recording {wav.name}")
    # The whole recording counts: it runs from the recorder's media start (at most a
    # round trip before `confirmed`) to the end of the call. (The events' times and the
    # recording's start may be some tens of ms apart under load, so no offset is applied.)
    expected = end_event["_at"] - start_event["_at"] - silent_seconds
    flags = tone_windows(wav, frequency)
    held = sum(flags) * 0.02
    first = flags.index(True) * 0.02 if True in flags else -1.0
    longest = run = 0
    for flag in flags[flags.index(True):] if True in flags else []:
        run = 0 if flag else run + 1
        longest = max(longest, run)
    measured = dominant_frequency(wav)
    figures = {"recorder": recorder.cli.name, "call": call, "tone_hz": frequency,
               "measured_hz": round(measured, 1), "expected_s": round(expected, 2),
               "tone_s": round(held, 2), "coverage": round(held / expected, 3) if expected > 0 else 0,
               "recording_s": round(recording_seconds(wav), 2), "first_tone_s": round(first, 2),
               "longest_gap_s": round(longest * 0.02, 2)}
    if abs(measured - frequency) > 0.02 * frequency:
        raise AssertionError(f"recorded tone is {measured:.1f} Hz, expected {frequency} Hz: {figures}")
    if expected <= 1.0:
        raise AssertionError(f"call too short to judge: {figures}")
    if held < MIN_COVERAGE * expected:
        raise AssertionError(f"only {held:.2f} s of {expected:.2f} s hold the {frequency} Hz tone: {figures}")
    return figures


def silent_share(recorder, call, frequency, start_s, end_s):
    """Share of the 20 ms windows between start_s and end_s (seconds into the recording)
    that hold `frequency` Hz."""
    flags = tone_windows(recorder.wav(call), frequency, start_s, end_s)
    return (sum(flags) / len(flags)) if flags else 0.0, len(flags)


def run_matrix(testcase, configs, scenario):
    """Runs scenario(config, index) for every configuration, PARALLEL at a time; each
    failure is reported as a subTest of its configuration. Prints each one's figures."""
    started = time.monotonic()
    results = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        futures = {pool.submit(scenario, config, index): config for index, config in enumerate(configs)}
        for future in concurrent.futures.as_completed(futures):
            config = futures[future]
            try:
                results[config] = ("ok", future.result())
            except Exception as error:  # reported below, per configuration
                results[config] = ("failed", "".join(traceback.format_exception(error)))
    print(f"\n[calls] {scenario.__name__}: {len(configs)} configurations in "
          f"{time.monotonic() - started:.1f} s", flush=True)
    for config in configs:
        status, detail = results[config]
        print(f"[calls]   {config.label}: {status} {detail if status == 'ok' else ''}", flush=True)
        with testcase.subTest(config=config.label):
            if status != "ok":
                testcase.fail(f"{config.label}:\n{detail}")
