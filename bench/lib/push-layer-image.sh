# shellcheck shell=bash
# Sourced by the benchmarks: push a one-layer image whose layer is a (big) gzip file, with curl.
# push_layer_image HOST REPO TAG LAYER.tar.gz DIFF_ID -> prints HOST/REPO:TAG@sha256:…

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
    local host="$1" repo="$2" tag="$3" layer="$4" diff_id="$5" dir layer_digest config_digest
    dir="$(mktemp -d)"
    layer_digest="$(push_blob "$host" "$repo" "$layer")"
    jq -cn --arg diff "$diff_id" \
        '{architecture: "amd64", os: "linux", config: {}, rootfs: {type: "layers", diff_ids: [$diff]}}' \
        >"$dir/config.json"
    config_digest="$(push_blob "$host" "$repo" "$dir/config.json")"
    jq -cn --arg cd "$config_digest" --argjson cs "$(stat -c %s "$dir/config.json")" \
        --arg ld "$layer_digest" --argjson ls "$(stat -c %s "$layer")" '{
            schemaVersion: 2, mediaType: "application/vnd.oci.image.manifest.v1+json",
            config: {mediaType: "application/vnd.oci.image.config.v1+json", digest: $cd, size: $cs},
            layers: [{mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: $ld, size: $ls}]
        }' | tr -d '\n' >"$dir/manifest.json"
    curl -fsS -X PUT -H "Content-Type: application/vnd.oci.image.manifest.v1+json" \
        --data-binary "@$dir/manifest.json" "http://$host/v2/$repo/manifests/$tag" -o /dev/null
    echo "$host/$repo:$tag@sha256:$(sha256sum "$dir/manifest.json" | cut -d' ' -f1)"
    rm -rf "$dir"
}
