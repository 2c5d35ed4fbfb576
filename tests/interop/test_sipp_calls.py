# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Hostile call peers, scripted with SIPp (tests/interop/sipp/), against parlo-cli on
127.0.0.1:

- malformed SDP in an INVITE: 488 with a Warning naming the fault (4 kinds of breakage, a
  new call each);
- re-INVITE glare: parlo's re-INVITE gets 491 and is retried after the RFC 3261 §14.1
  random delay (0-2 s: parlo is not the Call-ID owner), which then succeeds; a re-INVITE
  crossing parlo's pending one gets 491 from parlo;
- BYE for an unknown dialog (and CANCEL for an unknown INVITE): 481;
- an INVITE flood: 100 INVITEs within about one second, distinct Call-IDs, twice: against
  a parlo-cli with --auto-answer 0 every one is answered 180 and 200 (then ACK, BYE after
  0.5 s); without auto-answer every one gets 180 and rings until SIPp CANCELs it (487).
  No crash, and parlo-cli still answers `calls` and `options` afterwards."""
import datetime
import re
import shutil
import tempfile
import unittest
from pathlib import Path

from kamailio_fixture import free_port
from parlo_cli import ParloCli
from sipp_fixture import Sipp


def sip_log_entries(path):
    """(time, direction, first line) of every message in a parlo-cli --log-sip file."""
    entries = []
    lines = Path(path).read_text(errors="replace").splitlines()
    for i, line in enumerate(lines):
        match = re.match(r"---- (\S+) (send|recv) ", line)
        if match and i + 1 < len(lines):
            when = datetime.datetime.fromisoformat(match.group(1).replace("Z", "+00:00"))
            entries.append((when, match.group(2), lines[i + 1].strip(), i))
    return entries, lines


class SippCallTest(unittest.TestCase):
    def setUp(self):
        self.cleanups = []
        self.folder = Path(tempfile.mkdtemp(prefix="parlo-sipp-calls-"))
        self.cleanups.append(lambda: shutil.rmtree(self.folder, ignore_errors=True))

    def tearDown(self):
        for cleanup in reversed(self.cleanups):
            cleanup()

    def parlo(self, *extra):
        port = free_port(1)
        cli = ParloCli(["--listen", f"udp:127.0.0.1:{port}", "--log-sip", str(self.folder / "sip.log")]
                       + list(extra))
        self.cleanups.append(cli.kill)
        cli.wait_for("started")
        return cli, port

    def sipp(self, scenario, port, extra=(), timeout=40):
        run = Sipp(scenario, free_port(1), f"127.0.0.1:{port}", extra, timeout)
        self.cleanups.append(run.cleanup)
        return run

    def test_malformed_sdp_gets_488_with_warning(self):
        cli, port = self.parlo("--auto-answer", "0")
        valid = {"head": "v=0", "mline": "m=audio 40000 RTP/AVP 0"}
        faults = {  # what replaces the v= or m= line of an otherwise valid offer
            "not SDP at all": {"head": "this is not SDP at all"},
            "port not a number": {"mline": "m=audio many RTP/AVP 0"},
            "truncated m= line": {"mline": "m=audio"},
            "no v= line first": {"head": "s=-"},
        }
        warnings = {}
        for fault, lines in faults.items():
            keys = []
            for name, value in {**valid, **lines}.items():
                keys += ["-key", name, value]
            run = self.sipp("invite_malformed_sdp.xml", port, extra=["-m", "1"] + keys)
            self.assertEqual(run.wait(), 0, f"{fault}: sipp scenario failed:\n" + run.report())
            found = re.findall(r"488 Warning: (.*)", run.text("actions.log"))
            self.assertEqual(len(found), 1, run.text("actions.log"))
            warnings[fault] = found[0].strip()
        print("\n[sipp_calls] 488 warnings: " + " | ".join(f"{k}: {v}" for k, v in warnings.items()), flush=True)
        for warning in warnings.values():
            self.assertRegex(warning, r'^399 \S+ "malformed SDP: .+"$')
        # None of them became a call, and parlo-cli lives on.
        self.assertEqual(cli.count("incoming_call"), 0)
        self.assertEqual(cli.quit(), 0)

    def test_reinvite_glare_491_then_retry(self):
        cli, port = self.parlo("--auto-answer", "0", "--codecs", "pcmu")
        run = self.sipp("reinvite_glare.xml", port)
        incoming = cli.wait_for("incoming_call")
        cli.wait_for("call_state", where=lambda e: e["call"] == incoming["call"] and e["state"] == "confirmed")
        cli.send(f"hold {incoming['call']}")
        held = cli.wait_for("call_state", timeout=20,
                            where=lambda e: e["call"] == incoming["call"] and e["state"] == "held")
        self.assertTrue(held.get("code") in (None, 200), held)
        self.assertEqual(run.wait(), 0, "sipp scenario failed:\n" + run.report())
        self.assertIn("retry offered a=sendonly", run.text("actions.log"))
        cli.wait_for("call_state", where=lambda e: e["call"] == incoming["call"] and e["state"] == "terminated")
        self.assertEqual(cli.quit(), 0)
        # The back-off, from parlo's own log: the 491 received, the retried INVITE sent.
        entries, lines = sip_log_entries(self.folder / "sip.log")
        got_491 = next(e for e in entries if e[1] == "recv" and e[2].startswith("SIP/2.0 491"))
        retry = next(e for e in entries if e[1] == "send" and e[2].startswith("INVITE ") and e[0] > got_491[0])
        sent_491 = [e for e in entries if e[1] == "send" and e[2].startswith("SIP/2.0 491")]
        delay = (retry[0] - got_491[0]).total_seconds()
        print(f"\n[sipp_calls] glare: retry {delay:.3f} s after the 491 (RFC 3261 §14.1: 0-2 s for the "
              f"non-owner); 491 sent to the crossing re-INVITE: {len(sent_491)}", flush=True)
        self.assertGreaterEqual(delay, 0.0)
        self.assertLessEqual(delay, 2.0 + 0.25)  # 0-2 s, plus scheduling slack
        self.assertEqual(len(sent_491), 1)

    def test_bye_for_unknown_dialog_gets_481(self):
        cli, port = self.parlo()
        run = self.sipp("bye_unknown_dialog.xml", port)
        self.assertEqual(run.wait(), 0, "sipp scenario failed:\n" + run.report())
        self.assertEqual(cli.count("incoming_call"), 0)
        self.assertEqual(cli.quit(), 0)

    def flood(self, scenario, auto_answer, answer, cause):
        """100 INVITEs in about a second (SIPp -r 100 -rp 1000), each its own call; parlo
        must answer every one with `answer` and end it with `cause`, stay alive, and
        still answer `calls` and `options` afterwards."""
        calls = 100
        cli, port = self.parlo("--codecs", "pcmu", *(("--auto-answer", "0") if auto_answer else ()))
        run = self.sipp(scenario, port,
                        extra=["-m", str(calls), "-r", str(calls), "-rp", "1000", "-l", str(calls)],
                        timeout=60)
        code = run.wait(timeout=90)
        self.assertEqual(code, 0, "sipp: not every call succeeded:\n" + run.report())
        for _ in range(calls):
            cli.wait_for("call_state", timeout=30, where=lambda e: e["state"] == "terminated")
        self.assertEqual(cli.count("incoming_call"), calls)
        ended = [e for e in cli.events if e.get("event") == "call_state" and e["state"] == "terminated"]
        self.assertEqual({e["cause"] for e in ended}, {cause})
        self.assertEqual(cli.process.poll(), None, "parlo-cli died")
        entries, lines = sip_log_entries(self.folder / "sip.log")

        def header(entry, name):
            for line in lines[entry[3] + 1:]:
                if line.startswith("---- "):
                    return ""
                if line.lower().startswith(name.lower() + ":"):
                    return line.split(":", 1)[1].strip()
            return ""
        invites = [e for e in entries if e[1] == "recv" and e[2].startswith("INVITE ")]
        # Distinct calls answered (a 2xx retransmitted before the ACK counts once).
        answers = {header(e, "Call-ID") for e in entries if e[1] == "send"
                   and e[2].startswith(f"SIP/2.0 {answer} ") and header(e, "CSeq").endswith("INVITE")}
        span = (invites[-1][0] - invites[0][0]).total_seconds()
        print(f"\n[sipp_calls] flood ({'auto-answer' if auto_answer else 'ringing'}): {len(invites)} INVITEs "
              f"received within {span:.2f} s, {len(answers)} calls answered '{answer}'", flush=True)
        self.assertEqual(len(invites), calls)
        self.assertEqual(len(set(re.findall(r"Call-ID: (\S+)", run.text("messages.log")))), calls)
        self.assertLessEqual(span, 1.5)
        self.assertEqual(len(answers), calls)
        # Still responsive: both commands get their answer.
        cli.send("calls")
        listed = cli.wait_for("calls", timeout=10)
        self.assertEqual(listed["calls"], [])
        cli.send(f"options sip:parlo@127.0.0.1:{port}")
        result = cli.wait_for("options_result", timeout=10)
        self.assertEqual(result["code"], 200)
        self.assertEqual(cli.quit(), 0)

    def test_invite_flood_auto_answer(self):
        # --auto-answer 0: every INVITE gets 180 then 200 (100 calls at once), BYE after 0.5 s.
        self.flood("invite_flood.xml", True, 200, "remote-hangup")

    def test_invite_flood_ringing(self):
        # No auto-answer: every INVITE gets 180 and rings (100 at once) until SIPp CANCELs.
        self.flood("invite_flood_ringing.xml", False, 180, "missed")


if __name__ == "__main__":
    unittest.main()
