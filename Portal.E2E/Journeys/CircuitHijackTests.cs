using System.Net;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using Portal.E2E.Pages;
using Portal.E2E.Support;

using Xunit.Abstractions;

namespace Portal.E2E.Journeys;

/// <summary>
/// A page on another port of the same host is the same site: the browser sends the signed-in user's SameSite=Lax
/// cookie with its WebSocket to the portal. It must get no circuit, or it could drive the Tokens page as the user.
/// </summary>
public sealed class CircuitHijackTests(BrowserFixture browser, PortalServer portal, ITestOutputHelper output)
    : PortalTest(browser, portal, output), IClassFixture<PortalServer>, IAsyncLifetime
{
    private WebApplication? _attacker;
    private string _attackerOrigin = "";

    protected override IEnumerable<string> OtherAllowedOrigins => [_attackerOrigin];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _attacker = builder.Build();
        var portalHost = new Uri(Portal.BaseUrl).Authority;
        _attacker.MapGet("/", () => Results.Content(AttackPage(portalHost), "text/html; charset=utf-8"));
        await _attacker.StartAsync();
        _attackerOrigin = _attacker.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
    }

    [Fact]
    public async Task A_page_on_another_loopback_port_cannot_start_a_circuit_with_the_users_cookie()
    {
        // The victim is signed in, and their own pages do get a circuit.
        await new DevSignInPage(Page).SignInAsync(Persona.Acme, "/tokens");
        var cookies = await Context.CookiesAsync();
        Assert.Contains(cookies, c => c.Name == "portal.session" && c.SameSite == SameSiteAttribute.Lax);

        var attack = await Context.NewPageAsync();
        await attack.GotoAsync(_attackerOrigin + "/");
        var outcome = await attack.EvaluateAsync<string>("() => window.attack");

        Assert.Equal("refused", outcome);
        await Expect(attack.GetByText("refused", new() { Exact = true })).ToBeVisibleAsync();
    }

    private static string AttackPage(string portalHost) => $$"""
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Cute pigs</title></head>
        <body><p id="out">trying</p><script>
        window.attack = new Promise((resolve) => {
          // No negotiation (it would need CORS): straight to the hub's WebSocket, as a hijacker would.
          const socket = new WebSocket('ws://{{portalHost}}/_blazor');
          let opened = false;
          const done = (what) => { document.getElementById('out').textContent = what; resolve(what); };
          socket.onopen = () => { opened = true; socket.send('{"protocol":"json","version":1}\u001e'); };
          socket.onmessage = (e) => done('circuit handshake: ' + e.data);
          socket.onerror = () => { if (!opened) done('refused'); };
          socket.onclose = () => done(opened ? 'opened, then closed' : 'refused');
        });
        </script></body></html>
        """;

    public override async Task DisposeAsync()
    {
        if (_attacker is not null)
        {
            await _attacker.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
