using System.ComponentModel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portal.Api.OpenApi;
using Portal.Auth;
using Portal.Data.Installations;

namespace Portal.Api;

/// <summary>An integration's installations, as its integrator lists them (INSTALLATIONS.md).</summary>
[Description("Installations of your integrations: one per tenant's farm site. Tenants install and uninstall in the portal; integrators list them here.")]
[ApiController]
[Route("api/integrations/{integrationId}/installations")]
[Authorize(AuthenticationSchemes = PortalSchemes.ApiToken, Policy = PortalPolicies.Integrator)]
[ProblemResponse(401), ProblemResponse(403), ProblemResponse(429)]
public sealed class InstallationsController : ControllerBase
{
    [EndpointSummary("List an integration's installations, most recently updated first.")]
    [EndpointDescription("An installation is updated when it is created and when its site or its tenant is renamed; ties list the newest-created first.")]
    [HttpGet("")]
    [ProducesResponseType<InstallationList>(StatusCodes.Status200OK, "application/json")]
    [ProblemResponse(404), ProblemResponse(422)]
    [LeanRead(nameof(LeanReads.ListInstallations))]
    public async Task<IActionResult> List(string integrationId, [FromQuery] string? page, [FromQuery(Name = "per_page")] string? perPage) =>
        await LeanReads.ListInstallations(HttpContext);

    /// <summary>Every other method, behind authentication: <see cref="ApiMethodFilter"/> answers 405.</summary>
    [Route("", Order = ApiMethodFilter.CatchAllOrder)]
    [ApiExplorerSettings(IgnoreApi = true)]
    public IActionResult OtherMethods() => throw new InvalidOperationException("ApiMethodFilter answers other methods.");
}

/// <summary>GET /api/integration: the installation that the presenting access key authenticates as.</summary>
[Description("The installation an access key authenticates as, with its integration's current values.")]
[ApiController]
[Route("api/integration")]
[Authorize(AuthenticationSchemes = PortalSchemes.ApiToken, Policy = PortalPolicies.Installation)]
[ProblemResponse(401), ProblemResponse(403), ProblemResponse(429)]
public sealed class CurrentInstallationController : ControllerBase
{
    [EndpointSummary("Retrieve the installation you authenticate as (with an access key).")]
    [EndpointDescription("Authenticate with one of the installation's access keys: HTTP Basic with the key as user name and an empty password, or Bearer. API tokens are 403 here.")]
    [HttpGet("")]
    [ProducesResponseType<CurrentInstallationResource>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [LeanRead(nameof(LeanReads.GetCurrentInstallation))]
    public async Task<IActionResult> Get() => await LeanReads.GetCurrentInstallation(HttpContext);

    /// <summary>Every other method, behind authentication: <see cref="ApiMethodFilter"/> answers 405.</summary>
    [Route("", Order = ApiMethodFilter.CatchAllOrder)]
    [ApiExplorerSettings(IgnoreApi = true)]
    public IActionResult OtherMethods() => throw new InvalidOperationException("ApiMethodFilter answers other methods.");
}
