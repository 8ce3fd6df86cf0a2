using System.Text.Json;
using Portal.Api;
using Portal.Data;
using Portal.Data.Integrations;

namespace Portal.Components.Pages.Docs;

/// <summary>One problem type of the API, documented at /docs/errors#{Anchor} (the problem body's "type" links there).</summary>
internal sealed record ProblemTypeDoc(ProblemKind Kind, string When, string WhatToDo, string Detail, IReadOnlyList<ValidationError>? Errors = null)
{
    public const string ExampleRequestId = "req_8f3k2Qx7LmN0pR4sT9vW1yZa";

    private static readonly JsonSerializerOptions Indented = new(ApiJson.Options) { WriteIndented = true };

    public string Anchor => Kind.Anchor;

    public string Title => Kind.Title;

    public int Status => Kind.Status;

    public string Type => Kind.Type;

    /// <summary>An example body as the API sends it: the API's own problem record and detail, serialised the same way.</summary>
    public string ExampleBody => JsonSerializer.Serialize(
        new ApiProblem(Type, Title, Status, Detail, Errors?.Select(e => new ApiProblemError(e.Attribute, e.Code, e.Message)).ToList(), ExampleRequestId),
        Indented);
}

internal static class ProblemTypeDocs
{
    // The service's own rules judge a body without a name and with a schemeless url.
    private static readonly ValidationFailedException ExampleValidation = new(
        IntegrationRules.Check(new IntegrationInput(Field.Absent, Field.Of("acme.com/products"), Field.Absent), isCreate: true).Errors);

    public static IReadOnlyList<ProblemTypeDoc> All { get; } =
    [
        new(ProblemKind.Validation,
            "The body is well-formed JSON but breaks a rule of the integration object: a required attribute is missing, a name is too long or already used by another of your integrations, the URL is not an absolute http(s) URL, or the body names an attribute that does not exist (a typo such as nmae). Also for a page or per_page that is not a whole number of at least 1.",
            "Read errors: each entry names the attribute, a stable code (missing, invalid, too_long, taken, invalid_type, unknown_attribute) and a sentence. Fix every listed attribute and send the request again; nothing was changed.",
            ExampleValidation.Message,
            ExampleValidation.Errors),
        new(ProblemKind.MalformedRequest,
            "The request cannot be read: the body is not valid JSON, is not a JSON object, is empty on POST or PATCH, or the Idempotency-Key header is longer than 255 characters.",
            "Check that the body is a single JSON object and that your client sends what you think it sends (HTTPie: http -v shows it).",
            ApiMessages.NotJson),
        new(ProblemKind.Unauthorized,
            "No API token was sent, or the token is unknown, revoked or expired, or HTTP Basic was used with a non-empty password.",
            "Send Authorization: Bearer <token> (or HTTP Basic with the token as user name and an empty password). Create a new token on the API tokens page if yours was revoked or has expired.",
            ApiMessages.NoToken),
        new(ProblemKind.Forbidden,
            "The token is valid but its user may not do this; for example a tenant's token on an /api/integrations endpoint, which only integrators may use.",
            "Use a token created by an integrator account.",
            ApiMessages.TokenForbidden),
        new(ProblemKind.NotFound,
            "There is no integration with that cloud_id among yours. An integration that belongs to another integrator is reported the same way, so its existence is not revealed.",
            "Check the cloud_id (it starts with int_); list your integrations with GET /api/integrations.",
            new NotFoundException("integration").Message),
        new(ProblemKind.MethodNotAllowed,
            "The path exists but not with this HTTP method, e.g. PUT /api/integrations/{cloud_id} (use PATCH) or DELETE /api/integrations.",
            "Use a method listed in the response's Allow header.",
            ApiMessages.MethodNotAllowed("GET, HEAD, PATCH, DELETE")),
        new(ProblemKind.IdempotencyConflict,
            "A POST repeated an Idempotency-Key that was already used, within the last 24 hours, for a different body.",
            "Use a new key for a new request. Retry with the same key only to resend exactly the same body; the first response is then returned again with Idempotent-Replayed: true.",
            ApiMessages.IdempotencyKeyReused),
        new(ProblemKind.PreconditionFailed,
            "A PATCH or DELETE sent If-Match with an ETag that no longer matches: the integration was changed since you read it.",
            "GET the integration again, apply your change to the current version and send it with the new ETag.",
            new PreconditionFailedException().Message),
        new(ProblemKind.PayloadTooLarge,
            "The request body is over 64 KiB.",
            "Send a smaller body; an integration's attributes fit in a fraction of that.",
            ApiMessages.TooLarge),
        new(ProblemKind.UnsupportedMediaType,
            "A body was sent with a Content-Type other than application/json or application/vnd.gestal+json.",
            "Send the header Content-Type: application/json (HTTPie does with -j or --json).",
            ApiMessages.UnsupportedMediaType),
        new(ProblemKind.RateLimited,
            "The token made more requests in the current window than allowed (by default 1,200 a minute), or, without a valid token, the client's address made more anonymous requests than allowed (by default 600 a minute, pages and 401s included).",
            "Wait for the number of seconds in the Retry-After header before trying again; RateLimit-Remaining and RateLimit-Reset on every response show how close you are.",
            ApiMessages.RateLimited("token", 1200, TimeSpan.FromMinutes(1), 12)),
        new(ProblemKind.ServerError,
            "Something failed inside the portal. The body says nothing of the server's internals.",
            "Retry later. If it keeps happening, report the request_id (also in the Request-Id header) so that the failure can be found in the server's log.",
            ApiMessages.ServerError(ProblemTypeDoc.ExampleRequestId)),
        new(ProblemKind.ServiceUnavailable,
            "The portal cannot reach its database for a moment (it restarts, fails over, or the network between them drops). The portal itself is up and answers again as soon as the database is back.",
            "Wait for the number of seconds in the Retry-After header and send the request again. A POST with an Idempotency-Key is safe to repeat: if the first one went through, its answer is returned.",
            ApiMessages.DatabaseUnavailable),
    ];
}
