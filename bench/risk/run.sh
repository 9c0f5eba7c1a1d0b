#!/usr/bin/env bash
# Risk model benchmark and back-test: seeds the analytics data set (bench/Seeding: 2,500 companies, 10,000
# assessments, reviews and findings carrying the documented propensity signal) into a fresh SQLite file, then
#  - trains the program's model (facts of every decided review computed by the database, then the fit): target < 30 s;
#  - scores every company of the body (the ranking page's data): target < 2 s, median and p95 of RUNS runs;
#  - back-tests on a time split (train on the oldest 70 % of the reviews, rank the rest): AUC and the share of major or
#    critical findings caught in the top 20 %, for the model, the queue's former priority and random order;
#  - trains again on shuffled outcomes: the same back-test must do no better than random.
# Usage: bench/risk/run.sh [folder] [runs]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FOLDER=${1:-$(mktemp -d /tmp/certify-risk.XXXXXX)}
dotnet build "$ROOT/bench/risk/Certify.RiskBench" -c Release -nologo -v q
dotnet "$ROOT/bench/risk/Certify.RiskBench/bin/Release/net10.0/Certify.RiskBench.dll" "$FOLDER" "${2:-10}"
