# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Calls with real peers: SIPp's built-in UAS and UAC, and two parlo-cli peer to peer or
through Kamailio (offer/answer, hold/resume by re-INVITE, DTMF, BYE either way, CANCEL),
with audio: each side sends a tone and records the other, checked window by window."""
import shutil
import time
import subprocess
import tempfile
import unittest
from pathlib import Path

from kamailio_fixture import Kamailio, free_port
from parlo_cli import ParloCli
from tone_check import tone_share


def sipp(args, folder):
    return subprocess.Popen(["sipp", "-i", "127.0.0.1", "-mi", "127.0.0.1", "-m", "1", "-nostdin",
                             "-timeout", "30", "-trace_msg", "-message_file", str(folder / "m.log")] + args,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=folder)


class CallTest(unittest.TestCase):
    def setUp(self):
        self.clis = []
        self.folder = Path(tempfile.mkdtemp(prefix="parlo-calls-"))

    def tearDown(self):
        for cli in self.clis:
            cli.kill()
        shutil.rmtree(self.folder, ignore_errors=True)

    def cli(self, args, **kwargs):
        cli = ParloCli(args, **kwargs)
        self.clis.append(cli)
        return cli

    def test_call_sipp_uas(self):
        port = free_port(1)
        peer = sipp(["-sn", "uas", "-p", str(port)], self.folder)
        alice = self.cli(["--listen", "udp:127.0.0.1:0", "--codecs", "pcmu,pcma"])
        alice.wait_for("started")
        alice.send(f"call sip:service@127.0.0.1:{port}")
        alice.wait_for("call_state", where=lambda e: e["state"] == "ringing")
        media = alice.wait_for("call_media")
        self.assertEqual(media["codec"], "PCMU")
        alice.wait_for("call_state", where=lambda e: e["state"] == "confirmed")
        alice.send("hangup")
        ended = alice.wait_for("call_state", where=lambda e: e["state"] == "terminated")
        self.assertEqual(ended["cause"], "local-hangup")
        self.assertEqual(peer.wait(timeout=20), 0, peer.stderr.read())
        log = (self.folder / "m.log").read_text(errors="replace")
        for line in ("INVITE sip:service@", "ACK sip:", "BYE sip:"):
            self.assertIn(line, log)
        self.assertEqual(alice.quit(), 0)

    def test_sipp_uac_calls_parlo_auto_answer(self):
        port = free_port(1)
        bob = self.cli(["--listen", f"udp:127.0.0.1:{port}", "--auto-answer", "0"])
        bob.wait_for("started")
        peer = sipp(["-sn", "uac", "-p", str(free_port(1)), "-d", "1000", f"127.0.0.1:{port}"], self.folder)
        incoming = bob.wait_for("incoming_call")
        self.assertTrue(incoming["from"].startswith("sip:sipp@"))
        bob.wait_for("call_state", where=lambda e: e["state"] == "confirmed")
        ended = bob.wait_for("call_state", where=lambda e: e["state"] == "terminated", timeout=20)
        self.assertEqual(ended["cause"], "remote-hangup")
        self.assertEqual(peer.wait(timeout=20), 0, peer.stderr.read())
        self.assertEqual(bob.quit(), 0)

    def audio_call(self, caller_args, callee_args, target, codec, caller_password=None, callee_password=None):
        a_wav, b_wav = self.folder / "alice.wav", self.folder / "bob.wav"
        bob = self.cli(callee_args + ["--auto-answer", "0", "--audio-in", "tone:880", "--audio-out", f"wav:{b_wav}"],
                       password=callee_password, name="bob")
        alice = self.cli(caller_args + ["--audio-in", "tone:440", "--audio-out", f"wav:{a_wav}"],
                         password=caller_password, name="alice")
        for cli in (alice, bob):
            cli.wait_for("registered" if "--account" in cli.process.args else "started")
        alice.send(f"call {target}")
        media = alice.wait_for("call_media", where=lambda e: e["active"])
        self.assertEqual(media["codec"].lower(), codec)
        alice.wait_for("call_state", where=lambda e: e["state"] == "confirmed")
        time.sleep(2.5)
        alice.send("dtmf 5")
        got = bob.wait_for("dtmf_received")
        self.assertEqual((got["digit"], got["via"]), ("5", "rtp"))
        time.sleep(0.3)
        alice.send("hangup")
        stats = alice.wait_for("media_stats")
        bob_stats = bob.wait_for("media_stats")
        self.assertGreater(stats["packets_sent"], 100)
        self.assertGreater(stats["packets_received"], 100)
        self.assertEqual(stats["lost"], 0)
        self.assertEqual(alice.quit(), 0)
        self.assertEqual(bob.quit(), 0)
        share, voiced = tone_share(a_wav, 880, 440)
        self.assertGreater(voiced, 100)
        self.assertGreater(share, 0.9, "alice should hear bob's 880 Hz")
        share, voiced = tone_share(b_wav, 440, 880)
        self.assertGreater(voiced, 100)
        self.assertGreater(share, 0.9, "bob should hear alice's 440 Hz")
        return stats, bob_stats

    def test_audio_peer_to_peer_opus(self):
        port = free_port(1)
        self.audio_call(["--listen", "udp:127.0.0.1:0"], ["--listen", f"udp:127.0.0.1:{port}"],
                        f"sip:bob@127.0.0.1:{port}", "opus")

    def test_audio_through_kamailio_pcmu_with_srtp(self):
        with Kamailio() as kam:
            def account(name):
                return ["--account", f"sip:{name}@127.0.0.1", "--proxy", f"sip:127.0.0.1:{kam.udp_port}",
                        "--listen", "udp:127.0.0.1:0", "--codecs", "pcmu", "--srtp", "mandatory"]
            stats, bob_stats = self.audio_call(account("alice"), account("bob"), "sip:bob@127.0.0.1", "pcmu",
                                               caller_password="alice-secret", callee_password="bob-secret")
            self.assertTrue(stats["srtp"])
            self.assertTrue(bob_stats["srtp"])

    def test_parlo_to_parlo_through_kamailio(self):
        with Kamailio() as kam:
            def user(name, extra=()):
                cli = self.cli(["--account", f"sip:{name}@127.0.0.1", "--proxy", f"sip:127.0.0.1:{kam.udp_port}",
                                "--listen", "udp:127.0.0.1:0", "--srtp", "optional"] + list(extra),
                               password=f"{name}-secret", name=name)
                cli.wait_for("registered")
                return cli
            alice = user("alice")
            bob = user("bob")
            # A call that is cancelled before it is answered: a missed call for bob.
            alice.send("call sip:bob@127.0.0.1")
            bob.wait_for("incoming_call")
            alice.wait_for("call_state", where=lambda e: e["state"] == "ringing")
            alice.send("hangup")
            missed = bob.wait_for("call_state", where=lambda e: e["state"] == "terminated")
            self.assertEqual(missed["cause"], "missed")
            alice.wait_for("call_state", where=lambda e: e["state"] == "terminated")
            # A real call: answered, SRTP negotiated, held and resumed, DTMF, bob hangs up.
            alice.send("call sip:bob@127.0.0.1")
            incoming = bob.wait_for("incoming_call")
            self.assertEqual(incoming["from"], "sip:alice@127.0.0.1")
            bob.send(f"answer {incoming['call']}")
            media = alice.wait_for("call_media", where=lambda e: e["active"])
            self.assertEqual(media["codec"].lower(), "opus")
            self.assertTrue(media["srtp"])
            alice.wait_for("call_state", where=lambda e: e["state"] == "confirmed")
            bob.wait_for("call_state", where=lambda e: e["state"] == "confirmed")
            alice.send("hold")
            alice.wait_for("call_state", where=lambda e: e["state"] == "held")
            bob.wait_for("call_state", where=lambda e: e["state"] == "held")
            alice.send("resume")
            alice.wait_for("call_state", where=lambda e: e["state"] == "confirmed")
            alice.send("dtmf 1#")
            self.assertEqual(bob.wait_for("dtmf_received")["digit"], "1")
            self.assertEqual(bob.wait_for("dtmf_received")["digit"], "#")
            bob.send("hangup")
            ended = alice.wait_for("call_state", where=lambda e: e["state"] == "terminated")
            self.assertEqual(ended["cause"], "remote-hangup")
            self.assertEqual(alice.quit(), 0)
            self.assertEqual(bob.quit(), 0)


if __name__ == "__main__":
    unittest.main()
