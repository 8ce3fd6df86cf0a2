using System.Globalization;
using Microsoft.JSInterop;

namespace Portal.Components.Shared;

/// <summary>Reads the browser's time zone once (through LocalTime.razor.js) and formats timestamps in it.</summary>
public static class BrowserTimeZone
{
    private const string ModulePath = "./Components/Shared/LocalTime.razor.js";

    /// <summary>The browser's zone, or null (shown as UTC) when it cannot be read, e.g. while prerendering.</summary>
    public static async Task<TimeZoneInfo?> ReadAsync(IJSRuntime js)
    {
        try
        {
            await using var module = await js.InvokeAsync<IJSObjectReference>("import", ModulePath);
            var zone = await module.InvokeAsync<BrowserZone?>("timeZone");
            return zone is null ? null : Resolve(zone.Name, zone.OffsetMinutes);
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or InvalidOperationException or TaskCanceledException)
        {
            return null;
        }
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
        return TimeZoneInfo.CreateCustomTimeZone($"UTC{offset:+hh\\:mm;-hh\\:mm}", offset, null, null);
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

    /// <summary>What LocalTime.razor.js reports.</summary>
    public sealed record BrowserZone(string? Name, int OffsetMinutes);
}
