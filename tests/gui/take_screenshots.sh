#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Regenerates docs/screenshots/*.png from the real application under Xvfb: the main
# window's views, the settings and a call with a parlo-cli peer on loopback, in English
# and Simplified Chinese.
#
#   tests/gui/take_screenshots.sh [BUILD_DIR]     (default: build)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build}"
out="$root/docs/screenshots"

command -v xvfb-run >/dev/null || { echo "xvfb-run is missing (scripts/deps test)" >&2; exit 1; }
fc-list :lang=zh | grep -q . || { echo "no CJK font (fonts-wqy-microhei, scripts/deps test)" >&2; exit 1; }
cmake --build "$build" --target parlo-screenshots
mkdir -p "$out"
for language in en zh_CN; do
    # A fixed style and font size so the pictures do not depend on the desktop.
    QT_QPA_PLATFORM=xcb QT_STYLE_OVERRIDE=Fusion LANG=C.UTF-8 \
        timeout 120 xvfb-run -a -s "-screen 0 1280x900x24 -dpi 96" \
        "$build/bin/parlo-screenshots" "$out" "$language"
done
ls -l "$out"
