#!/usr/bin/env bash
# build-image.sh: builds the signet task image without a Docker daemon, as an OCI image layout,
# reproducibly (fixed mtimes and owners, sorted entries, SOURCE_DATE_EPOCH), and optionally
# pushes it with skopeo. The image is the one task/Containerfile describes: signet, the shared
# libraries ldd lists for it, CA certificates, /etc/passwd and /etc/group (root, nonroot 65532),
# and distroless-style package metadata (/var/lib/dpkg/status.d, copyright files, /etc/os-release)
# for every Debian package whose files it ships, so SBOM tools and scanners list them.
#
# usage: task/build-image.sh [--output DIR] [--tag TAG] [--push REF]
#        task/build-image.sh --rootfs DIR        (only stage the filesystem; used by Containerfile)
#
# environment:
#   SIGNET_BIN             signet binary to package (default: build one with CMake)
#   SOURCE_DATE_EPOCH      timestamp of every file and of the image (default: last commit, else 0)
#   SIGNET_IMAGE_SOURCE    org.opencontainers.image.source label
#   SIGNET_IMAGE_LICENSES  org.opencontainers.image.licenses label
#   SIGNET_PUSH_TLS_VERIFY true/false for --push (default true)
#   SIGNET_PUSH_CREDS      USER:PASSWORD for --push (never printed, never on a command line)
#   SIGNET_PUSH_AUTHFILE   containers auth.json for --push
#   SIGNET_PUSH_CERT_DIR   directory with the registry's CA certificates for --push
set -euo pipefail

die() {
    echo "build-image.sh: $*" >&2
    exit 1
}

usage() {
    sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'
}

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
output="$repo_root/build/task-image"
tag=""
push_ref=""
rootfs_only=""

while [ $# -gt 0 ]; do
    case "$1" in
        --output) [ $# -ge 2 ] || die "--output needs a directory"; output="$2"; shift 2 ;;
        --tag) [ $# -ge 2 ] || die "--tag needs a value"; tag="$2"; shift 2 ;;
        --push) [ $# -ge 2 ] || die "--push needs a reference (registry/repository:tag)"; push_ref="$2"; shift 2 ;;
        --rootfs) [ $# -ge 2 ] || die "--rootfs needs a directory"; rootfs_only="$2"; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done

project_version() {
    sed -n 's/^project(signet VERSION \([0-9][0-9.]*\).*/\1/p' "$repo_root/CMakeLists.txt"
}

version="$(project_version)"
[ -n "$version" ] || die "cannot read the project version from $repo_root/CMakeLists.txt"
[ -n "$tag" ] || tag="$version"
source_label="${SIGNET_IMAGE_SOURCE:-https://github.com/signet-dev/signet}"
licenses_label="${SIGNET_IMAGE_LICENSES:-Apache-2.0}"

if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
    SOURCE_DATE_EPOCH="$(git -C "$repo_root" log -1 --format=%ct 2>/dev/null || echo 0)"
fi
case "$SOURCE_DATE_EPOCH" in
    '' | *[!0-9]*) die "SOURCE_DATE_EPOCH must be whole seconds since 1970, got '$SOURCE_DATE_EPOCH'" ;;
esac
export SOURCE_DATE_EPOCH

workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT

signet_binary() {
    if [ -n "${SIGNET_BIN:-}" ]; then
        [ -x "$SIGNET_BIN" ] || die "SIGNET_BIN=$SIGNET_BIN is not an executable file"
        echo "$SIGNET_BIN"
        return
    fi
    local build="$repo_root/build-image"
    echo "build-image.sh: building signet in $build (set SIGNET_BIN to skip)" >&2
    cmake -S "$repo_root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DSIGNET_TESTS=OFF >&2
    cmake --build "$build" --target signet -j"$(nproc)" >&2
    echo "$build/signet"
}

# The shared libraries the dynamic loader resolves for the binary, and the loader itself.
shared_libraries() {
    local listing
    listing="$(ldd "$1")" || die "ldd $1 failed (is it a dynamically linked ELF binary?)"
    if grep -q 'not found' <<<"$listing"; then
        die "$1 needs libraries this machine lacks: $(grep 'not found' <<<"$listing" | tr -s ' \t\n' ' ')"
    fi
    awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' <<<"$listing" | sort -u
}

# The Debian package that installed `path` ("libssl3:amd64"), trying its merged-/usr twin
# (ldd says /lib/…, dpkg may have /usr/lib/…) and its real path; nothing when none did.
owning_package() {
    local path="$1" candidate owner
    for candidate in "$path" "/usr$path" "${path#/usr}" "$(readlink -f "$path")"; do
        [ -n "$candidate" ] || continue
        owner="$(dpkg-query -S "$candidate" 2>/dev/null | head -n1)" || continue
        if [ -n "$owner" ]; then
            owner="${owner%%: *}"
            echo "${owner%%,*}"
            return
        fi
    done
}

# distroless-style package metadata for the Debian packages whose files the image holds:
# /var/lib/dpkg/status.d/NAME (the package's dpkg status paragraph, without Conffiles, which
# names files the image lacks), NAME.md5sums for the files shipped (as they are in the image),
# /usr/share/doc/NAME/copyright, and the distribution's /etc/os-release and /etc/debian_version.
# `files` lists image paths, one per line; `extra` names packages whose data the image holds
# without their files (ca-certificates: the bundle update-ca-certificates builds from them).
stage_package_metadata() {
    local root="$1" files="$2" extra="$3" status="$1/var/lib/dpkg/status.d"
    command -v dpkg-query >/dev/null || die "dpkg-query is missing: the image's packages cannot be declared"
    mkdir -p "$status"
    local path package
    : >"$workdir/owners"
    while read -r path; do
        package="$(owning_package "$path")"
        [ -n "$package" ] || die "no Debian package owns $path: the image cannot declare it"
        printf '%s %s\n' "$package" "$path" >>"$workdir/owners"
    done <<<"$files"
    for package in $extra; do
        dpkg-query -W "$package" >/dev/null 2>&1 || die "the Debian package $package is not installed"
        printf '%s -\n' "$package" >>"$workdir/owners"
    done
    local name
    while read -r package; do
        name="${package%%:*}"
        dpkg-query -s "$package" |
            awk '/^[^ ]/ { keep = ($0 !~ /^Conffiles:/) } keep' >"$status/$name"
        awk -v p="$package" '$1 == p && $2 != "-" { print $2 }' "$workdir/owners" | sort -u |
            while read -r path; do
                (cd "$root" && md5sum "${path#/}")
            done >"$status/$name.md5sums"
        [ -s "$status/$name.md5sums" ] || rm -f "$status/$name.md5sums"
        if [ -f "/usr/share/doc/$name/copyright" ]; then
            mkdir -p "$root/usr/share/doc/$name"
            install -m 0644 "/usr/share/doc/$name/copyright" "$root/usr/share/doc/$name/copyright"
        fi
    done < <(cut -d' ' -f1 "$workdir/owners" | sort -u)
    chmod 0644 "$status"/*
    [ -f /etc/os-release ] || die "/etc/os-release is missing: the image cannot name its distribution"
    install -m 0644 "$(readlink -f /etc/os-release)" "$root/etc/os-release"
    [ ! -f /etc/debian_version ] || install -m 0644 /etc/debian_version "$root/etc/debian_version"
}

stage_rootfs() {
    local binary="$1" root="$2"
    mkdir -p "$root/usr/local/bin" "$root/etc/ssl/certs" "$root/tmp" "$root/workspace" \
        "$root/home/nonroot"
    install -m 0755 "$binary" "$root/usr/local/bin/signet"
    local lib libs
    libs="$(shared_libraries "$binary")"
    while read -r lib; do
        [ -e "$lib" ] || die "ldd lists $lib for $binary but it does not exist"
        mkdir -p "$root$(dirname "$lib")"
        cp -L "$lib" "$root$lib"
        chmod 0755 "$root$lib"
    done <<<"$libs"
    local ca=/etc/ssl/certs/ca-certificates.crt
    [ -f "$ca" ] || die "$ca is missing; install the Debian package ca-certificates"
    install -m 0644 "$ca" "$root/etc/ssl/certs/ca-certificates.crt"
    stage_package_metadata "$root" "$libs" ca-certificates
    printf '%s\n' 'root:x:0:0:root:/root:/sbin/nologin' \
        'nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin' >"$root/etc/passwd"
    printf '%s\n' 'root:x:0:' 'nonroot:x:65532:' >"$root/etc/group"
    chmod 0644 "$root/etc/passwd" "$root/etc/group"
    # Directory modes must not depend on the caller's umask.
    find "$root" -type d -exec chmod 0755 {} +
    chmod 1777 "$root/tmp" "$root/workspace"
    # Files are root-owned (set in the tar); the nonroot home belongs to 65532.
}

# A tar stream that only depends on the staged content: sorted names, one mtime, numeric owners.
layer_tar() {
    local root="$1" out="$2"
    tar --create --file="$out" --directory="$root" --sort=name --format=posix \
        --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
        --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner \
        --exclude=./home/nonroot .
    tar --append --file="$out" --directory="$root" --format=posix \
        --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
        --mtime="@$SOURCE_DATE_EPOCH" --owner=65532 --group=65532 --numeric-owner \
        --no-recursion ./home/nonroot
}

sha256_of() {
    sha256sum "$1" | cut -d' ' -f1
}

# Moves a file into the layout's blob store and prints its digest.
add_blob() {
    local file="$1" layout="$2" digest
    digest="$(sha256_of "$file")"
    mkdir -p "$layout/blobs/sha256"
    mv "$file" "$layout/blobs/sha256/$digest"
    echo "$digest"
}

iso_date() {
    date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ
}

image_config() {
    local diff_id="$1"
    jq -n -S --arg created "$(iso_date)" --arg diff "sha256:$diff_id" --arg version "$version" \
        --arg source "$source_label" --arg licenses "$licenses_label" '{
        architecture: "amd64", os: "linux", created: $created,
        config: {
            Entrypoint: ["signet", "run"],
            Env: ["PATH=/usr/local/bin:/usr/bin:/bin",
                  "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"],
            WorkingDir: "/workspace",
            Labels: {
                "org.opencontainers.image.source": $source,
                "org.opencontainers.image.version": $version,
                "org.opencontainers.image.licenses": $licenses,
                "org.opencontainers.image.title": "signet",
                "org.opencontainers.image.description": "Signs tag@digest references as cosign does and attaches SPDX SBOMs"
            }
        },
        rootfs: {type: "layers", diff_ids: [$diff]},
        history: [{created: $created, created_by: "task/build-image.sh"}]
    }'
}

write_layout() {
    local root="$1" layout="$2"
    rm -rf "$layout"
    mkdir -p "$layout"
    layer_tar "$root" "$workdir/layer.tar"
    local diff_id layer_digest layer_size config_digest config_size manifest_digest manifest_size
    diff_id="$(sha256_of "$workdir/layer.tar")"
    gzip -n -6 <"$workdir/layer.tar" >"$workdir/layer.tar.gz"
    layer_size="$(stat -c %s "$workdir/layer.tar.gz")"
    layer_digest="$(add_blob "$workdir/layer.tar.gz" "$layout")"
    image_config "$diff_id" | tr -d '\n' >"$workdir/config.json"
    config_size="$(stat -c %s "$workdir/config.json")"
    config_digest="$(add_blob "$workdir/config.json" "$layout")"
    jq -n -c --arg c "sha256:$config_digest" --argjson cs "$config_size" \
        --arg l "sha256:$layer_digest" --argjson ls "$layer_size" '{
        schemaVersion: 2, mediaType: "application/vnd.oci.image.manifest.v1+json",
        config: {mediaType: "application/vnd.oci.image.config.v1+json", digest: $c, size: $cs},
        layers: [{mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: $l, size: $ls}]
    }' | tr -d '\n' >"$workdir/manifest.json"
    manifest_size="$(stat -c %s "$workdir/manifest.json")"
    manifest_digest="$(add_blob "$workdir/manifest.json" "$layout")"
    jq -n -c --arg m "sha256:$manifest_digest" --argjson ms "$manifest_size" --arg tag "$tag" '{
        schemaVersion: 2, mediaType: "application/vnd.oci.image.index.v1+json",
        manifests: [{mediaType: "application/vnd.oci.image.manifest.v1+json", digest: $m,
                     size: $ms, platform: {architecture: "amd64", os: "linux"},
                     annotations: {"org.opencontainers.image.ref.name": $tag}}]
    }' >"$layout/index.json"
    printf '%s' '{"imageLayoutVersion":"1.0.0"}' >"$layout/oci-layout"
    echo "sha256:$manifest_digest"
}

# The registry host of a reference, as containers/image keys auth files (docker.io by default).
registry_host() {
    local first="${1%%/*}"
    case "$first" in
        "$1") echo docker.io ;;
        *.* | *:* | localhost) echo "$first" ;;
        *) echo docker.io ;;
    esac
}

write_authfile() {
    local ref="$1" file="$2" auth
    case "$SIGNET_PUSH_CREDS" in
        *:*) ;;
        *) die "SIGNET_PUSH_CREDS must be USER:PASSWORD" ;;
    esac
    auth="$(printf '%s' "$SIGNET_PUSH_CREDS" | base64 -w0)"
    (
        umask 077
        # The secret goes to jq through its environment, never its argv.
        SIGNET_PUSH_AUTH="$auth" jq -n --arg host "$(registry_host "$ref")" \
            '{auths: {($host): {auth: env.SIGNET_PUSH_AUTH}}}' >"$file"
    )
}

# Checks the push settings before anything is built, so a typo fails at once.
check_push_settings() {
    case "${SIGNET_PUSH_TLS_VERIFY:-true}" in
        true | 1 | yes | false | 0 | no) ;;
        *) die "SIGNET_PUSH_TLS_VERIFY must be true or false, got '$SIGNET_PUSH_TLS_VERIFY'" ;;
    esac
    if [ -n "${SIGNET_PUSH_CREDS:-}" ] && [ -n "${SIGNET_PUSH_AUTHFILE:-}" ]; then
        die "set SIGNET_PUSH_CREDS or SIGNET_PUSH_AUTHFILE, not both"
    fi
}

push_layout() {
    local layout="$1" ref="$2"
    local -a flags=(--quiet --digestfile "$workdir/pushed-digest")
    case "${SIGNET_PUSH_TLS_VERIFY:-true}" in
        false | 0 | no) flags+=(--dest-tls-verify=false) ;;
    esac
    [ -z "${SIGNET_PUSH_AUTHFILE:-}" ] || flags+=(--dest-authfile "$SIGNET_PUSH_AUTHFILE")
    [ -z "${SIGNET_PUSH_CERT_DIR:-}" ] || flags+=(--dest-cert-dir "$SIGNET_PUSH_CERT_DIR")
    if [ -n "${SIGNET_PUSH_CREDS:-}" ]; then
        # Through a private auth file, not --dest-creds: argv is visible to every process.
        write_authfile "$ref" "$workdir/auth.json"
        flags+=(--dest-authfile "$workdir/auth.json")
    fi
    skopeo copy "${flags[@]}" "oci:$layout:$tag" "docker://$ref" ||
        die "pushing to $ref failed (check SIGNET_PUSH_TLS_VERIFY / SIGNET_PUSH_CREDS)"
    echo "pushed $ref@$(cat "$workdir/pushed-digest")"
}

main() {
    if [ -n "$rootfs_only" ]; then
        stage_rootfs "$(signet_binary)" "$rootfs_only"
        return
    fi
    command -v jq >/dev/null || die "jq is required (apt-get install -y jq)"
    [ -z "$push_ref" ] || check_push_settings
    local binary
    binary="$(signet_binary)"
    stage_rootfs "$binary" "$workdir/rootfs"
    local digest
    digest="$(write_layout "$workdir/rootfs" "$output")"
    echo "image $output (oci layout, tag $tag) manifest $digest"
    [ -z "$push_ref" ] || push_layout "$output" "$push_ref"
}

main
