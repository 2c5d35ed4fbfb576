# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""A private PulseAudio daemon for a test: its socket in a temporary folder (never a
developer's own sound server), a null sink as the default output and, as the default
input, a source that records what the sink plays (a remap of its monitor: Qt Multimedia
does not list monitors as inputs); stopped and removed by stop(). pulseaudio and pactl/parec come from
`scripts/deps test` (pulseaudio, pulseaudio-utils); a missing tool is a failure."""
import os
import shutil
import subprocess
import tempfile
import time
import wave


class PulseAudio:
    def __init__(self, sink_name="parlo_null", sink_description="ParloNull",
                 source_description="ParloLoop", rate=48000):
        self.sink_name = sink_name
        self.sink_description = sink_description
        self.source_name = sink_name + "_loop"
        self.source_description = source_description
        self.rate = rate
        self.folder = None
        self.process = None
        self.server = None

    def start(self):
        for tool in ("pulseaudio", "pactl", "parec", "timeout"):
            if shutil.which(tool) is None:
                raise AssertionError(f"{tool} not found; `scripts/deps test` installs it")
        # Unix socket paths are short: a folder right under /tmp.
        self.folder = tempfile.mkdtemp(prefix="parlo-pa-", dir="/tmp")
        socket = os.path.join(self.folder, "native")
        self.server = "unix:" + socket
        env = self._daemon_env()
        # Bounded twice: `timeout` ends the daemon even if the test dies, --exit-idle-time
        # soon after its last client is gone.
        self.process = subprocess.Popen(
            ["timeout", "600", "pulseaudio", "-n", "--daemonize=no", "--use-pid-file=no",
             "--exit-idle-time=30", "--disable-shm=yes", "--log-target=stderr",
             "--log-level=error",
             "-L", f"module-native-protocol-unix auth-anonymous=1 socket={socket}",
             "-L", f"module-null-sink sink_name={self.sink_name} rate={self.rate} channels=1 "
                   f"sink_properties=device.description={self.sink_description}",
             "-L", f"module-remap-source master={self.sink_name}.monitor "
                   f"source_name={self.source_name} "
                   f"source_properties=device.description={self.source_description}"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and self.process.poll() is None:
            if self.pactl("info", check=False).returncode == 0:
                break
            time.sleep(0.1)
        else:
            error = self.process.stderr.read() if self.process.poll() is not None else ""
            self.stop()
            raise AssertionError(f"the private PulseAudio did not come up within 10 s {error}")
        self.pactl("set-default-sink", self.sink_name)
        self.pactl("set-default-source", self.source_name)
        return self

    def _daemon_env(self):
        env = dict(os.environ)
        env.pop("PULSE_SERVER", None)
        env.update(HOME=self.folder, XDG_RUNTIME_DIR=self.folder,
                   XDG_CONFIG_HOME=os.path.join(self.folder, "config"))
        return env

    def client_env(self):
        """Environment for a client (parlo-cli) of this daemon only."""
        env = self._daemon_env()
        env["PULSE_SERVER"] = self.server
        return env

    def pactl(self, *args, check=True):
        result = subprocess.run(["pactl", f"--server={self.server}", *args],
                                capture_output=True, text=True, timeout=10,
                                env=self.client_env())
        if check and result.returncode != 0:
            raise AssertionError(f"pactl {' '.join(args)}: {result.stderr.strip()}")
        return result

    def record_monitor(self, path, seconds):
        """Records `seconds` of what the null sink plays (its monitor) into a mono 16-bit
        WAV file at `path`."""
        process = subprocess.Popen(
            ["parec", f"--server={self.server}", "-d", self.sink_name + ".monitor",
             "--format=s16le", f"--rate={self.rate}", "--channels=1", "--raw"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=self.client_env())
        wanted = int(seconds * self.rate) * 2
        data = bytearray()
        deadline = time.monotonic() + seconds + 10
        try:
            while len(data) < wanted and time.monotonic() < deadline:
                chunk = process.stdout.read1(65536)
                if not chunk:
                    break
                data.extend(chunk)
        finally:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(self.rate)
            out.writeframes(bytes(data[:wanted - wanted % 2]))
        return len(data) // 2 / self.rate

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        if self.process and self.process.stderr:
            self.process.stderr.close()
        self.process = None
        if self.folder:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
