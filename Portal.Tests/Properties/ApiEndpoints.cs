namespace Portal.Tests.Properties;

/// <summary>
/// One row per API endpoint the property tests attack. Add a row for a new endpoint; "{id}" in the path is filled
/// with ids of every kind (the caller's own, another integrator's, unknown, hostile text).
/// </summary>
/// <param name="Method">The method the endpoint serves (the generator sends others too).</param>
/// <param name="Path">The route, with "{id}" where an object's id goes.</param>
/// <param name="TakesBody">Whether the endpoint reads a JSON body.</param>
/// <param name="TakesQuery">Whether the endpoint reads query parameters (otherwise odd ones are still sent, rarely).</param>
/// <param name="MayUseOwnId">Whether the caller's own ids may go into "{id}" (not for DELETE: the data would run out).</param>
/// <param name="Ids">Which kind of object "{id}" names.</param>
public sealed record ApiEndpoint(
    string Method, string Path, bool TakesBody = false, bool TakesQuery = false, bool MayUseOwnId = true, IdSpace Ids = IdSpace.Integration)
{
    public static IReadOnlyList<ApiEndpoint> All { get; } =
    [
        new("POST", "/api/integrations", TakesBody: true),
        new("GET", "/api/integrations", TakesQuery: true),
        new("GET", "/api/integrations/{id}"),
        new("PATCH", "/api/integrations/{id}", TakesBody: true),
        new("DELETE", "/api/integrations/{id}", MayUseOwnId: false),
        new("GET", "/api/integrations/{id}/installations", TakesQuery: true),
        new("GET", "/api/integrations/{id}/versions", TakesQuery: true),
        new("POST", "/api/integrations/installations/{id}/accesskeys", TakesBody: true, Ids: IdSpace.Installation),
        new("GET", "/api/integrations/installations/{id}/accesskeys", TakesQuery: true, Ids: IdSpace.Installation),
        new("GET", "/api/integrations/accesskeys/{id}", Ids: IdSpace.AccessKey),
        new("DELETE", "/api/integrations/accesskeys/{id}", MayUseOwnId: false, Ids: IdSpace.AccessKey),
        new("GET", "/api/integration"),
        new("GET", "/api/ping"),
        new("GET", "/api/{id}"), // paths the API does not have
    ];

    public override string ToString() => $"{Method} {Path}";
}

/// <summary>The kinds of object an endpoint's "{id}" names; the fixture holds own and foreign ids of each.</summary>
public enum IdSpace
{
    Integration,
    Installation,
    AccessKey,
}
