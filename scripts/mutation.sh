#!/usr/bin/env bash
# Mutation testing with Stryker.NET, one source file at a time (it is CPU-heavy: never run it in CI).
#   bash scripts/mutation.sh                      # every file in the table below
#   bash scripts/mutation.sh PageRequest          # the rows whose file name contains "PageRequest"
#   bash scripts/mutation.sh 'IfMatch|ApiTokenService'   # both files in one run (same project)
#   bash scripts/mutation.sh IfMatch --mutation-level Basic   # further arguments go to dotnet stryker
# Each file is mutated against the tests that cover it (a VSTest filter), not the whole suite.
# Reports land in StrykerOutput/<file>[+<file>...]/reports/; copy the scores into docs/mutation.md.
# Progress: the dots reporter prints one character per mutant tested (. killed, S survived, T timeout), also to a log.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null

# project | file to mutate | tests that cover it
rows=(
  "Portal.Data|Paging/PageRequest.cs|FullyQualifiedName~PageWindowTests|FullyQualifiedName~IntegrationListTests|FullyQualifiedName~RequestShapeTests"
  "Portal.Data|Integrations/IfMatch.cs|FullyQualifiedName~IfMatchHeaderTests|FullyQualifiedName~IntegrationLifecycleTests|FullyQualifiedName~RuleMessageTests|FullyQualifiedName~ConcurrentUpdateTests"
  "Portal.Data|Integrations/IntegrationRules.cs|FullyQualifiedName~IntegrationValidationTests|FullyQualifiedName~RuleMessageTests|FullyQualifiedName~RulePatternTests|FullyQualifiedName~UrlUserInfoTests|FullyQualifiedName~PatchRuleTests"
  "Portal.Data|Integrations/IntegrationService.cs|FullyQualifiedName~Portal.Tests.Data"
  "Portal.Data|Tokens/ApiTokenService.cs|FullyQualifiedName~ApiTokenServiceTests|FullyQualifiedName~ApiTokenRuleTests"
  "Portal|Api/BodyReader.cs|FullyQualifiedName~BodyEncodingTests|FullyQualifiedName~BodyMessageTests|FullyQualifiedName~RequestShapeTests|FullyQualifiedName~ConditionalAndIdempotent"
  "Portal|Api/ApiResults.cs|FullyQualifiedName~ConditionalAndIdempotent|FullyQualifiedName~ConditionalResultTests|FullyQualifiedName~RequestShapeTests|FullyQualifiedName~HostsAndUrlsTests|FullyQualifiedName~MethodTests|FullyQualifiedName~LeanReadTests|FullyQualifiedName~InstallationStatusTests"
  "Portal.Data|Installations/InstallationService.cs|FullyQualifiedName~Portal.Tests.Data"
  "Portal.Data|AccessKeys/AccessKeyService.cs|FullyQualifiedName~Portal.Tests.Data"
  "Portal.Data|Sites/SiteService.cs|FullyQualifiedName~Portal.Tests.Data"
  "Portal.Data|Events/EventService.cs|FullyQualifiedName~Portal.Tests.Data"
)

# The rows whose file matches the pattern (an extended regular expression), grouped by project: the files of one
# project are mutated in ONE Stryker run (one build, one initial test run) against the union of their filters. Each
# mutant still runs only the tests that cover it (coverage-analysis perTest, Stryker's default).
pattern=${1:-.}
declare -A mutate=() filters=() names=()
for row in "${rows[@]}"; do
  project=$(cut -d'|' -f1 <<<"$row"); file=$(cut -d'|' -f2 <<<"$row"); filter=${row#*|*|}
  if ! grep -Eq -- "$pattern" <<<"$file"; then continue; fi
  mutate[$project]+="${mutate[$project]:+, }\"**/$file\""
  filters[$project]+="${filters[$project]:+|}$filter"
  names[$project]+="${names[$project]:++}$(basename "$file" .cs)"
done

for project in "${!mutate[@]}"; do
  out="StrykerOutput/${names[$project]}"
  mkdir -p "$out"
  cat >"$out/stryker-config.json" <<JSON
{
  "stryker-config": {
    "project": "$project.csproj",
    "test-projects": ["$(pwd)/Portal.Tests/Portal.Tests.csproj"],
    "mutate": [${mutate[$project]}],
    "test-case-filter": "${filters[$project]}",
    "configuration": "Release",
    "concurrency": 1,
    "reporters": ["progress", "dots", "html", "json"],
    "thresholds": { "high": 90, "low": 80, "break": 0 }
  }
}
JSON
  echo "== $project: ${names[$project]}"
  (cd "$project" && dotnet stryker --config-file "../$out/stryker-config.json" --output "../$out" "${@:2}")
done
