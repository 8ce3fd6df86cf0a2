using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Portal.Data;

namespace Portal.Api;

/// <summary>One kind of API error: its status, the anchor of its section on /docs/errors and its title.</summary>
internal sealed record ProblemKind(int Status, string Anchor, string Title)
{
    public static readonly ProblemKind Validation = new(422, "validation", "Validation failed");
    public static readonly ProblemKind MalformedRequest = new(400, "malformed-request", "Malformed request");
    public static readonly ProblemKind Unauthorized = new(401, "unauthorized", "Authentication required");
    public static readonly ProblemKind Forbidden = new(403, "forbidden", "Not allowed");
    public static readonly ProblemKind NotFound = new(404, "not-found", "Not found");
    public static readonly ProblemKind MethodNotAllowed = new(405, "method-not-allowed", "Method not allowed");
    public static readonly ProblemKind IdempotencyConflict = new(409, "idempotency-conflict", "Idempotency key reused");
    public static readonly ProblemKind PreconditionFailed = new(412, "precondition-failed", "Precondition failed");
    public static readonly ProblemKind PayloadTooLarge = new(413, "payload-too-large", "Payload too large");
    public static readonly ProblemKind UnsupportedMediaType = new(415, "unsupported-media-type", "Unsupported media type");
    public static readonly ProblemKind RateLimited = new(429, "rate-limited", "Too many requests");
    public static readonly ProblemKind ServerError = new(500, "server-error", "Server error");
    public static readonly ProblemKind ServiceUnavailable = new(503, "service-unavailable", "Service unavailable");

    public static IReadOnlyList<ProblemKind> All { get; } =
    [
        Validation, MalformedRequest, Unauthorized, Forbidden, NotFound, MethodNotAllowed, IdempotencyConflict,
        PreconditionFailed, PayloadTooLarge, UnsupportedMediaType, RateLimited, ServerError, ServiceUnavailable,
    ];

    public string Type => "/docs/errors#" + Anchor;

    public static ProblemKind? ForStatus(int status) => All.FirstOrDefault(k => k.Status == status);
}

/// <summary>
/// The details the API's own problems carry, in one place: the handlers write them and /docs/errors shows them in
/// its examples, so the page cannot drift from what the API sends.
/// </summary>
internal static class ApiMessages
{
    public const string NoToken =
        "Send an API token or an access key as \"Authorization: Bearer <secret>\" or as Basic with it as user name and an empty password.";

    public const string BadToken =
        "The API token or access key is unknown, revoked, expired or deleted, or it was not sent as Bearer or as Basic with an empty password.";

    public const string TokenForbidden =
        "This token may not do this. Only integrators' tokens manage integrations, installations and access keys; "
        + "tenants' tokens may call /api/ping.";

    public const string NotJson = "The request body is not valid JSON.";

    public const string Unreadable = "The request could not be read.";

    public const string TooLarge = "The request body is larger than 64 KiB.";

    public const string UnsupportedMediaType = "Send the body as application/json (or application/vnd.gestal+json).";

    public const string IdempotencyKeyReused =
        "This Idempotency-Key was used with a different request body. Use a new key for a new request.";

    public static string MethodNotAllowed(string allow) => $"This resource allows {allow}.";

    public static string RateLimited(string credential, int permitLimit, TimeSpan window, int retryAfterSeconds) =>
        $"This {credential} made more than {permitLimit} requests in {window.TotalSeconds:0} seconds. Retry after {retryAfterSeconds} seconds.";

    public static string AnonymousRateLimited(int permitLimit, TimeSpan window, int retryAfterSeconds) =>
        $"This address made more than {permitLimit} requests without a credential in {window.TotalSeconds:0} seconds. Retry after {retryAfterSeconds} seconds.";

    /// <summary>Retry-After when the database is unavailable: a restart or a failover takes seconds.</summary>
    public const int DatabaseUnavailableRetryAfterSeconds = 5;

    public static readonly string DatabaseUnavailable =
        $"The portal cannot reach its database just now. Retry after {DatabaseUnavailableRetryAfterSeconds} seconds; "
        + "a POST sent with an Idempotency-Key is safe to repeat.";

    public static string ServerError(string requestId) =>
        $"Something went wrong on our side. Quote the request id {requestId} if you contact us.";
}

/// <summary>A request the API refuses before any service call (its shape, its method, its headers).</summary>
internal sealed class ApiProblemException(ProblemKind kind, string detail) : Exception(detail)
{
    public ProblemKind Kind { get; } = kind;

    /// <summary>For 405: the methods the resource allows.</summary>
    public string? Allow { get; init; }
}

/// <summary>Writes every API problem body, whoever detected the problem.</summary>
internal static class ApiProblems
{
    public const string ContentType = "application/problem+json; charset=utf-8";

    public static bool IsApiPath(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    public static async Task WriteAsync(
        HttpContext context, ProblemKind kind, string detail, IReadOnlyList<ValidationError>? errors = null)
    {
        var problem = new ApiProblem(
            kind.Type,
            kind.Title,
            kind.Status,
            detail,
            errors?.Select(e => new ApiProblemError(e.Attribute, e.Code, e.Message)).ToList(),
            RequestIds.Of(context));
        context.Response.StatusCode = kind.Status;
        context.Response.ContentType = ContentType;
        await JsonSerializer.SerializeAsync(context.Response.Body, problem, ApiJson.Options, context.RequestAborted);
    }
}

/// <summary>
/// The one place that maps failures to problem details under /api: the service's <see cref="PortalException"/>s,
/// the API's own <see cref="ApiProblemException"/>s, a database that cannot be reached as a 503 with Retry-After,
/// and anything else as a 500 that says nothing of internals.
/// Pages are left to the /Error page.
/// </summary>
internal sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!ApiProblems.IsApiPath(context))
        {
            return false;
        }

        switch (exception)
        {
            case ValidationFailedException validation:
                await ApiProblems.WriteAsync(context, ProblemKind.Validation, validation.Message, validation.Errors);
                break;
            case NotFoundException notFound:
                await ApiProblems.WriteAsync(context, ProblemKind.NotFound, notFound.Message);
                break;
            case ForbiddenException forbidden:
                await ApiProblems.WriteAsync(context, ProblemKind.Forbidden, forbidden.Message);
                break;
            case PreconditionFailedException precondition:
                await ApiProblems.WriteAsync(context, ProblemKind.PreconditionFailed, precondition.Message);
                break;
            case ConflictException conflict:
                await ApiProblems.WriteAsync(context, ProblemKind.IdempotencyConflict, conflict.Message);
                break;
            case ApiProblemException problem:
                if (problem.Allow is not null)
                {
                    context.Response.Headers.Allow = problem.Allow;
                }

                await ApiProblems.WriteAsync(context, problem.Kind, problem.Message);
                break;
            case BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge:
                await ApiProblems.WriteAsync(context, ProblemKind.PayloadTooLarge, ApiMessages.TooLarge);
                break;
            case BadHttpRequestException bad: // the server could not read the request (a broken body, a bad header)
                await ApiProblems.WriteAsync(context, ProblemKind.ForStatus(bad.StatusCode) ?? ProblemKind.MalformedRequest, ApiMessages.Unreadable);
                break;
            case OperationCanceledException when context.RequestAborted.IsCancellationRequested:
                return true; // the client went away; nobody reads an answer
            case var unavailable when DatabaseFailures.IsUnavailable(unavailable):
                logger.LogWarning(unavailable, "The database is unavailable in {Method} {Path} (request {RequestId})",
                    context.Request.Method, context.Request.Path.Value, RequestIds.Of(context));
                context.Response.Headers.RetryAfter = ApiMessages.DatabaseUnavailableRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await ApiProblems.WriteAsync(context, ProblemKind.ServiceUnavailable, ApiMessages.DatabaseUnavailable);
                break;
            default:
                logger.LogError(exception, "Unhandled error in {Method} {Path} (request {RequestId})",
                    context.Request.Method, context.Request.Path.Value, RequestIds.Of(context));
                await ApiProblems.WriteAsync(context, ProblemKind.ServerError, ApiMessages.ServerError(RequestIds.Of(context)));
                break;
        }

        return true;
    }
}
