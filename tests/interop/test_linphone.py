# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""parlo-cli against linphonec 5.1 (liblinphone), an independent softphone, both registered
with Kamailio. All three run in a network namespace the test creates with only lo (so
nothing liblinphone tries can leave the machine) and deletes afterwards.

Calls both ways with audio (Parlo sends a 440 Hz tone, linphonec plays an 880 Hz WAV file;
each records the other, checked window by window), RFC 4733 DTMF both ways, MESSAGE both
ways with UTF-8 text, BYE from either side. A missing linphonec is a failure."""
import shutil
import tempfile
import time
import unittest
from pathlib import Path

from linphone_fixture import Linphonec, NsKamailio, parlo_in_netns, repair_wav, write_tone_wav
from netns import NetNs
from tone_check import tone_share

PARLO_HZ, LINPHONE_HZ = 440, 880
TALK_SECONDS = 3.0
LINPHONE_SIP_PORT = 25060  # inside the namespace, where every port is free


class LinphoneTest(unittest.TestCase):
    def setUp(self):
        self.started = time.monotonic()
        self.folder = Path(tempfile.mkdtemp(prefix="parlo-linphone-test-"))
        self.clis = []
        self.netns = NetNs().create()
        self.addCleanup(self.netns.delete)
        self.kamailio = NsKamailio(self.netns)
        self.addCleanup(self.kamailio.cleanup)
        self.kamailio.start()
        self.linphone = Linphonec(self.netns, "bob", "bob-secret", self.kamailio.udp_port, LINPHONE_SIP_PORT)
        self.addCleanup(self.linphone.cleanup)
        self.linphone.start()
        # Files instead of a sound card: play a tone, record the call.
        self.linphone_tone = write_tone_wav(self.folder / "linphone-tone.wav", LINPHONE_HZ, 20)
        self.linphone_wav = self.folder / "linphone.wav"
        for command in ("soundcard use files", f"play {self.linphone_tone}", f"record {self.linphone_wav}"):
            self.linphone.send(command)
        self.linphone.wait_output(r"^Using wav files instead of soundcard\.$", timeout=5)

    def tearDown(self):
        for cli in self.clis:
            cli.kill()
        self.linphone.stop()
        self.kamailio.stop()
        left = self.netns.pids()
        self.netns.delete()
        shutil.rmtree(self.folder, ignore_errors=True)
        self.assertEqual(left, [], "processes left in the namespace")
        self.assertLess(time.monotonic() - self.started, 60)

    def parlo(self, extra=()):
        cli = parlo_in_netns(
            self.netns,
            ["--account", "sip:alice@127.0.0.1", "--proxy", f"sip:127.0.0.1:{self.kamailio.udp_port}",
             "--listen", "udp:127.0.0.1:0", "--audio-in", f"tone:{PARLO_HZ}",
             "--audio-out", f"wav:{self.folder / 'parlo.wav'}",
             "--log-sip", str(self.folder / "parlo-sip.log")] + list(extra),
            password="alice-secret", name="parlo")
        self.clis.append(cli)
        cli.wait_for("registered")
        return cli

    def check_audio(self, stats):
        self.assertGreater(stats["packets_sent"], 100)
        self.assertGreater(stats["packets_received"], 100)
        parlo_share, parlo_voiced = tone_share(self.folder / "parlo.wav", LINPHONE_HZ, PARLO_HZ)
        self.assertGreater(parlo_voiced, 100, "parlo recorded too little audio")
        self.assertGreater(parlo_share, 0.8, f"parlo should hear {LINPHONE_HZ} Hz")
        repair_wav(self.linphone_wav)
        linphone_share, linphone_voiced = tone_share(self.linphone_wav, PARLO_HZ, LINPHONE_HZ)
        self.assertGreater(linphone_voiced, 100, "linphonec recorded too little audio")
        self.assertGreater(linphone_share, 0.8, f"linphonec should hear {PARLO_HZ} Hz")
        print(f"\n  {stats['codec']}: parlo stats sent={stats['packets_sent']} "
              f"received={stats['packets_received']} lost={stats['lost']} jitter={stats['jitter_ms']:.2f} ms; "
              f"parlo hears {LINPHONE_HZ} Hz in {parlo_share:.2f} of {parlo_voiced} windows, linphonec hears "
              f"{PARLO_HZ} Hz in {linphone_share:.2f} of {linphone_voiced}", end=" ")

    def test_parlo_calls_linphonec(self):
        """Parlo calls linphonec (auto-answer) through Kamailio, Opus audio both ways, DTMF
        both ways, MESSAGE both ways, Parlo hangs up."""
        lin = self.linphone
        lin.send("autoanswer enable")
        lin.wait_output(r"^Auto answer enabled\.$", timeout=5)
        lin.wait_registered()
        parlo = self.parlo()
        parlo.send("call sip:bob@127.0.0.1")
        media = parlo.wait_for("call_media", where=lambda e: e["active"])
        self.assertEqual(media["codec"].lower(), "opus")
        self.assertTrue(media["remote"].startswith("127.0.0.1:"), media)
        parlo.wait_for("call_state", where=lambda e: e["state"] == "confirmed")
        lin.wait_output(r"^Call \d+ with sip:alice@127\.0\.0\.1 connected\.$", timeout=5)
        time.sleep(TALK_SECONDS)

        mark = lin.mark()
        parlo.send("dtmf 5#")
        lin.wait_output(r"^Receiving tone 5 from sip:alice@127\.0\.0\.1$", timeout=5, start=mark)
        lin.wait_output(r"^Receiving tone # from sip:alice@127\.0\.0\.1$", timeout=5, start=mark)
        # A digit alone on a line is DTMF in linphonec.
        lin.send("9")
        got = parlo.wait_for("dtmf_received", timeout=5)
        self.assertEqual((got["digit"], got["via"]), ("9", "rtp"))

        mark = lin.mark()
        text = "héllo wörld ✓ 日本"
        parlo.send(f"msg sip:bob@127.0.0.1 {text}")
        self.assertEqual(parlo.wait_message_outcome()["code"], 200)
        line = lin.wait_output(r"^Message received from sip:alice@127\.0\.0\.1: (.*)$", timeout=5, start=mark)
        self.assertEqual(line.group(1), text)
        # linphonec's `chat URI TEXT` sends the rest of the line as it is.
        text = "grüße ☎ from linphonec"
        lin.send(f"chat sip:alice@127.0.0.1 {text}")
        received = parlo.wait_for("message", timeout=5)
        self.assertEqual(received["body"], text)
        self.assertEqual(received["from"], "sip:bob@127.0.0.1")
        self.assertTrue(received["content_type"].startswith("text/plain"), received)

        parlo.send("hangup")
        ended = parlo.wait_for("call_state", where=lambda e: e["state"] == "terminated")
        self.assertEqual(ended["cause"], "local-hangup")
        stats = parlo.wait_for("media_stats")
        lin.wait_output(r"^Call \d+ with sip:alice@127\.0\.0\.1 ended", timeout=5)
        self.assertEqual(parlo.quit(), 0)
        lin.stop()
        self.check_audio(stats)

    def test_linphonec_calls_parlo(self):
        """linphonec calls Parlo through Kamailio, Parlo answers, PCMU audio both ways,
        linphonec hangs up; then a MESSAGE outside the call."""
        lin = self.linphone
        lin.wait_registered()
        parlo = self.parlo(["--codecs", "pcmu"])
        lin.send("call sip:alice@127.0.0.1")
        incoming = parlo.wait_for("incoming_call")
        self.assertEqual(incoming["from"], "sip:bob@127.0.0.1")
        lin.wait_output(r"^Call \d+ to sip:alice@127\.0\.0\.1 ringing\.$", timeout=5)
        parlo.send(f"answer {incoming['call']}")
        media = parlo.wait_for("call_media", where=lambda e: e["active"])
        self.assertEqual(media["codec"].lower(), "pcmu")
        parlo.wait_for("call_state", where=lambda e: e["state"] == "confirmed")
        lin.wait_output(r"^Call \d+ with sip:alice@127\.0\.0\.1 connected\.$", timeout=5)
        time.sleep(TALK_SECONDS)

        lin.send("terminate")
        ended = parlo.wait_for("call_state", where=lambda e: e["state"] == "terminated")
        self.assertEqual(ended["cause"], "remote-hangup")
        stats = parlo.wait_for("media_stats")
        lin.wait_output(r"^Call \d+ with sip:alice@127\.0\.0\.1 ended", timeout=5)

        mark = lin.mark()
        text = "pas d'appel, juste un mot — ça va ?"
        parlo.send(f"msg sip:bob@127.0.0.1 {text}")
        self.assertEqual(parlo.wait_message_outcome()["code"], 200)
        line = lin.wait_output(r"^Message received from sip:alice@127\.0\.0\.1: (.*)$", timeout=5, start=mark)
        self.assertEqual(line.group(1), text)

        self.assertEqual(parlo.quit(), 0)
        lin.stop()
        self.check_audio(stats)


if __name__ == "__main__":
    unittest.main()
