# shellcheck shell=bash
# Sourced by the benchmarks: locating the Release build, timing and arithmetic.

bench_repo_root() { cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd; }

# The signet binary of the Release build (SIGNET_BIN overrides).
find_signet() {
    local root
    root="$(bench_repo_root)"
    SIGNET="${SIGNET_BIN:-$root/build-bench/signet}"
    if [ ! -x "$SIGNET" ]; then
        echo "bench: no signet binary at $SIGNET; build it first:" >&2
        echo "  cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DSIGNET_TESTS=OFF && cmake --build build-bench -j2" >&2
        return 1
    fi
}

now() { date +%s.%N; }
# elapsed START END -> seconds
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4f", b - a }'; }
# rate COUNT SECONDS -> per second
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.2f", n / s }'; }
# ratio A B -> A/B
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
