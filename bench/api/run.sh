#!/usr/bin/env bash
# API throughput: publishes the app (Release), starts it on 127.0.0.1 with the demo seed and one seeded distinctive,
# the rate limit raised for the run, and runs wrk against GET /api/v1/distinctives/{code} and GET /api/v1/ping.
# Usage: bench/api/run.sh   Environment: PORT (5193), CONNECTIONS (256), DURATION (15s), THREADS (2).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PORT=${PORT:-5193}
CONNECTIONS=${CONNECTIONS:-256}
DURATION=${DURATION:-15s}
THREADS=${THREADS:-2}
WORK=$(mktemp -d /tmp/certify-api.XXXXXX)
PUBLISH="$WORK/publish"
DATA="$WORK/data"
APP=""
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }

dotnet publish "$ROOT/src/Certify.Web" -c Release -o "$PUBLISH" -nologo -v q >"$WORK/publish.log" 2>&1 || { cat "$WORK/publish.log"; exit 1; }
dotnet build "$ROOT/bench/registry/Certify.RegistryBench" -c Release -nologo -v q >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }

start_app() {
  local environment=$1
  (cd "$PUBLISH" && env ASPNETCORE_ENVIRONMENT="$environment" ASPNETCORE_URLS="http://127.0.0.1:$PORT" \
    Storage__DataDirectory="$DATA" Seed__Demo=true Jobs__RunServer=false Logging__LogLevel__Default=Warning \
    RateLimits__PermitLimit=100000000 RateLimits__WindowSeconds=60 \
    dotnet Certify.Web.dll >>"$WORK/app.log" 2>&1) &
  APP=$!
  for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$PORT/health/live" >/dev/null && return 0
    kill -0 "$APP" 2>/dev/null || { echo "the app exited; see $WORK/app.log"; exit 1; }
    sleep 0.5
  done
  echo "the app did not answer; see $WORK/app.log"; exit 1
}
stop_app() {
  if [[ -n "$APP" ]]; then
    pkill -TERM -P "$APP" 2>/dev/null || true
    wait "$APP" 2>/dev/null || true
  fi
  APP=""
}
trap stop_app EXIT

# Migrate and load the demo seed (Development only), then add the distinctive; measure in Production.
start_app Development
stop_app
CODE=$(dotnet "$ROOT/bench/registry/Certify.RegistryBench/bin/Release/net10.0/Certify.RegistryBench.dll" seed-one "$DATA")
start_app Production
curl -fs "http://127.0.0.1:$PORT/api/v1/distinctives/$CODE" >/dev/null
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; code $CODE"
for path in "/api/v1/distinctives/$CODE" "/api/v1/ping" "/api/v1/distinctives/$CODE" "/api/v1/ping"; do
  echo "== GET $path"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$PORT$path" | grep -E "Requests/sec|Non-2xx|Socket errors|^ +(50|99)%|Latency "
done
