# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Calls with real peers: SIPp's built-in UAS and UAC, then the matrix of the issue: two (for
transfers three) parlo-cli call each other directly (sip:user@127.0.0.1:port) and through
Kamailio, with Opus and PCMU, SRTP off and mandatory, for a plain call, hold/resume,
DTMF, blind and attended transfer, CANCEL and reject (486/603/480).

Audio (see call_matrix.py): every party sends its own tone (alice 440 Hz, bob 880 Hz,
carol 660 Hz) and records each call to its own WAV file; the recording's frequency is
measured and at least 95% of the call's duration must hold the tone. Expected silence is
excluded and stated per scenario: the hold window (the held side hears nothing: we do not
send while holding; the holder does not receive), and 0.25 s per DTMF digit (RFC 4733
events replace the audio packets while a digit is sent). Configurations are independent
and run PARALLEL at a time (2, or PARLO_CALL_PARALLEL), each in its own processes; one
Kamailio per test method serves them all with distinct subscribers."""
import shutil
import time
import subprocess
import tempfile
import unittest
from pathlib import Path

from kamailio_fixture import Kamailio, free_port
from parlo_cli import ParloCli
from call_matrix import (AUDIO_MATRIX, CALL_SECONDS, TRANSFER_MATRIX, Party, check_audio,
                         run_matrix, silent_share, users_for, wait_confirmed)


def sipp(args, folder):
    return subprocess.Popen(["sipp", "-i", "127.0.0.1", "-mi", "127.0.0.1", "-m", "1", "-nostdin",
                             "-timeout", "30", "-trace_msg", "-message_file", str(folder / "m.log")] + args,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=folder)


class CallTest(unittest.TestCase):
    def setUp(self):
        self.clis = []
        self.folder = Path(tempfile.mkdtemp(prefix="parlo-calls-"))
        self.kamailio = None

    def tearDown(self):
        for cli in self.clis:
            cli.kill()
        if self.kamailio:
            self.kamailio.cleanup()
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

    # ---- the matrix --------------------------------------------------------------------

    def matrix(self, configs, scenario):
        if any(config.path == "kamailio" for config in configs):
            users = {}
            for index in range(len(configs)):
                users.update(users_for(index))
            self.kamailio = Kamailio(users=users).start()
        run_matrix(self, configs, scenario)

    def parties(self, config, index, roles, auto_answer=()):
        folder = self.folder / f"{config.label}-{index}"
        folder.mkdir(exist_ok=True)
        kamailio = self.kamailio if config.path == "kamailio" else None
        return [Party(role, index, config, folder, kamailio,
                      auto_answer=0 if role in auto_answer else None, clis=self.clis)
                for role in roles]

    @staticmethod
    def media_event(party, call):
        found = next((e for e in party.cli.events if e.get("event") == "call_media"
                      and e["call"] == call and e["active"]), None)
        return found or party.cli.wait_for("call_media", where=lambda e: e["call"] == call and e["active"])

    def connect(self, config, caller, callee):
        """caller calls callee (which answers at once); both confirmed. Returns the call ids
        and, per side, the media and confirmed events."""
        caller.cli.send(f"call {callee.uri}")
        a_call = caller.cli.wait_for("call_started")["call"]
        b_call = callee.cli.wait_for("incoming_call")["call"]
        a_media = self.media_event(caller, a_call)
        if a_media["codec"].lower() != config.codec:
            raise AssertionError(f"negotiated {a_media['codec']}, expected {config.codec}")
        if a_media["srtp"] != (config.srtp == "mandatory"):
            raise AssertionError(f"srtp {a_media['srtp']} with --srtp {config.srtp}")
        b_media = self.media_event(callee, b_call)
        return (a_call, b_call, {"media": a_media, "confirmed": wait_confirmed(caller, a_call)},
                {"media": b_media, "confirmed": wait_confirmed(callee, b_call)})

    def check_stats(self, config, party, call):
        stats = party.stats(call)
        if stats["srtp"] != (config.srtp == "mandatory") or stats["packets_received"] < 50:
            raise AssertionError(f"{party.cli.name}: unexpected media statistics {stats}")
        return stats

    def plain(self, config, index):
        alice, bob = self.parties(config, index, ("alice", "bob"), auto_answer=("bob",))
        a_call, b_call, a, b = self.connect(config, alice, bob)
        time.sleep(CALL_SECONDS)
        alice.cli.send(f"hangup {a_call}")
        a_end, b_end = alice.ended(a_call), bob.ended(b_call)
        if (a_end["cause"], b_end["cause"]) != ("local-hangup", "remote-hangup"):
            raise AssertionError(f"causes {a_end['cause']}, {b_end['cause']}")
        self.check_stats(config, alice, a_call)
        self.check_stats(config, bob, b_call)
        alice.quit()
        bob.quit()
        return [check_audio(bob, b_call, 440, b["confirmed"], b_end, from_event=b["media"]),
                check_audio(alice, a_call, 880, a["confirmed"], a_end, from_event=a["media"])]

    def hold(self, config, index):
        """alice holds bob for 1.5 s. bob (held) hears silence while held: checked (at most
        5% of the hold window, 0.3 s margins, holds alice's tone) and excluded from his
        expected audio; alice (holder) receives nothing while holding (recvonly is the
        peer's answer; our side sends nothing either), so that window is excluded too."""
        alice, bob = self.parties(config, index, ("alice", "bob"), auto_answer=("bob",))
        a_call, b_call, a, b = self.connect(config, alice, bob)
        time.sleep(CALL_SECONDS / 2)
        alice.cli.send(f"hold {a_call}")
        a_held, b_held = alice.state(a_call, "held"), bob.state(b_call, "held")
        time.sleep(1.5)
        alice.cli.send(f"resume {a_call}")
        a_back, b_back = alice.state(a_call, "confirmed"), bob.state(b_call, "confirmed")
        time.sleep(CALL_SECONDS / 2)
        alice.cli.send(f"hangup {a_call}")
        a_end, b_end = alice.ended(a_call), bob.ended(b_call)
        alice.quit()
        bob.quit()
        b_hold = b_back["_at"] - b_held["_at"]
        a_hold = a_back["_at"] - a_held["_at"]
        origin = b["media"]["_at"]
        share, windows = silent_share(bob, b_call, 440, b_held["_at"] - origin + 0.3,
                                      b_back["_at"] - origin - 0.3)
        if windows < 20 or share > 0.05:
            raise AssertionError(f"bob heard alice's tone in {share:.0%} of {windows} windows while held")
        return [check_audio(bob, b_call, 440, b["confirmed"], b_end, silent_seconds=b_hold,
                            from_event=b["media"]),
                check_audio(alice, a_call, 880, a["confirmed"], a_end, silent_seconds=a_hold,
                            from_event=a["media"]),
                {"held_s": round(b_hold, 2), "tone_while_held": round(share, 3)}]

    def dtmf(self, config, index):
        """alice sends 1#5 (RFC 4733 in RTP): bob receives exactly those digits; 0.25 s of
        expected silence per digit in bob's recording."""
        alice, bob = self.parties(config, index, ("alice", "bob"), auto_answer=("bob",))
        a_call, b_call, a, b = self.connect(config, alice, bob)
        time.sleep(1.0)
        digits = "1#5"
        alice.cli.send(f"dtmf {a_call} {digits}")
        got = [bob.cli.wait_for("dtmf_received", where=lambda e: e["call"] == b_call) for _ in digits]
        if "".join(e["digit"] for e in got) != digits or {e["via"] for e in got} != {"rtp"}:
            raise AssertionError(f"received {[(e['digit'], e['via']) for e in got]}, sent {digits}")
        time.sleep(CALL_SECONDS - 1.0)
        alice.cli.send(f"hangup {a_call}")
        a_end, b_end = alice.ended(a_call), bob.ended(b_call)
        alice.quit()
        bob.quit()
        return [check_audio(bob, b_call, 440, b["confirmed"], b_end, silent_seconds=0.25 * len(digits),
                            from_event=b["media"]),
                check_audio(alice, a_call, 880, a["confirmed"], a_end, from_event=a["media"])]

    def transfer_blind(self, config, index):
        """bob REFERs alice to carol: alice calls carol, bob sees 202, NOTIFY 100 ... 200 and
        hangs up (cause transferred). carol's recording of the new call holds alice's tone
        for 95% of it (the post-transfer window)."""
        alice, bob, carol = self.parties(config, index, ("alice", "bob", "carol"),
                                         auto_answer=("bob", "carol"))
        a_call, b_call, a, b = self.connect(config, alice, bob)
        time.sleep(1.0)
        bob.cli.send(f"transfer {b_call} {carol.uri}")
        started = alice.cli.wait_for("transfer_started")
        new_call = started["new_call"]
        if started["call"] != a_call or started["target"] != carol.uri:
            raise AssertionError(f"transfer_started {started}")
        c_call = carol.cli.wait_for("incoming_call")["call"]
        c_media, c_confirmed = self.media_event(carol, c_call), wait_confirmed(carol, c_call)
        n_media, n_confirmed = self.media_event(alice, new_call), wait_confirmed(alice, new_call)
        final = bob.cli.wait_for("transfer_progress", where=lambda e: e["final"])
        codes = [e["code"] for e in bob.cli.events if e.get("event") == "transfer_progress"]
        # The 202 and the first NOTIFY (100) may cross on the way (RFC 3515 §2.4.4).
        if final["code"] != 200 or sorted(codes[:2]) != [100, 202]:
            raise AssertionError(f"transferor saw {codes}")
        b_end, a_old_end = bob.ended(b_call), alice.ended(a_call)
        if (b_end["cause"], a_old_end["cause"]) != ("transferred", "remote-hangup"):
            raise AssertionError(f"causes {b_end['cause']}, {a_old_end['cause']}")
        time.sleep(CALL_SECONDS)
        alice.cli.send(f"hangup {new_call}")
        n_end, c_end = alice.ended(new_call), carol.ended(c_call)
        for party in (alice, bob, carol):
            party.quit()
        return [check_audio(carol, c_call, 440, c_confirmed, c_end, from_event=c_media),
                check_audio(alice, new_call, 660, n_confirmed, n_end, from_event=n_media),
                {"transferor_codes": codes}]

    def transfer_attended(self, config, index):
        """bob has alice (call 1) and a consultation call with carol (call 2); `transfer 1
        --to-call 2`: alice calls carol with Replaces, carol swaps calls without ringing,
        bob's two calls end. carol's recording of the new call holds alice's tone."""
        alice, bob, carol = self.parties(config, index, ("alice", "bob", "carol"),
                                         auto_answer=("bob", "carol"))
        a_call, b_call, a, b = self.connect(config, alice, bob)
        bob.cli.send(f"call {carol.uri}")
        b_consult = bob.cli.wait_for("call_started")["call"]
        c_consult = carol.cli.wait_for("incoming_call")["call"]
        wait_confirmed(bob, b_consult)
        wait_confirmed(carol, c_consult)
        time.sleep(0.5)
        bob.cli.send(f"transfer {b_call} --to-call {b_consult}")
        new_call = alice.cli.wait_for("transfer_started")["new_call"]
        incoming = carol.cli.wait_for("incoming_call")
        if incoming.get("replaces") != c_consult:
            raise AssertionError(f"carol's second call does not replace {c_consult}: {incoming}")
        c_call = incoming["call"]
        c_media, c_confirmed = self.media_event(carol, c_call), wait_confirmed(carol, c_call)
        n_media, n_confirmed = self.media_event(alice, new_call), wait_confirmed(alice, new_call)
        if carol.ended(c_consult)["cause"] != "replaced":
            raise AssertionError("carol's consultation call did not end as replaced")
        final = bob.cli.wait_for("transfer_progress", where=lambda e: e["final"])
        if final["code"] != 200:
            raise AssertionError(f"transfer ended with {final}")
        causes = (bob.ended(b_call)["cause"], bob.ended(b_consult)["cause"], alice.ended(a_call)["cause"])
        if causes != ("transferred", "remote-hangup", "remote-hangup"):
            raise AssertionError(f"causes (bob-alice, bob-carol, alice-bob) {causes}")
        time.sleep(CALL_SECONDS)
        alice.cli.send(f"hangup {new_call}")
        n_end, c_end = alice.ended(new_call), carol.ended(c_call)
        for party in (alice, bob, carol):
            party.quit()
        rang = [e for e in carol.cli.events if e.get("event") == "call_state" and e["call"] == c_call
                and e["state"] == "ringing"]
        if rang:
            raise AssertionError(f"the replacing call rang: {rang}")
        return [check_audio(carol, c_call, 440, c_confirmed, c_end, from_event=c_media),
                check_audio(alice, new_call, 660, n_confirmed, n_end, from_event=n_media)]

    def cancel(self, config, index):
        """alice hangs up while bob rings: CANCEL. alice: terminated, cause cancelled; bob:
        terminated with 487, cause missed (the missed call of his history)."""
        alice, bob = self.parties(config, index, ("alice", "bob"))
        alice.cli.send(f"call {bob.uri}")
        a_call = alice.cli.wait_for("call_started")["call"]
        b_call = bob.cli.wait_for("incoming_call")["call"]
        alice.state(a_call, "ringing")
        alice.cli.send(f"hangup {a_call}")
        a_end, b_end = alice.ended(a_call), bob.ended(b_call)
        alice.quit()
        bob.quit()
        if a_end["cause"] != "cancelled" or (b_end["cause"], b_end.get("code")) != ("missed", 487):
            raise AssertionError(f"caller {a_end}, callee {b_end}")
        return {"caller": a_end["cause"], "callee": [b_end["cause"], b_end["code"]]}

    def reject(self, config, index):
        """bob rejects three calls with 486, 603 and 480: alice gets each code (cause
        rejected), bob's calls end as declined."""
        alice, bob = self.parties(config, index, ("alice", "bob"))
        seen = []
        for code in (486, 603, 480):
            alice.cli.send(f"call {bob.uri}")
            a_call = alice.cli.wait_for("call_started")["call"]
            b_call = bob.cli.wait_for("incoming_call")["call"]
            bob.cli.send(f"reject {b_call} {code}")
            a_end, b_end = alice.ended(a_call), bob.ended(b_call)
            if (a_end.get("code"), a_end["cause"], b_end["cause"]) != (code, "rejected", "declined"):
                raise AssertionError(f"reject {code}: caller {a_end}, callee {b_end}")
            seen.append((a_end["code"], a_end.get("reason")))
        alice.quit()
        bob.quit()
        return seen

    def test_plain_call(self):
        self.matrix(AUDIO_MATRIX, self.plain)

    def test_hold_resume(self):
        self.matrix(AUDIO_MATRIX, self.hold)

    def test_dtmf(self):
        self.matrix(AUDIO_MATRIX, self.dtmf)

    def test_transfer_blind(self):
        self.matrix(TRANSFER_MATRIX, self.transfer_blind)

    def test_transfer_attended(self):
        self.matrix(TRANSFER_MATRIX, self.transfer_attended)

    def test_cancel(self):
        self.matrix(AUDIO_MATRIX, self.cancel)

    def test_reject_codes(self):
        self.matrix(AUDIO_MATRIX, self.reject)


if __name__ == "__main__":
    unittest.main()
