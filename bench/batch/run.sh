#!/usr/bin/env bash
# Batch verification benchmark: seeds the analytics data set (bench/Seeding: 2,500 companies and their distinctives)
# into a fresh SQLite file, then times BatchVerification.VerifyAsync — what POST /api/v1/verify/batch runs after the
# key check — for 1,000 RFCs (every seeded company with a distinctive, then unknown ones to make 1,000) and for 1,000
# verification codes, RUNS (30) times each after five warm-up runs. Target: under 200 ms.
# Usage: bench/batch/run.sh [folder] [runs]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FOLDER=${1:-$(mktemp -d /tmp/certify-batch.XXXXXX)}
dotnet build "$ROOT/bench/batch/Certify.BatchBench" -c Release -nologo -v q
dotnet "$ROOT/bench/batch/Certify.BatchBench/bin/Release/net10.0/Certify.BatchBench.dll" "$FOLDER" "${2:-30}"
