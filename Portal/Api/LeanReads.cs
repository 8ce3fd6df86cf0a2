using System.Reflection;
using Portal.Auth;
using Portal.Data.Installations;
using Portal.Data.Integrations;
using Portal.Data.Paging;

namespace Portal.Api;

/// <summary>
/// The hot reads (GET and HEAD of an integration, the integrations list, ping, the current installation and an
/// integration's installations), each written once here. Their controller actions stay where they are, so that the
/// OpenAPI document describes them from the same attributes as every other action, and call the same method; but
/// their endpoints run it directly (<see cref="Apply"/>): routing, authentication, authorization and the rate limiter
/// as for any endpoint, then what MVC's global filters do (the RateLimit-* headers, the exact-method check), and none
/// of MVC's invoker, filter pipeline, model binding or result executors (41 % of a cached GET by id).
/// </summary>
internal static class LeanReads
{
    private static readonly Task<ApiResult> NoContent = Task.FromResult<ApiResult>(StatusOnlyResult.NoContent);

    public static async Task<ApiResult> GetIntegration(HttpContext http) =>
        ApiResults.Object(http, await Service<IntegrationService>(http).GetAsync(
            http.User.ToActor(), RouteValue(http, "cloudId"), http.RequestAborted));

    public static async Task<ApiResult> ListIntegrations(HttpContext http) =>
        ApiResults.List(http, await Service<IntegrationService>(http).ListAsync(http.User.ToActor(),
            new IntegrationListQuery(PageRequest.Parse(ApiQuery.Value(http.Request, "page"), ApiQuery.Value(http.Request, "per_page"))),
            http.RequestAborted));

    public static Task<ApiResult> Ping(HttpContext http) => NoContent;

    public static async Task<ApiResult> GetCurrentInstallation(HttpContext http) =>
        ResourceResults.Object(http, await Service<InstallationService>(http).GetCurrentAsync(http.User.ToActor(), http.RequestAborted),
            CurrentInstallationResource.From);

    public static async Task<ApiResult> ListInstallations(HttpContext http)
    {
        var installations = Service<InstallationService>(http);
        var actor = http.User.ToActor();
        var integrationId = RouteValue(http, "integrationId");
        var found = await NestedPaging.ListAsync(http.Request, request =>
            installations.ListForIntegrationAsync(actor, integrationId, new InstallationListQuery(request), http.RequestAborted));
        return ResourceResults.List(http, found, InstallationList.From);
    }

    /// <summary>
    /// Runs the read of an action marked <see cref="LeanReadAttribute"/> as its endpoint's request delegate, after
    /// what the API's MVC filters do for every action, in their order: <see cref="RateLimitHeadersFilter"/>, then
    /// <see cref="ApiMethodFilter"/>. Failures are thrown to <see cref="ApiExceptionHandler"/>, as from an action.
    /// </summary>
    public static void Apply(EndpointBuilder endpoint, IServiceProvider services)
    {
        if (endpoint.Metadata.OfType<LeanReadAttribute>().FirstOrDefault() is not { } lean)
        {
            return;
        }

        var read = lean.Read;
        ApiRateLimits? limits = null;
        ApiMethodFilter? methods = null;
        endpoint.RequestDelegate = async http =>
        {
            (limits ??= services.GetRequiredService<ApiRateLimits>()).AddHeaders(http);
            (methods ??= services.GetRequiredService<ApiMethodFilter>()).Check(http);
            var result = await read(http);
            await result.ExecuteAsync(http);
        };
    }

    private static T Service<T>(HttpContext http)
        where T : notnull => http.RequestServices.GetRequiredService<T>();

    private static string RouteValue(HttpContext http, string name) => http.Request.RouteValues[name] as string ?? "";
}

/// <summary>The action's endpoint runs <see cref="LeanReads"/>' method of this name instead of MVC (see there).</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class LeanReadAttribute(string read) : Attribute
{
    public Func<HttpContext, Task<ApiResult>> Read { get; } =
        typeof(LeanReads).GetMethod(read, BindingFlags.Public | BindingFlags.Static)?.CreateDelegate<Func<HttpContext, Task<ApiResult>>>()
        ?? throw new InvalidOperationException($"LeanReads has no read named {read}.");
}
