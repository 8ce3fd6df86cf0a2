#!/usr/bin/env bash
# Server memory per open circuit of the integrations list (issue 8): the portal in Release and Development (for its
# sign-in personas) on a fresh database, an integrator with 100 integrations made through the API, and Debian's
# Chromium opening COUNT pages of /integrations (25 rows each, the page's default) in one signed-in context.
# `dotnet-gcdump collect` forces a full, blocking GC and reports the live managed heap: once before the pages open
# (after one warm-up page opened and closed), once with all of them open, and once after they closed.
# (open - before) / COUNT is the live heap one circuit holds. Writes the "Circuit memory" section of
# docs/benchmarks.md (scripts/bench.sh keeps it); the three heap dumps stay in artifacts/circuits/ for
# `dotnet dotnet-gcdump report` (what a circuit holds, by type). CPU-heavy; not part of the tests.
#   bash scripts/circuits.sh            # COUNT=50
#   CIRCUIT_PATH=/not-found CIRCUIT_ROWS=0 bash scripts/circuits.sh   # another page, for comparison: prints its
#                                       # figures and keeps its dumps, leaves docs/benchmarks.md as it is
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
COUNT=${COUNT:-50}
PORT=${PORT:-5186}
CIRCUIT_PATH=${CIRCUIT_PATH:-}
CONFIGURATION=${CONFIGURATION:-Release} # Debug only for a quick comparison while a Release build is in use
CIRCUIT_ROWS=${CIRCUIT_ROWS:-25}

command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
command -v jq >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq >/dev/null; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  for project in Portal Portal.Benchmarks; do
    dotnet build "$project" -c "$CONFIGURATION" -nologo -clp:ErrorsOnly >/dev/null
  done
fi

work=$(mktemp -d)
portal_pid=
cleanup() {
  [ -n "$portal_pid" ] && kill "$portal_pid" 2>/dev/null
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

portal_env=(
  ASPNETCORE_ENVIRONMENT=Development
  "ConnectionStrings__Portal=Data Source=$work/portal.db"
  Api__RateLimit__PermitLimit=1000000000
  RateLimit__Anonymous__PermitLimit=1000000000
)
portal_dll="$root/Portal/bin/$CONFIGURATION/net10.0/Portal.dll"
token=$(cd "$root/Portal" && env "${portal_env[@]}" dotnet "$portal_dll" tokens create --user dev-acme --name circuits)
(cd "$root/Portal" && exec env "${portal_env[@]}" dotnet "$portal_dll" --urls "http://127.0.0.1:$PORT" >"$work/portal.log" 2>&1) &
portal_pid=$!
portal="http://127.0.0.1:$PORT"
for _ in $(seq 150); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$portal/api/ping" || true)" = 204 ] && break
  sleep 0.2
done
for i in $(seq 100); do
  curl -sS --fail-with-body -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"name\":\"Feed $i\",\"url\":\"https://example.com/feed/$i\",\"description\":\"Seeded through the API.\"}" \
    "$portal/api/integrations" >/dev/null
done
pid=$(pgrep -f "Portal.dll --urls http://127.0.0.1:$PORT" | head -1)

heap() { # label: a full GC, then the live managed heap in bytes
  dotnet dotnet-gcdump collect -p "$pid" -o "$work/$1.gcdump" >/dev/null 2>&1
  dotnet dotnet-gcdump report "$work/$1.gcdump" | awk '/GC Heap bytes/ { gsub(",", "", $1); print $1; exit }'
}

coproc DRIVER { dotnet "$root/Portal.Benchmarks/bin/$CONFIGURATION/net10.0/Portal.Benchmarks.dll" circuits "$portal" "$COUNT" "${CIRCUIT_PATH:-/integrations}" "$CIRCUIT_ROWS"; }
expect_line() { local line; read -r line <&"${DRIVER[0]}"; [ "$line" = "$1" ] || { echo "driver said '$line', not '$1'" >&2; exit 1; }; }
expect_line ready
before=$(heap before)
echo open >&"${DRIVER[1]}"
expect_line opened
open=$(heap open)
echo close >&"${DRIVER[1]}"
expect_line closed
# Closed tabs tell Blazor at once (the unload beacon); the circuits then go with the next collections.
closed=$(heap closed)
for _ in 1 2 3; do
  [ $(((closed - before) / COUNT)) -lt 20000 ] && break
  closed=$(heap closed)
done
dumps=artifacts/circuits
[ -z "$CIRCUIT_PATH" ] || dumps="artifacts/circuits$(printf '%s' "$CIRCUIT_PATH" | tr -c 'a-zA-Z0-9' -)"
mkdir -p "$dumps" && cp "$work"/*.gcdump "$dumps"/ # to read with `dotnet-gcdump report`
echo quit >&"${DRIVER[1]}"
wait "$DRIVER_PID" 2>/dev/null || true

per_circuit=$(((open - before) / COUNT / 1024))
left=$(((closed - before) / 1024))
verdict="**not met**"
[ "$per_circuit" -le 250 ] && verdict=met
echo "live heap: before $before, $COUNT open $open, after closing $closed bytes; per circuit ${per_circuit} KB"
{ [ -z "$CIRCUIT_PATH" ] && [ "$CONFIGURATION" = Release ]; } || exit 0 # a comparison, not the figure of record

section=$(mktemp)
{
  echo "## Circuit memory"
  echo
  echo "Written by \`scripts/circuits.sh\` on $(date -u '+%Y-%m-%d %H:%M') UTC ($(nproc) cores, shared with whatever else ran)."
  echo "The portal in Release (Development, for its sign-in personas) on a fresh SQLite file; Acme has 100 integrations"
  echo "made through the API; Debian's Chromium opens $COUNT pages of \`/integrations\` (25 rows each, the default) in one"
  echo "signed-in context, each waited for until its circuit rendered the rows. \`dotnet-gcdump collect\` forces a full GC"
  echo "and reports the live managed heap."
  echo
  echo "| | live managed heap |"
  echo "| -- | --: |"
  echo "| before (one warm-up page opened and closed) | $((before / 1024)) KB |"
  echo "| $COUNT circuits open | $((open / 1024)) KB |"
  echo "| after closing them | $((closed / 1024)) KB ($left KB above before) |"
  echo "| **per circuit** ((open − before) / $COUNT) | **$per_circuit KB** |"
  echo
  echo "Target: at most 250 KB per circuit, released when they close: $verdict."
} >"$section"

if grep -q '^## Circuit memory' docs/benchmarks.md; then
  awk -v file="$section" '
    /^## Circuit memory/ { while ((getline line < file) > 0) print line; print ""; skip = 1; next }
    skip && /^## / { skip = 0 }
    !skip' docs/benchmarks.md >docs/benchmarks.md.new
else
  { cat docs/benchmarks.md; echo; cat "$section"; } >docs/benchmarks.md.new
fi
mv docs/benchmarks.md.new docs/benchmarks.md
rm -f "$section"
echo "Written to docs/benchmarks.md"
