#!/usr/bin/env bash
# The hot path, side by side: a bare Kestrel reference (Portal.Reference, one integration's JSON from memory; the
# framework's ceiling on this machine) and the portal (Release, a fresh SQLite database), driven by wrk in
# alternating rounds. Writes docs/benchmarks.md. The ratios to the reference are the figures that count; absolute
# numbers drift with whatever else the machine runs. Takes about four minutes; not part of the test run.
#
#   bash scripts/bench.sh                      wrk rounds only; keeps the service benchmarks' section as it is
#   BENCH_SERVICES=1 bash scripts/bench.sh     also re-runs the BenchmarkDotNet service benchmarks (a few minutes more)
#   ROUNDS=3 DURATION=5s bash scripts/bench.sh longer rounds (defaults: 2 rounds of 3s per side and endpoint)
#   BENCH_DATABASE=postgres bash scripts/bench.sh
#                                              the portal on PostgreSQL (a throw-away cluster, as the tests use);
#                                              writes docs/benchmarks-postgres.md instead
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

ROUNDS=${ROUNDS:-2}
DURATION=${DURATION:-3s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
REF_PORT=${REF_PORT:-5185}
PORTAL_PORT=${PORTAL_PORT:-5186}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
for tool in wrk jq curl; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "Installing $tool from Debian"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$tool" >/dev/null
  fi
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  for project in Portal Portal.Reference Portal.Benchmarks; do
    dotnet build "$project" -c Release -nologo -clp:ErrorsOnly >/dev/null
  done
fi

work=$(mktemp -d)
pids=()
# shellcheck source=scripts/postgres-cluster.sh
. scripts/postgres-cluster.sh
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  stop_postgres
  rm -rf "$work"
}
trap cleanup EXIT

BENCH_DATABASE=${BENCH_DATABASE:-sqlite}
out=docs/benchmarks.md
if [ "$BENCH_DATABASE" = postgres ]; then
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  start_postgres
  "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -qAt -c "CREATE DATABASE portal_bench OWNER portal_test" >/dev/null
  db="Host=127.0.0.1;Port=$pg_port;Database=portal_bench;Username=portal_test"
  db_label="a fresh PostgreSQL database (a local throw-away cluster, fsync off)"
  out=docs/benchmarks-postgres.md
  [ -f "$out" ] || cp docs/benchmarks.md "$out"
else
  db="Data Source=$work/portal.db"
  db_label="a fresh SQLite file (WAL)"
fi
export Database__Provider=$BENCH_DATABASE # read by the portal, its tokens command and the seeder
# Production settings, except: the rate limits (per credential and per anonymous address) are raised so that wrk
# measures the limiter's cost, not its 429s; the
# OpenID provider is a placeholder (the API never calls it); logging is as shipped.
portal_env=(
  ASPNETCORE_ENVIRONMENT=Production
  "ConnectionStrings__Portal=$db"
  Api__RateLimit__PermitLimit=1000000000
  RateLimit__Anonymous__PermitLimit=1000000000
  Authentication__Oidc__Authority=https://127.0.0.1:9/
  Authentication__Oidc__ClientId=bench
  Authentication__Oidc__ClientSecret=bench
)
portal_dll="$root/Portal/bin/Release/net10.0/Portal.dll"
token() { env "${portal_env[@]}" dotnet "$portal_dll" tokens create --user "$1" --name bench; }

token_a=$(token bench-a)   # 100 integrations: GET by id, a page of 100, installations, access key
token_b=$(token bench-b)   # 10,000 integrations
token_c=$(token bench-c)   # 100,000 integrations

(cd "$root/Portal" && exec env "${portal_env[@]}" dotnet "$portal_dll" --urls "http://127.0.0.1:$PORTAL_PORT" >"$work/portal.log" 2>&1) &
pids+=($!)
dotnet "$root/Portal.Reference/bin/Release/net10.0/Portal.Reference.dll" --urls "http://127.0.0.1:$REF_PORT" >"$work/reference.log" 2>&1 &
pids+=($!)

portal="http://127.0.0.1:$PORTAL_PORT"
reference="http://127.0.0.1:$REF_PORT/"
for url in "$portal/api/ping" "$reference"; do
  for _ in $(seq 100); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)
    [ "$code" != "000" ] && break
    sleep 0.2
  done
done

api() { # method path token [curl args...]
  local method=$1 path=$2 tok=$3
  shift 3
  curl -sS --fail-with-body -X "$method" -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' "$@" "$portal$path"
}
create_integrations() { # token prefix count
  for i in $(seq "$3"); do
    api POST /api/integrations "$1" -d "{\"name\":\"$2 $i\",\"url\":\"https://example.com/$2/$i\",\"description\":\"Seeded through the API.\"}" >/dev/null
  done
}
seed() { dotnet "$root/Portal.Benchmarks/bin/Release/net10.0/Portal.Benchmarks.dll" seed "$@"; }

echo "Built in ${SECONDS}s. Seeding through the API, then in bulk"
create_integrations "$token_a" "Feed" 100
create_integrations "$token_b" "Feed" 100
create_integrations "$token_c" "Feed" 100
seed integrations "$db" bench-b 10000
seed integrations "$db" bench-c 100000
some_id=$(api GET '/api/integrations?per_page=1&page=50' "$token_a" | jq -r '.data[0].cloud_id')
seed installations "$db" "$some_id" 100
installation=$(api GET "/api/integrations/$some_id/installations?per_page=1" "$token_a" | jq -r '.data[0].cloud_id')
access_key=$(api POST "/api/integrations/installations/$installation/accesskeys" "$token_a" | jq -r '.access_key')

# name | path | credential (empty: anonymous)
scenarios=(
  "GET by id|/api/integrations/$some_id|$token_a"
  "GET /api/ping|/api/ping|$token_a"
  "a page of 100 (100 rows)|/api/integrations?page=1&per_page=100|$token_a"
  "10,000 rows: page 1|/api/integrations?page=1&per_page=100|$token_b"
  "10,000 rows: last page|/api/integrations?page=100&per_page=100|$token_b"
  "100,000 rows: page 1|/api/integrations?page=1&per_page=100|$token_c"
  "100,000 rows: last page|/api/integrations?page=1000&per_page=100|$token_c"
  "GET /api/integration (access key)|/api/integration|$access_key"
  "installations, a page of 100|/api/integrations/$some_id/installations?page=1&per_page=100|$token_a"
  "/openapi/v1.json (anonymous)|/openapi/v1.json|"
)

# Checks each endpoint answers 200/204 before measuring it.
for s in "${scenarios[@]}"; do
  IFS='|' read -r name path credential <<<"$s"
  auth=()
  [ -n "$credential" ] && auth=(-H "Authorization: Bearer $credential")
  code=$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" "$portal$path")
  if [ "$code" != 200 ] && [ "$code" != 204 ]; then
    echo "$name: $path answered $code; see $work/portal.log" >&2
    cat "$work/portal.log" >&2
    exit 1
  fi
done

# One wrk run: prints "requests/s p50_ms p99_ms non2xx".
measure() { # url [header]
  local out
  if [ -n "${2:-}" ]; then
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "$2" "$1")
  else
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$1")
  fi
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
    /^Requests\/sec:/ { rps = $2 } /Non-2xx or 3xx responses:/ { bad = $NF }
    END { printf "%.0f %.2f %.2f %d\n", rps, p50, p99, bad + 0 }' <<<"$out"
}

echo "Seeded by ${SECONDS}s. Warming up"
for s in "${scenarios[@]}"; do
  IFS='|' read -r name path credential <<<"$s"
  DURATION=1s measure "$portal$path" "${credential:+Authorization: Bearer $credential}" >/dev/null
done
DURATION=2s measure "$reference" >/dev/null

results="$work/results.tsv"
: >"$results"
for s in "${scenarios[@]}"; do
  IFS='|' read -r name path credential <<<"$s"
  for round in $(seq "$ROUNDS"); do
    read -r r_rps r_p50 r_p99 _ <<<"$(measure "$reference")"
    read -r p_rps p_p50 p_p99 p_bad <<<"$(measure "$portal$path" "${credential:+Authorization: Bearer $credential}")"
    if [ "$p_bad" -ne 0 ]; then
      echo "$name: $p_bad responses were not 2xx; see $work/portal.log" >&2
      exit 1
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$round" "$r_rps" "$r_p50" "$r_p99" "$p_rps" "$p_p50" "$p_p99" >>"$results"
    echo "$name, round $round: reference $r_rps/s, portal $p_rps/s"
  done
done

# Per scenario: the mean over rounds of each round's figures; the ratio is the mean of the per-round ratios.
summary="$work/summary.tsv"
awk -F'\t' '
  { n[$1]++; order[$1] = order[$1] ? order[$1] : NR
    rr[$1] += $3; rp50[$1] += $4; rp99[$1] += $5; pr[$1] += $6; pp50[$1] += $7; pp99[$1] += $8; ratio[$1] += $6 / $3 }
  END { for (k in n) printf "%d\t%s\t%.0f\t%.2f\t%.2f\t%.0f\t%.2f\t%.2f\t%.4f\n", order[k], k,
          rr[k] / n[k], rp50[k] / n[k], rp99[k] / n[k], pr[k] / n[k], pp50[k] / n[k], pp99[k] / n[k], ratio[k] / n[k] }' \
  "$results" | sort -n | cut -f2- >"$summary"

field() { awk -F'\t' -v k="$1" -v c="$2" '$1 == k { print $c }' "$summary"; }
ratio_of() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "n/a"; else printf "%.2f", a / b }'; }
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v + 0 >= t + 0) ? "met" : "**not met**" }'; }

by_id=$(field "GET by id" 8)
page100=$(field "a page of 100 (100 rows)" 8)
# Compared through their ratios to the reference, so that drift between rounds cancels out.
p1_10k=$(field "10,000 rows: page 1" 8); last_10k=$(field "10,000 rows: last page" 8)
p1_100k=$(field "100,000 rows: page 1" 8); last_100k=$(field "100,000 rows: last page" 8)
last_over_first_10k=$(ratio_of "$last_10k" "$p1_10k")
last_over_first_100k=$(ratio_of "$last_100k" "$p1_100k")
big_over_small_p1=$(ratio_of "$p1_100k" "$p1_10k")
big_over_small_last=$(ratio_of "$last_100k" "$last_10k")
openapi=$(field "/openapi/v1.json (anonymous)" 8)

service_section="$work/services.md"
if [ "${BENCH_SERVICES:-0}" = 1 ]; then
  artifacts="$work/bdn"
  dotnet run -c Release --project Portal.Benchmarks -- --filter '*' --job short --artifacts "$artifacts" >/dev/null
  {
    echo "## Service benchmarks (BenchmarkDotNet)"
    echo
    echo "Written by \`BENCH_SERVICES=1 scripts/bench.sh\` on $(date -u +%Y-%m-%d) ($(nproc) cores). 100,000 integrations of 20 integrators"
    echo "in one SQLite file (WAL); each call is one service call with its own DbContext, as a request makes it."
    echo
    cat "$artifacts"/results/*-report-github.md
  } >"$service_section"
else
  # Keep the section as it stands (everything from its heading to the next "## " heading).
  awk '/^## Service benchmarks/ { on = 1; print; next } on && /^## / { exit } on' "$out" >"$service_section"
fi
profile_section="$work/profile.md"
awk '/^## Profile/ { on = 1; print; next } on && /^## / { exit } on' "$out" >"$profile_section"
circuit_section="$work/circuits.md"
awk '/^## Circuit memory/ { on = 1; print; next } on && /^## / { exit } on' "$out" >"$circuit_section"

{
  echo "# Benchmarks"
  echo
  echo "## The hot path, side by side"
  echo
  echo "Written by \`scripts/bench.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC') ($(nproc) cores, shared with whatever else ran)."
  echo "wrk, $THREADS threads, $CONNECTIONS connections, loopback; $ROUNDS alternating rounds of $DURATION per side and endpoint"
  echo "(reference, then portal, then again). The reference (\`Portal.Reference\`) is bare Kestrel answering one integration's"
  echo "JSON from memory: the framework's ceiling on this machine. The portal runs in Release on $db_label, with"
  echo "authentication, rate limiting (its limit raised so that no request is refused), the database and all."
  echo
  echo "Seeding: integrator A gets 100 integrations through the API; B and C get their first 100 through the API and the rest"
  echo "(to 10,000 and 100,000) in bulk by \`Portal.Benchmarks seed integrations\` (EF Core, the entity and normalisation the"
  echo "service writes). 100 tenants install one of A's integrations through the services (\`seed installations\`; the API"
  echo "has no install endpoint); the access key is made through the API."
  echo
  echo "Ratio = the portal's requests/s over the reference's in the same round, averaged over the rounds."
  echo
  echo "| endpoint | reference req/s | p50 ms | p99 ms | portal req/s | p50 ms | p99 ms | ratio |"
  echo "| -- | --: | --: | --: | --: | --: | --: | --: |"
  awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8 }' "$summary"
  echo
  echo "### Targets"
  echo
  echo "Page-to-page and size-to-size figures divide the two endpoints' ratios to the reference (drift between rounds cancels)."
  echo
  echo "| target | figure | portal req/s | reference req/s | verdict |"
  echo "| -- | --: | --: | --: | -- |"
  row() { echo "| $1 | $2 | $(field "$3" 5) | $(field "$3" 2) | $(verdict "$2" "$4") |"; }
  row "GET by id ≥ 0.5 of the reference" "$by_id" "GET by id" 0.5
  row "a page of 100 ≥ 0.2 of the reference" "$page100" "a page of 100 (100 rows)" 0.2
  row "last page ≥ 0.8 of page 1, 10,000 rows" "$last_over_first_10k" "10,000 rows: last page" 0.8
  row "last page ≥ 0.8 of page 1, 100,000 rows" "$last_over_first_100k" "100,000 rows: last page" 0.8
  row "100,000 rows ≥ 0.9 of 10,000, page 1" "$big_over_small_p1" "100,000 rows: page 1" 0.9
  row "100,000 rows ≥ 0.9 of 10,000, last page" "$big_over_small_last" "100,000 rows: last page" 0.9
  echo "| /openapi/v1.json built once, not per request (its ratio) | $openapi | $(field "/openapi/v1.json (anonymous)" 5) | $(field "/openapi/v1.json (anonymous)" 2) | see the profile |"
  echo
  [ -s "$profile_section" ] && { cat "$profile_section"; echo; }
  [ -s "$circuit_section" ] && { cat "$circuit_section"; echo; }
  cat "$service_section"
} >"$out.new"
mv "$out.new" "$out"
echo "Written to $out in ${SECONDS}s"
