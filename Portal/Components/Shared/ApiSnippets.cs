using System.Text.Json;
using Portal.Data.Integrations;

namespace Portal.Components.Shared;

/// <summary>Copy-ready HTTPie and curl commands for one integration, in the seed's style, the token as $TOKEN.</summary>
public static class ApiSnippets
{
    public sealed record Snippet(string Title, string Code);

    public sealed record Operation(string Title, Snippet HttPie, Snippet Curl);

    /// <param name="baseUri">The portal's own base URI, e.g. NavigationManager.BaseUri.</param>
    public static IReadOnlyList<Operation> For(string baseUri, IntegrationData integration)
    {
        var resource = $"{baseUri.TrimEnd('/')}/api/integrations/{integration.CloudId}";
        var patchBody = JsonSerializer.Serialize(new Dictionary<string, string> { ["url"] = integration.Url });
        return
        [
            new("Retrieve",
                new("HTTPie retrieve", $"http -jv GET {resource} \\\n  -A bearer -a \"$TOKEN\""),
                new("curl retrieve", $"curl -sS {resource} \\\n  -H \"Authorization: Bearer $TOKEN\"")),
            new("Update",
                new("HTTPie update", $"http -jv PATCH {resource} \\\n  url={Quote(integration.Url)} \\\n  -A bearer -a \"$TOKEN\""),
                new("curl update", $"curl -sS -X PATCH {resource} \\\n  -H \"Authorization: Bearer $TOKEN\" \\\n  -H 'Content-Type: application/json' \\\n  -d {Quote(patchBody)}")),
            new("Delete",
                new("HTTPie delete", $"http -jv DELETE {resource} \\\n  -A bearer -a \"$TOKEN\""),
                new("curl delete", $"curl -sS -X DELETE {resource} \\\n  -H \"Authorization: Bearer $TOKEN\"")),
        ];
    }

    /// <summary>One POSIX shell word in single quotes; a single quote inside becomes '\''.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
