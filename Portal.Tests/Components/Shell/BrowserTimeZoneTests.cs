using Portal.Components.Shared;

namespace Portal.Tests.Components.Shell;

/// <summary>What portal.timeZone reports ("&lt;offset minutes&gt; &lt;IANA name&gt;") and the zone the pages format in.</summary>
public sealed class BrowserTimeZoneTests
{
    [Fact]
    public void A_zone_the_server_knows_is_used_by_name_so_that_daylight_saving_is_right_for_every_date()
    {
        var zone = BrowserTimeZone.Parse("60 Europe/Paris");

        Assert.NotNull(zone);
        Assert.Equal("1 Jul 2001, 03:00", BrowserTimeZone.Format(new DateTime(2001, 7, 1, 1, 0, 0, DateTimeKind.Utc), zone));
        Assert.Equal("1 Jan 2001, 02:00", BrowserTimeZone.Format(new DateTime(2001, 1, 1, 1, 0, 0, DateTimeKind.Utc), zone));
    }

    [Theory]
    [InlineData("-300", "1 Jan 2001, 07:00")]
    [InlineData("330 Not/AZone", "1 Jan 2001, 17:30")]
    public void Without_a_known_name_the_current_offset_is_used(string reported, string shown)
    {
        var zone = BrowserTimeZone.Parse(reported);

        Assert.Equal(shown, BrowserTimeZone.Format(new DateTime(2001, 1, 1, 12, 0, 0, DateTimeKind.Utc), zone));
    }

    [Fact]
    public void Offset_zero_without_a_name_is_utc() => Assert.Equal(TimeZoneInfo.Utc, BrowserTimeZone.Parse("0"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("Europe/Paris")]
    [InlineData("sixty Europe/Paris")]
    public void Anything_else_is_no_zone_and_shows_utc(string? reported)
    {
        Assert.Null(BrowserTimeZone.Parse(reported));
        Assert.Equal("1 Jan 2001, 12:00 UTC", BrowserTimeZone.Format(new DateTime(2001, 1, 1, 12, 0, 0, DateTimeKind.Utc), null));
    }
}
