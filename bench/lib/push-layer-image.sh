# shellcheck shell=bash
# Sourced by the benchmarks: push an image whose layers are (big) gzip files, with curl.
# push_layer_image HOST REPO TAG LAYER.tar.gz DIFF_ID [LAYER.tar.gz DIFF_ID …]
#   -> prints HOST/REPO:TAG@sha256:…

# push_blob HOST REPO FILE -> uploads FILE (POST + monolithic PUT), prints its digest
push_blob() {
    local host="$1" repo="$2" file="$3" digest location separator
    digest="sha256:$(sha256sum "$file" | cut -d' ' -f1)"
    location="$(curl -fsS -X POST -D - -o /dev/null "http://$host/v2/$repo/blobs/uploads/" |
        tr -d '\r' | awk 'tolower($1) == "location:" { print $2 }')"
    case "$location" in http*) ;; *) location="http://$host$location" ;; esac
    case "$location" in *\?*) separator="&" ;; *) separator="?" ;; esac
    curl -fsS -X PUT -H "Content-Type: application/octet-stream" -T "$file" \
        "$location${separator}digest=$digest" -o /dev/null
    echo "$digest"
}

push_layer_image() {
    local host="$1" repo="$2" tag="$3" dir config_digest layers="[]" diff_ids="[]" digest
    shift 3
    dir="$(mktemp -d)"
    while [ $# -ge 2 ]; do
        digest="$(push_blob "$host" "$repo" "$1")"
        layers="$(jq -c --arg d "$digest" --argjson s "$(stat -c %s "$1")" \
            '. + [{mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: $d, size: $s}]' <<<"$layers")"
        diff_ids="$(jq -c --arg d "$2" '. + [$d]' <<<"$diff_ids")"
        shift 2
    done
    jq -cn --argjson diffs "$diff_ids" \
        '{architecture: "amd64", os: "linux", config: {}, rootfs: {type: "layers", diff_ids: $diffs}}' \
        >"$dir/config.json"
    config_digest="$(push_blob "$host" "$repo" "$dir/config.json")"
    jq -cn --arg cd "$config_digest" --argjson cs "$(stat -c %s "$dir/config.json")" \
        --argjson layers "$layers" '{
            schemaVersion: 2, mediaType: "application/vnd.oci.image.manifest.v1+json",
            config: {mediaType: "application/vnd.oci.image.config.v1+json", digest: $cd, size: $cs},
            layers: $layers
        }' | tr -d '\n' >"$dir/manifest.json"
    curl -fsS -X PUT -H "Content-Type: application/vnd.oci.image.manifest.v1+json" \
        --data-binary "@$dir/manifest.json" "http://$host/v2/$repo/manifests/$tag" -o /dev/null
    echo "$host/$repo:$tag@sha256:$(sha256sum "$dir/manifest.json" | cut -d' ' -f1)"
    rm -rf "$dir"
}
