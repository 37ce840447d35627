# shellcheck shell=bash
# Sourced by the benchmarks: a throw-away docker-registry on a free 127.0.0.1 port.
# shellcheck disable=SC2034  # REGISTRY_HOST is read by the scripts that source this file
# start_registry DIR  -> sets REGISTRY_HOST (127.0.0.1:PORT), REGISTRY_PID, REGISTRY_LOG
# stop_registry       -> stops the registry started here (by its pid only)

free_port() {
    node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

start_registry() {
    local dir="$1" port
    mkdir -p "$dir/storage"
    REGISTRY_LOG="$dir/registry.log"
    for _ in 1 2 3 4 5; do
        port="$(free_port)"
        cat >"$dir/registry.yml" <<YAML
version: 0.1
log:
  level: info
  formatter: text
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $dir/storage
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
  secret: bench-secret-not-sensitive
YAML
        docker-registry serve "$dir/registry.yml" >"$REGISTRY_LOG" 2>&1 &
        REGISTRY_PID=$!
        for _ in $(seq 100); do
            if curl -fs "http://127.0.0.1:$port/v2/" >/dev/null 2>&1; then
                REGISTRY_HOST="127.0.0.1:$port"
                return 0
            fi
            kill -0 "$REGISTRY_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill "$REGISTRY_PID" 2>/dev/null || true
        wait "$REGISTRY_PID" 2>/dev/null || true
        REGISTRY_PID=""
    done
    echo "bench: could not start docker-registry (see $REGISTRY_LOG)" >&2
    return 1
}

stop_registry() {
    if [ -n "${REGISTRY_PID:-}" ]; then
        kill "$REGISTRY_PID" 2>/dev/null || true
        wait "$REGISTRY_PID" 2>/dev/null || true
        REGISTRY_PID=""
    fi
}

# The registry writes one line per request its API routes answer: msg="response completed" (2xx,
# 3xx) or msg="response completed with error" (the 404 of an absent tag or blob, 4xx, 5xx). The
# line is written by the request's goroutine, so a client can see the response a moment before the
# line is in the file. registry_sync sends a marker request (GET /v2/?bench-sync=…, left out of
# every count below) and waits for its line: after it, every request answered before is logged.
registry_sync() {
    local marker
    marker="bench-sync=$(date +%s%N)-$RANDOM"
    curl -fs "http://$REGISTRY_HOST/v2/?$marker" >/dev/null
    for _ in $(seq 500); do
        if grep -qF "$marker" "$REGISTRY_LOG"; then
            sleep 0.05  # the lines of requests still in flight next to the marker's
            return 0
        fi
        sleep 0.01
    done
    echo "bench: the registry never logged $marker" >&2
    return 1
}

# registry_log_mark -> the registry log's line count once every request so far is logged; the
# requests answered between two marks are the lines between them (registry_requests_between).
registry_log_mark() {
    registry_sync
    wc -l <"$REGISTRY_LOG"
}

# registry_log_requests FROM TO -> the request lines after line FROM up to line TO (no markers)
registry_log_requests() {
    sed -n "$(($1 + 1)),$2p" "$REGISTRY_LOG" | grep -F 'msg="response completed' |
        grep -vF 'bench-sync=' || true
}

# registry_requests_between FROM TO -> number of requests answered between two marks
registry_requests_between() {
    registry_log_requests "$1" "$2" | wc -l
}

# registry_request_kinds FROM TO -> "COUNT METHOD WHAT STATUS" per kind of request between two
# marks, WHAT being /v2/, manifest <tag> (image), manifest .sig, blob, blob upload
registry_request_kinds() {
    registry_log_requests "$1" "$2" | awk '
        {
            method = ""; uri = ""; status = "";
            if (match($0, /http\.request\.method=[A-Z]+/)) method = substr($0, RSTART + 20, RLENGTH - 20);
            if (match($0, /http\.request\.uri="?[^" ]+/)) { uri = substr($0, RSTART + 17, RLENGTH - 17); sub(/^"/, "", uri) }
            if (match($0, /http\.response\.status=[0-9]+/)) status = substr($0, RSTART + 21, RLENGTH - 21);
            if (status == "" && match($0, /err\.code="[^"]+"/)) status = substr($0, RSTART + 10, RLENGTH - 11);
            sub(/\?.*/, "", uri);
            if (uri ~ /^\/v2\/?$/) what = "/v2/";
            else if (uri ~ /\/manifests\/sha256-[0-9a-f]+\.sig$/) what = "manifest .sig";
            else if (uri ~ /\/manifests\//) what = "manifest image";
            else if (uri ~ /\/blobs\/uploads\//) what = "blob upload";
            else if (uri ~ /\/blobs\//) what = "blob";
            else what = uri;
            n[method " " what " " status]++;
        }
        END { for (k in n) printf "%5d %s\n", n[k], k }' | sort -k2
}

# Number of HTTP requests the registry has answered so far (markers left out).
registry_request_count() {
    registry_requests_between 0 "$(registry_log_mark)"
}
