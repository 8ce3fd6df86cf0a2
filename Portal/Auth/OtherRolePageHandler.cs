using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Portal.Auth;

/// <summary>
/// A signed-in integrator or tenant who opens a page of the other role (e.g. an integrator opening Farm sites) gets
/// that page's address with the router's "Not allowed" content, not a redirect to the no-role page: the request goes
/// on to Blazor, whose AuthorizeRouteView applies the same policy and renders NotAuthorized. The API and users with
/// no portal role keep the default answers (403, or the redirect to sign in or to the no-role page).
/// </summary>
internal sealed class OtherRolePageHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var otherRolePage = authorizeResult.Forbidden
            && !context.Request.Path.StartsWithSegments("/api")
            && (context.User.IsInRole(PortalClaims.IntegratorRole) || context.User.IsInRole(PortalClaims.TenantRole));
        return otherRolePage ? next(context) : _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
