using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Api.OpenApi;
using Portal.Auth;
using Portal.Components.Shared;
using Portal.Data.Caching;

namespace Portal.Api;

/// <summary>The REST API under /api: controllers, problem details, tokens, rate limits, OpenAPI.</summary>
internal static class ApiSetup
{
    public static void AddPortalApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddControllers(options =>
            {
                options.Filters.Add<RateLimitHeadersFilter>();
                options.Filters.Add<ApiMethodFilter>();
                options.Conventions.Add(new HeadWhereGetConvention());
                // The API reads JSON bodies itself (BodyReader); a form body must never be parsed on the way in.
                options.ValueProviderFactories.RemoveType<FormValueProviderFactory>();
                options.ValueProviderFactories.RemoveType<FormFileValueProviderFactory>();
                options.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
            })
            .AddJsonOptions(options => ApiJson.Configure(options.JsonSerializerOptions))
            .ConfigureApiBehaviorOptions(options =>
            {
                // The service judges input and ApiExceptionHandler answers; MVC adds no 400s or bodies of its own.
                options.SuppressModelStateInvalidFilter = true;
                options.SuppressMapClientErrors = true;
            });
        services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions)); // the OpenAPI schemas
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(PortalSchemes.ApiToken, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(PortalPolicies.Installation, p => p
                .RequireAuthenticatedUser().RequireClaim(PortalClaims.AccessKeyId).RequireRole(PortalClaims.InstallationRole))
            .AddPolicy(PortalPolicies.AnyApiCaller, p => p
                .RequireAuthenticatedUser().RequireClaim(PortalClaims.UserId)
                .RequireRole(PortalClaims.IntegratorRole, PortalClaims.TenantRole, PortalClaims.InstallationRole));
        services.AddSingleton<ApiCredentials>();
        services.Replace(ServiceDescriptor.Singleton<IPolicyEvaluator, PortalPolicyEvaluator>());
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddSingleton<ApiRateLimits>();
        services.AddSingleton<RateLimitHeadersFilter>();
        services.AddSingleton<ApiMethodFilter>();
        services.AddPortalOpenApi();
        services.AddOutputCache();
    }

    /// <summary>Rate limits per credential and per anonymous address (<see cref="ApiRateLimits"/>), where UseRateLimiter would go.</summary>
    public static void UsePortalRateLimits(this WebApplication app)
    {
        var limits = app.Services.GetRequiredService<ApiRateLimits>();
        app.Use(next => context => limits.LimitAsync(context, next));
    }

    /// <summary>Gives every response a Request-Id header (and the log scope the same id).</summary>
    public static void UsePortalRequestIds(this WebApplication app) =>
        app.Use(next => RequestIds.Middleware(next, app.Services.GetRequiredService<ILoggerFactory>()));

    /// <summary>
    /// A GET or HEAD under /api reads the data version once (<see cref="DataVersionPin"/>): its token lookup and its
    /// read share one <c>PRAGMA data_version</c> instead of one each. Any write of this process ends the pin.
    /// </summary>
    public static void UsePortalReadPins(this WebApplication app) =>
        app.Use((context, next) =>
            ApiProblems.IsApiPath(context) && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                ? PinnedAsync(context, next)
                : next(context));

    private static async Task PinnedAsync(HttpContext context, RequestDelegate next)
    {
        using (DataVersionPin.Begin())
        {
            await next(context);
        }
    }

    /// <summary>Failures become RFC 9457 problems under /api and the error page elsewhere.</summary>
    public static void UsePortalErrorHandling(this WebApplication app)
    {
        // HEAD is answered as GET (HeadWhereGetConvention, the OpenAPI document) with the same status and headers; its
        // body goes nowhere, whoever writes it (Kestrel drops it too, the test server would not).
        app.Use((context, next) =>
        {
            if (context.Request.Method == HttpMethods.Head)
            {
                context.Response.Body = Stream.Null;
            }

            return next(context);
        });
        app.UseWhen(ApiProblems.IsApiPath, api =>
        {
            // ApiExceptionHandler (an IExceptionHandler) answers every exception under /api; this is its fallback.
            api.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandler = context => ApiProblems.WriteAsync(context, ProblemKind.ServerError, "Something went wrong on our side."),
                SuppressDiagnosticsCallback = _ => true, // ApiExceptionHandler logs what deserves it, with the request id
            });
            // Bodiless errors (an unknown path under /api, a method no action takes) get a problem body too.
            api.UseStatusCodePages(async context =>
            {
                var http = context.HttpContext;
                if (ProblemKind.ForStatus(http.Response.StatusCode) is { } kind)
                {
                    await ApiProblems.WriteAsync(http, kind, kind.Status switch
                    {
                        404 => "There is no such API endpoint. See /openapi/v1.json for the API.",
                        405 => ApiMessages.MethodNotAllowed(http.Response.Headers.Allow.ToString()),
                        _ => kind.Title + ".",
                    });
                }
            });
        });
        app.UseWhen(context => !ApiProblems.IsApiPath(context), pages =>
        {
            if (!app.Environment.IsDevelopment())
            {
                pages.UseExceptionHandler("/Error", createScopeForErrors: true);
            }

            pages.Use(DatabaseUnavailablePage.AnswerAsync);

            pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        });
    }

    public static void MapPortalApi(this WebApplication app)
    {
        // The hot reads' endpoints run their read directly, not through MVC (LeanReads); the rest are MVC actions.
        app.MapControllers().Add(endpoint => LeanReads.Apply(endpoint, app.Services));
        // The document only changes with the code: built once per process, then served from memory to anonymous callers.
        app.UseOutputCache();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous()
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
            .CacheOutput(policy => policy.Expire(TimeSpan.FromDays(365)));
    }
}
