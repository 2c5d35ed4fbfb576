# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""parlo-cli with real sound devices, through the Qt Multimedia plugin it loads on demand
(lib/parlo/libparlo_audio_qt.so), against a private PulseAudio with a null sink:

- two parlo-cli call each other directly on 127.0.0.1: alice sends tone:HZ, bob plays the
  call to --audio-out device:<the null sink>; the tone is recorded from the sink's monitor
  (parec) and its frequency measured; bob's `devices` lists the null sink;
- a sink plugged in is reported (`audio_devices_changed`); when the sink a call plays to
  is removed, the call goes on with the default sink (`audio_device_fallback`, the tone is
  heard there);
- without a device endpoint parlo-cli does not load Qt Multimedia (nor Qt Gui): its idle
  memory maps neither (the idle RSS of both is printed, not asserted: tests/bench/media
  measures it);
- with the plugin missing (parlo-cli copied alone to another folder) a device endpoint is
  a clear start-up error and `devices` an error event, while the rest works."""
import os
import shutil
import subprocess
import tempfile
import time
import unittest
from pathlib import Path

from kamailio_fixture import free_port
from parlo_cli import ParloCli
from pulse_fixture import PulseAudio
from tone_check import dominant_frequency, tone_seconds, tone_windows

TONE_HZ = 660
SINK_DESCRIPTION = "ParloTestSink"
SOURCE_DESCRIPTION = "ParloTestLoop"
EXTRA_DESCRIPTION = "ParloTestExtra"
# Recorded from the monitor: the tone must be there for TONE_SECONDS of it. The sound
# server may queue several hundred ms before the sink plays them, so the recording runs
# longer and the tone is measured from where it starts.
RECORD_SECONDS = 6.0
TONE_SECONDS = 2.5


def mapped_libraries(pid):
    with open(f"/proc/{pid}/maps") as maps:
        return {line.split()[-1] for line in maps if "/" in line.split()[-1]}


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS")


class AudioDevicesTest(unittest.TestCase):
    def setUp(self):
        self.clis = []
        self.folder = Path(tempfile.mkdtemp(prefix="parlo-devices-"))
        self.pulse = PulseAudio(sink_name="parlo_test", sink_description=SINK_DESCRIPTION,
                                source_description=SOURCE_DESCRIPTION).start()
        # parlo-cli's Qt Multimedia connects to the private daemon only.
        self.saved_env = {k: os.environ.get(k) for k in ("PULSE_SERVER", "XDG_RUNTIME_DIR")}
        os.environ["PULSE_SERVER"] = self.pulse.server
        os.environ["XDG_RUNTIME_DIR"] = self.pulse.folder

    def tearDown(self):
        for cli in self.clis:
            cli.kill()
        for key, value in self.saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        self.pulse.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def cli(self, args, **kwargs):
        cli = ParloCli(args, **kwargs)
        self.clis.append(cli)
        return cli

    def test_tone_heard_on_device_sink_and_devices_listed(self):
        port = free_port(1)
        bob = self.cli(["--listen", f"udp:127.0.0.1:{port}", "--auto-answer", "0",
                        "--codecs", "opus", "--audio-out", f"device:{SINK_DESCRIPTION}"],
                       name="bob")
        bob.wait_for("started")
        bob.send("devices")
        devices = bob.wait_for("devices", timeout=10)
        print(f"bob's devices: {devices}")
        self.assertIn(SINK_DESCRIPTION, devices["outputs"])
        self.assertIn(SOURCE_DESCRIPTION, devices["inputs"])
        self.assertTrue(any(p.endswith("libparlo_audio_qt.so") for p in
                            mapped_libraries(bob.process.pid)))

        alice = self.cli(["--listen", "udp:127.0.0.1:0", "--codecs", "opus",
                          "--audio-in", f"tone:{TONE_HZ}", "--audio-out", "null"], name="alice")
        alice.wait_for("started")
        alice.send(f"call sip:bob@127.0.0.1:{port}")
        alice.wait_for("call_state", where=lambda e: e["state"] == "confirmed")
        bob.wait_for("call_state", where=lambda e: e["state"] == "confirmed")
        recording = self.folder / "monitor.wav"
        seconds = self.pulse.record_monitor(recording, RECORD_SECONDS)
        bob.send("stats")
        stats = bob.wait_for("media_stats")
        print(f"bob's media: {stats}")
        alice.send("hangup")
        bob.wait_for("call_state", where=lambda e: e["state"] == "terminated")
        self.assertFalse([e for e in bob.events if e.get("event") == "media_failed"], bob.events)
        self.assertGreaterEqual(seconds, RECORD_SECONDS * 0.9)
        windows = tone_windows(recording, TONE_HZ)
        self.assertIn(True, windows, "the tone never reached the sink")
        start = windows.index(True) * 0.02
        frequency = dominant_frequency(recording, start_seconds=start)
        heard = tone_seconds(recording, TONE_HZ, start_seconds=start)
        print(f"sink monitor: {seconds:.2f} s recorded, tone from {start:.2f} s after the "
              f"answer, {heard:.2f} s of {seconds - start:.2f} s hold {TONE_HZ} Hz, "
              f"measured {frequency:.1f} Hz")
        self.assertAlmostEqual(frequency, TONE_HZ, delta=5)
        self.assertGreaterEqual(heard, TONE_SECONDS)
        self.assertGreaterEqual(heard, 0.9 * (seconds - start))
        self.assertEqual(alice.quit(), 0)
        self.assertEqual(bob.quit(), 0)

    def test_device_changes_and_fallback_are_reported(self):
        # bob plays to a second null sink, which is plugged in after bob started (a change)
        # and removed mid-call: the call goes on with the default sink (a fallback).
        port = free_port(1)
        bob = self.cli(["--listen", f"udp:127.0.0.1:{port}", "--auto-answer", "0",
                        "--codecs", "opus", "--audio-out", f"device:{EXTRA_DESCRIPTION}"],
                       name="bob")
        bob.wait_for("started")
        # The lists as the monitor first saw them: what comes later is a change.
        bob.send("devices")
        self.assertNotIn(EXTRA_DESCRIPTION, bob.wait_for("devices", timeout=10)["outputs"])
        module = self.pulse.pactl("load-module", "module-null-sink", "sink_name=parlo_extra",
                                  f"sink_properties=device.description={EXTRA_DESCRIPTION}"
                                  ).stdout.strip()
        changed = bob.wait_for("audio_devices_changed", timeout=10,
                               where=lambda e: EXTRA_DESCRIPTION in e["outputs"])
        self.assertIn(SINK_DESCRIPTION, changed["outputs"])
        self.assertIn(SOURCE_DESCRIPTION, changed["inputs"])

        alice = self.cli(["--listen", "udp:127.0.0.1:0", "--codecs", "opus",
                          "--audio-in", f"tone:{TONE_HZ}"], name="alice")
        alice.wait_for("started")
        alice.send(f"call sip:bob@127.0.0.1:{port}")
        call = bob.wait_for("call_state", where=lambda e: e["state"] == "confirmed")["call"]
        time.sleep(1.0)
        self.pulse.pactl("unload-module", module)
        fallback = bob.wait_for("audio_device_fallback", timeout=10)
        print(f"fallback: {fallback}")
        self.assertEqual(fallback["call"], call)
        self.assertEqual(fallback["direction"], "output")
        self.assertEqual(fallback["lost"], EXTRA_DESCRIPTION)
        self.assertEqual(fallback["device"], SINK_DESCRIPTION)
        # The list change and the fallback come in either order.
        removed = lambda e: (e.get("event") == "audio_devices_changed"
                             and EXTRA_DESCRIPTION not in e["outputs"])
        if not any(removed(e) for e in bob.events):
            bob.wait_for("audio_devices_changed", timeout=10, where=removed)
        recording = self.folder / "fallback.wav"
        seconds = self.pulse.record_monitor(recording, 3.0)
        heard = tone_seconds(recording, TONE_HZ)
        print(f"after the fallback: {heard:.2f} s of {seconds:.2f} s hold {TONE_HZ} Hz")
        self.assertGreaterEqual(heard, 2.0)
        self.assertEqual(bob.count("call_state", lambda e: e["state"] == "terminated"), 0)
        alice.send("hangup")
        bob.wait_for("call_state", where=lambda e: e["state"] == "terminated")
        self.assertEqual(alice.quit(), 0)
        self.assertEqual(bob.quit(), 0)

    def test_without_device_no_qt_multimedia_is_loaded(self):
        idle = self.cli(["--listen", "udp:127.0.0.1:0"], name="idle")
        idle.wait_for("started")
        device = self.cli(["--listen", "udp:127.0.0.1:0", "--audio-out", "device:"],
                          name="device")
        device.wait_for("started")
        idle.drain(1.0)
        device.drain(1.0)
        idle_libraries = mapped_libraries(idle.process.pid)
        device_libraries = mapped_libraries(device.process.pid)
        print(f"idle RSS without a device endpoint: {rss_kib(idle.process.pid) / 1024:.1f} MiB; "
              f"with --audio-out device: {rss_kib(device.process.pid) / 1024:.1f} MiB")
        for library in ("libQt6Multimedia.so", "libQt6Gui.so", "libparlo_audio_qt.so"):
            self.assertFalse([p for p in idle_libraries if library in p], library)
            self.assertTrue([p for p in device_libraries if library in p], library)
        self.assertEqual(idle.quit(), 0)
        self.assertEqual(device.quit(), 0)

    def test_missing_plugin_is_a_clear_error(self):
        # parlo-cli alone in a folder: no plugin beside it, nor in ../lib/parlo.
        alone = self.folder / "alone" / "bin"
        alone.mkdir(parents=True)
        binary = alone / "parlo-cli"
        shutil.copy2(os.environ["PARLO_CLI"], binary)
        data = self.folder / "data"
        result = subprocess.run([str(binary), "--data-dir", str(data), "--listen",
                                 "udp:127.0.0.1:0", "--audio-out", "device:Speakers"],
                                stdin=subprocess.DEVNULL, capture_output=True, text=True,
                                timeout=30)
        print(f"without the plugin: exit {result.returncode}: {result.stderr.strip()}")
        self.assertEqual(result.returncode, 2)
        self.assertIn("--audio-out device:Speakers", result.stderr)
        self.assertIn("libparlo_audio_qt.so", result.stderr)
        self.assertIn("not installed", result.stderr)

        saved = os.environ["PARLO_CLI"]
        os.environ["PARLO_CLI"] = str(binary)
        try:
            cli = self.cli(["--listen", "udp:127.0.0.1:0", "--audio-in", "tone:440"], name="alone")
        finally:
            os.environ["PARLO_CLI"] = saved
        cli.wait_for("started")
        cli.send("devices")
        error = cli.wait_for("error", where=lambda e: e["command"] == "devices")
        self.assertIn("not installed", error["message"])
        cli.send("calls")
        cli.wait_for("calls")
        self.assertEqual(cli.quit(), 0)


if __name__ == "__main__":
    unittest.main()
