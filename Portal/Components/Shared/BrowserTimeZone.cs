using System.Globalization;
using Microsoft.JSInterop;

namespace Portal.Components.Shared;

/// <summary>Reads the browser's time zone once (portal.timeZone in portal.js) and formats timestamps in it.</summary>
public static class BrowserTimeZone
{
    /// <summary>The browser's zone, or null (shown as UTC) when it cannot be read, e.g. while prerendering.</summary>
    public static async Task<TimeZoneInfo?> ReadAsync(IJSRuntime js)
    {
        try
        {
            return Parse(await js.InvokeAsync<string?>("portal.timeZone"));
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or InvalidOperationException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// What portal.timeZone reports: "&lt;offset from UTC in minutes&gt; &lt;IANA name&gt;", the name left out when the
    /// browser has none. One string rather than an object: each circuit's JS runtime builds its own JSON contract for
    /// every type it reads, and a string's is there anyway (issue 8). Null when it is not that shape.
    /// </summary>
    public static TimeZoneInfo? Parse(string? reported)
    {
        if (string.IsNullOrWhiteSpace(reported))
        {
            return null;
        }

        var parts = reported.Split(' ', 2, StringSplitOptions.TrimEntries);
        return int.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var offsetMinutes)
            ? Resolve(parts.Length == 2 ? parts[1] : null, offsetMinutes)
            : null;
    }

    /// <summary>The named zone when the server knows it (daylight saving right for every date), else a fixed offset.</summary>
    public static TimeZoneInfo? Resolve(string? name, int offsetMinutes)
    {
        if (!string.IsNullOrEmpty(name) && TimeZoneInfo.TryFindSystemTimeZoneById(name, out var named))
        {
            return named;
        }

        if (offsetMinutes == 0)
        {
            return TimeZoneInfo.Utc;
        }

        var offset = TimeSpan.FromMinutes(Math.Clamp(offsetMinutes, -14 * 60, 14 * 60));
        // A TimeSpan format has no sign and no sections: the sign is written apart ("UTC+05:30", "UTC-05:00").
        var id = $"UTC{(offset < TimeSpan.Zero ? '-' : '+')}{offset.Duration():hh\\:mm}";
        return TimeZoneInfo.CreateCustomTimeZone(id, offset, id, id);
    }

    public static string ToIso(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Format(DateTime utc, TimeZoneInfo? zone)
    {
        var value = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        if (zone is null || zone == TimeZoneInfo.Utc)
        {
            return value.ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture) + " UTC";
        }

        return TimeZoneInfo.ConvertTimeFromUtc(value, zone).ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);
    }

}
