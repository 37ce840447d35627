#!/usr/bin/env bash
# Signing throughput: `signet run` (and the sequential `signet sign`) signing N fresh tag@digest
# references, against the request floor — the same HTTP requests a cosign-style .sig signature
# needs, issued by one keep-alive node client — and against process startup. Everything runs on a
# throw-away docker-registry on 127.0.0.1. Last, the lean section: signet run's default mode (the
# default SIGNET_WRITE_SETTLE_MS) at concurrency 4 against the lean floor (the 6 requests a new
# signature cannot do without) on BENCH_LEAN_IMAGES fresh digests, with requests per signature.
# usage: bash bench/sign.sh            (BENCH_IMAGES=N images per measurement, default 50)
#        bash bench/sign.sh lean       (only the lean section; BENCH_LEAN_IMAGES, default 200)
set -euo pipefail
bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=/dev/null
source "$bench_dir/lib/common.sh"
# shellcheck source=/dev/null
source "$bench_dir/lib/registry.sh"
case "${1:-all}" in
    all | lean) SECTION="${1:-all}" ;;
    *) echo "usage: bash bench/sign.sh [all|lean]" >&2; exit 2 ;;
esac
find_signet
N="${BENCH_IMAGES:-50}"
N_LEAN="${BENCH_LEAN_IMAGES:-200}"

work="$(mktemp -d)"
cleanup() { stop_registry; rm -rf "$work"; }
trap cleanup EXIT
start_registry "$work/registry"

mkdir -p "$work/layer" "$work/results"
echo "signet benchmark layer" >"$work/layer/hello.txt"
tar -C "$work/layer" -czf "$work/layer.tar.gz" hello.txt

export SIGNET_INSECURE_REGISTRIES="$REGISTRY_HOST"
export COSIGN_PASSWORD="bench-password-not-secret"
"$SIGNET" generate-key-pair --output-key-prefix "$work/cosign" >/dev/null 2>&1

# push NAME -> N fresh images in bench/NAME, their references in $work/NAME.refs
push() { node "$bench_dir/lib/push-images.js" "$REGISTRY_HOST" "bench/$1" "$N" "$work/layer.tar.gz" >"$work/$1.refs"; }
per_sig() { awk -v r="$1" -v n="$2" 'BEGIN { printf "%.1f", r / n }'; }

if [ "$SECTION" = all ]; then
    echo "signet sign benchmark: $N images per measurement, registry $REGISTRY_HOST, $(nproc) cores"
else
    echo "signet sign benchmark, lean section only: registry $REGISTRY_HOST, $(nproc) cores"
fi

# Floor: the minimal request sequence per image, keep-alive, in one process. A floor is the best
# the machine can do, so it is the best of TRIALS runs (each on fresh images).
TRIALS="${BENCH_TRIALS:-3}"
declare -A floor_rate
measure_floor() {
    local c="$1" trial before count seconds best=0 rates=()
    for trial in $(seq "$TRIALS"); do
        push "floor-c$c-$trial"
        before="$(registry_request_count)"
        read -r count seconds < <(node "$bench_dir/lib/cosign-request-floor.js" "$c" "$work/floor-c$c-$trial.refs")
        rates+=("$(rate "$count" "$seconds")")
        best="$(awk -v a="$best" -v b="${rates[-1]}" 'BEGIN { print (b > a) ? b : a }')"
    done
    floor_rate[$c]="$best"
    printf '%-40s %8s sig/s  (best of %s trials: %s; %s images each; %s requests/sig)\n' \
        "request floor, concurrency $c" "$best" "$TRIALS" "${rates[*]}" "$count" \
        "$(per_sig $(($(registry_request_count) - before)) "$N")"
}

# measure LABEL NAME COMMAND… : time COMMAND signing the N images of bench/NAME; sets last_rate
measure() {
    local label="$1" name="$2" before start
    shift 2
    push "$name"
    before="$(registry_request_count)"
    start="$(now)"
    "$@" </dev/null >"$work/$name.log" 2>&1 || { cat "$work/$name.log" >&2; exit 1; }
    seconds="$(elapsed "$start" "$(now)")"
    last_rate="$(rate "$N" "$seconds")"
    printf '%-40s %8s sig/s  (%s images in %s s; %s requests/sig)\n' "$label" "$last_rate" "$N" \
        "$seconds" "$(per_sig $(($(registry_request_count) - before)) "$N")"
}

run_signet() {  # run_signet CONCURRENCY SETTLE NAME  (SETTLE "default": no SIGNET_WRITE_SETTLE_MS)
    local settle_env=(-u SIGNET_WRITE_SETTLE_MS)
    [ "$2" = default ] || settle_env=(SIGNET_WRITE_SETTLE_MS="$2")
    env "${settle_env[@]}" SIGNET_KEY="$work/cosign.key" SIGNET_IMAGES_FILE="$work/$3.refs" \
        SIGNET_CONCURRENCY="$1" SIGNET_REPORT="$work/$3.report.json" \
        SIGNET_RESULTS_DIR="$work/results" "$SIGNET" run
    local signed
    signed="$(jq '.summary.signed' "$work/$3.report.json")"
    [ "$signed" = "$N" ] || { echo "bench: signet run signed $signed of $N images" >&2; return 1; }
}

sign_signet() {  # sign_signet SETTLE NAME  (signet sign: one process, references in sequence)
    local settle_env=(-u SIGNET_WRITE_SETTLE_MS)
    [ "$1" = default ] || settle_env=(SIGNET_WRITE_SETTLE_MS="$1")
    mapfile -t refs <"$work/$2.refs"
    env "${settle_env[@]}" "$SIGNET" sign --key "$work/cosign.key" "${refs[@]}" >"$work/$2.out"
    [ "$(grep -c ' sha256:' "$work/$2.out")" = "$N" ]
}

summary=()
if [ "$SECTION" = all ]; then
    measure_floor 1
    measure_floor 4

    # Fixed cost of one signet process: start, decrypt the key (scrypt), connect, sign one image.
    N_ALL="$N"; N=1
    measure "fixed cost: signet sign of 1 image" "fixed" sign_signet 0 "fixed"
    fixed_s="$seconds"; N="$N_ALL"

    # steady RATE -> the rate once the fixed per-process cost is taken out: (N-1) / (N/RATE - fixed)
    steady() { awk -v r="$1" -v n="$N" -v f="$fixed_s" 'BEGIN { printf "%.2f", (n - 1) / (n / r - f) }'; }
    for settle in 0 default; do
        for c in 1 4; do
            name="run-c$c-settle-$settle"
            measure "signet run, concurrency $c, settle $settle" "$name" run_signet "$c" "$settle" "$name"
            summary+=("signet run  c=$c settle=$settle: signet: $last_rate sig/s; raw request floor: ${floor_rate[$c]} sig/s; ratio $(ratio "$last_rate" "${floor_rate[$c]}")  [without the fixed cost: $(steady "$last_rate") sig/s, ratio $(ratio "$(steady "$last_rate")" "${floor_rate[$c]}")]")
        done
    done
    # signet sign honours SIGNET_WRITE_SETTLE_MS (with the default it is as slow as signet run c=1).
    # It only waits on the registry, like the floor, so it gets the same best-of-TRIALS treatment.
    best_sign=0
    for trial in $(seq "$TRIALS"); do
        measure "signet sign (sequential), settle 0 #$trial" "sign-settle-0-$trial" sign_signet 0 "sign-settle-0-$trial"
        best_sign="$(awk -v a="$best_sign" -v b="$last_rate" 'BEGIN { print (b > a) ? b : a }')"
    done
    last_rate="$best_sign"
    summary+=("signet sign c=1 settle=0: signet: $last_rate sig/s; raw request floor: ${floor_rate[1]} sig/s; ratio $(ratio "$last_rate" "${floor_rate[1]}")  [without the fixed cost: $(steady "$last_rate") sig/s, ratio $(ratio "$(steady "$last_rate")" "${floor_rate[1]}")]")

    # Startup floor: 100 processes that do nothing but print the version.
    start="$(now)"
    for _ in $(seq 100); do "$SIGNET" version >/dev/null; done
    startup_ms="$(awk -v s="$(elapsed "$start" "$(now)")" 'BEGIN { printf "%.2f", s * 10 }')"
fi

# Lean section: signet's default mode against the lean floor, concurrency 4, N_LEAN fresh digests
# per measurement. The floor (lib/cosign-request-floor.js lean) issues only what a new signature
# needs: GET the .sig tag (404), POST + PUT the payload blob, POST + PUT the config blob, PUT the
# .sig manifest. signet run gets the default SIGNET_WRITE_SETTLE_MS (whatever check of its write the
# binary does is its own cost). Requests are counted from the registry's log between two marks
# taken around the signing command alone (the image pushes fall outside them). Trials interleave
# floor and signet so that load drifting on a shared machine hits both; each side's best counts.
LEAN_C=4
LEAN_TRIALS="${BENCH_LEAN_TRIALS:-$TRIALS}"
per_sig2() { awk -v r="$1" -v n="$2" 'BEGIN { printf "%.2f", r / n }'; }
max_of() { awk -v a="$1" -v b="$2" 'BEGIN { print (b > a) ? b : a }'; }
# kinds FROM TO COUNT -> the request kinds between two log marks, per signature
kinds() {
    registry_request_kinds "$1" "$2" | awk -v n="$3" '{ c = $1; $1 = ""; printf "      %-32s %6d  %5.2f/sig\n", substr($0, 2), c, c / n }'
}
lean_section() {
    local saved_n="$N" trial a b count seconds requests new attempts
    local floor_best=0 signet_best=0 floor_req=0 signet_req=0 floor_rates=() signet_rates=() pairs=()
    N="$N_LEAN"
    echo "== lean section: concurrency $LEAN_C, $N fresh digests per measurement, $LEAN_TRIALS trials"
    for trial in $(seq "$LEAN_TRIALS"); do
        push "lean-floor-$trial"
        a="$(registry_log_mark)"
        read -r count seconds < <(node "$bench_dir/lib/cosign-request-floor.js" "$LEAN_C" \
            "$work/lean-floor-$trial.refs" lean)
        b="$(registry_log_mark)"
        requests="$(registry_requests_between "$a" "$b")"
        floor_rates+=("$(rate "$count" "$seconds")")
        floor_best="$(max_of "$floor_best" "${floor_rates[-1]}")"
        floor_req="$(max_of "$floor_req" "$(per_sig2 "$requests" "$N")")"
        printf '%-40s %8s sig/s  (%s timed images in %s s; %s requests for %s signatures: %s/sig)\n' \
            "lean floor, concurrency $LEAN_C #$trial" "${floor_rates[-1]}" "$count" "$seconds" \
            "$requests" "$N" "$(per_sig2 "$requests" "$N")"
        floor_kinds="$(kinds "$a" "$b" "$N")"

        push "lean-signet-$trial"
        a="$(registry_log_mark)"
        start="$(now)"
        run_signet "$LEAN_C" default "lean-signet-$trial" </dev/null >"$work/lean-signet-$trial.log" 2>&1 ||
            { cat "$work/lean-signet-$trial.log" >&2; exit 1; }
        seconds="$(elapsed "$start" "$(now)")"
        b="$(registry_log_mark)"
        requests="$(registry_requests_between "$a" "$b")"
        new="$(jq '[.signed[] | select(.skippedExisting | not)] | length' "$work/lean-signet-$trial.report.json")"
        attempts="$(jq '[.signed[].attempts] | add' "$work/lean-signet-$trial.report.json")"
        [ "$new" = "$N" ] || { echo "bench: signet run made $new new signatures of $N" >&2; exit 1; }
        signet_rates+=("$(rate "$N" "$seconds")")
        signet_best="$(max_of "$signet_best" "${signet_rates[-1]}")"
        signet_req="$(max_of "$signet_req" "$(per_sig2 "$requests" "$N")")"
        pairs+=("$(ratio "${signet_rates[-1]}" "${floor_rates[-1]}")")
        printf '%-40s %8s sig/s  (%s images in %s s, whole process; %s requests for %s new signatures: %s/sig; %s attempts)\n' \
            "signet run default, concurrency $LEAN_C #$trial" "${signet_rates[-1]}" "$N" "$seconds" \
            "$requests" "$new" "$(per_sig2 "$requests" "$N")" "$attempts"
        signet_kinds="$(kinds "$a" "$b" "$N")"
    done
    N="$saved_n"
    lean_ratio="$(awk -v a="$signet_best" -v b="$floor_best" 'BEGIN { printf "%.2f", a / b }')"
    lean_summary=(
        "lean floor, c=$LEAN_C: $floor_best sig/s (best of $LEAN_TRIALS: ${floor_rates[*]}); $floor_req requests/sig"
        "signet run, default settle, c=$LEAN_C: $signet_best sig/s (best of $LEAN_TRIALS: ${signet_rates[*]}; whole process, key decryption included); $signet_req requests/sig"
        "ratio signet/lean floor per trial: ${pairs[*]}"
        "requests per signature, lean floor (last trial):"
        "$floor_kinds"
        "requests per signature, signet run (last trial; /v2/ is once per process):"
        "$signet_kinds"
    )
    local ratio_ok req_ok
    ratio_ok="$(awk -v r="$lean_ratio" 'BEGIN { print (r >= 0.8) ? "met" : "NOT met" }')"
    req_ok="$(awk -v r="$signet_req" 'BEGIN { print (r <= 8) ? "met" : "NOT met" }')"
    lean_final="signet default mode / lean floor at concurrency $LEAN_C: $lean_ratio (target ≥ 0.8: $ratio_ok); requests/sig: $signet_req (target ≤ 8: $req_ok)"
}
lean_section

echo
if [ "$SECTION" = all ]; then
    echo "== results ($N images each)"
    printf '%s\n' "${summary[@]}"
    echo "fixed cost per signet process (start, key decryption, one signature): $fixed_s s"
    echo "process startup floor: $startup_ms ms per signet process (signet version x100)"
fi
echo "== lean section ($N_LEAN fresh digests per measurement)"
printf '%s\n' "${lean_summary[@]}"
echo "$lean_final"
echo "(finished in ${SECONDS} s)"
