#!/usr/bin/env bash
# The README's demo, on a fresh Debian machine: install what signet needs, build it, start a
# registry on loopback, build the signet task image daemonless and push it there, generate a key,
# run the CI entrypoint (`signet run`) on it — sign tag@digest, generate its SPDX SBOM from the
# layers and attest it — verify signature and attestation, list the Debian packages the SBOM found
# in the image, run the documents' attach sbom / sign / verify flow, and show every output.
# Everything happens in a temporary directory on 127.0.0.1; the registry is stopped at the end.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

[ "${SIGNET_DEMO_SKIP_INSTALL:-}" = 1 ] || bash .ci/install-deps
cmake -S . -B build-demo -DSIGNET_TESTS=OFF -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-demo -j"$(nproc)" >/dev/null
signet="$repo/build-demo/signet"

work="$(mktemp -d)"
registry_pid=""
cleanup() {
    if [ -n "$registry_pid" ]; then kill "$registry_pid" 2>/dev/null; wait "$registry_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# A registry on a free loopback port (docker-registry is CNCF distribution from Debian).
for attempt in 1 2 3 4 5; do
    port=$(( 20000 + RANDOM % 40000 ))
    cat > "$work/registry.yml" <<YAML
version: 0.1
storage:
  filesystem:
    rootdirectory: $work/storage
http:
  addr: 127.0.0.1:$port
YAML
    docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
    registry_pid=$!
    for _ in $(seq 50); do
        curl -fs "http://127.0.0.1:$port/v2/" >/dev/null 2>&1 && break 2
        sleep 0.1
    done
    kill "$registry_pid" 2>/dev/null || true
    registry_pid=""
done
[ -n "$registry_pid" ] || { echo "demo: could not start docker-registry" >&2; exit 1; }
host="127.0.0.1:$port"
echo "== registry on $host"

# The sample image: signet's own task image, built without a daemon and pushed with skopeo.
SIGNET_BIN="$signet" SIGNET_PUSH_TLS_VERIFY=false \
    bash task/build-image.sh --output "$work/image" --push "$host/signet/task:demo" >/dev/null
digest="$(skopeo inspect --tls-verify=false --format '{{.Digest}}' "docker://$host/signet/task:demo")"
echo "== pushed $host/signet/task:demo@$digest"

export SIGNET_INSECURE_REGISTRIES="$host"
export COSIGN_PASSWORD="demo-password"
"$signet" generate-key-pair --output-key-prefix "$work/cosign"

echo "== signet run (as a CI step would run it)"
mkdir -p "$work/results"
SIGNET_KEY="$work/cosign.key" \
SIGNET_TAGS="demo" SIGNET_REPOSITORY="$host/signet/task" SIGNET_DIGEST="$digest" \
SIGNET_SBOM=generate SIGNET_SBOM_DIR="$work/sboms" \
SIGNET_RESULTS_DIR="$work/results" SIGNET_REPORT="$work/signet-report.json" \
    "$signet" run </dev/null

echo "== Tekton results"
for f in "$work/results"/*; do printf '%s: %s\n' "$(basename "$f")" "$(cat "$f")"; done
echo "== report ($work/signet-report.json)"
cat "$work/signet-report.json"; echo

echo "== signet verify"
"$signet" verify --key "$work/cosign.pub" "$host/signet/task:demo@$digest"
echo "== signet verify-attestation (the SPDX SBOM, first 300 bytes of the envelope)"
"$signet" verify-attestation --key "$work/cosign.pub" --type spdxjson "$host/signet/task:demo@$digest" | head -c 300; echo
echo "== the SBOM itself ($(ls "$work/sboms"))"
head -c 600 "$work/sboms/"*.spdx.json; echo
echo "== the Debian packages the SBOM lists (the image declares them in /var/lib/dpkg/status.d)"
jq -r '.packages[] | select(any(.externalRefs[]?; .referenceLocator | startswith("pkg:deb/")))
       | "\(.name) \(.versionInfo)"' "$work/sboms/"*.spdx.json | sort
echo "== the cosign documents' flow: attach sbom (signet signs the .sbom tag as it stores it), sign it as the documents do (already signed: nothing added), verify it"
image="$host/signet/task:demo@$digest"
"$signet" attach sbom --key "$work/cosign.key" --sbom "$work/sboms/"*.spdx.json --type spdx "$image"
sbom_ref="$("$signet" triangulate --type sbom "$image")"
sbom_digest="$(skopeo inspect --tls-verify=false --format '{{.Digest}}' "docker://$sbom_ref")"
"$signet" sign --key "$work/cosign.key" "$sbom_ref@$sbom_digest"
"$signet" verify --key "$work/cosign.pub" "$sbom_ref@$sbom_digest" >/dev/null
"$signet" download sbom "$image" | head -c 200; echo
echo "== signet tree"
"$signet" tree "$image"
echo "== signet triangulate"
"$signet" triangulate "$image"
echo "== demo finished: signed, verified, outputs shown"
