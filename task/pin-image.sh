#!/usr/bin/env bash
# pin-image.sh: points the GitHub Action and the Tekton Task/StepAction at a published, signed
# task image by digest (the release workflow runs it after pushing and signing the image).
#   github-action/action.yml        runs.image: docker://REPOSITORY@sha256:…  (was ../Dockerfile)
#   tekton/…/sign-images.yaml (both) SIGNET_IMAGE param default: REPOSITORY@sha256:…
# A placeholder (all-zero) digest, a tag or anything but REPOSITORY@sha256:<64 hex> is refused.
#
# usage: task/pin-image.sh [--root DIR] REPOSITORY@sha256:DIGEST
set -euo pipefail

die() {
    echo "pin-image.sh: $*" >&2
    exit 1
}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ref=""
while [ $# -gt 0 ]; do
    case "$1" in
        --root) [ $# -ge 2 ] || die "--root needs a directory"; root="$2"; shift 2 ;;
        -h | --help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) die "unknown argument '$1' (see --help)" ;;
        *) [ -z "$ref" ] || die "one image reference only"; ref="$1"; shift ;;
    esac
done
[ -n "$ref" ] || die "needs the published image: REPOSITORY@sha256:DIGEST"
name_re='^[a-z0-9]+([._-][a-z0-9]+)*(\.[a-z0-9-]+)*(:[0-9]+)?(/[a-z0-9]+([._-]+[a-z0-9]+)*)+$'
repository="${ref%@*}"
digest="${ref#*@}"
[ "$repository" != "$ref" ] || die "'$ref' has no digest: pin REPOSITORY@sha256:DIGEST"
[[ "$repository" =~ $name_re ]] || die "'$repository' is not a repository name (no tag before the digest)"
[[ "$digest" =~ ^sha256:[0-9a-f]{64}$ ]] || die "'$digest' is not a sha256 digest"
[[ ! "$digest" =~ ^sha256:0{64}$ ]] || die "refusing the all-zero placeholder digest"

action="$root/github-action/action.yml"
tasks=("$root/tekton/sign-images/0.1/sign-images.yaml"
    "$root/tekton/stepaction/sign-images/0.1/sign-images.yaml")
for file in "$action" "${tasks[@]}"; do
    [ -f "$file" ] || die "$file is missing"
done

# runs.image is the one `  image:` line under `runs:`.
grep -q '^  image: ' "$action" || die "$action has no runs.image line"
sed -i "s|^  image: .*|  image: docker://$ref|" "$action"

# The SIGNET_IMAGE param: its `default:` line replaced, or added after its `type:` line.
for file in "${tasks[@]}"; do
    awk -v ref="$ref" '
        /^    - name: / { inParam = ($0 == "    - name: SIGNET_IMAGE") }
        inParam && /^      default: / { next }
        { print }
        inParam && /^      type: string$/ { print "      default: " ref; pinned = 1 }
        END { if (!pinned) exit 3 }' "$file" >"$file.pinned" ||
        { rm -f "$file.pinned"; die "$file has no SIGNET_IMAGE string param"; }
    mv "$file.pinned" "$file"
done
echo "pinned $ref in ${action#"$root"/} and ${#tasks[@]} Tekton files"
