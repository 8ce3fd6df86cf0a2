#!/usr/bin/env bash
# Mutation testing with Stryker.NET, one source file at a time (it is CPU-heavy: never run it in CI).
#   bash scripts/mutation.sh                      # every file in the table below
#   bash scripts/mutation.sh PageRequest          # the rows whose file name contains "PageRequest"
#   bash scripts/mutation.sh IfMatch --mutation-level Basic   # further arguments go to dotnet stryker
# Each file is mutated against the tests that cover it (a VSTest filter), not the whole suite.
# Reports land in StrykerOutput/<file>/; copy the scores into docs/mutation.md.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null

# project | file to mutate | tests that cover it
rows=(
  "Portal.Data|Paging/PageRequest.cs|FullyQualifiedName~IntegrationListTests|FullyQualifiedName~RequestShapeTests"
  "Portal.Data|Integrations/IfMatch.cs|FullyQualifiedName~IntegrationLifecycleTests|FullyQualifiedName~RuleMessageTests|FullyQualifiedName~ConcurrentUpdateTests"
  "Portal.Data|Integrations/IntegrationRules.cs|FullyQualifiedName~IntegrationValidationTests|FullyQualifiedName~RuleMessageTests|FullyQualifiedName~RulePatternTests|FullyQualifiedName~UrlUserInfoTests|FullyQualifiedName~PatchRuleTests"
  "Portal.Data|Integrations/IntegrationService.cs|FullyQualifiedName~Portal.Tests.Data"
  "Portal.Data|Tokens/ApiTokenService.cs|FullyQualifiedName~ApiTokenServiceTests|FullyQualifiedName~ApiTokenRuleTests"
  "Portal|Api/BodyReader.cs|FullyQualifiedName~BodyEncodingTests|FullyQualifiedName~RequestShapeTests|FullyQualifiedName~ConditionalAndIdempotent"
  "Portal|Api/ApiResults.cs|FullyQualifiedName~Portal.Tests.Api&FullyQualifiedName!~HostileInputProperties"
  "Portal.Data|Installations/InstallationService.cs|FullyQualifiedName~InstallationServiceTests|FullyQualifiedName~ConcurrentChangeTests"
  "Portal.Data|AccessKeys/AccessKeyService.cs|FullyQualifiedName~AccessKeyServiceTests"
  "Portal.Data|Sites/SiteService.cs|FullyQualifiedName~SiteServiceTests|FullyQualifiedName~ConcurrentChangeTests"
  "Portal.Data|Events/EventService.cs|FullyQualifiedName~ChangeEventTests"
)

for row in "${rows[@]}"; do
  project=$(cut -d'|' -f1 <<<"$row"); file=$(cut -d'|' -f2 <<<"$row"); filter=${row#*|*|}
  if [[ $# -gt 0 && "$file" != *"$1"* ]]; then continue; fi
  name=$(basename "$file" .cs)
  out="StrykerOutput/$name"
  mkdir -p "$out"
  cat >"$out/stryker-config.json" <<JSON
{
  "stryker-config": {
    "project": "$project.csproj",
    "test-projects": ["$(pwd)/Portal.Tests/Portal.Tests.csproj"],
    "mutate": ["**/$file"],
    "test-case-filter": "$filter",
    "configuration": "Release",
    "concurrency": 1,
    "reporters": ["progress", "html", "json"],
    "thresholds": { "high": 90, "low": 80, "break": 0 }
  }
}
JSON
  echo "== $project/$file"
  (cd "$project" && dotnet stryker --config-file "../$out/stryker-config.json" --output "../$out" "${@:2}")
done
