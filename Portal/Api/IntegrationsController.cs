using System.ComponentModel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portal.Api.OpenApi;
using Portal.Auth;
using Portal.Data.Idempotency;
using Portal.Data.Integrations;
using Portal.Data.Paging;

namespace Portal.Api;

/// <summary>
/// The seed's Integrations resource. Each action only translates HTTP into one service call; the service owns every
/// rule and <see cref="ApiExceptionHandler"/> turns its failures into problem details.
/// </summary>
[Description("Integrations: what tenants see and install. An integrator's API token creates, reads, updates, lists and deletes its own (the seed's resource).")]
[ApiController]
[Route("api/integrations")]
[Authorize(AuthenticationSchemes = PortalSchemes.ApiToken, Policy = PortalPolicies.Integrator)]
[ProblemResponse(401), ProblemResponse(403), ProblemResponse(429)]
public sealed class IntegrationsController(IntegrationService integrations, IdempotencyStore idempotency) : ControllerBase
{
    [EndpointSummary("Create an integration.")]
    [HttpPost("")]
    [ApiRequestBody(typeof(IntegrationCreate))]
    [ProducesResponseType<IntegrationResource>(StatusCodes.Status201Created, "application/json")]
    [ProblemResponse(400), ProblemResponse(409), ProblemResponse(413), ProblemResponse(415), ProblemResponse(422)]
    public async Task<IActionResult> Create(CancellationToken ct)
    {
        var body = await BodyReader.ReadObjectAsync(Request, ct);
        return await ApiResults.CreateOnceAsync(HttpContext, idempotency, User.ToActor(), body,
            () => integrations.CreateAsync(User.ToActor(), body.ToIntegrationInput(), ct), ct);
    }

    [EndpointSummary("List your integrations, newest first.")]
    [HttpGet("")]
    [ProducesResponseType<IntegrationList>(StatusCodes.Status200OK, "application/json")]
    [ProblemResponse(422)]
    [LeanRead(nameof(LeanReads.ListIntegrations))]
    public async Task<IActionResult> List([FromQuery] string? page, [FromQuery(Name = "per_page")] string? perPage) =>
        await LeanReads.ListIntegrations(HttpContext);

    [EndpointSummary("Retrieve an integration.")]
    [HttpGet("{cloudId}")]
    [ProducesResponseType<IntegrationResource>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProblemResponse(404)]
    [LeanRead(nameof(LeanReads.GetIntegration))]
    public async Task<IActionResult> Get(string cloudId) => await LeanReads.GetIntegration(HttpContext);

    [EndpointSummary("Update an integration: only the attributes sent change.")]
    [HttpPatch("{cloudId}")]
    [ApiRequestBody(typeof(IntegrationUpdate))]
    [ProducesResponseType<IntegrationResource>(StatusCodes.Status200OK, "application/json")]
    [ProblemResponse(400), ProblemResponse(404), ProblemResponse(412), ProblemResponse(413), ProblemResponse(415), ProblemResponse(422)]
    public async Task<IActionResult> Update(string cloudId, CancellationToken ct)
    {
        var body = await BodyReader.ReadObjectAsync(Request, ct);
        var ifMatch = IfMatch.Parse(Request.Headers.IfMatch);
        return ApiResults.Object(HttpContext,
            await integrations.UpdateAsync(User.ToActor(), cloudId, body.ToIntegrationInput(), ifMatch, ct));
    }

    [EndpointSummary("Delete an integration and every installation of it. It cannot be undone.")]
    [HttpDelete("{cloudId}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProblemResponse(404), ProblemResponse(412)]
    public async Task<IActionResult> Delete(string cloudId, CancellationToken ct)
    {
        await integrations.DeleteAsync(User.ToActor(), cloudId, IfMatch.Parse(Request.Headers.IfMatch), ct);
        return NoContent();
    }

    /// <summary>Every other method, behind authentication: <see cref="ApiMethodFilter"/> answers 405.</summary>
    [Route("", Order = ApiMethodFilter.CatchAllOrder)]
    [Route("{cloudId}", Order = ApiMethodFilter.CatchAllOrder)]
    [ApiExplorerSettings(IgnoreApi = true)]
    public IActionResult OtherMethods() => throw new InvalidOperationException("ApiMethodFilter answers other methods.");
}

/// <summary>GET /api/ping: 204 for any valid token (integrator or tenant) or access key, to check credentials.</summary>
[Description("Check that an API token or an access key is accepted.")]
[ApiController]
[Route("api/ping")]
[Authorize(AuthenticationSchemes = PortalSchemes.ApiToken, Policy = PortalPolicies.AnyApiCaller)]
[ProblemResponse(401), ProblemResponse(429)]
public sealed class PingController : ControllerBase
{
    [EndpointSummary("Check that a token or an access key is accepted.")]
    [HttpGet("")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [LeanRead(nameof(LeanReads.Ping))]
    public async Task<IActionResult> Ping() => await LeanReads.Ping(HttpContext);

    /// <summary>Every other method, behind authentication: <see cref="ApiMethodFilter"/> answers 405.</summary>
    [Route("", Order = ApiMethodFilter.CatchAllOrder)]
    [ApiExplorerSettings(IgnoreApi = true)]
    public IActionResult OtherMethods() => throw new InvalidOperationException("ApiMethodFilter answers other methods.");
}

/// <summary>Query values exactly as sent (model binding would keep only the first of a repeated parameter).</summary>
internal static class ApiQuery
{
    /// <summary>The value, null when absent, every value joined with a comma when the parameter was repeated.</summary>
    public static string? Value(HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var values) ? values.ToString() : null;
}

/// <summary>What a JSON body asks of an integration, attribute by attribute.</summary>
internal static class IntegrationBody
{
    public static IntegrationInput ToIntegrationInput(this JsonBody body)
    {
        var (fields, unknown) = body.Select(IntegrationInput.WritableAttributes, IntegrationInput.ReadOnlyAttributes);
        return new IntegrationInput(Get("name"), Get("url"), Get("description")) { UnknownAttributes = unknown };

        Field Get(string name) => fields.TryGetValue(name, out var field) ? field : Field.Absent;
    }
}

internal static class ApiErrors
{
    public static ApiProblemException MethodNotAllowed(string allow) =>
        new(ProblemKind.MethodNotAllowed, ApiMessages.MethodNotAllowed(allow)) { Allow = allow };
}
