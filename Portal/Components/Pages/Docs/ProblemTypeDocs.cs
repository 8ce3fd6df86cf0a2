namespace Portal.Components.Pages.Docs;

/// <summary>One problem type of the API, documented at /docs/errors#{Anchor} (the problem body's "type" links there).</summary>
public sealed record ProblemTypeDoc(string Anchor, string Title, int Status, string When, string WhatToDo, string? Detail, string? Extra = null)
{
    public string Type => $"/docs/errors#{Anchor}";

    /// <summary>An example body exactly as the API sends it.</summary>
    public string ExampleBody =>
        "{\n" +
        $"  \"type\": \"{Type}\",\n" +
        $"  \"title\": \"{Title}\",\n" +
        $"  \"status\": {Status},\n" +
        (Detail is null ? "" : $"  \"detail\": \"{Detail}\",\n") +
        (Extra is null ? "" : Extra + ",\n") +
        "  \"request_id\": \"req_8f3k2Qx7LmN0pR4s\"\n" +
        "}";
}

public static class ProblemTypeDocs
{
    public static IReadOnlyList<ProblemTypeDoc> All { get; } =
    [
        new("validation", "Validation failed", 422,
            "The body is well-formed JSON but breaks a rule of the integration object: a required attribute is missing, a name is too long or already used by another of your integrations, the URL is not an absolute http(s) URL, or the body names an attribute that does not exist (a typo such as nmae). Also for a page or per_page that is not a whole number of at least 1.",
            "Read errors: each entry names the attribute, a stable code (missing, invalid, too_long, taken, invalid_type, unknown_attribute) and a sentence. Fix every listed attribute and send the request again; nothing was changed.",
            "2 attributes are invalid.",
            "  \"errors\": [\n    { \"attribute\": \"name\", \"code\": \"missing\", \"message\": \"name is required.\" },\n    { \"attribute\": \"url\", \"code\": \"invalid\", \"message\": \"url must be an absolute http or https URL.\" }\n  ]"),
        new("malformed-request", "Malformed request", 400,
            "The request cannot be read: the body is not valid JSON, is not a JSON object, is empty on POST or PATCH, or the Idempotency-Key header is longer than 255 characters.",
            "Check that the body is a single JSON object and that your client sends what you think it sends (HTTPie: http -v shows it).",
            "The body is not valid JSON."),
        new("unauthorized", "Authentication required", 401,
            "No API token was sent, or the token is unknown, revoked or expired, or HTTP Basic was used with a non-empty password.",
            "Send Authorization: Bearer <token> (or HTTP Basic with the token as user name and an empty password). Create a new token on the API tokens page if yours was revoked or has expired.",
            "A valid API token is required."),
        new("forbidden", "Not allowed", 403,
            "The token is valid but its user may not do this; for example a tenant's token on an /api/integrations endpoint, which only integrators may use.",
            "Use a token created by an integrator account.",
            "Only integrators may manage integrations."),
        new("not-found", "Not found", 404,
            "There is no integration with that cloud_id among yours. An integration that belongs to another integrator is reported the same way, so its existence is not revealed.",
            "Check the cloud_id (it starts with int_); list your integrations with GET /api/integrations.",
            "No integration was found with that id."),
        new("method-not-allowed", "Method not allowed", 405,
            "The path exists but not with this HTTP method, e.g. PUT /api/integrations/{cloud_id} (use PATCH) or DELETE /api/integrations.",
            "Use a method listed in the response's Allow header.",
            "PUT is not allowed here; use PATCH."),
        new("idempotency-conflict", "Idempotency key reused", 409,
            "A POST repeated an Idempotency-Key that was already used, within the last 24 hours, for a different body.",
            "Use a new key for a new request. Retry with the same key only to resend exactly the same body; the first response is then returned again with Idempotent-Replayed: true.",
            "This Idempotency-Key was already used with a different body."),
        new("precondition-failed", "Precondition failed", 412,
            "A PATCH or DELETE sent If-Match with an ETag that no longer matches: the integration was changed since you read it.",
            "GET the integration again, apply your change to the current version and send it with the new ETag.",
            "The integration was changed since you last read it. Reload it and apply your change again."),
        new("payload-too-large", "Payload too large", 413,
            "The request body is over 64 KiB.",
            "Send a smaller body; an integration's attributes fit in a fraction of that.",
            "The body must be at most 65536 bytes."),
        new("unsupported-media-type", "Unsupported media type", 415,
            "A body was sent with a Content-Type other than application/json or application/vnd.gestal+json.",
            "Send the header Content-Type: application/json (HTTPie does with -j or --json).",
            "Send the body as application/json."),
        new("rate-limited", "Too many requests", 429,
            "The token made more requests in the current window than allowed (by default 1,200 a minute).",
            "Wait for the number of seconds in the Retry-After header before trying again; RateLimit-Remaining and RateLimit-Reset on every response show how close you are.",
            "Too many requests; retry after 12 seconds."),
        new("server-error", "Server error", 500,
            "Something failed inside the portal. The body says nothing of the server's internals.",
            "Retry later. If it keeps happening, report the request_id (also in the Request-Id header) so that the failure can be found in the server's log.",
            "An unexpected error occurred."),
    ];
}
