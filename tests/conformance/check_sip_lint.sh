#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs sip-lint on every corpus file and compares its verdict with expected.tsv; checks
# the exit codes (0 all valid, 1 any invalid, 2 usage error) and the --json output.
# usage: check_sip_lint.sh SIP_LINT CORPUS_DIR
set -uo pipefail
lint=$1
corpus=$2
failures=0

check_folder() { # folder expected.tsv, folder of .dat files
    local tsv=$1 dir=$2 count=0 bad=0 name expected rest out rc want
    while IFS=$'\t' read -r name expected rest; do
        [[ $name == name ]] && continue
        out=$("$lint" "$dir/$name.dat")
        rc=$?
        want=1
        [[ $expected == valid ]] && want=0
        if [[ $rc -ne $want || $out != *": $expected"* ]]; then
            echo "MISMATCH $name: expected $expected (exit $want), got exit $rc: $out"
            bad=$((bad + 1))
        fi
        count=$((count + 1))
    done <"$tsv"
    echo "$dir: $count files, $bad mismatches"
    failures=$((failures + bad))
    [[ $count -gt 0 ]] || failures=$((failures + 1))
}

check_folder "$corpus/expected.tsv" "$corpus"
check_folder "$corpus/rfc5118/expected.tsv" "$corpus/rfc5118/crlf"

"$lint" >/dev/null 2>&1
rc=$?
[[ $rc -eq 2 ]] || { echo "sip-lint without arguments: exit $rc, expected 2"; failures=$((failures + 1)); }

"$lint" "$corpus/wsinv.dat" "$corpus/esc01.dat" >/dev/null
rc=$?
[[ $rc -eq 0 ]] || { echo "sip-lint on two valid files: exit $rc, expected 0"; failures=$((failures + 1)); }

out=$("$lint" - <"$corpus/badvers.dat")
[[ $out == "-: invalid: SIP version SIP/7.0 is not supported" ]] || {
    echo "sip-lint - (stdin): unexpected '$out'"
    failures=$((failures + 1))
}

json=$("$lint" --json "$corpus/wsinv.dat")
cseq=$(printf '%s' "$json" | python3 -c 'import json,sys; m=json.load(sys.stdin)["message"]; print([h for h in m["headers"] if h["name"].lower()=="cseq"][0]["typed"]["number"], m["body_length"])')
[[ $cseq == "9 150" ]] || { echo "sip-lint --json wsinv: CSeq/body '$cseq', expected '9 150'"; failures=$((failures + 1)); }

echo "sip-lint corpus check: $failures failure(s)"
[[ $failures -eq 0 ]]
