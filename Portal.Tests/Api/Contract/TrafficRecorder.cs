using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Portal.Tests.Api.Contract;

/// <summary>One request to /api and its response, as they crossed the wire.</summary>
public sealed record Exchange(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> RequestHeaders,
    byte[] RequestBody,
    int Status,
    IReadOnlyDictionary<string, string> ResponseHeaders,
    byte[] ResponseBody)
{
    public override string ToString() => $"{Method} {Path}{Query} → {Status}";
}

/// <summary>
/// Records every request under /api that reaches the test host, and its response, before the portal's own
/// middleware sees it (an <see cref="IStartupFilter"/> in front of the whole pipeline), for <see cref="ApiContract"/>.
/// </summary>
public sealed class TrafficRecorder : IStartupFilter
{
    public ConcurrentQueue<Exchange> Exchanges { get; } = new();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(RecordAsync);
        next(app);
    };

    private async Task RecordAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }

        context.Request.EnableBuffering();
        var server = context.Features.Get<IHttpResponseBodyFeature>()!;
        var original = context.Response.Body;
        var copy = new MemoryStream();
        context.Response.Body = new TeeStream(original, copy);
        try
        {
            await next(context);
            // Runs the OnStarting callbacks that add headers (Request-Id, RateLimit-*), whatever body the app left in place.
            await server.StartAsync();
        }
        finally
        {
            context.Response.Body = original;
        }

        var requestBody = await ReadRequestBodyAsync(context.Request);
        Exchanges.Enqueue(new Exchange(
            context.Request.Method,
            context.Request.Path.Value ?? "",
            context.Request.QueryString.Value ?? "",
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            requestBody,
            context.Response.StatusCode,
            context.Response.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            copy.ToArray()));
    }

    private static async Task<byte[]> ReadRequestBodyAsync(HttpRequest request)
    {
        try
        {
            request.Body.Position = 0;
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            return buffer.ToArray();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or NotSupportedException or BadHttpRequestException)
        {
            return []; // a body the server refused to read (too large, broken); its request is not judged
        }
    }

    /// <summary>Writes go to the response and to a copy.</summary>
    private sealed class TeeStream(Stream target, MemoryStream copy) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => target.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => target.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            copy.Write(buffer, offset, count);
            target.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            copy.Write(buffer.Span);
            await target.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
