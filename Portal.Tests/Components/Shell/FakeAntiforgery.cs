using Microsoft.AspNetCore.Components.Forms;

namespace Portal.Tests.Components.Shell;

/// <summary>Lets forms with &lt;AntiforgeryToken /&gt; render outside a request (the real provider reads the HttpContext).</summary>
internal sealed class FakeAntiforgery : AntiforgeryStateProvider
{
    public const string Token = "test-antiforgery-token";

    public override AntiforgeryRequestToken? GetAntiforgeryToken() => new(Token, "__RequestVerificationToken");
}
