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

# Number of HTTP requests the registry has answered so far (its "response completed" log lines).
registry_request_count() {
    grep -c 'response completed' "$REGISTRY_LOG" || true
}
