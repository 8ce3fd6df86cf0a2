using System.ComponentModel;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portal.Api.OpenApi;
using Portal.Auth;
using Portal.Data.Events;
using Portal.Data.Paging;

namespace Portal.Api;

/// <summary>An integration's versions: its history of creates and updates (INSTALLATIONS.md, Versions).</summary>
[Description("Versions of your integrations: every create and update, with what changed, who changed it and when.")]
[ApiController]
[Route("api/integrations/{integrationId}/versions")]
[Authorize(AuthenticationSchemes = PortalSchemes.ApiToken, Policy = PortalPolicies.Integrator)]
[ProblemResponse(401), ProblemResponse(403), ProblemResponse(429)]
public sealed class VersionsController(EventService events) : ControllerBase
{
    [EndpointSummary("List an integration's versions, newest first.")]
    [EndpointDescription("Each version says what changed ([before, after] per attribute), who changed it and when. per_page defaults to 50. Deleting the integration deletes its versions.")]
    [HttpGet("")]
    [ProducesResponseType<VersionList>(StatusCodes.Status200OK, "application/json")]
    [ProblemResponse(404), ProblemResponse(422)]
    [PageDefaults(EventService.VersionsPerPage)]
    public async Task<IActionResult> List(
        string integrationId, [FromQuery] string? page, [FromQuery(Name = "per_page")] string? perPage, CancellationToken ct)
    {
        var found = await NestedPaging.ListAsync(
            Request,
            request => events.ListVersionsAsync(User.ToActor(), integrationId, request, ct), EventService.VersionsPerPage);
        return ResourceResults.List(HttpContext, found, VersionList.From);
    }

    /// <summary>Every other method, behind authentication: <see cref="ApiMethodFilter"/> answers 405.</summary>
    [Route("", Order = ApiMethodFilter.CatchAllOrder)]
    [ApiExplorerSettings(IgnoreApi = true)]
    public IActionResult OtherMethods() => throw new InvalidOperationException("ApiMethodFilter answers other methods.");
}

/// <summary>One version of an integration, keys in the contract's order.</summary>
[Description("One change of an integration: its creation or an update.")]
internal sealed record VersionResource(
    [property: Description("create or update.")] string Event,
    [property: Description("Only what changed, in the integration's attribute order, each as [before, after]; a create lists every attribute it set.")] IReadOnlyDictionary<string, string?[]> Changes,
    [property: Description("Who made the change; never a secret.")] VersionActorResource Actor,
    [property: JsonConverter(typeof(UtcMillisecondsConverter)), Description("When the change was made (UTC, milliseconds).")] DateTime CreatedAt)
{
    public static VersionResource From(EventData e)
    {
        var changes = new Dictionary<string, string?[]>(StringComparer.Ordinal); // keeps the order the changes were added in
        foreach (var change in e.Changes)
        {
            changes.Add(change.Attribute, [change.Before, change.After]);
        }

        return new(e.Kind == EventKinds.IntegrationCreated ? "create" : "update", changes, new(e.Actor.Type, e.Actor.Name), e.CreatedAt);
    }
}

internal sealed record VersionActorResource(
    [property: Description("user (in the portal) or api_token (a script).")] string Type,
    [property: Description("The person's display name, or the token's label (its shown prefix when it has none).")] string Name);

/// <summary>A page of an integration's versions.</summary>
internal sealed record VersionList(IReadOnlyList<VersionResource> Data, PageMetaResource Meta)
{
    public static VersionList From(Page<EventData> page) =>
        new(page.Data.Select(VersionResource.From).ToList(), PageMetaResource.From(page.Meta));
}
