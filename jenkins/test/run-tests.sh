#!/usr/bin/env bash
# Runs the shared library's tests with Debian's groovy (packages: groovy, default-jre-headless).
# The library's src/ is compiled first, so a compile error there fails the run on its own.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/default-java}"
[ -x "$JAVA_HOME/bin/java" ] || { echo "run-tests.sh: no java in JAVA_HOME=$JAVA_HOME (apt-get install -y default-jre-headless)" >&2; exit 1; }
command -v groovy >/dev/null || { echo "run-tests.sh: groovy not found (apt-get install -y groovy)" >&2; exit 1; }
classes="$(mktemp -d)"
trap 'rm -rf "$classes"' EXIT
mapfile -t sources < <(find "$here/src" -name '*.groovy' | sort)
groovyc -d "$classes" "${sources[@]}"
# groovy's launcher only honours -cp as its first argument.
groovy -cp "$classes" -Dsignet.vars="$here/vars" "$here/test/SignImagesTest.groovy"
