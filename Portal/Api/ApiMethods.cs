using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Portal.Api;

/// <summary>
/// 405 for every method a resource does not serve, judged after authentication as API.md orders. Each controller
/// declares a catch-all action (no HTTP method, route Order 1) beside its real ones, so that routing hands any other
/// method to the controller, behind its [Authorize], instead of answering 405 to anonymous callers. This filter then
/// refuses the catch-all and any method sent in another case ("get" is not GET: methods are case-sensitive), with an
/// Allow header naming exactly the methods of the resource's real actions.
/// </summary>
internal sealed class ApiMethodFilter(EndpointDataSource endpoints) : IResourceFilter
{
    /// <summary>The route order of the catch-all actions: after the real actions of the same route.</summary>
    public const int CatchAllOrder = 1;

    private static readonly string[] CanonicalOrder = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];
    private readonly ConcurrentDictionary<string, string> _allowByRoute = new(StringComparer.Ordinal);

    public void OnResourceExecuting(ResourceExecutingContext context) => Check(context.HttpContext);

    /// <summary>Throws the 405 (with Allow) unless the request's method is exactly one its endpoint serves.</summary>
    public void Check(HttpContext http)
    {
        if (!ApiProblems.IsApiPath(http) || http.GetEndpoint() is not RouteEndpoint endpoint)
        {
            return;
        }

        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
        if (methods is null || !methods.Contains(http.Request.Method, StringComparer.Ordinal))
        {
            throw ApiErrors.MethodNotAllowed(AllowFor(endpoint.RoutePattern.RawText ?? ""));
        }
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }

    private string AllowFor(string route) => _allowByRoute.GetOrAdd(route, r =>
    {
        var served = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText == r)
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            .Distinct(StringComparer.Ordinal)
            .OrderBy(m => Array.IndexOf(CanonicalOrder, m) is var i and >= 0 ? i : CanonicalOrder.Length)
            .ThenBy(m => m, StringComparer.Ordinal);
        return string.Join(", ", served);
    });
}

/// <summary>
/// Every action that serves GET serves HEAD too (RFC 9110: the same status and headers, no body), behind the same
/// authentication and authorization, so no controller declares it. ApiSetup sends a HEAD response's body nowhere.
/// </summary>
internal sealed class HeadWhereGetConvention : IActionModelConvention
{
    public void Apply(ActionModel action)
    {
        foreach (var selector in action.Selectors)
        {
            var constraint = selector.ActionConstraints.OfType<HttpMethodActionConstraint>().FirstOrDefault();
            if (constraint is null || !constraint.HttpMethods.Contains(HttpMethods.Get) || constraint.HttpMethods.Contains(HttpMethods.Head))
            {
                continue;
            }

            string[] methods = [.. constraint.HttpMethods, HttpMethods.Head];
            selector.ActionConstraints.Remove(constraint);
            selector.ActionConstraints.Add(new HttpMethodActionConstraint(methods));
            foreach (var metadata in selector.EndpointMetadata.OfType<HttpMethodMetadata>().ToList())
            {
                selector.EndpointMetadata.Remove(metadata);
            }

            selector.EndpointMetadata.Add(new HttpMethodMetadata(methods));
        }
    }
}
