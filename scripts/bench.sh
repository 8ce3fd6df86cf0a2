#!/usr/bin/env bash
# Measures the IntegrationService calls behind every page view and API request on 100,000 integrations,
# and writes the figures to docs/benchmarks.md. Takes a few minutes; not part of the test run.
set -euo pipefail
cd "$(dirname "$0")/.."
artifacts=$(mktemp -d)
dotnet run -c Release --project Portal.Benchmarks -- --filter '*' --job short --artifacts "$artifacts" "$@"
{
  echo "# Benchmarks"
  echo
  echo "Written by \`scripts/bench.sh\` on $(date -u +%Y-%m-%d) ($(nproc) cores). 100,000 integrations of 20 integrators"
  echo "in one SQLite file (WAL); each call is one service call with its own DbContext, as a request makes it."
  echo
  cat "$artifacts"/results/*-report-github.md
} > docs/benchmarks.md
rm -rf "$artifacts"
echo "Written to docs/benchmarks.md"
