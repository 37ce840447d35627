#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, build-fuzz/) and runs each on a copy of its seed corpus.
#
#   tests/fuzz/run.sh [--seconds N] [--smoke] [--jobs J] [--no-build] [--resume] [TARGET...]
#
# --seconds N  run each target N seconds (default 300); --smoke is --seconds 5 (CI).
# --jobs J     targets run J at a time (default 1; the machine is usually shared).
# --no-build   use the fuzzers already in build-fuzz/.
# --resume     start from the corpus the last run grew (build-fuzz/fuzz-corpus/) plus the seeds.
# TARGET...    only these (e.g. ReferenceFuzzer); default every tests/fuzz/*Fuzzer.cpp.
#
# One line per target: name, executions, exec/s, corpus size before -> after, and FAILED with
# the crash/timeout/oom file when libFuzzer found something. Exits 1 on any finding. libFuzzer's
# own log is build-fuzz/fuzz-logs/<target>.log; grown corpora stay in build-fuzz/fuzz-corpus/.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${SIGNET_FUZZ_BUILD:-$root/build-fuzz}
seconds=300
jobs=1
do_build=1
resume=0
targets=()
while [ $# -gt 0 ]; do
    case $1 in
        --seconds) seconds=$2; shift 2 ;;
        --smoke) seconds=5; shift ;;
        --jobs) jobs=$2; shift 2 ;;
        --no-build) do_build=0; shift ;;
        --resume) resume=1; shift ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
        *) targets+=("$1"); shift ;;
    esac
done
if [ ${#targets[@]} -eq 0 ]; then
    for source in "$here"/*Fuzzer.cpp; do targets+=("$(basename "$source" .cpp)"); done
fi

if [ "$do_build" = 1 ]; then
    mkdir -p "$build"
    # -O1 with line tables: libFuzzer's usual trade-off, and half the compile time of -O2 -g.
    CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DSIGNET_FUZZ=ON -DSIGNET_TESTS=OFF \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
        >"$build/configure.log" 2>&1 ||
        { cat "$build/configure.log" >&2; exit 2; }
    nice cmake --build "$build" -j2 --target "${targets[@]}" >"$build/build.log" 2>&1 ||
        { tail -50 "$build/build.log" >&2; exit 2; }
fi

logs=$build/fuzz-logs
corpora=$build/fuzz-corpus
artifacts=$build/fuzz-artifacts
mkdir -p "$logs" "$corpora" "$artifacts"

# The dictionary that fits a target, if any.
dictionary_for() {
    case $1 in
        ReferenceFuzzer) echo reference ;;
        AuthChallengeFuzzer) echo auth ;;
        DockerConfigFuzzer|ImageManifestFuzzer|ImageIndexFuzzer|NpmPackageJsonFuzzer|SigstoreDocumentsFuzzer) echo json ;;
        TaskYamlFuzzer) echo yaml ;;
        EncryptedKeyFileFuzzer|KeyPemFuzzer) echo pem ;;
        DpkgStatusFuzzer|Dep5CopyrightFuzzer|ApkInstalledFuzzer|PythonMetadataFuzzer) echo control ;;
        RpmHeaderFuzzer|RpmDatabaseFuzzer|JavaArchiveFuzzer|GoBuildInfoFuzzer) echo binary ;;
        LayerReaderFuzzer) echo tar ;;
    esac
}

# Runs one target; prints its summary line; returns 1 on a finding.
run_target() {
    local target=$1 binary=$build/tests/fuzz/$1 log=$logs/$1.log
    local corpus=$corpora/$target artifact_dir=$artifacts/$target/
    if [ ! -x "$binary" ]; then
        printf '%-24s FAILED: no binary %s\n' "$target" "$binary"
        return 1
    fi
    [ "$resume" = 1 ] || rm -rf "$corpus"
    rm -rf "$artifact_dir"
    mkdir -p "$corpus" "$artifact_dir"
    cp "$here/corpus/$target/"* "$corpus/" 2>/dev/null || true
    local before
    before=$(find "$corpus" -type f | wc -l)
    local options=(-max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1
                   -artifact_prefix="$artifact_dir")
    local dict
    dict=$(dictionary_for "$target")
    [ -n "$dict" ] && options+=(-dict="$here/dict/$dict.dict")
    local status=0
    nice "$binary" "${options[@]}" "$corpus" >"$log" 2>&1 || status=$?
    local runs rate after finding
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    after=$(find "$corpus" -type f | wc -l)
    finding=$(find "$artifact_dir" -type f | head -1)
    if [ "$status" -ne 0 ] || [ -n "$finding" ]; then
        printf '%-24s %10s runs %7s exec/s  corpus %4s -> %-5s FAILED: %s (log %s)\n' "$target" \
            "${runs:-?}" "${rate:-?}" "$before" "$after" "${finding:-exit status $status}" "$log"
        return 1
    fi
    printf '%-24s %10s runs %7s exec/s  corpus %4s -> %s\n' "$target" "$runs" "$rate" "$before" \
        "$after"
}

failed=0
pids=()
for target in "${targets[@]}"; do
    if [ "$jobs" -le 1 ]; then
        run_target "$target" || failed=1
        continue
    fi
    run_target "$target" &
    pids+=($!)
    if [ ${#pids[@]} -ge "$jobs" ]; then
        wait "${pids[0]}" || failed=1
        pids=("${pids[@]:1}")
    fi
done
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
exit $failed
