#!/usr/bin/env bash
# Dashboard benchmark: seeds the analytics data set (bench/Seeding: 10,000 assessments, 100,000 answers, reviews,
# findings, distinctives) into a fresh SQLite file with the app's migrations, then times the program admin
# dashboard's data (BodyDashboardService.GetAsync, every figure of the page) for several filters. Target < 300 ms.
# Usage: bench/dashboard/run.sh [folder] [runs]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FOLDER=${1:-$(mktemp -d /tmp/certify-dashboard.XXXXXX)}
dotnet build "$ROOT/bench/dashboard/Certify.DashboardBench" -c Release -nologo -v q
dotnet "$ROOT/bench/dashboard/Certify.DashboardBench/bin/Release/net10.0/Certify.DashboardBench.dll" "$FOLDER" "${2:-30}"
