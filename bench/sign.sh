#!/usr/bin/env bash
# Signing throughput: `signet run` signing N fresh tag@digest references against the request floor
# (the same HTTP requests a cosign-style .sig signature needs, issued by one keep-alive node client)
# and against process startup. Everything runs on a throw-away docker-registry on 127.0.0.1.
# usage: bash bench/sign.sh            (BENCH_IMAGES=N images per measurement, default 50)
set -euo pipefail
bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$bench_dir/lib/common.sh"
source "$bench_dir/lib/registry.sh"
find_signet
N="${BENCH_IMAGES:-50}"

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

push() { node "$bench_dir/lib/push-images.js" "$REGISTRY_HOST" "$1" "$N" "$work/layer.tar.gz" >"$2"; }

echo "signet sign benchmark: $N images per measurement, registry $REGISTRY_HOST, $(nproc) cores"

# Floor: the minimal request sequence per image, keep-alive, in one process.
declare -A floor_rate
for c in 1 4; do
    push "bench/floor-c$c" "$work/floor-c$c.refs"
    before="$(registry_request_count)"
    seconds="$(node "$bench_dir/lib/cosign-request-floor.js" "$c" "$work/floor-c$c.refs")"
    after="$(registry_request_count)"
    floor_rate[$c]="$(rate "$N" "$seconds")"
    printf 'floor     concurrency %s: %s sig/s (%s s, %s requests/sig)\n' \
        "$c" "${floor_rate[$c]}" "$seconds" "$(awk -v r=$((after - before)) -v n="$N" 'BEGIN{printf "%.1f", r/n}')"
done

# signet run: each measurement signs N images nobody has signed yet.
summary=()
for settle in 0 default; do
    for c in 1 4; do
        name="sign-c$c-settle-$settle"
        push "bench/$name" "$work/$name.refs"
        settle_env=()
        [ "$settle" = default ] || settle_env=(SIGNET_WRITE_SETTLE_MS="$settle")
        before="$(registry_request_count)"
        start="$(now)"
        env "${settle_env[@]}" SIGNET_KEY="$work/cosign.key" SIGNET_IMAGES_FILE="$work/$name.refs" \
            SIGNET_CONCURRENCY="$c" SIGNET_REPORT="$work/report.json" SIGNET_RESULTS_DIR="$work/results" \
            "$SIGNET" run </dev/null >"$work/run.log" 2>&1 || { cat "$work/run.log" >&2; exit 1; }
        end="$(now)"
        after="$(registry_request_count)"
        signed="$(jq '.summary.signed' "$work/report.json")"
        [ "$signed" = "$N" ] || { echo "bench: signet signed $signed of $N images" >&2; exit 1; }
        seconds="$(elapsed "$start" "$end")"
        signet_rate="$(rate "$N" "$seconds")"
        printf 'signet run concurrency %s settle %-7s: %s sig/s (%s s, %s requests/sig, %s signed)\n' \
            "$c" "$settle" "$signet_rate" "$seconds" \
            "$(awk -v r=$((after - before)) -v n="$N" 'BEGIN{printf "%.1f", r/n}')" "$signed"
        summary+=("concurrency $c, settle $settle: signet: $signet_rate sig/s; raw request floor: ${floor_rate[$c]} sig/s; ratio $(ratio "$signet_rate" "${floor_rate[$c]}")")
    done
done

# Startup floor: 100 processes that do nothing but print the version.
start="$(now)"
for _ in $(seq 100); do "$SIGNET" version >/dev/null; done
end="$(now)"
startup_ms="$(awk -v s="$(elapsed "$start" "$end")" 'BEGIN { printf "%.2f", s * 10 }')"

echo
echo "== results"
printf '%s\n' "${summary[@]}"
echo "process startup floor: $startup_ms ms per signet process (signet version x100)"
