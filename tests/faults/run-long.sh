#!/usr/bin/env bash
# The fault and rival-writer tests at the issue's full sizes (CI runs small ones): 100 references
# over 10 repositories behind a 20 % fault proxy with SIGNET_RETRIES=6 and with the default (3),
# and 20 rounds of 8 concurrent writers (skewed and all-delayed manifest PUTs). Prints the counts
# each test reports ("[ faults ] …", "[ writers ] …"). Needs a built tree (default build/).
#   usage: bash tests/faults/run-long.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
tests="$build/tests/signet_integration_tests"
[ -x "$tests" ] || { echo "run-long.sh: $tests is not built" >&2; exit 2; }
status=0
run() {
    local out
    out=$("$tests" --gtest_filter="$1" 2>&1) || status=1
    grep -E '^\[ (faults|writers) |FAILED|exited 0' <<<"$out" || true
}
SIGNET_FAULT_REFS=100 SIGNET_FAULT_RETRIES=6 run 'FaultyRegistry.*'
# Default retries: the target is at least 99 of 100 (the test asserts ≤ 1 % failed).
SIGNET_FAULT_REFS=100 SIGNET_FAULT_RETRIES=3 run 'FaultyRegistry.*'
SIGNET_WRITER_ROUNDS=20 run 'RivalWriters.*'
exit $status
