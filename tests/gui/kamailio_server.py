# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs a Kamailio registrar on 127.0.0.1 for a C++ GUI test (tests/interop's fixture).

Usage: kamailio_server.py USER:PASSWORD...
Prints one JSON line {"udp_port": N} once Kamailio listens, then runs until stdin closes
(or says "quit"), and stops Kamailio and removes its folder. A failure to start prints
{"error": "..."} and exits 1."""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "interop"))
from kamailio_fixture import Kamailio  # noqa: E402


def main():
    users = dict(arg.split(":", 1) for arg in sys.argv[1:])
    server = Kamailio(users=users or None)
    try:
        try:
            server.start()
        except (RuntimeError, OSError) as error:
            print(json.dumps({"error": str(error)[-2000:]}), flush=True)
            return 1
        print(json.dumps({"udp_port": server.udp_port}), flush=True)
        for line in sys.stdin:
            if line.strip() == "quit":
                break
        return 0
    finally:
        server.cleanup()


if __name__ == "__main__":
    sys.exit(main())
