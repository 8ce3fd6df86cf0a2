using System.ComponentModel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portal.Api.OpenApi;
using Portal.Auth;
using Portal.Data.AccessKeys;

namespace Portal.Api;

/// <summary>Installations' access keys, which their integrator creates, lists and deletes (INSTALLATIONS.md).</summary>
[Description("Access keys authenticate as an installation. The integrator who owns the integration creates, lists and deletes them; the secret is shown once.")]
[ApiController]
[Route("api/integrations")]
[Authorize(AuthenticationSchemes = PortalSchemes.ApiToken, Policy = PortalPolicies.Integrator)]
[ProblemResponse(401), ProblemResponse(403), ProblemResponse(429)]
public sealed class AccessKeysController(AccessKeyService accessKeys) : ControllerBase
{
    private const string KeysOfInstallation = "installations/{installationId}/accesskeys";
    private const string Key = "accesskeys/{accessKeyId}";

    [EndpointSummary("Create an access key for an installation. The secret is in this answer only.")]
    [EndpointDescription("Takes no attributes: no body, or {}. Any attribute is 422 unknown_attribute.")]
    [HttpPost(KeysOfInstallation)]
    [ApiRequestBody(typeof(AccessKeyCreate), Required = false)]
    [ProducesResponseType<AccessKeyResource>(StatusCodes.Status201Created, "application/json")]
    [ProblemResponse(400), ProblemResponse(404), ProblemResponse(413), ProblemResponse(415), ProblemResponse(422)]
    public async Task<IActionResult> Create(string installationId, CancellationToken ct)
    {
        var body = await OptionalBody.ReadAsync(Request, ct);
        var created = await accessKeys.CreateAsync(User.ToActor(), installationId, OptionalBody.AttributeNames(body), ct);
        return ResourceResults.Created(HttpContext, $"/api/integrations/accesskeys/{created.Key.Id:D}", AccessKeyResource.From(created));
    }

    [EndpointSummary("List an installation's access keys, newest first (obfuscated).")]
    [HttpGet(KeysOfInstallation)]
    [ProducesResponseType<AccessKeyList>(StatusCodes.Status200OK, "application/json")]
    [ProblemResponse(404), ProblemResponse(422)]
    public async Task<IActionResult> List(
        string installationId, [FromQuery] string? page, [FromQuery(Name = "per_page")] string? perPage, CancellationToken ct)
    {
        var found = await NestedPaging.ListAsync(Request, request =>
            accessKeys.ListAsync(User.ToActor(), installationId, request, ct));
        return ResourceResults.List(HttpContext, found, AccessKeyList.From);
    }

    [EndpointSummary("Retrieve an access key (obfuscated).")]
    [HttpGet(Key)]
    [ProducesResponseType<AccessKeyResource>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProblemResponse(404)]
    public async Task<IActionResult> Get(string accessKeyId, CancellationToken ct) =>
        ResourceResults.Object(HttpContext, AccessKeyResource.From(await accessKeys.GetAsync(User.ToActor(), accessKeyId, ct)));

    [EndpointSummary("Delete an access key. It stops working at once.")]
    [HttpDelete(Key)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProblemResponse(404)]
    public async Task<IActionResult> Delete(string accessKeyId, CancellationToken ct)
    {
        await accessKeys.DeleteAsync(User.ToActor(), accessKeyId, ct);
        return NoContent();
    }

    /// <summary>Every other method, behind authentication: <see cref="ApiMethodFilter"/> answers 405.</summary>
    [Route(KeysOfInstallation, Order = ApiMethodFilter.CatchAllOrder)]
    [Route(Key, Order = ApiMethodFilter.CatchAllOrder)]
    [ApiExplorerSettings(IgnoreApi = true)]
    public IActionResult OtherMethods() => throw new InvalidOperationException("ApiMethodFilter answers other methods.");
}
