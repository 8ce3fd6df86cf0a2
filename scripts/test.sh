#!/usr/bin/env bash
# Runs every test of the portal. On a fresh Debian machine with the .NET SDK it first installs what the tests
# need (Chromium for the end-to-end tests, PostgreSQL for the second database), so nothing is skipped for want of
# a tool. Every test runs on SQLite; then the service, API, command and multi-node tests run again on PostgreSQL,
# on a throw-away cluster in a temporary folder on a free port, stopped at the end whatever happens.
# Ends with one line: "tests: N passed, N failed, N skipped", summed over every run.
set -uo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

install_debian_packages() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  # Node.js runs the OpenID provider of the end-to-end sign-in tests (Portal.E2E/oidc).
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing from Debian: ${missing[*]}"
  as_root apt-get update -qq || return 1
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || return 1
}

if ! install_debian_packages; then
  echo "Could not install the packages the tests need (see above)." >&2
  echo "tests: 0 passed, 1 failed, 0 skipped"
  exit 1
fi

# The end-to-end tests' OpenID provider (npm oidc-provider, pinned in Portal.E2E/oidc/package-lock.json).
if ! (cd Portal.E2E/oidc && npm ci --no-audit --no-fund --loglevel=error); then
  echo "Could not install the npm packages of Portal.E2E/oidc (see above)." >&2
  echo "tests: 0 passed, 1 failed, 0 skipped"
  exit 1
fi

# Redocly CLI (pinned in tools/openapi/package-lock.json), which Portal.Tests' OpenApiLintTests runs on the document.
if ! (cd tools/openapi && npm ci --no-audit --no-fund --loglevel=error); then
  echo "Could not install the npm packages of tools/openapi (see above)." >&2
  echo "tests: 0 passed, 1 failed, 0 skipped"
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
log=$(mktemp)
# shellcheck source=scripts/postgres-cluster.sh
. scripts/postgres-cluster.sh
trap 'stop_postgres; rm -f "$log"' EXIT

if ! dotnet build DeveloperPortal.sln -c Release -nologo -clp:ErrorsOnly 2>&1 | tee "$log"; then
  echo "The build failed." >&2
  echo "tests: 0 passed, 1 failed, 0 skipped"
  exit 1
fi

echo "== every test, on SQLite"
# One assembly after the other: the end-to-end journeys drive a browser against a live portal and must not share two
# cores with the rest of the suite, or a loaded machine turns their waits into timeouts.
# Portal.Tests.Postgres holds what only PostgreSQL has (its listener, losing its server), and Portal.E2E.MultiNode the
# browser on one node following another (two portals on one PostgreSQL database): the second run's.
status=0
for project in Portal.Tests Portal.E2E; do
  dotnet test "$project" -c Release --no-build -nologo \
    --filter "FullyQualifiedName!~Portal.Tests.Postgres.&FullyQualifiedName!~Portal.E2E.MultiNode." "$@" 2>&1 | tee -a "$log"
  project_status=${PIPESTATUS[0]}
  [ "$project_status" -ne 0 ] && status=$project_status
done

echo "== the service, API, command, multi-node (API and browser) and PostgreSQL-only tests, on PostgreSQL"
if start_postgres; then
  export PORTAL_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=portal_test;Database=postgres"
  PORTAL_TEST_DATABASE=postgres dotnet test Portal.Tests -c Release --no-build -nologo \
    --filter "FullyQualifiedName~Portal.Tests.Data.|FullyQualifiedName~Portal.Tests.Api.|FullyQualifiedName~Portal.Tests.Cli.|FullyQualifiedName~Portal.Tests.MultiNode.|FullyQualifiedName~Portal.Tests.Postgres." \
    "$@" 2>&1 | tee -a "$log"
  pg_status=${PIPESTATUS[0]}
  [ "$pg_status" -ne 0 ] && status=$pg_status
  PORTAL_TEST_DATABASE=postgres dotnet test Portal.E2E -c Release --no-build -nologo \
    --filter "FullyQualifiedName~Portal.E2E.MultiNode." "$@" 2>&1 | tee -a "$log"
  pg_status=${PIPESTATUS[0]}
  [ "$pg_status" -ne 0 ] && status=$pg_status
else
  echo "Could not start a PostgreSQL cluster for the tests:" >&2
  cat "$pg_dir"/*.log >&2 2>/dev/null
  echo "Failed!  - Failed:     1, Passed:     0, Skipped:     0, Total:     1 - PostgreSQL (not started)" >>"$log"
  status=1
fi
stop_postgres; pg_dir=""

# Each assembly ends with e.g. "Passed!  - Failed:     0, Passed:    57, Skipped:     0, Total:    57, ...".
sum() { grep -E '^(Passed|Failed)!' "$log" | grep -oE "$1: +[0-9]+" | awk '{ s += $2 } END { print s + 0 }'; }
passed=$(sum Passed); failed=$(sum Failed); skipped=$(sum Skipped)
assemblies=$(grep -cE '^(Passed|Failed)!' "$log")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $status although no test failed (a test host crashed or did not start)." >&2
  failed=1
fi
if [ "$assemblies" -eq 0 ]; then
  echo "No test assembly reported results." >&2
  failed=$((failed > 0 ? failed : 1)); status=1
fi
[ -d artifacts/screenshots ] && echo "E2E screenshots: $(pwd)/artifacts/screenshots"
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
