using System.Text.Json;
using Portal.Data.Integrations;

namespace Portal.Components.Shared;

/// <summary>Copy-ready HTTPie and curl commands for one integration, in the seed's style, the token as $TOKEN.</summary>
public static class ApiSnippets
{
    /// <param name="CopyLabel">The copy button's accessible name; it avoids the word "delete" so that the page's one
    /// "Delete" button stays the only control by that name.</param>
    public sealed record Snippet(string Tool, string Code, string CopyLabel);

    public sealed record Operation(string Title, Snippet HttPie, Snippet Curl);

    /// <param name="baseUri">The portal's own base URI, e.g. NavigationManager.BaseUri.</param>
    public static IReadOnlyList<Operation> For(string baseUri, IntegrationData integration)
    {
        var resource = $"{baseUri.TrimEnd('/')}/api/integrations/{integration.CloudId}";
        // JSON escapes every control character (\u001b), so the body is plain printable text whatever the url holds.
        var patchBody = JsonSerializer.Serialize(new Dictionary<string, string> { ["url"] = integration.Url });
        var httpieUrl = integration.Url.Any(char.IsControl)
            ? $"url:={Quote(JsonSerializer.Serialize(integration.Url))}" // HTTPie's raw JSON field, escaped the same way
            : $"url={Quote(integration.Url)}";
        return
        [
            new("Retrieve",
                new("HTTPie", $"http -jv GET {resource} \\\n  -A bearer -a \"$TOKEN\"", "Copy the HTTPie command to retrieve it"),
                new("curl", $"curl -sS {resource} \\\n  -H \"Authorization: Bearer $TOKEN\"", "Copy the curl command to retrieve it")),
            new("Update",
                new("HTTPie", $"http -jv PATCH {resource} \\\n  {httpieUrl} \\\n  -A bearer -a \"$TOKEN\"", "Copy the HTTPie command to update it"),
                new("curl", $"curl -sS -X PATCH {resource} \\\n  -H \"Authorization: Bearer $TOKEN\" \\\n  -H 'Content-Type: application/json' \\\n  -d {Quote(patchBody)}", "Copy the curl command to update it")),
            new("Delete",
                new("HTTPie", $"http -jv DELETE {resource} \\\n  -A bearer -a \"$TOKEN\"", "Copy the HTTPie command to remove it"),
                new("curl", $"curl -sS -X DELETE {resource} \\\n  -H \"Authorization: Bearer $TOKEN\"", "Copy the curl command to remove it")),
        ];
    }

    /// <summary>The HTTPie line that calls the API as an installation: the access key as user name, an empty password.</summary>
    /// <param name="baseUri">The portal's own base URI, e.g. NavigationManager.BaseUri.</param>
    public static Snippet CurrentInstallation(string baseUri, string accessKey) =>
        new("HTTPie", $"http -a {accessKey}: GET {baseUri.TrimEnd('/')}/api/integration", "Copy the HTTPie command that calls the API with this key");

    /// <summary>
    /// One POSIX shell word in single quotes; a single quote inside becomes '\''. A control character never
    /// reaches the clipboard (pasted into a terminal, ESC and Ctrl-U sequences can run commands): callers escape
    /// them first, and any left are dropped here as a last line of defence.
    /// </summary>
    public static string Quote(string text) =>
        "'" + new string(text.Where(c => !char.IsControl(c)).ToArray()).Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
