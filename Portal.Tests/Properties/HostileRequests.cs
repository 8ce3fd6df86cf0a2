using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Portal.Tests.Properties;

/// <summary>Who sends a request: a credential of one of the fixture's callers, or none, or nonsense.</summary>
public enum Caller
{
    Integrator,
    OtherIntegrator,
    Tenant,

    /// <summary>An access key of an installation of the integrator's integration.</summary>
    Installation,
    Anonymous,
    Garbage,
}

/// <summary>One generated request, before the fixture's ids are filled in.</summary>
public sealed record HostileRequest(
    ApiEndpoint Endpoint,
    string Method,
    Caller Caller,
    string? GarbageAuthorization,
    IdKind IdKind,
    string HostileId,
    string Query,
    byte[]? Body,
    string? ContentType,
    IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public override string ToString()
    {
        var body = Body is null ? "(none)" : Encoding.UTF8.GetString(Body.Length > 300 ? Body[..300] : Body);
        return $"{Method} {Endpoint.Path} as {Caller} id={IdKind}:{Clip(HostileId)} query='{Clip(Query)}' type={ContentType} " +
            $"headers=[{string.Join("; ", Headers.Select(h => $"{h.Key}: {Clip(h.Value)}"))}] body={body}";
    }

    private static string Clip(string text) => text.Length > 120 ? text[..120] + "…" : text;
}

public enum IdKind
{
    Own,
    OtherIntegrators,
    Unknown,
    Hostile,
}

/// <summary>The project's own generators: hostile and merely odd requests for any row of <see cref="ApiEndpoint.All"/>.</summary>
public static class HostileRequests
{
    private static readonly string[] OtherMethods = ["HEAD", "OPTIONS", "TRACE", "PUT", "POST", "PATCH", "DELETE", "GET", "get", "Patch", "FOO", "PROPFIND"];

    private static readonly string[] Attributes = ["name", "url", "description", "cloud_id", "created_at", "updated_at", "nmae", "", "NAME", "name ", "__proto__", "constructor", "url\u0000"];

    private static readonly string[] Urls =
    [
        "https://acme.com/products/acme-plus", "http://a.example", "HTTPS://A.EXAMPLE/x", "javascript:alert(1)", "data:text/html,x",
        "//acme.com", "acme.com", "http:\\\\acme.com", "https://acme.com/a b", "https://user:pw@acme.com", "ftp://acme.com",
        "https://", "https://[::1]/", "https://xn--nxasmq6b.example/", "https://acme.com/%00", "https://acme.com:99999/",
    ];

    private static readonly string[] Numbers = ["0", "-0", "1", "1.5", "-1", "1e400", "-1e400", "1E-400", "123456789012345678901234567890", "0.0000000000000000000000000000001", "NaN", "Infinity", "01", "1.", ".5"];

    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "application/vnd.gestal+json", "application/json; charset=\"utf-8\"",
        "APPLICATION/JSON", "text/plain", "application/xml", "application/json; charset=latin1", "application/json; charset=",
        "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/json;;;", "*/*", "json", "",
        "application/json; charset=utf-8; q=\"", "application/problem+json",
    ];

    public static Arbitrary<HostileRequest> Requests() => Arb.From(Request());

    public static Gen<HostileRequest> Request() =>
        from endpoint in Gen.Elements(ApiEndpoint.All.ToArray())
        from method in Gen.Frequency((8, Gen.Constant(endpoint.Method)), (2, Gen.Elements(OtherMethods)))
        from caller in Gen.Frequency(
            (12, Gen.Constant(Caller.Integrator)), (1, Gen.Constant(Caller.OtherIntegrator)), (2, Gen.Constant(Caller.Tenant)), (2, Gen.Constant(Caller.Installation)),
            (2, Gen.Constant(Caller.Anonymous)), (2, Gen.Constant(Caller.Garbage)))
        from garbage in Authorization()
        from idKind in Gen.Elements(endpoint.MayUseOwnId ? [IdKind.Own, IdKind.Own, IdKind.OtherIntegrators, IdKind.Unknown, IdKind.Hostile] : new[] { IdKind.OtherIntegrators, IdKind.Unknown, IdKind.Hostile })
        from hostileId in PathSegment()
        from query in Gen.Frequency((endpoint.TakesQuery ? 8 : 1, Query()), (endpoint.TakesQuery ? 2 : 9, Gen.Constant("")))
        from body in Gen.Frequency((endpoint.TakesBody ? 10 : 1, Body().Select(b => (byte[]?)b)), (endpoint.TakesBody ? 1 : 9, Gen.Constant<byte[]?>(null)))
        from contentType in Gen.Frequency((6, Gen.Constant<string?>("application/json")), (4, Gen.Elements(ContentTypes).Select(t => (string?)t)), (1, Gen.Constant<string?>(null)))
        from headers in Gen.ListOf(Header(), 3)
        select new HostileRequest(endpoint, method, caller, garbage, idKind, hostileId, query, body, contentType, headers.ToList());

    /// <summary>Text as a hostile client writes it: control characters, surrogates, odd Unicode, long runs.</summary>
    public static Gen<string> Text() => Gen.Frequency(
        (4, Gen.Elements("Acme Plus", "a", "  padded  ", "Ünïcödé", "名前", "😀 emoji", "line\nbreak", "tab\there", "A", "")),
        (3, Gen.ListOf(Gen.Frequency(
            (5, Gen.Choose(0x20, 0x7E).Select(c => ((char)c).ToString())),
            (2, Gen.Choose(0, 0x1F).Select(c => ((char)c).ToString())),
            (1, Gen.Elements("\u007F", "\u0085", "\u200B", "\u202E", "\uFEFF", "\u0301", "\u2028", "\uFFFF", "😀", "\U0010FFFF"))), 12)
            .Select(parts => string.Concat(parts))),
        (1, Gen.Elements(81, 1001, 2049, 70_000).SelectMany(n => Gen.Elements("x", "é", "😀").Select(c => string.Concat(Enumerable.Repeat(c, n))))),
        (2, Gen.Elements(Urls)));

    /// <summary>A JSON string literal, with escapes JSON allows but Unicode does not (lone surrogates) now and then.</summary>
    public static Gen<string> JsonString() => Gen.Frequency(
        (6, Text().Select(Quote)),
        (2, Gen.Elements("\\uD800", "\\uDFFF", "\\uD83D", "\\uDE00x", "\\u0000", "\\uD83D\\uDE00", "\\/", "\\x41", "\\", "\\u12")
            .SelectMany(escape => Text().Select(text => "\"" + Escape(text) + escape + "\""))),
        (1, Gen.Choose(0, 0x1F).Select(c => "\"raw" + (char)c + "\"")));

    public static Gen<string> JsonValue(int depth) => depth <= 0
        ? Gen.Frequency((5, JsonString()), (2, Gen.Elements(Numbers)), (1, Gen.Elements("true", "false", "null")))
        : Gen.Frequency(
            (5, JsonString()), (2, Gen.Elements(Numbers)), (2, Gen.Elements("true", "false", "null")),
            (1, Gen.ListOf(JsonValue(depth - 1), 4).Select(items => "[" + string.Join(",", items) + "]")),
            (1, JsonObject(depth - 1)));

    public static Gen<string> JsonObject(int depth) =>
        Gen.ListOf(
            from name in Gen.Frequency((6, Gen.Elements(Attributes).Select(Quote)), (1, JsonString()))
            from value in JsonValue(depth)
            select name + ":" + value, 5)
        .Select(members => "{" + string.Join(",", members) + "}");

    public static Gen<byte[]> Body() => Gen.Frequency(
        (10, JsonObject(2).Select(Encoding.UTF8.GetBytes)),
        (1, Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 40)),
        (2, from json in JsonObject(1)
            from bad in Gen.Elements<byte[]>([0xFF], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80])
            from at in Gen.Choose(0, json.Length)
            select Encoding.UTF8.GetBytes(json[..at]).Concat(bad).Concat(Encoding.UTF8.GetBytes(json[at..])).ToArray()),
        (1, JsonObject(1).SelectMany(json => Gen.Choose(0, json.Length).Select(n => Encoding.UTF8.GetBytes(json[..n])))),
        (1, Gen.Elements(10, 100, 1000, 5000).Select(n => Encoding.UTF8.GetBytes(new string('[', n) + new string(']', n)))),
        (1, Gen.Elements("", " ", "[]", "1", "\"s\"", "null", "{}", "{\"a\":1,\"a\":2}", "{\"name\":\"A\",\"name\":\"B\"}").Select(Encoding.UTF8.GetBytes)),
        (1, JsonObject(1).Select(json => new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(json)).ToArray())));

    public static Gen<string> Query() =>
        Gen.ListOf(
            from key in Gen.Elements("page", "per_page", "page", "per_page", "sort", "q", "", "page[]", "PAGE")
            from value in Gen.Frequency(
                (4, Gen.Elements("1", "2", "0", "-1", "1000", "1001", "99999999999999999999", "1.5", "1e3", "+1", " 1", "%00", "1%00", "%ZZ", "%C0%AF", "%ED%A0%80", "", "%", "%2")),
                (3, Text().Select(Uri.EscapeDataString)))
            select key + "=" + value, 3)
        .Select(pairs => string.Join("&", pairs));

    public static Gen<string> PathSegment() => Gen.Frequency(
        (3, Text().Select(t => Uri.EscapeDataString(t.Length > 3000 ? t[..3000] : t))),
        (2, Gen.Elements("..", "%2e%2e", "%2F", "a%2Fb", "%00", "%", "%ZZ", "int_", "int_" + new string('Z', 32), "int_0000000000000000000000000000000", ".", "%20", "a/b", "int_00000000000000000000000000000000/extra", "%C0%AF", "%ED%A0%80")));

    public static Gen<string?> Authorization() => Gen.Elements<string?>(
        "Bearer", "Bearer ", "Bearer gcp_" + new string('x', 40), "Basic", "Basic !!!", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(":")),
        "Basic " + Convert.ToBase64String([0xFF, 0x3A]), "Digest x", "bearer gcp_", "Bearer a b c", new string('A', 5000), "Basic =", "Bearer \u00e9");

    public static Gen<KeyValuePair<string, string>> Header() =>
        from name in Gen.Elements("Idempotency-Key", "If-Match", "If-None-Match", "Accept", "Accept-Charset", "X-Forwarded-For", "X-Http-Method-Override", "Origin", "Range", "Expect")
        from value in Gen.Frequency(
            (3, Gen.Elements("*", "\"x\"", "W/\"x\"", "\"\"", "", "W/", "\"a\", \"b\"", ",,,", "application/json", "bytes=0-1", "100-continue", "DELETE", "null")),
            (2, Text().Select(t => new string(t.Where(c => c >= 0x20 && c < 0x7F).ToArray()))),
            (1, Gen.Elements(255, 256, 4000).Select(n => new string('k', n))))
        select KeyValuePair.Create(name, value);

    private static string Quote(string text) => "\"" + Escape(text) + "\"";

    private static string Escape(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }
}
