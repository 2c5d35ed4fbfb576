# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""parlo-cli against baresip 1.0.0, an independent softphone, peer to peer on 127.0.0.1 (no
server): calls both ways with audio (each side sends a tone and records the other, checked
window by window) in PCMU and Opus, RFC 4733 DTMF both ways, MESSAGE both ways with UTF-8
text, BYE from either side and CANCEL before the answer. A missing baresip is a failure."""
import shutil
import tempfile
import time
import unittest
from pathlib import Path

from baresip_fixture import Baresip
from kamailio_fixture import free_port
from parlo_cli import ParloCli
from tone_check import tone_share

PARLO_HZ, BARESIP_HZ = 440, 880
TALK_SECONDS = 3.0


class BaresipTest(unittest.TestCase):
    def setUp(self):
        self.clis = []
        self.peers = []
        self.folder = Path(tempfile.mkdtemp(prefix="parlo-baresip-test-"))
        self.started = time.monotonic()

    def tearDown(self):
        for cli in self.clis:
            cli.kill()
        for peer in self.peers:
            peer.cleanup()
        shutil.rmtree(self.folder, ignore_errors=True)
        # Each test must stay well inside a minute.
        self.assertLess(time.monotonic() - self.started, 60)

    def cli(self, args, name="parlo"):
        cli = ParloCli(args + ["--log-sip", str(self.folder / f"{name}-sip.log")], name=name)
        self.clis.append(cli)
        return cli

    def baresip(self, **kwargs):
        peer = Baresip(**kwargs)
        self.peers.append(peer)
        return peer.start()

    def assert_hears(self, wav, expected, other, who):
        share, voiced = tone_share(wav, expected, other)
        # 50 windows a second: at least 2 s of the 3 s of talk must carry the tone.
        self.assertGreater(voiced, 100, f"{who}: too little audio in {wav}")
        self.assertGreater(share, 0.8, f"{who} should hear {expected} Hz (voiced windows: {voiced})")
        return share, voiced

    def parlo_calls_baresip(self, codec):
        """Parlo calls baresip (auto-answer), both send tones, Parlo sends DTMF and a
        MESSAGE in the call, Parlo hangs up."""
        parlo_wav = self.folder / "parlo.wav"
        peer = self.baresip(audio_source=f"ausine,{BARESIP_HZ}", answer_mode="auto")
        parlo = self.cli(["--listen", "udp:127.0.0.1:0", "--codecs", codec,
                          "--audio-in", f"tone:{PARLO_HZ}", "--audio-out", f"wav:{parlo_wav}"])
        parlo.wait_for("started")
        parlo.send(f"call {peer.uri}")
        media = parlo.wait_for("call_media", where=lambda e: e["active"])
        self.assertEqual(media["codec"].lower(), codec)
        self.assertTrue(media["remote"].startswith("127.0.0.1:"), media)
        parlo.wait_for("call_state", where=lambda e: e["state"] == "confirmed")
        established = peer.wait_event("CALL_ESTABLISHED")
        self.assertEqual(established["direction"], "incoming")
        self.assertTrue(established["peeruri"].startswith("sip:parlo@127.0.0.1:"), established)
        decoder = peer.wait_output(r"Set audio decoder: (\S+)")
        self.assertEqual(decoder.group(1).lower(), codec)
        time.sleep(TALK_SECONDS)

        # DTMF from Parlo: RFC 4733 events, which baresip reports as CALL_DTMF_START.
        parlo.send("dtmf 5#")
        for digit in "5#":
            event = peer.wait_event("CALL_DTMF_START", timeout=5)
            self.assertEqual(event["param"], digit)

        # A MESSAGE with non-ASCII text: baresip prints it in its UI output.
        mark = peer.mark()
        text = "héllo wörld ✓ 日本"
        parlo.send(f"msg {peer.uri} {text}")
        self.assertEqual(parlo.wait_message_outcome()["code"], 200)
        line = peer.wait_output(r'^sip:parlo@127\.0\.0\.1:\d+: "(.*)"$', timeout=5, start=mark)
        self.assertEqual(line.group(1), text)

        parlo.send("hangup")
        ended = parlo.wait_for("call_state", where=lambda e: e["state"] == "terminated")
        self.assertEqual(ended["cause"], "local-hangup")
        stats = parlo.wait_for("media_stats")
        closed = peer.wait_event("CALL_CLOSED")
        self.assertEqual(closed["direction"], "incoming")
        self.assertEqual(parlo.quit(), 0)
        peer.stop()  # closes the sndfile recordings

        self.assertGreater(stats["packets_sent"], 100)
        self.assertGreater(stats["packets_received"], 100)
        self.assertEqual(stats["lost"], 0)
        heard_by_parlo = self.assert_hears(parlo_wav, BARESIP_HZ, PARLO_HZ, "parlo")
        recordings = peer.recordings("dec")
        self.assertEqual(len(recordings), 1, recordings)
        heard_by_baresip = self.assert_hears(recordings[0], PARLO_HZ, BARESIP_HZ, "baresip")
        print(f"\n  {codec}: parlo stats sent={stats['packets_sent']} received={stats['packets_received']} "
              f"lost={stats['lost']} jitter={stats['jitter_ms']:.2f} ms; parlo hears {BARESIP_HZ} Hz in "
              f"{heard_by_parlo[0]:.2f} of {heard_by_parlo[1]} windows, baresip hears {PARLO_HZ} Hz in "
              f"{heard_by_baresip[0]:.2f} of {heard_by_baresip[1]}", end=" ")

    def test_parlo_calls_baresip_pcmu(self):
        self.parlo_calls_baresip("pcmu")

    def test_parlo_calls_baresip_opus(self):
        self.parlo_calls_baresip("opus")

    def test_baresip_calls_parlo(self):
        """baresip calls Parlo (auto-answer), Opus audio both ways, DTMF and a MESSAGE from
        baresip, baresip hangs up."""
        parlo_wav = self.folder / "parlo.wav"
        port = free_port(1)
        parlo_uri = f"sip:parlo@127.0.0.1:{port}"
        # baresip's `message` command sends to its current contact, the first one.
        peer = self.baresip(audio_source=f"ausine,{BARESIP_HZ}", contacts=[parlo_uri])
        parlo = self.cli(["--listen", f"udp:127.0.0.1:{port}", "--auto-answer", "0",
                          "--audio-in", f"tone:{PARLO_HZ}", "--audio-out", f"wav:{parlo_wav}"])
        parlo.wait_for("started")
        self.assertTrue(peer.command("dial", parlo_uri)["ok"])
        incoming = parlo.wait_for("incoming_call")
        self.assertEqual(incoming["from"], peer.uri)
        media = parlo.wait_for("call_media", where=lambda e: e["active"])
        self.assertEqual(media["codec"].lower(), "opus")  # baresip's first choice, and Parlo's
        parlo.wait_for("call_state", where=lambda e: e["state"] == "confirmed")
        established = peer.wait_event("CALL_ESTABLISHED")
        self.assertEqual(established["direction"], "outgoing")
        time.sleep(TALK_SECONDS)

        # DTMF from baresip: RFC 4733 events in RTP.
        for digit in "7*":
            self.assertTrue(peer.command("sndcode", digit)["ok"])
            got = parlo.wait_for("dtmf_received", timeout=5)
            self.assertEqual((got["digit"], got["via"]), (digit, "rtp"))

        # A MESSAGE from baresip with non-ASCII text.
        text = "grüße ☎ from baresip"
        self.assertTrue(peer.command("message", text)["ok"])
        received = parlo.wait_for("message", timeout=5)
        self.assertEqual(received["body"], text)
        self.assertEqual(received["content_type"], "text/plain")
        self.assertEqual(received["from"], peer.uri)

        self.assertTrue(peer.command("hangup")["ok"])
        ended = parlo.wait_for("call_state", where=lambda e: e["state"] == "terminated")
        self.assertEqual(ended["cause"], "remote-hangup")
        stats = parlo.wait_for("media_stats")
        peer.wait_event("CALL_CLOSED")
        self.assertEqual(parlo.quit(), 0)
        peer.stop()

        self.assertGreater(stats["packets_sent"], 100)
        self.assertGreater(stats["packets_received"], 100)
        heard_by_parlo = self.assert_hears(parlo_wav, BARESIP_HZ, PARLO_HZ, "parlo")
        recordings = peer.recordings("dec")
        self.assertEqual(len(recordings), 1, recordings)
        heard_by_baresip = self.assert_hears(recordings[0], PARLO_HZ, BARESIP_HZ, "baresip")
        print(f"\n  opus: parlo stats sent={stats['packets_sent']} received={stats['packets_received']} "
              f"lost={stats['lost']}; parlo hears {BARESIP_HZ} Hz in {heard_by_parlo[0]:.2f} of "
              f"{heard_by_parlo[1]} windows, baresip hears {PARLO_HZ} Hz in {heard_by_baresip[0]:.2f} "
              f"of {heard_by_baresip[1]}", end=" ")

    def test_parlo_cancels_call_to_baresip(self):
        """baresip answers by hand and does not: Parlo's hangup before the answer is a
        CANCEL, and baresip closes its side of the call."""
        peer = self.baresip(answer_mode="manual", sip_trace=True)
        parlo = self.cli(["--listen", "udp:127.0.0.1:0"])
        parlo.wait_for("started")
        parlo.send(f"call {peer.uri}")
        peer.wait_event("CALL_INCOMING")
        parlo.wait_for("call_state", where=lambda e: e["state"] == "ringing")
        parlo.send("hangup")
        ended = parlo.wait_for("call_state", where=lambda e: e["state"] == "terminated")
        self.assertEqual(ended["cause"], "cancelled")
        closed = peer.wait_event("CALL_CLOSED")
        self.assertEqual(closed["direction"], "incoming")
        self.assertEqual(parlo.quit(), 0)
        # What went over the wire, from baresip's SIP trace: CANCEL, 200 to it, 487, ACK.
        peer.wait_sequence([r"^CANCEL sip:baresip@127\.0\.0\.1:\d+ SIP/2\.0$", r"^SIP/2\.0 200 OK$",
                            r"^SIP/2\.0 487 Request Terminated$", r"^ACK sip:baresip@"], timeout=2)


if __name__ == "__main__":
    unittest.main()
