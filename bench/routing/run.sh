#!/usr/bin/env bash
# Routing benchmark: N submissions through the real Hangfire pipeline of the app on the embedded default
# (SQLite file + Hangfire SQLite storage). Usage: bench/routing/run.sh [plain|kill]
#   plain  submit N with the app stopped, start it, wait until every one is routed and its auditor e-mail sent, report.
#   kill   the same, but kill -9 the app once half are routed, start it again and wait for the rest.
# Environment: COUNT (1000), AUDITORS (5), PORT (5191), TIMEOUT seconds for the whole wait (900), DATA (a fresh temp folder).
set -euo pipefail

MODE=${1:-plain}
COUNT=${COUNT:-1000}
AUDITORS=${AUDITORS:-5}
PORT=${PORT:-5191}
TIMEOUT=${TIMEOUT:-900}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DATA=${DATA:-$(mktemp -d /tmp/certify-routing.XXXXXX)}
mkdir -p "$DATA"
WEB_DIR="$ROOT/src/Certify.Web/bin/Release/net10.0"
BENCH="$ROOT/bench/routing/Certify.RoutingBench/bin/Release/net10.0/Certify.RoutingBench.dll"
APP=""

dotnet build "$ROOT/bench/routing/Certify.RoutingBench" -c Release -nologo >"$DATA/build.log" 2>&1 || { cat "$DATA/build.log"; exit 1; }
echo "data folder: $DATA"

# Starts the app (Release build) on $DATA and waits until it answers; APP is its process id.
start_app() {
  local environment=$1 run_server=$2
  env ASPNETCORE_ENVIRONMENT="$environment" ASPNETCORE_URLS="http://127.0.0.1:$PORT" \
    Storage__DataDirectory="$DATA" Seed__Demo=true Jobs__RunServer="$run_server" \
    Logging__LogLevel__Default=Warning \
    dotnet "$WEB_DIR/Certify.Web.dll" --contentRoot "$WEB_DIR" >>"$DATA/app.log" 2>&1 &
  APP=$!
  for _ in $(seq 1 240); do
    if curl -fs "http://127.0.0.1:$PORT/health/live" >/dev/null; then
      return 0
    fi
    kill -0 "$APP" 2>/dev/null || { echo "the app exited; see $DATA/app.log"; exit 1; }
    sleep 0.5
  done
  echo "the app did not answer; see $DATA/app.log"
  exit 1
}

stop_app() {
  if [[ -n "$APP" ]] && kill -0 "$APP" 2>/dev/null; then
    kill -TERM "$APP"
    wait "$APP" || true
  fi
  APP=""
}
trap stop_app EXIT

bench() { dotnet "$BENCH" "$@"; }

# Setup, not timed: migrate and seed the demo data (the demo seed runs in Development only) with no job server; the
# bench's auditors and draft assessments; then all submissions, each committed and its SubmissionReceivedJob enqueued
# into Hangfire's SQLite storage while no server runs. The measured runs use the Production environment.
start_app Development false
stop_app
bench prepare "$DATA" "$COUNT" "$AUDITORS"
bench submit "$DATA"

bench start-clock "$DATA"
start_app Production true
case "$MODE" in
  plain)
    bench wait "$DATA" "$COUNT" "$TIMEOUT" | tail -n 3 || true
    ;;
  kill)
    bench wait "$DATA" $((COUNT / 2)) "$TIMEOUT" | tail -n 1
    kill -9 "$APP"
    wait "$APP" || true
    echo "killed the app (kill -9, pid $APP); starting it again"
    APP=""
    start_app Production true
    bench wait "$DATA" "$COUNT" "$TIMEOUT" | tail -n 3 || true
    ;;
  *)
    echo "usage: $0 [plain|kill]"
    exit 2
    ;;
esac

bench report "$DATA"
