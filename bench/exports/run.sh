#!/usr/bin/env bash
# Export benchmark: seeds the analytics data set (bench/Seeding: 10,000 assessments, 100,000 answers, reviews, findings,
# distinctives) into a fresh SQLite file with the app's migrations, then times the program admin's exports through
# ExportService into files: XLSX of all submitted assessments (target < 5 s), plus CSV, findings and distinctives.
# Usage: bench/exports/run.sh [folder] [runs]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FOLDER=${1:-$(mktemp -d /tmp/certify-exports.XXXXXX)}
dotnet build "$ROOT/bench/exports/Certify.ExportBench" -c Release -nologo -v q
dotnet "$ROOT/bench/exports/Certify.ExportBench/bin/Release/net10.0/Certify.ExportBench.dll" "$FOLDER" "${2:-5}"
