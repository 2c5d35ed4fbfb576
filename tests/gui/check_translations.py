#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a user-visible string of the GUI lacks a translation.

Runs lupdate over the sources into a copy of each .ts file (so strings added to the code
but not yet to the .ts file count too), then requires every message to have a finished,
non-empty translation (every plural form for %n strings).

    check_translations.py --lupdate PATH --sources DIR [DIR...] --ts FILE [FILE...]
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET


def placeholders(text):
    return sorted(set(re.findall(r"%(?:n|L?[1-9])", text or "")))


def problems_in(ts_path):
    problems = []
    root = ET.parse(ts_path).getroot()
    for context in root.iter("context"):
        context_name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            where = f"{context_name}: {source!r}"
            if translation is None:
                problems.append(f"{where}: no translation")
                continue
            kind = translation.get("type")
            if kind in ("unfinished", "vanished", "obsolete"):
                problems.append(f"{where}: {kind}")
                continue
            if message.get("numerus") == "yes":
                forms = [f.text for f in translation.iter("numerusform")]
                if not forms or any(not (f or "").strip() for f in forms):
                    problems.append(f"{where}: plural forms missing")
                elif any(placeholders(f) != placeholders(source) for f in forms):
                    problems.append(f"{where}: placeholders differ")
            elif not (translation.text or "").strip():
                problems.append(f"{where}: empty translation")
            elif placeholders(translation.text) != placeholders(source):
                problems.append(f"{where}: placeholders differ ({translation.text!r})")
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lupdate", required=True)
    parser.add_argument("--sources", nargs="+", required=True)
    parser.add_argument("--ts", nargs="+", required=True)
    args = parser.parse_args()
    if not os.access(args.lupdate, os.X_OK):
        print(f"lupdate not found at {args.lupdate}", file=sys.stderr)
        return 1
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for ts in args.ts:
            copy = os.path.join(tmp, os.path.basename(ts))
            shutil.copyfile(ts, copy)
            result = subprocess.run(
                [args.lupdate, "-silent", "-no-obsolete", "-locations", "none", *args.sources,
                 "-ts", copy], capture_output=True, text=True, timeout=120)
            if result.returncode != 0:
                print(f"lupdate failed on {ts}: {result.stderr}", file=sys.stderr)
                return 1
            problems = problems_in(copy)
            count = sum(1 for _ in ET.parse(copy).getroot().iter("message"))
            if problems:
                failed = True
                print(f"{os.path.basename(ts)}: {len(problems)} of {count} strings not translated:")
                for problem in problems:
                    print(f"  {problem}")
            else:
                print(f"{os.path.basename(ts)}: all {count} strings translated")
            if count == 0:
                failed = True
                print(f"{os.path.basename(ts)}: lupdate found no strings (wrong --sources?)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
