#!/usr/bin/env bash
# The public hot path, side by side in one run: a constant JSON endpoint (GET /api/v1/ping), the cached status API
# (GET /api/v1/distinctives/{code}), the verification page a QR scan opens (/verificar/{code}) and the badge, with wrk
# at 64 and 256 connections, after a warm-up round.
#   bench/api/run.sh            one published node on the embedded default (SQLite, in-process cache)
#   bash .ci/with-postgres bash .ci/with-redis bench/api/run.sh cluster
#                               two published nodes on PostgreSQL and Redis behind the YARP proxy (src/Certify.Proxy),
#                               every request through the proxy
# Environment: PORT (5193; the cluster uses PORT, PORT+1, PORT+2), DURATION (15s), THREADS (2).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
MODE=${1:-single}
PORT=${PORT:-5193}
DURATION=${DURATION:-15s}
THREADS=${THREADS:-2}
WORK=$(mktemp -d /tmp/certify-api.XXXXXX)
DATA="$WORK/data"
PIDS=()
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }
case "$MODE" in
  single) ;;
  cluster)
    [[ "${Database__Provider:-}" == PostgreSql && -n "${Cache__Redis:-}" ]] ||
      { echo "cluster mode needs PostgreSQL and Redis: bash .ci/with-postgres bash .ci/with-redis $0 cluster"; exit 1; } ;;
  *) echo "usage: $0 [single|cluster]"; exit 1 ;;
esac

dotnet publish "$ROOT/src/Certify.Web" -c Release -o "$WORK/web" -nologo -v q >"$WORK/publish.log" 2>&1 || { cat "$WORK/publish.log"; exit 1; }
dotnet publish "$ROOT/src/Certify.Proxy" -c Release -o "$WORK/proxy" -nologo -v q >>"$WORK/publish.log" 2>&1 || { cat "$WORK/publish.log"; exit 1; }
dotnet build "$ROOT/bench/registry/Certify.RegistryBench" -c Release -nologo -v q >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }

wait_for() {
  local url=$1 pid=$2 log=$3
  for _ in $(seq 1 240); do
    curl -fs "$url" >/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { echo "exited; see $log"; tail -20 "$log"; exit 1; }
    sleep 0.5
  done
  echo "no answer from $url; see $log"; exit 1
}
# start_node <environment> <port>: a node on the published app; every node shares the data folder (files, the key
# ring's certificate), and in cluster mode PostgreSQL and Redis from the environment.
start_node() {
  local environment=$1 port=$2 log="$WORK/node-$2.log"
  (cd "$WORK/web" && exec env ASPNETCORE_ENVIRONMENT="$environment" ASPNETCORE_URLS="http://127.0.0.1:$port" \
    App__PublicUrl="http://127.0.0.1:$PORT" Storage__DataDirectory="$DATA" Seed__Demo=true Jobs__RunServer=false \
    Logging__LogLevel__Default=Warning RateLimits__PermitLimit=100000000 RateLimits__VerifyPagePermitLimit=100000000 \
    RateLimits__WindowSeconds=60 dotnet Certify.Web.dll >>"$log" 2>&1) &
  PIDS+=($!)
  wait_for "http://127.0.0.1:$port/health/live" "$!" "$log"
}
start_proxy() {
  local log="$WORK/proxy.log"
  (cd "$WORK/proxy" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$PORT" Logging__LogLevel__Default=Warning \
    ReverseProxy__Clusters__certify__Destinations__node1__Address="http://127.0.0.1:$((PORT + 1))/" \
    ReverseProxy__Clusters__certify__Destinations__node2__Address="http://127.0.0.1:$((PORT + 2))/" \
    dotnet Certify.Proxy.dll >>"$log" 2>&1) &
  PIDS+=($!)
  wait_for "http://127.0.0.1:$PORT/health/live" "$!" "$log"
}
stop_all() {
  for pid in "${PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  PIDS=()
}
trap stop_all EXIT

# Migrate and load the demo seed (Development only), then add the distinctive; measure in Production.
if [[ "$MODE" == single ]]; then
  start_node Development "$PORT"
else
  start_node Development "$((PORT + 1))"
fi
stop_all
CODE=$(dotnet "$ROOT/bench/registry/Certify.RegistryBench/bin/Release/net10.0/Certify.RegistryBench.dll" seed-one "$DATA")
if [[ "$MODE" == single ]]; then
  start_node Production "$PORT"
else
  start_node Production "$((PORT + 1))"
  start_node Production "$((PORT + 2))"
  start_proxy
fi

PATHS=("/api/v1/ping" "/api/v1/distinctives/$CODE" "/verificar/$CODE" "/badge/$CODE.svg")
for path in "${PATHS[@]}"; do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT$path" || { echo "GET $path failed"; exit 1; }
done
echo "mode $MODE; machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); code $CODE"
echo "== warm-up (5 s each, not reported)"
for path in "${PATHS[@]}"; do
  wrk -t"$THREADS" -c64 -d5s "http://127.0.0.1:$PORT$path" >/dev/null
done
printf '%-34s %6s %12s %10s %10s %8s\n' "GET" "conns" "req/s" "p50" "p99" "errors"
for connections in 64 256; do
  for path in "${PATHS[@]}"; do
    out=$(wrk -t"$THREADS" -c"$connections" -d"$DURATION" --latency "http://127.0.0.1:$PORT$path")
    rps=$(sed -nE 's/^Requests\/sec: *([0-9.]+)/\1/p' <<<"$out")
    p50=$(sed -nE 's/^ +50% +([0-9.]+[a-z]+)/\1/p' <<<"$out")
    p99=$(sed -nE 's/^ +99% +([0-9.]+[a-z]+)/\1/p' <<<"$out")
    non2xx=$(sed -nE 's/^ +Non-2xx or 3xx responses: *([0-9]+)/\1/p' <<<"$out")
    socket=$(sed -nE 's/^ +Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)/\1+\2+\3+\4/p' <<<"$out")
    errors=$(( ${non2xx:-0} + ${socket:-0} ))
    printf '%-34s %6s %12s %10s %10s %8s\n' "${path/$CODE/{code\}}" "$connections" "$rps" "$p50" "$p99" "$errors"
  done
done
