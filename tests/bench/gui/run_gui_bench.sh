#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# GUI start-up time and idle memory under Xvfb (docs/performance.md, "GUI start-up").
#
#   tests/bench/gui/run_gui_bench.sh [BUILD_DIR] [bench options...]   (default: build)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
build="${1:-$root/build}"
shift || true
command -v xvfb-run >/dev/null || { echo "xvfb-run is missing (scripts/deps test)" >&2; exit 1; }
cmake --build "$build" --target parlo bench_gui_reference bench_gui_startup
QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1280x900x24" \
    "$build/bin/bench_gui_startup" --parlo "$build/bin/parlo" \
    --reference "$build/bin/bench_gui_reference" "$@"
