#!/usr/bin/env bash
# Registry search benchmark: seeds COUNT (100,000) distinctives into a fresh database (the app's migrations) and times
# RegistryService.SearchAsync for a mix of searches and filters (60 runs each after 5 warm-up runs). SQLite file in the
# folder by default; on PostgreSQL: bash .ci/with-postgres bench/registry/run.sh (a throwaway server).
# Usage: bench/registry/run.sh [folder]   Environment: COUNT (100000), Database__Provider, ConnectionStrings__Certify.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FOLDER=${1:-$(mktemp -d /tmp/certify-registry.XXXXXX)}
dotnet build "$ROOT/bench/registry/Certify.RegistryBench" -c Release -nologo -v q
dotnet "$ROOT/bench/registry/Certify.RegistryBench/bin/Release/net10.0/Certify.RegistryBench.dll" registry "$FOLDER" "${COUNT:-100000}"
