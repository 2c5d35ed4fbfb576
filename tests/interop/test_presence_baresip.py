# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Presence between parlo-cli and baresip 1.0.0 (its presence module) through Kamailio's
presence server (presence + presence_xml): both register, both PUBLISH, and each
SUBSCRIBEs to the other's address of record at the server.

- Parlo watches baresip: baresip PUBLISHes open (pubint), then closed (presence_offline);
  Parlo sees open, then closed.
- baresip watches Parlo (a contact with ;presence=p2p, subscribed through its outbound
  proxy): Parlo PUBLISHes busy, then available; baresip's contact list shows Busy, then
  Online.

baresip 1.0.0's presence knows only open and closed for itself (no note, no activity),
and reads a PIDF with regular expressions: <basic>, and <rpid:away/> (shown Offline),
<rpid:busy/> and <rpid:on-the-phone/> (both shown Busy). A missing baresip or Kamailio is
a failure."""
import re
import shutil
import tempfile
import time
import unittest

from baresip_fixture import Baresip
from kamailio_fixture import Kamailio
from parlo_cli import ParloCli


class BaresipPresenceTest(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="parlo-presence-baresip-")

    def tearDown(self):
        shutil.rmtree(self.folder, ignore_errors=True)

    def contact_status(self, peer, uri, expected, timeout=15.0):
        """Polls baresip's contact list until `uri` shows `expected` (Online, Busy, ...)."""
        deadline = time.monotonic() + timeout
        listing = ""
        while time.monotonic() < deadline:
            listing = re.sub(r"\x1b\[[0-9;]*m", "", peer.command("contacts").get("data", ""))
            for line in listing.splitlines():
                if uri in line and re.search(rf"\b{expected}\b", line):
                    return line
            time.sleep(0.2)
        raise AssertionError(f"baresip does not show {uri} as {expected}:\n{listing}\n"
                             + peer.output_text()[-2000:])

    def test_presence_both_ways_through_kamailio(self):
        with Kamailio(users={"parlo": "parlo-secret", "baresip": "baresip-secret"}) as kam:
            proxy = f"sip:127.0.0.1:{kam.udp_port}"
            parlo = ParloCli(["--account", "sip:parlo@127.0.0.1", "--proxy", proxy, "--listen", "udp:127.0.0.1:0",
                              "--data-dir", self.folder], password="parlo-secret", name="parlo")
            peer = Baresip(user="baresip", contacts=[("sip:parlo@127.0.0.1", ";presence=p2p")],
                           account_params=f";auth_pass=baresip-secret;outbound=\"{proxy}\";regint=600;pubint=600",
                           app_modules=("presence.so",), name="baresip")
            try:
                parlo.wait_for("registered")
                parlo.send("publish busy on a deadline")
                published = parlo.wait_for("publication_state", where=lambda e: e["state"] in ("published", "failed"))
                self.assertEqual((published["state"], published["code"]), ("published", 200))
                peer.start()
                peer.wait_output(r"baresip@127\.0\.0\.1.*(200 OK|registered)", timeout=15)

                # baresip watches Parlo through the server: Busy, then Online.
                self.contact_status(peer, "sip:parlo@127.0.0.1", "Busy")
                parlo.send("publish available")
                self.contact_status(peer, "sip:parlo@127.0.0.1", "Online")

                # Parlo watches baresip: open (its PUBLISH), then closed.
                target = "sip:baresip@127.0.0.1"
                parlo.send(f"subscribe {target}")
                seen = parlo.wait_for("presence", where=lambda e: e["uri"] == target and e["status"] == "open")
                self.assertEqual(seen["activity"], "")
                self.assertEqual(peer.command("presence_offline").get("ok"), True)
                seen = parlo.wait_for("presence", where=lambda e: e["uri"] == target and e["status"] == "closed")
                self.assertEqual((seen["activity"], seen["note"]), ("", ""))
                self.assertFalse([e for e in parlo.events if e.get("event") == "subscription_state"
                                  and e["state"] == "terminated"])
                self.assertEqual(peer.command("presence_online").get("ok"), True)
                parlo.wait_for("presence", where=lambda e: e["uri"] == target and e["status"] == "open")
                self.assertEqual(parlo.quit(), 0)
            finally:
                parlo.kill()
                peer.cleanup()


if __name__ == "__main__":
    unittest.main()
