namespace Portal.Data.Integrations;

/// <summary>A precondition on the current state of an integration (HTTP If-Match, or the edit form's version).</summary>
public sealed class IfMatch
{
    private readonly string[] _tags;

    private IfMatch(string[] tags) => _tags = tags;

    /// <summary>The condition of an If-Match header; null when no header was sent.</summary>
    public static IfMatch? Parse(string? header)
    {
        if (header is null)
        {
            return null;
        }

        var tags = header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return new IfMatch(tags);
    }

    public static IfMatch For(IntegrationData seen) => new([seen.ETag]);

    /// <summary>Strong comparison (RFC 9110 13.1.1): a weak tag never matches.</summary>
    public bool IsSatisfiedBy(IntegrationData current) =>
        _tags.Any(tag => tag == "*" || string.Equals(tag, current.ETag, StringComparison.Ordinal));
}
